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

/** Masks 16-digit runs even inside a word: an operation name such as `Nik3171014101900001` is the client's to choose. */
const masked = (text: string) => redact(text).replace(/(\d{4})\d{8}(\d{4})/g, '$1********$2');

function scrubbed(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED.has(key)) continue;
    if (typeof value !== 'string') kept[key] = value;
    else kept[key] = masked(URLS.has(key) ? value.replace(/\?.*$/, '') : value);
  }
  return kept;
}

/**
 * Wraps the OTLP exporter so that what leaves the process holds no personal data: the attributes above are
 * dropped and every 16-digit run (NIK, family card, card number) is masked, as in the logs, in span names,
 * span attributes and event attributes (an exception's message).
 */
export function privacyFilteringExporter(exporter: SpanExporter): SpanExporter {
  const filtered = (span: ReadableSpan): ReadableSpan =>
    Object.create(span, {
      name: { value: masked(span.name) }, // span names hold the client's operation name
      attributes: { value: scrubbed(span.attributes) },
      events: { value: span.events.map((event) => ({ ...event, attributes: event.attributes && scrubbed(event.attributes) })) },
    });
  return {
    export: (spans, done) => exporter.export(spans.map(filtered), done),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
