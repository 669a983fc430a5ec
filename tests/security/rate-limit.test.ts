import { randomBytes } from 'node:crypto';
import { tokenFor } from '../support/client';
import { queryText } from '../support/partner';
import { activePartnerCredential, partnerPost, post, startGateway } from './support';

const { MemoryQuotaStore } = require('../../dist/gateway/rate-limit/store') as typeof import('../../gateway/rate-limit/store');

/**
 * Quotas are fixed one-minute windows: a test that straddled a boundary would see its counter reset halfway.
 * Each gateway here counts on a clock that stands still 10 s into a minute (so a refusal says retry in 50 s)
 * until a test moves it on; nothing waits for the wall clock.
 */
function quotaClock() {
  const clock = { now: Math.floor(Date.now() / 60_000) * 60_000 + 10_000, advance: (ms: number) => void (clock.now += ms) };
  return { clock, quotaStore: new MemoryQuotaStore(() => clock.now) };
}

/** 30 aliases of __typename plus `cohorts(first: 1) { totalCount }` (answered by a subgraph): 32 field invocations. */
const ALIASED_32 = `{ ${Array.from({ length: 30 }, (_, i) => `t${i}: __typename`).join(' ')} cohorts(first: 1) { totalCount } }`;
/** 2 field invocations. */
const SMALL_2 = `{ cohorts(first: 1) { totalCount } }`;

/** A 429 RATE_LIMITED answer, told when to retry (header and extension agree), with no data. */
function expectRateLimited(res: Awaited<ReturnType<typeof post>>): void {
  expect(res.status).toBe(429);
  expect(res.json.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  // The gateways' clocks stand 10 s into a minute: the current window ends in 50 s.
  expect(res.headers.get('retry-after')).toBe('50');
  expect(res.json.errors?.[0].extensions?.retryAfterSeconds).toBe(50);
  expect(res.json.data).toBeUndefined();
}

function expectServed(res: Awaited<ReturnType<typeof post>>): void {
  expect({ status: res.status, errors: res.json.errors }).toEqual({ status: 200, errors: undefined });
  expect(res.json.data?.cohorts).toEqual({ totalCount: expect.any(Number) });
}

describe('per-partner rate limit through the gateway', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  const { clock, quotaStore } = quotaClock();
  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_PARTNER_FIELDS_PER_MINUTE: '20', REDIS_URL: '' }, { quotaStore });
  });
  afterAll(() => gateway.close());

  it('charges each field of a contract document and answers RATE_LIMITED with a retry time once the quota is spent', async () => {
    const partner = await activePartnerCredential();
    const other = await activePartnerCredential();
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
    // When the window ends, the quota is whole again.
    expectRateLimited(await check());
    clock.advance(50_000);
    expect((await check()).status).toBe(200);
  });
});

describe('per-person rate limit through the gateway', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_PERSON_FIELDS_PER_MINUTE: '40', GATEWAY_MAX_ALIASES: '40', REDIS_URL: '' }, quotaClock());
  });
  afterAll(() => gateway.close());

  it('refuses a person over their quota with a retry time, charges a refused request nothing, and leaves other people untouched', async () => {
    const tag = randomBytes(4).toString('hex');
    const analyst = { authorization: `Bearer ${await tokenFor('analyst', `rl-analyst-${tag}`)}` };
    const participant = { authorization: `Bearer ${await tokenFor('participant', `rl-participant-${tag}`)}` };
    const otherAnalyst = { authorization: `Bearer ${await tokenFor('analyst', `rl-analyst-${tag}-2`)}` };
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
    direct = await startGateway({ GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE: '40', GATEWAY_MAX_ALIASES: '40', REDIS_URL: '' }, quotaClock());
    behindProxy = await startGateway(
      { GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE: '40', GATEWAY_MAX_ALIASES: '40', GATEWAY_TRUSTED_PROXIES: '1', REDIS_URL: '' },
      quotaClock(),
    );
  });
  afterAll(async () => {
    await direct.close();
    await behindProxy.close();
  });

  it('refuses an anonymous address over its quota, and a forged X-Forwarded-For does not reset it (no trusted proxy by default)', async () => {
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
    expectServed(await post(ALIASED_32, {}, { 'x-forwarded-for': first }, behindProxy.url));
    expectRateLimited(await post(ALIASED_32, {}, { 'x-forwarded-for': first }, behindProxy.url));
    // The proxy appends the address it saw on the right; anything further left is the client's own claim.
    expectRateLimited(await post(ALIASED_32, {}, { 'x-forwarded-for': `203.0.113.50, ${first}` }, behindProxy.url));
    expectServed(await post(ALIASED_32, {}, { 'x-forwarded-for': second }, behindProxy.url));
  });
});
