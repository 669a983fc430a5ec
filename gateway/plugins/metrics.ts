import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, Kind, type DocumentNode } from 'graphql';
import { Counter } from 'prom-client';
import { observeGraphqlRequest, operationLabel, registerKnownOperations, registry } from '../../common/metrics';

/** Requests refused for a spent quota (RATE_LIMITED), by kind of caller only: never whose quota it was. */
export const quotaRefusals = new Counter({
  name: 'prakerja_gateway_quota_refusals_total',
  help: 'Requests refused with RATE_LIMITED, by kind of caller (partner, person, anonymous).',
  labelNames: ['caller'],
  registers: [registry],
});

/**
 * Counts every GraphQL request the gateway answers, its latency and the codes of its errors, by operation:
 * the name of the operation the document really holds (bounded by operationLabel, the partner contract's names
 * always counted as themselves), or `invalid` for a request whose document did not parse.
 */
export function useMetrics(knownOperations: readonly string[]): GatewayPlugin {
  registerKnownOperations(knownOperations);
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, string>();
  const errorCodes = new WeakMap<Request, unknown[]>();
  return {
    onParams({ request }) {
      started.set(request, performance.now());
    },
    onParse({ context }) {
      const { request, params } = context as { request?: Request; params?: { operationName?: string | null } };
      return ({ result }) => {
        if (!request || !isDocument(result)) return;
        operations.set(request, operationLabel(getOperationAST(result, params?.operationName)?.name?.value));
      };
    },
    onResultProcess({ request, result }) {
      const errors = !Array.isArray(result) && result && typeof result === 'object' && 'errors' in result ? result.errors : undefined;
      errorCodes.set(
        request,
        (errors ?? []).map((error) => (error as { extensions?: { code?: unknown } }).extensions?.code),
      );
    },
    onResponse({ request }) {
      const start = started.get(request);
      if (start === undefined) return; // not a GraphQL request (probes, GraphiQL's page)
      observeGraphqlRequest(operations.get(request) ?? 'invalid', (performance.now() - start) / 1000, errorCodes.get(request) ?? []);
    },
  };
}

const isDocument = (value: unknown): value is DocumentNode =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === Kind.DOCUMENT;
