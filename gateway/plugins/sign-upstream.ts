import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ANONYMOUS, signInternalRequest, type Identity } from '../../common/identity';

/**
 * Signs every subgraph request with the gateway secret and the caller's verified identity. Subgraphs answer
 * nothing that is not signed, so a direct call to a subgraph, or a forged identity header, gets no data.
 */
export function useSignedUpstream(secret: string): GatewayPlugin<{ identity?: Identity }> {
  return {
    onFetch({ context, options, setOptions }) {
      const identity = (context as { identity?: Identity }).identity ?? ANONYMOUS;
      const body = typeof options.body === 'string' ? options.body : '';
      const headers = new Headers(options.headers as HeadersInit);
      for (const [key, value] of Object.entries(signInternalRequest(secret, identity, body))) headers.set(key, value);
      setOptions({ ...options, headers: Object.fromEntries(headers) });
    },
  };
}
