import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider' with { 'resolution-mode': 'import' };
import { AccountStore } from './accounts';
import { devSigningKey } from './keys';
import { SIGN_UP_PROBLEMS, signInPage, signUpPage } from './pages';
import { GRAPH_AUDIENCE, GRAPH_SCOPE, WEB_CLIENT_ID, type DevOidcSettings } from './settings';

/**
 * A development OpenID Connect provider (panva's certified oidc-provider) for the web client: authorization
 * code with PKCE only, JWT access tokens for the graph (RS256, published at /jwks, carrying the `role` claim),
 * and plain sign-in and sign-up forms. Production uses the programme's real provider instead.
 */
export async function startDevOidcProvider(settings: DevOidcSettings): Promise<{ server: Server; url: string }> {
  // oidc-provider is an ES module; this file compiles to CommonJS.
  const { default: Provider } = (await import('oidc-provider')) as typeof import('oidc-provider', {
    with: { 'resolution-mode': 'import' },
  });
  const accounts = new AccountStore(settings.accountsFile);
  const key = await devSigningKey(settings.keyFile);
  const provider = new Provider(settings.issuer, {
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${settings.webOrigin}/callback`],
        post_logout_redirect_uris: [`${settings.webOrigin}/`],
      },
    ],
    pkce: { required: () => true },
    // `screen=signup` from the app opens the sign-up form instead of the sign-in form.
    extraParams: ['screen'],
    jwks: { keys: [key as never] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'role'] },
    scopes: ['openid', 'profile'],
    ttl: { AccessToken: settings.accessTokenSeconds, IdToken: settings.accessTokenSeconds },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => GRAPH_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== GRAPH_AUDIENCE) throw new Error(`unknown resource ${resource}`);
          return { scope: GRAPH_SCOPE, audience: GRAPH_AUDIENCE, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    // The gateway reads who the person is from the access token: its subject and this role.
    extraTokenClaims: async (_ctx, token) => {
      const account = 'accountId' in token && token.accountId ? accounts.byId(String(token.accountId)) : undefined;
      return account ? { role: account.role } : {};
    },
    findAccount: async (_ctx, id) => {
      const account = accounts.byId(id);
      return account ? { accountId: id, claims: async () => ({ sub: id, name: account.name, role: account.role }) } : undefined;
    },
    // The web client is the programme's own: no consent screen, the grant covers what it asks for.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(GRAPH_AUDIENCE, GRAPH_SCOPE);
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx, origin) => origin === settings.webOrigin,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Error</title><p>${String(out.error)}: ${String(out.error_description ?? '')}</p>`;
    },
  });
  provider.proxy = false;
  const oidcCallback = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method === 'GET') {
      const signUp = action === 'signup' || (action === 'show' && details.params.screen === 'signup');
      return html(signUp ? signUpPage(uid) : signInPage(uid));
    }
    const form = new URLSearchParams(await readBody(req));
    const login = form.get('login') ?? '';
    const password = form.get('password') ?? '';
    if (action === 'login') {
      const account = accounts.authenticate(login, password);
      if (!account) return html(signInPage(uid, 'E-mail atau kata sandi salah'));
      return provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
    }
    if (action === 'signup') {
      const created = accounts.signUp(login, password);
      if (typeof created === 'string') return html(signUpPage(uid, SIGN_UP_PROBLEMS[created]));
      return provider.interactionFinished(req, res, { login: { accountId: created.id } }, { mergeWithLastSubmission: false });
    }
    res.writeHead(404).end();
  };

  const server = createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|signup))?$/.exec(req.url ?? '');
    if (!match) return void oidcCallback(req, res);
    interaction(req, res, match[1], match[2] ?? 'show').catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Sign-in could not continue: ${error instanceof Error ? error.message : String(error)}. Start again from the app.`);
    });
  });
  await new Promise<void>((resolve) => server.listen(settings.port, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  return { server, url: `http://localhost:${port}` };
}

async function readBody(req: IncomingMessage, limit = 10_000): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('form too large');
  }
  return body;
}
