import { Pool } from 'pg';
import type { Identity } from '../../common/identity';

const dist = <T>(path: string): T => require(`../../dist/${path}`) as T;
const { signInternalRequest } = dist<typeof import('../../common/identity')>('common/identity');
const { readSecret } = dist<typeof import('../../common/config')>('common/config');
const { issueDevToken } = dist<typeof import('../../common/dev-token')>('common/dev-token');

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown>; path?: Array<string | number> }>;
}

export const gatewayUrl = () => process.env.TEST_GATEWAY_URL!;
export const subgraphUrl = (name: 'participants' | 'partners' | 'courses') => JSON.parse(process.env.TEST_SUBGRAPH_URLS!)[name] as string;

async function post<T>(url: string, body: string, headers: Record<string, string>): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: Partial<GraphQLResponse<T>> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // non-JSON answers (401 from a subgraph, 413) keep only their status
  }
  return { status: response.status, data: json.data ?? undefined, errors: json.errors };
}

/** Sends an operation straight to a subgraph, signed as the gateway would sign it for this identity. */
export function subgraphQuery<T = Record<string, any>>(
  name: 'participants' | 'partners' | 'courses',
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity = { role: 'admin', subject: 'test-admin', purpose: 'automated test' },
) {
  const body = JSON.stringify({ query, variables });
  return post<T>(subgraphUrl(name), body, signedHeaders(identity, body));
}

/** Headers of a JSON request to any subgraph process, signed as the gateway signs it for this identity. */
export const signedHeaders = (identity: Identity, body: string): Record<string, string> => ({
  'content-type': 'application/json',
  ...signInternalRequest(readSecret('GATEWAY_SIGNING_SECRET'), identity, body),
});

/** Sends an operation through the gateway, with a bearer token when given. */
export function gatewayQuery<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return post<T>(gatewayUrl(), JSON.stringify({ query, variables }), headers);
}

export const tokenFor = (role: 'participant' | 'analyst' | 'admin', sub = `test-${role}`) => issueDevToken({ role, sub });

let pool: Pool | undefined;
/** Direct database access for arranging fixtures and asserting invariants; closed after each test file. */
export function db(): Pool {
  if (!pool) {
    pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 4 });
    // An idle client whose server goes away (the embedded server stops at teardown) must not crash the runner.
    pool.on('error', () => undefined);
  }
  return pool;
}
export async function closeDb(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.end();
}
// Every test file that imports this module gets its own pool (jest isolates modules per file); close it with the file.
afterAll(closeDb);
