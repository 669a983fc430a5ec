import { resolve } from 'node:path';
import { dataDir, envReader } from '../../common/config';
import { WEB_DEV_ORIGIN } from '../../common/topology';

/** The web client's registration at the provider (a public client: authorization code with PKCE, no secret). */
export const WEB_CLIENT_ID = 'prakerja-web';
/** The gateway's audience as a resource indicator (the provider wants an absolute URI); npm start gives it to the gateway as JWT_AUDIENCE. */
export const GRAPH_AUDIENCE = 'urn:prakerja:graph';
/** The scope the web client asks for the graph. */
export const GRAPH_SCOPE = 'graphql';

/** The development provider's configuration, read once. */
export function devOidcSettings(env = process.env) {
  const read = envReader(env);
  const port = read.int('DEV_OIDC_PORT', 4010, 0, 65535);
  const webOrigin = read.string('WEB_ORIGIN', WEB_DEV_ORIGIN);
  return {
    port,
    /** `iss` of every token: the gateway's JWT_ISSUER must be exactly this. */
    issuer: read.string('DEV_OIDC_ISSUER', `http://localhost:${port}`),
    webOrigin,
    accountsFile: read.string('DEV_OIDC_ACCOUNTS_FILE', resolve(dataDir(env), 'dev-accounts.json')),
    keyFile: resolve(dataDir(env), 'dev-oidc-key.json'),
    accessTokenSeconds: read.int('DEV_OIDC_ACCESS_TOKEN_SECONDS', 3600, 10, 86_400),
  };
}
export type DevOidcSettings = ReturnType<typeof devOidcSettings>;
