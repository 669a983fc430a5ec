import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Hive's OpenTelemetry plugin (on only when common/telemetry.ts started the SDK): a span for the HTTP request,
 * the GraphQL operation (parse, validate, execute), each subgraph execution and each upstream fetch, and the
 * W3C `traceparent` header on every subgraph request. That header is added as the request leaves, after
 * sign-upstream: the HMAC covers the identity, timestamp and body, not it, so signing is unaffected.
 *
 * The gateway is public, so a trace starts here whatever `traceparent` a client sends (`inheritContext:
 * false`): one trace per request, and no client can graft its requests onto another's trace.
 */
export function useTracing(): GatewayPlugin {
  const { useOpenTelemetry } = require('@graphql-hive/plugin-opentelemetry') as typeof import('@graphql-hive/plugin-opentelemetry');
  return useOpenTelemetry({
    inheritContext: false,
    propagateContext: true,
    traces: {
      // Probes and GraphiQL's page make no traces.
      spans: { http: ({ request }) => new URL(request.url).pathname === '/graphql' },
    },
  }) as GatewayPlugin;
}
