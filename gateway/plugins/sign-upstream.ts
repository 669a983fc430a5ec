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
      setOptions({ ...options, headers: withSignature(options.headers, signInternalRequest(secret, identity, body)) });
    },
  };
}

/**
 * The request's headers with the signature's set over any of the same name, whatever its case. The HTTP
 * executor hands a plain object; it is copied as it is, not through a Headers object and back.
 */
function withSignature(given: unknown, signed: Record<string, string>): Record<string, string> {
  const plain = given && typeof given === 'object' && !(given instanceof Headers) && !Array.isArray(given);
  const source = plain ? Object.entries(given as Record<string, string>) : [...new Headers(given as HeadersInit)];
  const headers: Record<string, string> = {};
  for (const [key, value] of source) if (!(key.toLowerCase() in signed)) headers[key] = value;
  return Object.assign(headers, signed);
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
