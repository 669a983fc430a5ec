import Redis from 'ioredis';
import { log } from '../../common/logger';
import { MemoryQuotaStore, secondsLeft, windowOf, type QuotaDecision, type QuotaStore } from './store';

/** Check and charge in one atomic step, so concurrent gateway instances never both spend the last units. */
const TAKE = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
if used + amount > limit then return {0, limit - used} end
used = redis.call('INCRBY', KEYS[1], amount)
if used == amount then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return {1, limit - used}
`;

/**
 * Counters shared by every gateway instance through Redis. When Redis cannot be reached the gateway keeps
 * limiting with its own in-memory counters (logged), rather than refusing everyone or limiting no one.
 */
export class RedisQuotaStore implements QuotaStore {
  private readonly redis: Redis;
  private readonly fallback = new MemoryQuotaStore();

  constructor(
    url: string,
    private readonly prefix = 'prakerja:quota:',
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000 });
    this.redis.on('error', (error: Error) => log.warn('rate-limit redis error', { error: error.message }));
  }

  async take(key: string, amount: number, limit: number, windowSeconds: number, now = Date.now()): Promise<QuotaDecision> {
    const window = windowOf(now, windowSeconds);
    try {
      const [allowed, remaining] = (await this.redis.eval(TAKE, 1, `${this.prefix}${key}:${window}`, amount, limit, windowSeconds * 2)) as [
        number,
        number,
      ];
      return {
        allowed: allowed === 1,
        remaining: Math.max(0, remaining),
        retryAfterSeconds: allowed === 1 ? 0 : secondsLeft(now, windowSeconds),
      };
    } catch (error) {
      log.warn('rate-limit redis unavailable; counting in memory', { error: String(error) });
      return this.fallback.take(key, amount, limit, windowSeconds, now);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }
}
