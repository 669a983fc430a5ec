import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

const { log } = require('../../dist/common/logger') as typeof import('../../common/logger');

/** The JSON lines `work` writes to stdout, parsed. */
function linesOf(work: () => void): Array<Record<string, string>> {
  const written: string[] = [];
  const original = process.stdout.write;
  process.stdout.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stdout.write;
  try {
    work();
  } finally {
    process.stdout.write = original;
  }
  return written.map((line) => JSON.parse(line));
}

describe('the JSON logger', () => {
  const previous = process.env.PRAKERJA_LOG_LEVEL;
  afterEach(() => (process.env.PRAKERJA_LOG_LEVEL = previous));

  it('writes each line with its level and keeps only those at or above PRAKERJA_LOG_LEVEL', () => {
    process.env.PRAKERJA_LOG_LEVEL = 'warn';
    const lines = linesOf(() => {
      log.info('not shown');
      log.warn('shown');
      log.error('shown too');
    });
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'shown'],
      ['error', 'shown too'],
    ]);
    process.env.PRAKERJA_LOG_LEVEL = 'silent';
    expect(linesOf(() => log.error('muted'))).toEqual([]);
  });

  it('carries the trace and span ids of the span active where it is written, and none outside one', () => {
    process.env.PRAKERJA_LOG_LEVEL = 'info';
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const span = trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 });
      const [inside] = context.with(trace.setSpan(context.active(), span), () =>
        linesOf(() => log.info('in a request', { nik: '3171014101900001' })),
      );
      expect(inside).toMatchObject({
        level: 'info',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        nik: '3171********0001',
      });
      const [outside] = linesOf(() => log.info('between requests'));
      expect(outside.traceId).toBeUndefined();
    } finally {
      context.disable();
    }
  });
});
