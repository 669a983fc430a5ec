import { Agent, request } from 'node:http';
import { readSecret } from './config';
import { signInternalRequest, type Identity } from './identity';

class InternalCallError extends Error {}

/**
 * Calls another subgraph directly (not through the gateway) as a signed service. Used for the idempotent,
 * reference-keyed writes that span two subgraphs, never for reading another subgraph's tables.
 * Plain node:http on kept-alive sockets: on the purchase path (four calls per purchase) fetch's web streams
 * cost more CPU than the call itself.
 */
export function internalClient(url: string, caller: string, timeoutMs = 5_000) {
  const secret = readSecret('GATEWAY_SIGNING_SECRET');
  const identity: Identity = { role: 'service', subject: caller };
  const target = new URL(url);
  // Idle sockets are closed here after 30 s, before the receiving server's 65 s keep-alive timeout could close
  // one under a new request.
  const agent = new Agent({ keepAlive: true, timeout: 30_000 });
  /** `T` and `V`: the document's result and variables, as GraphQL Code Generator types them. */
  return async function call<T, V extends object = Record<string, unknown>>(query: string, variables: V = {} as V): Promise<T> {
    const body = JSON.stringify({ query, variables });
    const { status, text } = await post(target, agent, body, () => signInternalRequest(secret, identity, body), timeoutMs);
    let json: { data?: T; errors?: Array<{ message: string }> } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      // not JSON: reported below as "no data"
    }
    if (status !== 200 || json.errors?.length || !json.data) {
      throw new InternalCallError(
        `internal call to ${url} failed (${status}): ${json.errors?.map((e) => e.message).join('; ') ?? 'no data'}`,
      );
    }
    return json.data;
  };
}

/**
 * One POST; a kept-alive socket that the other side had closed (ECONNRESET before any answer) is retried once
 * on a fresh one, as Node documents for reused sockets: every internal call is idempotent.
 */
function post(target: URL, agent: Agent, body: string, headers: () => Record<string, string>, timeoutMs: number, retried = false) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers() },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) resolve(post(target, agent, body, headers, timeoutMs, true));
      else reject(error);
    });
    req.end(body);
  });
}
