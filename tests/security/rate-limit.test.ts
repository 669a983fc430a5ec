import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tokenFor } from '../support/client';
import { queryText } from '../support/partner';
import { activePartnerCredential, partnerPost, post, startGateway } from './support';

const { MemoryQuotaStore } = require('../../dist/gateway/rate-limit/store') as typeof import('../../gateway/rate-limit/store');
const { RedisQuotaStore } = require('../../dist/gateway/rate-limit/redis-store') as typeof import('../../gateway/rate-limit/redis-store');
const { clientAddressOf, addressQuotaKey } =
  require('../../dist/gateway/rate-limit/client-address') as typeof import('../../gateway/rate-limit/client-address');
const { quotaOf } = require('../../dist/gateway/rate-limit/plugin') as typeof import('../../gateway/rate-limit/plugin');

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

/**
 * Quotas are fixed one-minute windows: a test that straddled a boundary would see its counter reset halfway.
 * Each gateway test starts well inside a window (at most 50 s in), so its few requests share one.
 */
async function startWellInsideAMinute(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
}

/** 30 aliases of __typename plus `cohorts { id }` (answered by a subgraph): 32 field invocations. */
const ALIASED_32 = `{ ${Array.from({ length: 30 }, (_, i) => `t${i}: __typename`).join(' ')} cohorts { id } }`;
/** 2 field invocations. */
const SMALL_2 = `{ cohorts { id } }`;

/** A 429 RATE_LIMITED answer, told when to retry (header and extension agree), with no data. */
function expectRateLimited(res: Awaited<ReturnType<typeof post>>): void {
  expect(res.status).toBe(429);
  expect(res.json.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  const retry = Number(res.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(60);
  expect(res.json.errors?.[0].extensions?.retryAfterSeconds).toBe(retry);
  expect(res.json.data).toBeUndefined();
}

function expectServed(res: Awaited<ReturnType<typeof post>>): void {
  expect({ status: res.status, errors: res.json.errors }).toEqual({ status: 200, errors: undefined });
  expect(res.json.data?.cohorts).toEqual(expect.any(Array));
}

describe('per-partner rate limit through the gateway', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_PARTNER_FIELDS_PER_MINUTE: '20', REDIS_URL: '' });
  });
  afterAll(() => gateway.close());

  it('charges each field of a contract document and answers RATE_LIMITED with a retry time once the quota is spent', async () => {
    const partner = await activePartnerCredential();
    const other = await activePartnerCredential();
    await startWellInsideAMinute();
    // CheckEligibility selects 9 fields: two fit a quota of 20, a third does not.
    const check = () => partnerPost(gateway.url, partner, queryText('CheckEligibility'), { cardNumber: '1234' });
    for (let i = 0; i < 2; i++) {
      const served = await check();
      expect(served.status).toBe(200);
      expect(served.json.errors).toBeUndefined();
    }
    expectRateLimited(await check());
    // Quotas are per partner: another platform is untouched.
    const neighbour = await partnerPost(gateway.url, other, queryText('CheckEligibility'), { cardNumber: '1234' });
    expect(neighbour.status).toBe(200);
  });
});

describe('per-person rate limit through the gateway', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_PERSON_FIELDS_PER_MINUTE: '40', GATEWAY_MAX_ALIASES: '40', REDIS_URL: '' });
  });
  afterAll(() => gateway.close());

  it('refuses a person over their quota with a retry time, charges a refused request nothing, and leaves other people untouched', async () => {
    const tag = randomBytes(4).toString('hex');
    const analyst = { authorization: `Bearer ${await tokenFor('analyst', `rl-analyst-${tag}`)}` };
    const participant = { authorization: `Bearer ${await tokenFor('participant', `rl-participant-${tag}`)}` };
    const otherAnalyst = { authorization: `Bearer ${await tokenFor('analyst', `rl-analyst-${tag}-2`)}` };
    await startWellInsideAMinute();
    expectServed(await post(ALIASED_32, {}, analyst, gateway.url));
    expectRateLimited(await post(ALIASED_32, {}, analyst, gateway.url));
    // The refused 32 were not charged: 8 are left, and a 2-field request fits.
    expectServed(await post(SMALL_2, {}, analyst, gateway.url));
    // Same address, other people: each subject has its own quota.
    expectServed(await post(ALIASED_32, {}, otherAnalyst, gateway.url));
    expectServed(await post(ALIASED_32, {}, participant, gateway.url));
  });
});

describe('per-address rate limit for anonymous callers', () => {
  let direct: Awaited<ReturnType<typeof startGateway>>;
  let behindProxy: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    // 30 aliases per request (ALIASED_32) are past the default alias limit: raised here, the quota is what is tested.
    direct = await startGateway({ GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE: '40', GATEWAY_MAX_ALIASES: '40', REDIS_URL: '' });
    behindProxy = await startGateway({
      GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE: '40',
      GATEWAY_MAX_ALIASES: '40',
      GATEWAY_TRUSTED_PROXIES: '1',
      REDIS_URL: '',
    });
  });
  afterAll(async () => {
    await direct.close();
    await behindProxy.close();
  });

  it('refuses an anonymous address over its quota, and a forged X-Forwarded-For does not reset it (no trusted proxy by default)', async () => {
    await startWellInsideAMinute();
    expectServed(await post(ALIASED_32, {}, {}, direct.url));
    expectRateLimited(await post(ALIASED_32, {}, {}, direct.url));
    expectServed(await post(SMALL_2, {}, {}, direct.url));
    // A bot posing as someone else behind a proxy: still the same socket address, still the same quota.
    expectRateLimited(await post(ALIASED_32, {}, { 'x-forwarded-for': '203.0.113.7' }, direct.url));
    expectRateLimited(await post(ALIASED_32, {}, { 'x-forwarded-for': '203.0.113.8, 198.51.100.9' }, direct.url));
    // A signed-in person from the same address spends their own quota, not the address's.
    expectServed(
      await post(
        ALIASED_32,
        {},
        { authorization: `Bearer ${await tokenFor('participant', `rl-anon-${randomBytes(4).toString('hex')}`)}` },
        direct.url,
      ),
    );
  });

  it('behind one trusted proxy, counts each forwarded client address apart, and ignores what the client wrote to the left', async () => {
    const [first, second] = ['198.51.100.1', '198.51.100.2'];
    await startWellInsideAMinute();
    expectServed(await post(ALIASED_32, {}, { 'x-forwarded-for': first }, behindProxy.url));
    expectRateLimited(await post(ALIASED_32, {}, { 'x-forwarded-for': first }, behindProxy.url));
    // The proxy appends the address it saw on the right; anything further left is the client's own claim.
    expectRateLimited(await post(ALIASED_32, {}, { 'x-forwarded-for': `203.0.113.50, ${first}` }, behindProxy.url));
    expectServed(await post(ALIASED_32, {}, { 'x-forwarded-for': second }, behindProxy.url));
  });
});

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
