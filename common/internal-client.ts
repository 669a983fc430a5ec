import { readSecret } from './config';
import { signInternalRequest, type Identity } from './identity';

class InternalCallError extends Error {}

/**
 * Calls another subgraph directly (not through the gateway) as a signed service. Used for the idempotent,
 * reference-keyed writes that span two subgraphs, never for reading another subgraph's tables.
 */
export function internalClient(url: string, caller: string, timeoutMs = 5_000) {
  const secret = readSecret('GATEWAY_SIGNING_SECRET');
  const identity: Identity = { role: 'service', subject: caller };
  /** `T` and `V`: the document's result and variables, as GraphQL Code Generator types them. */
  return async function call<T, V extends object = Record<string, unknown>>(query: string, variables: V = {} as V): Promise<T> {
    const body = JSON.stringify({ query, variables });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signInternalRequest(secret, identity, body) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await response.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string }> };
    if (!response.ok || json.errors?.length || !json.data) {
      throw new InternalCallError(
        `internal call to ${url} failed (${response.status}): ${json.errors?.map((e) => e.message).join('; ') ?? 'no data'}`,
      );
    }
    return json.data;
  };
}
