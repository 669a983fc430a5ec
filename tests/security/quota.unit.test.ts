import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { addressQuotaKey, clientAddressOf } from '../../gateway/rate-limit/client-address';
import { quotaOf } from '../../gateway/rate-limit/plugin';
import { RedisQuotaStore } from '../../gateway/rate-limit/redis-store';
import { MemoryQuotaStore } from '../../gateway/rate-limit/store';

/* The rate limit's rules and stores, without a gateway (rate-limit.test.ts sends requests through one). */

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

describe('whose quota a request spends', () => {
  it('takes the socket address and ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientAddressOf('192.0.2.10', undefined, 0)).toBe('192.0.2.10');
    expect(clientAddressOf('192.0.2.10', '203.0.113.7', 0)).toBe('192.0.2.10');
    expect(clientAddressOf('192.0.2.10', ['203.0.113.7', '203.0.113.8'], 0)).toBe('192.0.2.10');
    // Dual-stack sockets report IPv4 callers IPv4-mapped: still one caller.
    expect(clientAddressOf('::ffff:192.0.2.10', undefined, 0)).toBe('192.0.2.10');
    expect(clientAddressOf(undefined, '203.0.113.7', 0)).toBeUndefined();
  });

  it('behind N trusted proxies, takes the entry N hops from the right of X-Forwarded-For', () => {
    const proxy = '10.0.0.5';
    expect(clientAddressOf(proxy, '198.51.100.1', 1)).toBe('198.51.100.1');
    // The client wrote the left part itself: only what the proxies appended counts.
    expect(clientAddressOf(proxy, 'forged, 203.0.113.9, 198.51.100.1', 1)).toBe('198.51.100.1');
    expect(clientAddressOf(proxy, 'forged, 198.51.100.1, 10.0.0.4', 2)).toBe('198.51.100.1');
    // Node joins repeated headers; some proxies add ports or brackets.
    expect(clientAddressOf(proxy, ['203.0.113.9', '198.51.100.1'], 1)).toBe('198.51.100.1');
    expect(clientAddressOf(proxy, '198.51.100.1:50123', 1)).toBe('198.51.100.1');
    expect(clientAddressOf(proxy, '[2001:DB8::1]:443', 1)).toBe('2001:db8::1');
    // Fewer hops than proxies, or garbage where the client's address should be: the proxy's own address
    // (everyone behind it shares a quota) rather than no limit.
    expect(clientAddressOf(proxy, '198.51.100.1', 2)).toBe(proxy);
    expect(clientAddressOf(proxy, undefined, 1)).toBe(proxy);
    expect(clientAddressOf(proxy, '198.51.100.1, not-an-address', 1)).toBe(proxy);
  });

  it('counts IPv4 addresses one by one and IPv6 ones by /64', () => {
    expect(addressQuotaKey('192.0.2.10')).toBe('192.0.2.10');
    expect(addressQuotaKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(addressQuotaKey('2001:db8:aa:bb::99')).toBe('2001:db8:aa:bb::/64');
    expect(addressQuotaKey('2001:0db8:00aa:00bb::1')).toBe('2001:db8:aa:bb::/64');
    expect(addressQuotaKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressQuotaKey('2001:db8:aa:bc::1')).not.toBe(addressQuotaKey('2001:db8:aa:bb::1'));
    expect(addressQuotaKey(undefined)).toBe('unknown');
  });

  it('gives partners and people their own quota wherever they call from, and everyone else one per address', () => {
    const limits = { partnerFieldsPerWindow: 1, personFieldsPerWindow: 2, anonymousFieldsPerWindow: 3, windowSeconds: 60 };
    const clientAddress = '192.0.2.10';
    expect(quotaOf({ identity: { role: 'partner', partnerId: 'p1' }, clientAddress }, limits)).toEqual({
      key: 'partner:p1',
      fieldsPerWindow: 1,
    });
    expect(quotaOf({ identity: { role: 'participant', subject: 's1' }, clientAddress }, limits)).toEqual({
      key: 'person:participant:s1',
      fieldsPerWindow: 2,
    });
    expect(quotaOf({ identity: { role: 'admin', subject: 's1' }, clientAddress }, limits)).toEqual({
      key: 'person:admin:s1',
      fieldsPerWindow: 2,
    });
    expect(quotaOf({ identity: { role: 'anonymous' }, clientAddress }, limits)).toEqual({
      key: 'anonymous:192.0.2.10',
      fieldsPerWindow: 3,
    });
    expect(quotaOf({ clientAddress }, limits)).toEqual({ key: 'anonymous:192.0.2.10', fieldsPerWindow: 3 });
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

  it('memory: counts on its clock when the caller passes no instant', async () => {
    let now = 1_700_000_080_000; // 40 s into a minute
    const store = new MemoryQuotaStore(() => now);
    expect((await store.take('p', 10, 10, 60)).allowed).toBe(true);
    expect(await store.take('p', 1, 10, 60)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
    now += 20_000;
    expect((await store.take('p', 1, 10, 60)).allowed).toBe(true);
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
