import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { activePartnerCredential, partnerPost, startGateway } from './support';

const { MemoryQuotaStore } = require('../../dist/gateway/rate-limit/store') as typeof import('../../gateway/rate-limit/store');
const { RedisQuotaStore } = require('../../dist/gateway/rate-limit/redis-store') as typeof import('../../gateway/rate-limit/redis-store');

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('per-partner rate limit through the gateway', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_PARTNER_FIELDS_PER_MINUTE: '40', REDIS_URL: '' });
  });
  afterAll(() => gateway.close());

  it('charges every aliased field and answers RATE_LIMITED with a retry time once the quota is spent', async () => {
    const partner = await activePartnerCredential();
    const other = await activePartnerCredential();
    // The quota is a fixed one-minute window: start well inside one, so the requests below share it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    // 30 aliases of __typename + the operation's other field: 31 invocations of a 40 quota.
    const aliased = `{ ${Array.from({ length: 30 }, (_, i) => `t${i}: __typename`).join(' ')} partners(first: 1) { totalCount } }`;
    const first = await partnerPost(gateway.url, partner, aliased);
    expect(first.status).toBe(200);
    expect(first.json.errors).toBeUndefined();
    const second = await partnerPost(gateway.url, partner, aliased);
    expect(second.status).toBe(429);
    expect(second.json.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const retry = Number(second.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(second.json.errors?.[0].extensions?.retryAfterSeconds).toBe(retry);
    expect(second.json.data).toBeUndefined();
    // A refused request charged nothing: a small one still fits in what is left (40 - 31 = 9).
    const small = await partnerPost(gateway.url, partner, `{ partners(first: 1) { totalCount } }`);
    expect(small.status).toBe(200);
    // Quotas are per partner: another platform is untouched.
    const neighbour = await partnerPost(gateway.url, other, aliased);
    expect(neighbour.status).toBe(200);
  });
});

describe('quota stores', () => {
  it('memory: all-or-nothing within a window, fresh in the next', async () => {
    const store = new MemoryQuotaStore();
    const t0 = 1_700_000_080_000; // 40 s into a minute
    expect((await store.take('p', 8, 10, 60, t0)).allowed).toBe(true);
    const refused = await store.take('p', 5, 10, 60, t0 + 1000);
    expect(refused).toEqual({ allowed: false, remaining: 2, retryAfterSeconds: 19 });
    expect((await store.take('p', 2, 10, 60, t0 + 2000)).allowed).toBe(true);
    expect((await store.take('p', 10, 10, 60, t0 + 21_000)).allowed).toBe(true);
  });

  it('redis: two gateway instances share one quota', async () => {
    if (!(await redisReachable())) {
      console.warn(`Redis not reachable at ${REDIS_URL}: shared-quota test skipped`);
      return;
    }
    const a = new RedisQuotaStore(REDIS_URL);
    const b = new RedisQuotaStore(REDIS_URL);
    try {
      const key = `test-${randomBytes(6).toString('hex')}`;
      const now = Date.now() - (Date.now() % 60_000) + 10_000; // one instant, so every take lands in one window
      expect((await a.take(key, 6, 10, 60, now)).allowed).toBe(true);
      const refused = await b.take(key, 6, 10, 60, now);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBe(50);
      // Concurrent takes from both instances never overspend: exactly 4 single units fit.
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take(key, 1, 10, 60, now)));
      expect(results.filter((r) => r.allowed)).toHaveLength(4);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('redis unreachable: the gateway keeps limiting with its own counters', async () => {
    const store = new RedisQuotaStore('redis://127.0.0.1:1');
    try {
      const now = Date.now();
      expect((await store.take('p', 8, 10, 60, now)).allowed).toBe(true);
      expect((await store.take('p', 8, 10, 60, now)).allowed).toBe(false);
    } finally {
      await store.close();
    }
  });
});
