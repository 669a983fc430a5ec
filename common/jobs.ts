import { log } from './logger';

/** A background job started by everyInterval. */
export interface Job {
  /** No further runs; resolves once the run in progress (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `unit` now and then every `intervalMs`, never two runs at once (a tick that finds a run in progress is
 * skipped); a failure is logged and the next tick tries again. A run may return how many things it did, which
 * is logged when not zero. `stop()` is for shutdown: it cancels the timer, aborts the signal handed to the run
 * in progress (a long run checks it between its own steps) and waits for that run, so work stops between
 * units, never in the middle of one.
 */
export function everyInterval(name: string, intervalMs: number, unit: (signal: AbortSignal) => Promise<number | void>): Job {
  const stopping = new AbortController();
  let current: Promise<void> | undefined;
  const run = () => {
    if (current || stopping.signal.aborted) return;
    current = Promise.resolve()
      .then(() => unit(stopping.signal))
      .then((done) => void (done && log.info(`${name}: ${done} done`)))
      .catch((error: unknown) => log.error(`${name} failed`, { error: String(error) }))
      .finally(() => (current = undefined));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      stopping.abort();
      await current;
    },
  };
}
