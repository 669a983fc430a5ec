import {
  issueCredential,
  partnerRequest,
  partnerWithCredential,
  queryText,
  revokeCredential,
  rotateCredential,
  setPartnerActive,
  sign,
  type PartnerCredential,
} from '../support/partner';
import { gatewayUrl } from '../support/client';
import { startGateway } from '../security/support';

/*
 * The contract's transport rules at the gateway: signed requests only, 401 UNAUTHENTICATED for every
 * signature failure, 403 FORBIDDEN for a partner that is not ACTIVE (within the gateway's cache time, 1 s in
 * the test stack), and key rotation with both keys valid until the old one is revoked.
 */

const CHECK = 'CheckEligibility';
const VARS = { cardNumber: '1234' };

const expectRefused = (res: { status: number; data?: unknown; errors?: Array<{ extensions?: { code?: string } }> }, status: 401 | 403) => {
  expect(res.status).toBe(status);
  expect(res.data).toBeUndefined();
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual([status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
};

/** Polls until `check` holds (a status change reaches the gateway within its cache time); bounded. */
async function eventually(check: () => Promise<boolean>, seconds = 15): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

let partner: PartnerCredential;
beforeAll(async () => {
  partner = await partnerWithCredential();
});

describe('partner request signatures', () => {
  it('accepts a correctly signed request', async () => {
    const res = await partnerRequest(partner, CHECK, VARS);
    expect(res.status).toBe(200);
    expect(res.data!.eligibility.reasons[0].code).toBe('INVALID_CARD_NUMBER');
  });

  it('refuses a missing header with 401 UNAUTHENTICATED', async () => {
    for (const header of ['x-client-id', 'x-timestamp', 'x-signature'] as const)
      expectRefused(await partnerRequest(partner, CHECK, VARS, { omit: [header] }), 401);
  });

  it('refuses an unknown client id, a wrong signature and a key of another partner', async () => {
    expectRefused(await partnerRequest(partner, CHECK, VARS, { clientId: 'pk_unknown_0000000000000000' }), 401);
    expectRefused(
      await partnerRequest(partner, CHECK, VARS, { signWith: partner.signingKey.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }),
      401,
    );
    const other = await partnerWithCredential();
    expectRefused(await partnerRequest(partner, CHECK, VARS, { signWith: other.signingKey }), 401);
  });

  it('refuses a body other than the one signed, and a signature over another path or method', async () => {
    const body = JSON.stringify({ query: queryText(CHECK), variables: VARS });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const post = (headers: Record<string, string>, sent = body) =>
      fetch(gatewayUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-client-id': partner.clientId, 'x-timestamp': timestamp, ...headers },
        body: sent,
      });
    expect((await post({ 'x-signature': sign(partner.signingKey, partner.clientId, timestamp, body) })).status).toBe(200);
    expect(
      (await post({ 'x-signature': sign(partner.signingKey, partner.clientId, timestamp, body) }, body.replace('1234', '1235'))).status,
    ).toBe(401);
    const { createHmac } = await import('node:crypto');
    const over = (method: string, path: string) =>
      createHmac('sha256', partner.signingKey).update(`${partner.clientId}${timestamp}${method}${path}${body}`).digest('hex');
    expect((await post({ 'x-signature': over('GET', '/graphql') })).status).toBe(401);
    expect((await post({ 'x-signature': over('POST', '/other') })).status).toBe(401);
    expect((await post({ 'x-signature': over('POST', '/graphql').toUpperCase() })).status).toBe(401);
  });

  it('refuses a signed request that carries its operation in the query string, by GET or by POST', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { createHmac } = await import('node:crypto');
    const signature = (method: string, body: string) =>
      createHmac('sha256', partner.signingKey).update(`${partner.clientId}${timestamp}${method}/graphql${body}`).digest('hex');
    const headers = { 'x-client-id': partner.clientId, 'x-timestamp': timestamp, 'x-graphql-csrf-prevention': '1' };
    const operation = encodeURIComponent('{ partnerCourses(first: 1) { totalCount } }');
    const get = await fetch(`${gatewayUrl()}?query=${operation}`, { headers: { ...headers, 'x-signature': signature('GET', '') } });
    expect(get.status).toBe(401);
    const body = JSON.stringify({ query: '{ __typename }' });
    const post = await fetch(`${gatewayUrl()}?query=${operation}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-signature': signature('POST', body) },
      body,
    });
    expect(post.status).toBe(401);
    expect(await post.text()).not.toContain('totalCount');
  });

  it('refuses a timestamp more than 300 s away from server time, either way', async () => {
    expectRefused(await partnerRequest(partner, CHECK, VARS, { skewSeconds: 301 }), 401);
    expectRefused(await partnerRequest(partner, CHECK, VARS, { skewSeconds: -301 }), 401);
    expect((await partnerRequest(partner, CHECK, VARS, { skewSeconds: -280 })).status).toBe(200);
    expect((await partnerRequest(partner, CHECK, VARS, { skewSeconds: 280 })).status).toBe(200);
  });

  it('answers 403 FORBIDDEN to a suspended partner soon after the suspension, and serves it again once reinstated', async () => {
    const p = await partnerWithCredential();
    expect((await partnerRequest(p, CHECK, VARS)).status).toBe(200);
    await setPartnerActive(p.partnerId, false);
    await eventually(async () => (await partnerRequest(p, CHECK, VARS)).status === 403);
    for (const document of ['CheckEligibility', 'PartnerCatalog', 'PartnerEnrollments', 'PurchaseStatus', 'StartPurchase']) {
      expectRefused(
        await partnerRequest(p, document, {
          cardNumber: '1',
          first: 1,
          invoiceCode: 'X',
          input: { cardNumber: '1', courseId: '1', invoiceCode: 'X', amount: 1 },
        }),
        403,
      );
    }
    // A wrong signature of a suspended partner is still 401: the status is not revealed to unauthenticated callers.
    expectRefused(await partnerRequest(p, CHECK, VARS, { signWith: 'f'.repeat(64) }), 401);
    await setPartnerActive(p.partnerId, true);
    await eventually(async () => (await partnerRequest(p, CHECK, VARS)).status === 200);
  });

  it('accepts the old and the new key during a rotation, and only the new one after the old is revoked', async () => {
    const p = await partnerWithCredential();
    const rotated = await rotateCredential(p);
    expect(rotated.clientId).toBe(p.clientId);
    expect(rotated.signingKey).not.toBe(p.signingKey);
    await eventually(async () => (await partnerRequest(rotated, CHECK, VARS)).status === 200);
    expect((await partnerRequest(p, CHECK, VARS)).status).toBe(200);
    await revokeCredential(p); // the old key
    await eventually(async () => (await partnerRequest(p, CHECK, VARS)).status === 401);
    expect((await partnerRequest(rotated, CHECK, VARS)).status).toBe(200);
    // Revoking the whole credential ends the client id.
    await revokeCredential(rotated, true);
    await eventually(async () => (await partnerRequest(rotated, CHECK, VARS)).status === 401);
  });

  it('accepts a freshly rotated key at once, though the gateway caches keys for 30 s', async () => {
    const gateway = await startGateway({ GATEWAY_PARTNER_CACHE_SECONDS: '30' });
    try {
      const p = await partnerWithCredential();
      expect((await partnerRequest(p, CHECK, VARS, { url: gateway.url })).status).toBe(200); // its keys are cached now
      const rotated = await rotateCredential(p);
      const first = await partnerRequest(rotated, CHECK, VARS, { url: gateway.url });
      expect(first.status).toBe(200);
      expect(first.data!.eligibility.reasons[0].code).toBe('INVALID_CARD_NUMBER');
      expect((await partnerRequest(p, CHECK, VARS, { url: gateway.url })).status).toBe(200); // the old key until revoked
      // A wrong signature is still refused after the fresh look.
      expectRefused(await partnerRequest(p, CHECK, VARS, { url: gateway.url, signWith: 'e'.repeat(64) }), 401);
    } finally {
      await gateway.close();
    }
  });

  it('keeps a second credential of the same partner working when the first is revoked', async () => {
    const first = await partnerWithCredential();
    const second = await issueCredential(first.partnerId);
    expect(second.clientId).not.toBe(first.clientId);
    await revokeCredential(first, true);
    await eventually(async () => (await partnerRequest(first, CHECK, VARS)).status === 401);
    expect((await partnerRequest(second, CHECK, VARS)).status).toBe(200);
  });
});
