import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * Structured JSON logs on stdout, one object a line with its level and, inside a traced request, the trace and
 * span ids (so a line leads to its trace). Anything that looks like a NIK, family card or card number
 * (16 digits) is masked before it is written, whatever the caller passed.
 */
const SIXTEEN_DIGITS = /\b(\d{4})\d{8}(\d{4})\b/g;

export function redact(text: string): string {
  return text.replace(SIXTEEN_DIGITS, '$1********$2');
}

const LEVELS = { error: 0, warn: 1, info: 2 } as const;
type Level = keyof typeof LEVELS;

/** `PRAKERJA_LOG_LEVEL`: `silent`, `error`, `warn` or `info` (the default); read at each line, so a test may change it. */
function enabled(level: Level): boolean {
  const threshold = process.env.PRAKERJA_LOG_LEVEL ?? 'info';
  if (threshold === 'silent') return false;
  return LEVELS[level] <= (LEVELS[threshold as Level] ?? LEVELS.info);
}

/** The ids of the span active where the line is written, if it is a sampled trace's. */
function traceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getSpan(context.active())?.spanContext();
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (!enabled(level)) return;
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    service: process.env.SERVICE_NAME,
    ...traceFields(),
    message,
    ...fields,
  });
  process.stdout.write(`${redact(line)}\n`);
}

export const log = {
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};

/**
 * An error message safe to show and log: graphql-js echoes the offending variable value in coercion errors
 * (`Variable "$input" got invalid value { nik: "…" }`), which could carry a NIK, a KK or a phone number.
 * The value is dropped, and any 16-digit run left is masked.
 */
export function scrubErrorMessage(message: string): string {
  return redact(
    message
      .replace(/got invalid value [\s\S]*?(?=( at "[^"]*")?; )/g, 'got invalid value')
      .replace(/(cannot represent[^:]*value): [\s\S]*$/, '$1.'),
  );
}
