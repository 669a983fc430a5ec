import { createGatewayRuntime, type GatewayConfigBase } from '@graphql-hive/gateway-runtime';
import type { GatewayConfig } from './config';
import { corsPolicy, useVaryOnOrigin } from './cors';
import { ExactPathPattern } from './exact-path-pattern';
import type { GatewayContext } from './context';
import { runtimeLogger } from './log-writer';
import { maskError } from './mask-error';
import { tracingEnabled } from '../common/telemetry';
import { useErrorHygiene } from './plugins/error-hygiene';
import { useMetrics } from './plugins/metrics';
import { useOperationLimits } from './plugins/operation-limits';
import { useParsedBody } from './plugins/parsed-body';
import { useRequestErrorCodes } from './plugins/request-error-codes';
import { useSignedUpstream } from './plugins/sign-upstream';
import { useTracing } from './plugins/tracing';
import { loadPartnerDocuments, loadWebDocuments, useTrustedDocuments } from './plugins/trusted-documents';
import { useRateLimit } from './rate-limit/plugin';
import type { QuotaStore } from './rate-limit/store';
import { loadSupergraph } from './supergraph';

/** Hive Gateway runtime over the committed supergraph: query planning, masking, upstream timeouts. */
export function createRuntime(config: GatewayConfig, quotaStore: QuotaStore) {
  return withoutTerminationHandlers(() => runtimeOf(config, quotaStore));
}

function runtimeOf(config: GatewayConfig, quotaStore: QuotaStore) {
  const partnerDocuments = loadPartnerDocuments();
  const webDocuments = { documents: loadWebDocuments(), required: config.webDocumentsOnly };
  return createGatewayRuntime<GatewayContext>({
    supergraph: loadSupergraph(config.subgraphUrls),
    // A native addon, loaded only when asked for (bench/gateway-direct.ts compares both planners).
    ...(config.queryPlanner === 'rust' ? { unifiedGraphHandler: rustPlanner() } : {}),
    graphqlEndpoint: '/graphql',
    fetchAPI: { URLPattern: ExactPathPattern as unknown as NonNullable<GatewayConfigBase<GatewayContext>['fetchAPI']>['URLPattern'] },
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/readiness',
    landingPage: false,
    graphiql: config.introspection ? { title: 'Prakerja Graph' } : false,
    // GraphiQL's scripts and styles come from the installed package, not a CDN, so it works offline. The
    // package is 9 MB of JavaScript: loaded only where GraphiQL is served, its page rendered once.
    renderGraphiQL: config.introspection ? graphiqlPage() : undefined,
    cors: corsPolicy(config.corsOrigins),
    // Internal errors become "Unexpected error."; errors that resolvers throw on purpose keep their code; a
    // subgraph that cannot be reached costs its fields with SUBGRAPH_UNAVAILABLE.
    maskedErrors: { maskError },
    upstreamTimeout: config.upstreamTimeoutMs,
    // The HTTP executor merges identical in-flight subgraph queries (URL, method and body) by default. Every
    // answer here depends on who asks, and the caller's signed identity is attached after that key is made
    // (sign-upstream's onFetch): merged, one caller receives another's answer. Each request travels alone.
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    // Clients never learn which subgraph answered.
    subgraphErrors: { errorCode: false, subgraphNameProp: false },
    disableIntrospection: config.introspection ? undefined : { disableIf: () => true },
    logging: runtimeLogger(config.silent),
    // Browsers cannot send a cross-site request with this header or a JSON content type without a preflight.
    csrfPrevention: { requestHeaders: ['x-graphql-csrf-prevention', 'graphql-require-preflight'] },
    // Batched (array) bodies are refused: one operation per request, so limits and quotas cannot be split.
    batching: false,
    plugins: () => [
      useParsedBody(),
      ...(tracingEnabled() ? [useTracing()] : []),
      useMetrics(partnerDocuments.names),
      useVaryOnOrigin(),
      useRequestErrorCodes(),
      useTrustedDocuments(partnerDocuments, webDocuments),
      useErrorHygiene({ suggestions: config.fieldSuggestions }),
      useOperationLimits(config.limits),
      useRateLimit(quotaStore, config.rateLimits),
      useSignedUpstream(config.signingSecret),
    ],
  });
}

/**
 * The runtime registers SIGINT/SIGTERM handlers that dispose it when its disposable stack is made (Yoga's
 * disposeOnProcessTerminate, fixed to true by the runtime), aborting every request in flight with
 * SHUTTING_DOWN. The stack is made here and the handlers added meanwhile are removed: the server drains first
 * and disposes the runtime after (gateway/server.ts). They are registered once per process, so later runtimes
 * add none.
 */
function withoutTerminationHandlers<T extends { disposableStack: unknown }>(create: () => T): T {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = signals.map((signal) => new Set(process.listeners(signal)));
  const runtime = create();
  void runtime.disposableStack;
  signals.forEach((signal, i) => {
    for (const listener of process.listeners(signal)) if (!before[i].has(listener)) process.removeListener(signal, listener);
  });
  return runtime;
}

function rustPlanner() {
  return (require('@graphql-hive/router-runtime') as typeof import('@graphql-hive/router-runtime')).unifiedGraphHandler;
}

function graphiqlPage(): (options?: object) => string {
  const { renderGraphiQL } = require('@graphql-yoga/render-graphiql') as typeof import('@graphql-yoga/render-graphiql');
  const pages = new Map<string, string>();
  return (options) => {
    const key = JSON.stringify(options ?? {});
    if (!pages.has(key)) pages.set(key, renderGraphiQL(options));
    return pages.get(key)!;
  };
}
