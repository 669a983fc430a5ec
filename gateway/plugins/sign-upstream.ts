import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ANONYMOUS, signInternalRequest, type Identity } from '../../common/identity';

/**
 * Signs every subgraph request with the gateway secret and the caller's verified identity. Subgraphs answer
 * nothing that is not signed, so a direct call to a subgraph, or a forged identity header, gets no data.
 */
export function useSignedUpstream(secret: string): GatewayPlugin<{ identity?: Identity }> {
  return {
    onFetch({ context, options, setOptions }) {
      const identity = { ...((context as { identity?: Identity }).identity ?? ANONYMOUS), ...requestFacts(context as RequestContext) };
      const body = typeof options.body === 'string' ? options.body : '';
      const headers = new Headers(options.headers as HeadersInit);
      for (const [key, value] of Object.entries(signInternalRequest(secret, identity, body))) headers.set(key, value);
      setOptions({ ...options, headers: Object.fromEntries(headers) });
    },
  };
}

interface RequestContext {
  params?: { operationName?: string | null; query?: string };
  request?: Request;
}

/** What the access record of a personal-data read keeps about the request: the operation's name and the declared purpose. */
function requestFacts(context: RequestContext): Pick<Identity, 'operation' | 'purpose'> {
  const named =
    context.params?.operationName ??
    // Comment lines may come first: every partner contract document opens with one.
    /^(?:\s*#[^\n]*\n)*\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(context.params?.query ?? '')?.[1];
  const purpose = context.request?.headers
    .get('x-purpose')
    ?.replace(/[^\p{L}\p{N} .,:;/_()-]/gu, '')
    .trim()
    .slice(0, 200);
  return { ...(named ? { operation: named.slice(0, 100) } : {}), ...(purpose ? { purpose } : {}) };
}
