import type { NodeSDK } from '@opentelemetry/sdk-node';
import { ConfigError, envReader } from './config';
import { privacyFilteringExporter } from './telemetry-privacy';

/*
 * OpenTelemetry traces, exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set, and nothing at
 * all otherwise: no SDK, no instrumentation, no patched module (the API's calls are no-ops). Each entry point
 * calls startTelemetry before importing anything else, because the instrumentations patch `http` and `pg` as
 * they are loaded. The exporter reads the standard OTEL_EXPORTER_OTLP_* variables (endpoint, headers) and the
 * SDK the standard sampler and batching ones (OTEL_TRACES_SAMPLER, OTEL_BSP_SCHEDULE_DELAY).
 */

let sdk: NodeSDK | undefined;

/** Whether traces are exported: the gateway adds Hive's OpenTelemetry plugin only then. */
export const tracingEnabled = () => sdk !== undefined;

/**
 * Starts tracing for `service` when an OTLP endpoint is configured. A subgraph (`instrument: true`) traces its
 * incoming /graphql requests, its GraphQL execution, its SQL statements and its signed calls to other
 * subgraphs; the gateway's spans come from Hive's plugin (gateway/plugins/tracing.ts), so it instruments nothing.
 */
export function startTelemetry(service: string, options: { instrument: boolean }, env = process.env): void {
  if (sdk) return;
  const endpoint = envReader(env).optional('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!endpoint) return;
  if (!/^https?:\/\//.test(endpoint)) throw new ConfigError(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  // Loaded only when tracing is on: these packages cost start-up time and memory.
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { AsyncLocalStorageContextManager } =
    require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  sdk = new NodeSDK({
    serviceName: service,
    traceExporter: privacyFilteringExporter(new OTLPTraceExporter()),
    contextManager: new AsyncLocalStorageContextManager(),
    instrumentations: options.instrument ? subgraphInstrumentations() : [],
    // Metrics are Prometheus's (/metrics) and logs go to stdout: no OTLP metrics or logs exporter.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
}

/** Sends the spans still buffered; part of a graceful stop. */
export async function stopTelemetry(): Promise<void> {
  const stopping = sdk;
  sdk = undefined;
  await stopping?.shutdown().catch(() => undefined);
}

function subgraphInstrumentations() {
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  return [
    // Only GraphQL requests make traces: probes and scrapes would drown them.
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => !request.url?.startsWith('/graphql') }),
    // Statements only (knex sends values as parameters), never the parameter values.
    new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
    // Parse, validate and execute; one span per resolver would cost more than it tells.
    new GraphQLInstrumentation({ ignoreResolveSpans: true, allowValues: false }),
    // The signed internal calls (common/internal-client.ts go through fetch): a client span and the traceparent header.
    new UndiciInstrumentation(),
  ];
}
