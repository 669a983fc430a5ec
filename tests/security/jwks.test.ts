import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { codeOf, post, startGateway } from './support';

const { readSecret } = require('../../dist/common/config') as typeof import('../../common/config');
const { loadGatewayConfig } = require('../../dist/gateway/config') as typeof import('../../gateway/config');

/** Production authentication: RS256/ES256 tokens from an identity provider, verified against its JWKS. */
const ISSUER = 'https://sso.prakerja.example.id/';
const AUDIENCE = 'prakerja-graph';
/** Short in this test so a rotation is seen quickly; production keeps jose's 30 s. */
const COOLDOWN_MS = 200;
const ADMIN_ONLY = `{ participants(first: 1) { totalCount } }`;

interface SigningKey {
  kid: string;
  alg: 'ES256' | 'RS256';
  privateKey: KeyLike;
  jwk: JWK;
}
async function signingKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const now = () => Math.floor(Date.now() / 1000);
function token(key: SigningKey, options: { iss?: string; aud?: string; exp?: number | null; kid?: string; role?: string } = {}) {
  const jwt = new SignJWT({ role: options.role ?? 'admin' })
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
    .setSubject('sso-staff-0042')
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt();
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now() + 600);
  return jwt.sign(key.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const asBearer = (t: string, url: string) => post(ADMIN_ONLY, {}, { authorization: `Bearer ${t}` }, url);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The identity provider's JWKS endpoint: serves whatever `keys` holds now and counts fetches. */
const provider = { keys: [] as JWK[], fetches: 0, url: '' };
let server: Server;
let es: SigningKey;
let rs: SigningKey;
let gateway: Awaited<ReturnType<typeof startGateway>>;

// JWT_SECRET is blanked and NODE_ENV is production: JWKS mode must not need the HS256 secret.
const jwksEnv = (cooldownMs: number) => ({
  NODE_ENV: 'production',
  JWT_SECRET: '',
  JWT_JWKS_URL: provider.url,
  JWT_ISSUER: ISSUER,
  JWT_AUDIENCE: AUDIENCE,
  JWT_JWKS_COOLDOWN_MS: String(cooldownMs),
});

beforeAll(async () => {
  [es, rs] = await Promise.all([signingKey('ES256', 'es-2024-1'), signingKey('RS256', 'rs-2024-1')]);
  provider.keys = [es.jwk, rs.jwk];
  server = createServer((_req, res) => {
    provider.fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: provider.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  gateway = await startGateway(jwksEnv(COOLDOWN_MS));
});
afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('JWKS authentication (production)', () => {
  it('starts without JWT_SECRET but refuses to start without the provider issuer', () => {
    const env = { ...process.env, ...jwksEnv(COOLDOWN_MS), GATEWAY_SIGNING_SECRET: 's'.repeat(32) };
    const jwt = loadGatewayConfig(env).jwt;
    expect([jwt.secret, jwt.algorithms, jwt.issuer]).toEqual([undefined, ['RS256', 'ES256'], ISSUER]);
    expect(() => loadGatewayConfig({ ...env, JWT_ISSUER: '' })).toThrow(/JWT_ISSUER/);
  });

  it('refuses to start in production with a JWKS URL that is plain http off the loopback, or not a URL', () => {
    const env = { ...process.env, ...jwksEnv(COOLDOWN_MS), GATEWAY_SIGNING_SECRET: 's'.repeat(32) };
    expect(() => loadGatewayConfig({ ...env, JWT_JWKS_URL: 'http://keys.example.id/.well-known/jwks.json' })).toThrow(/https/);
    expect(() => loadGatewayConfig({ ...env, JWT_JWKS_URL: 'ftp://keys.example.id/jwks.json' })).toThrow(/https/);
    expect(() => loadGatewayConfig({ ...env, JWT_JWKS_URL: 'keys.example.id' })).toThrow(/not a URL/);
    expect(loadGatewayConfig({ ...env, JWT_JWKS_URL: 'https://keys.example.id/.well-known/jwks.json' }).jwt.jwksUrl).toMatch(/^https:/);
    // Development may fetch keys from a test provider anywhere.
    expect(loadGatewayConfig({ ...env, NODE_ENV: 'development', JWT_JWKS_URL: 'http://keys.example.id/jwks.json' }).jwt.jwksUrl).toMatch(
      /^http:/,
    );
  });

  it('accepts an ES256 and an RS256 admin token signed by keys in the JWKS', async () => {
    for (const key of [es, rs]) {
      const res = await asBearer(await token(key), gateway.url);
      expect([key.alg, res.status, res.json.errors]).toEqual([key.alg, 200, undefined]);
      expect(typeof res.json.data?.participants.totalCount).toBe('number');
    }
  });

  it('answers the same UNAUTHENTICATED (401) for every bad token', async () => {
    const impostor = await signingKey('ES256', es.kid); // same kid, a key the provider never published
    const devSecret = new TextEncoder().encode(readSecret('JWT_SECRET'));
    const hs256 = (secret: Uint8Array) =>
      new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'HS256', kid: es.kid })
        .setSubject('sso-staff-0042')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime(now() + 600)
        .sign(secret);
    const bad: Record<string, string> = {
      hs256DevSecret: await hs256(devSecret),
      // Algorithm confusion: HMAC keyed with the published public key.
      hs256PublicKey: await hs256(new TextEncoder().encode(JSON.stringify(es.jwk))),
      algNone: `${b64({ alg: 'none', typ: 'JWT', kid: es.kid })}.${b64({ role: 'admin', sub: 'sso-staff-0042', iss: ISSUER, aud: AUDIENCE, exp: now() + 600 })}.`,
      otherKeySameKid: await token(impostor),
      esHeaderRsKid: await token(es, { kid: rs.kid }),
      expired: await token(rs, { exp: now() - 60 }),
      wrongIssuer: await token(es, { iss: 'https://evil.example/' }),
      wrongAudience: await token(rs, { aud: 'another-api' }),
      missingExp: await token(es, { exp: null }),
      notAPersonRole: await token(es, { role: 'service' }),
    };
    const answers = await Promise.all(Object.entries(bad).map(async ([name, t]) => [name, await asBearer(t, gateway.url)] as const));
    for (const [name, res] of answers) {
      expect([name, res.status, codeOf(res), res.json.data]).toEqual([name, 401, 'UNAUTHENTICATED', undefined]);
    }
    expect(new Set(answers.map(([, res]) => res.json.errors?.[0].message))).toEqual(new Set(['Invalid or expired credentials']));
    // The same keys still work: the refusals above were about the tokens, not the provider.
    expect((await asBearer(await token(es), gateway.url)).status).toBe(200);
  });

  it('accepts a rotated key once the provider publishes it, and refuses the removed one', async () => {
    expect((await asBearer(await token(es), gateway.url)).status).toBe(200); // JWKS cached
    const next = await signingKey('ES256', 'es-2024-2');
    provider.keys = [next.jwk, rs.jwk];
    // The last fetch finished before the response above; after the cooldown an unknown kid refetches.
    await sleep(COOLDOWN_MS + 50);
    const before = provider.fetches;
    const rotated = await asBearer(await token(next), gateway.url);
    expect([rotated.status, rotated.json.errors]).toEqual([200, undefined]);
    expect(typeof rotated.json.data?.participants.totalCount).toBe('number');
    expect(provider.fetches).toBe(before + 1);
    const removed = await asBearer(await token(es), gateway.url);
    expect([removed.status, codeOf(removed)]).toEqual([401, 'UNAUTHENTICATED']);
    provider.keys = [es.jwk, rs.jwk];
  });

  it('does not let tokens with made-up kids hammer the provider (default cooldown)', async () => {
    const defaults = await startGateway({ ...jwksEnv(COOLDOWN_MS), JWT_JWKS_COOLDOWN_MS: '' });
    try {
      const before = provider.fetches;
      for (let i = 0; i < 5; i += 1) {
        const stranger = await signingKey('ES256', `made-up-${i}`);
        expect((await asBearer(await token(stranger), defaults.url)).status).toBe(401);
      }
      // One fetch to load the set; every later unknown kid falls within the 30 s cooldown.
      expect(provider.fetches).toBe(before + 1);
    } finally {
      await defaults.close();
    }
  });
});
