import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Identity } from '../common/identity';
import type { GatewayConfig } from './config';
import { useRequestErrorCodes } from './plugins/request-error-codes';
import { useSignedUpstream } from './plugins/sign-upstream';
import { loadSupergraph } from './supergraph';

/** Hive Gateway runtime over the committed supergraph: query planning, masking, upstream timeouts. */
export function createRuntime(config: GatewayConfig) {
  return createGatewayRuntime<{ identity: Identity }>({
    supergraph: loadSupergraph(config.subgraphUrls),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/readiness',
    landingPage: false,
    graphiql: config.introspection ? { title: 'Prakerja Graph' } : false,
    // Internal errors become "Unexpected error."; errors that resolvers throw on purpose keep their code.
    maskedErrors: true,
    upstreamTimeout: config.upstreamTimeoutMs,
    // Clients never learn which subgraph answered.
    subgraphErrors: { errorCode: false, subgraphNameProp: false },
    disableIntrospection: config.introspection ? undefined : { disableIf: () => true },
    logging: process.env.PRAKERJA_LOG_LEVEL === 'silent' ? false : 'warn',
    plugins: () => [useSignedUpstream(config.signingSecret), useRequestErrorCodes()],
  });
}
export type GatewayRuntime = ReturnType<typeof createRuntime>;
