/**
 * Structured JSON logs on stdout. Anything that looks like a NIK, family card or card number (16 digits)
 * is masked before it is written, whatever the caller passed.
 */
const SIXTEEN_DIGITS = /\b(\d{4})\d{8}(\d{4})\b/g;

export function redact(text: string): string {
  return text.replace(SIXTEEN_DIGITS, '$1********$2');
}

function write(level: string, message: string, fields: Record<string, unknown> = {}): void {
  if (process.env.PRAKERJA_LOG_LEVEL === 'silent') return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, service: process.env.SERVICE_NAME, message, ...fields });
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
