import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { redact } from './logger';

/**
 * Attributes never exported: GraphQL documents (a client may write a NIK, a name or a phone number as a
 * literal argument) and URL query strings (a GET request carries its variables there).
 */
const DROPPED = new Set(['graphql.document', 'graphql.source', 'url.query', 'http.target']);
/** URL attributes kept without their query string. */
const URLS = new Set(['url.full', 'http.url']);

function scrubbed(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED.has(key)) continue;
    if (typeof value !== 'string') kept[key] = value;
    else kept[key] = redact(URLS.has(key) ? value.replace(/\?.*$/, '') : value);
  }
  return kept;
}

/**
 * Wraps the OTLP exporter so that what leaves the process holds no personal data: the attributes above are
 * dropped and every 16-digit run (NIK, family card, card number) is masked, as in the logs, in span attributes
 * and in event attributes (an exception's message).
 */
export function privacyFilteringExporter(exporter: SpanExporter): SpanExporter {
  const filtered = (span: ReadableSpan): ReadableSpan =>
    Object.create(span, {
      attributes: { value: scrubbed(span.attributes) },
      events: { value: span.events.map((event) => ({ ...event, attributes: event.attributes && scrubbed(event.attributes) })) },
    });
  return {
    export: (spans, done) => exporter.export(spans.map(filtered), done),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
