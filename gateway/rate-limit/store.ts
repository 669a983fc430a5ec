/** The answer of a quota check: allowed, or refused until the current window ends. */
export interface QuotaDecision {
  allowed: boolean;
  /** Units left in the current window after this request (0 when refused). */
  remaining: number;
  /** Seconds until the window resets; what a refused caller is told to wait. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window quota counters. `take` is all-or-nothing: a request that would exceed the quota is refused
 * and charges nothing, so one oversized request does not lock a partner out of small ones.
 */
export interface QuotaStore {
  take(key: string, amount: number, limit: number, windowSeconds: number, now?: number): Promise<QuotaDecision>;
  close(): Promise<void>;
}

export const windowOf = (now: number, windowSeconds: number) => Math.floor(now / 1000 / windowSeconds);
export const secondsLeft = (now: number, windowSeconds: number) =>
  Math.max(1, Math.ceil((windowOf(now, windowSeconds) + 1) * windowSeconds - now / 1000));

/** One gateway instance's counters; the default when no REDIS_URL is configured. */
export class MemoryQuotaStore implements QuotaStore {
  private readonly counters = new Map<string, { window: number; used: number }>();

  /** `clock` is replaceable so that a test can hold time still instead of waiting for a window to begin. */
  constructor(private readonly clock: () => number = Date.now) {}

  async take(key: string, amount: number, limit: number, windowSeconds: number, now = this.clock()): Promise<QuotaDecision> {
    const window = windowOf(now, windowSeconds);
    let counter = this.counters.get(key);
    if (!counter || counter.window !== window) {
      counter = { window, used: 0 };
      this.counters.set(key, counter);
      if (this.counters.size > 100_000) this.sweep(window);
    }
    if (counter.used + amount > limit)
      return { allowed: false, remaining: Math.max(0, limit - counter.used), retryAfterSeconds: secondsLeft(now, windowSeconds) };
    counter.used += amount;
    return { allowed: true, remaining: limit - counter.used, retryAfterSeconds: 0 };
  }

  private sweep(window: number): void {
    for (const [key, counter] of this.counters) if (counter.window !== window) this.counters.delete(key);
  }

  async close(): Promise<void> {
    this.counters.clear();
  }
}
