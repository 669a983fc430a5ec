import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { GatewayConfig } from './config';
import { corsPolicy, useVaryOnOrigin } from './cors';
import type { GatewayContext } from './context';
import { runtimeLogger } from './log-writer';
import { useErrorHygiene } from './plugins/error-hygiene';
import { useOperationLimits } from './plugins/operation-limits';
import { useRequestErrorCodes } from './plugins/request-error-codes';
import { useSignedUpstream } from './plugins/sign-upstream';
import { loadPartnerDocuments, loadWebDocuments, useTrustedDocuments } from './plugins/trusted-documents';
import { useRateLimit } from './rate-limit/plugin';
import type { QuotaStore } from './rate-limit/store';
import { loadSupergraph } from './supergraph';

/** Hive Gateway runtime over the committed supergraph: query planning, masking, upstream timeouts. */
export function createRuntime(config: GatewayConfig, quotaStore: QuotaStore) {
  const partnerDocuments = loadPartnerDocuments();
  const webDocuments = { documents: loadWebDocuments(), required: config.webDocumentsOnly };
  return createGatewayRuntime<GatewayContext>({
    supergraph: loadSupergraph(config.subgraphUrls),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/readiness',
    landingPage: false,
    graphiql: config.introspection ? { title: 'Prakerja Graph' } : false,
    // GraphiQL's scripts and styles come from the installed package, not a CDN, so it works offline. The
    // package is 9 MB of JavaScript: loaded only where GraphiQL is served, its page rendered once.
    renderGraphiQL: config.introspection ? graphiqlPage() : undefined,
    cors: corsPolicy(config.corsOrigins),
    // Internal errors become "Unexpected error."; errors that resolvers throw on purpose keep their code.
    maskedErrors: true,
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

function graphiqlPage(): (options?: object) => string {
  const { renderGraphiQL } = require('@graphql-yoga/render-graphiql') as typeof import('@graphql-yoga/render-graphiql');
  const pages = new Map<string, string>();
  return (options) => {
    const key = JSON.stringify(options ?? {});
    if (!pages.has(key)) pages.set(key, renderGraphiQL(options));
    return pages.get(key)!;
  };
}
