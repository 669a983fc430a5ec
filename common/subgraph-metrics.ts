import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { observeGraphqlRequest, operationLabel } from './metrics';

/**
 * Counts each GraphQL request a subgraph answers, its latency and its errors by code, under the operation's
 * name (the gateway's query plan names them after the client's operation; bounded by operationLabel).
 */
export function metricsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      let operation: string | null | undefined = request.operationName;
      return {
        async didResolveOperation({ operationName }) {
          operation = operationName;
        },
        async willSendResponse({ response, errors }) {
          const single = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const codes = (single ?? errors ?? []).map((error) => error.extensions?.code);
          observeGraphqlRequest(operationLabel(operation), (performance.now() - started) / 1000, codes);
        },
      };
    },
  };
}
