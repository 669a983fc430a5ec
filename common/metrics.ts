import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { envReader } from './config';

/*
 * Prometheus metrics of this process, served at /metrics on a port of their own (`<PROCESS>_METRICS_PORT`),
 * never on the GraphQL port: the gateway's is public, and a subgraph's answers only the gateway. Labels hold
 * nothing a client wrote except bounded operation names (operationLabel), and nothing about a person.
 */

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'prakerja_process_' });

/** The port `<NAME>_METRICS_PORT` of a process (`gateway`, `participants`, …): unset, the process serves no metrics. */
export function metricsPortOf(processName: string, env = process.env): number | undefined {
  const name = `${processName.toUpperCase()}_METRICS_PORT`;
  return envReader(env).optional(name) === undefined ? undefined : envReader(env).int(name, 0, 0, 65535);
}

/** Serves GET /metrics (and nothing else) on `port`, every series labelled with the process's `service`. */
export async function startMetricsServer(service: string, port: number): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  registry.setDefaultLabels({ service });
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://metrics').pathname !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`metrics port ${port} is in use (${service})`) : error),
    );
    server.listen(port, '0.0.0.0', resolve);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const graphqlRequests = new Counter({
  name: 'prakerja_graphql_requests_total',
  help: 'GraphQL requests answered, by operation name (bounded: see operationLabel).',
  labelNames: ['operation'],
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: 'prakerja_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to its answer, by operation name.',
  labelNames: ['operation'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: 'prakerja_graphql_errors_total',
  help: 'Errors in GraphQL answers, by operation name and error code.',
  labelNames: ['operation', 'code'],
  registers: [registry],
});

/** Records one answered GraphQL request. */
export function observeGraphqlRequest(operation: string, seconds: number, errorCodes: readonly unknown[]): void {
  graphqlRequests.inc({ operation });
  graphqlDuration.observe({ operation }, seconds);
  for (const code of errorCodes) graphqlErrors.inc({ operation, code: codeLabel(code) });
}

/** Operation names a process always labels as themselves (the partner contract's, at the gateway). */
const known = new Set<string>();
/** Other names labelled as themselves, first come, up to CAP; beyond it they count as `other`. */
const seen = new Set<string>();
const CAP = 100;

export function registerKnownOperations(names: Iterable<string>): void {
  for (const name of names) known.add(name);
}

/**
 * The label of a client-chosen operation name. Known names are themselves; others too while fewer than CAP
 * have been seen, if they look like a name a program chose (a GraphQL name of at most 64 characters without a
 * run of five digits, where a NIK, card or phone number would hide); anything else is `other`, and an
 * operation without a name `anonymous`. So a client sending random names adds at most CAP series.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (known.has(name) || seen.has(name)) return name;
  if (seen.size >= CAP || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) || /\d{5}/.test(name)) return 'other';
  seen.add(name);
  return name;
}

/** Error codes are the servers' (RATE_LIMITED, FORBIDDEN…); anything not shaped like one counts as `OTHER`. */
function codeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : code === undefined ? 'NONE' : 'OTHER';
}
