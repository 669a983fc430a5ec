import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GatewayContext } from '../context';

/** A JSON request body, parsed once by the HTTP front: what the runtime would parse again from a stream. */
export type ParsedBody = Record<string, unknown>;

/**
 * The front has read the body (bounded) to check a partner's signature; for a JSON POST whose body is an object
 * it parses it once and hands the runtime a bodiless request with the parsed parameters beside it. Without
 * this, Yoga would pipe the same bytes through a size-limiting stream into a second Request and parse them
 * again. Every other body (not JSON, malformed, an array, a scalar) takes the runtime's own path and errors.
 */
export function parsedBody(method: string, contentType: string | null, body: Buffer): ParsedBody | undefined {
  if (method !== 'POST' || !contentType?.toLowerCase().startsWith('application/json') || !body.length) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ParsedBody) : undefined;
  } catch {
    return undefined;
  }
}

export function useParsedBody(): GatewayPlugin<GatewayContext> {
  return {
    onRequestParse({ serverContext, setRequestParser }) {
      const params = (serverContext as GatewayContext).parsedBody;
      if (params) setRequestParser(() => params);
    },
  };
}
