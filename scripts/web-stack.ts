import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../common/config';
import { writeDemoAccounts } from './dev-oidc/accounts';
import { devOidcSettings } from './dev-oidc/settings';
import { GRAPH_AUDIENCE } from './dev-oidc/settings';

/** How many demo participants get a provider account (the first ones with a card, then others). */
const DEMO_ACCOUNTS = 20;

/**
 * The web client's side of `npm start`: demo accounts at the development OpenID provider, the provider and the
 * web server in one process, and the gateway settings that make the gateway trust that provider's tokens (and
 * no others).
 */
export async function prepareWebStack(adminDatabaseUrl: string, gatewayPort: number, env = process.env) {
  const oidc = devOidcSettings(env);
  const client = new Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; email: string; name: string }>(
      `SELECT p.id, p.email, p.full_name AS name FROM participants.participant p
       LEFT JOIN participants.card c ON c.participant_id = p.id
       ORDER BY (c.id IS NULL), p.created_at LIMIT ${DEMO_ACCOUNTS}`,
    );
    writeDemoAccounts(oidc.accountsFile, rows);
  } finally {
    await client.end();
  }
  const gatewayEnv = {
    JWT_JWKS_URL: `http://127.0.0.1:${oidc.port}/jwks`,
    JWT_ISSUER: oidc.issuer,
    JWT_AUDIENCE: GRAPH_AUDIENCE,
  };
  const start = (): ChildProcess =>
    spawn(process.execPath, [resolve(projectRoot, 'dist/scripts/web-main.js')], {
      env: { ...process.env, ...env, WEB_GATEWAY_URL: `http://localhost:${gatewayPort}/graphql` },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  return { gatewayEnv, accountsFile: oidc.accountsFile, start };
}
