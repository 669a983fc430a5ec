import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** What a browser page on an allowed origin may send besides a GraphQL body. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-purpose', 'x-graphql-csrf-prevention', 'graphql-require-preflight'];

/**
 * Browsers may read the gateway's answers only from the configured origins (the web client's). Any other
 * origin gets no CORS headers at all, so its page cannot read an answer or pass a preflight. Tokens travel as
 * bearer headers, never cookies, so credentialed requests are not allowed either.
 */
export function corsPolicy(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false as const;
    return { origin: [origin], methods: ['GET', 'POST'], allowedHeaders: ALLOWED_HEADERS, credentials: false, maxAge: 600 };
  };
}

/** Every answer depends on the Origin header, so no shared cache may hand one origin's answer to another. */
export function useVaryOnOrigin(): GatewayPlugin {
  return {
    onResponse({ response }) {
      response.headers.append('vary', 'Origin');
    },
  };
}

/**
 * CORS headers for an answer the gateway writes itself, before the runtime (401 for a refused token, 413): without
 * them a page on an allowed origin cannot read the refusal and sees a network failure instead of "sign in again".
 */
export function corsHeadersFor(allowedOrigins: readonly string[], origin: string | null): Record<string, string> {
  const vary = { vary: 'Origin' };
  if (!origin || !allowedOrigins.includes(origin)) return vary;
  return { ...vary, 'access-control-allow-origin': origin };
}
