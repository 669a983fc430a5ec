import { db, gatewayQuery } from '../support/client';
import {
  asAdmin,
  cardholder,
  invoice,
  offeredCourse,
  partnerRequest,
  partnerWithCredential,
  readOtp,
  setPartnerActive,
  type PartnerCredential,
} from '../support/partner';
import { eventually, expectedSignature, webhookReceiver } from './receiver';

/*
 * Partner webhooks through the gateway: a platform's staff registers an endpoint; its purchases locked by wrong
 * OTPs, its voided enrollments and its own status changes reach it signed, retried while it is down, in order,
 * never another platform's; the delivery log is its own.
 */

const { issueDevToken } = require('../../dist/common/dev-token') as typeof import('../../common/dev-token');

const PRICE = 500_000;
const staffToken = (partnerId: string) => issueDevToken({ role: 'partnerStaff', sub: `staff-${partnerId}`, partnerId });
const asStaff = async (partnerId: string, query: string, variables: Record<string, unknown> = {}) =>
  gatewayQuery(query, variables, { token: await staffToken(partnerId) });
const codeOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

const SET = `mutation($input: WebhookEndpointSetInput!) { webhookEndpointSet(input: $input) { endpoint { id url } userErrors { code field } } }`;
const LOG = `query($partnerId: ID!, $first: Int!) { webhookDeliveries(partnerId: $partnerId, first: $first) {
  totalCount edges { node { id eventId eventType status attempts lastStatusCode nextAttemptAt deliveredAt body attemptLog { statusCode } } } } }`;

interface Platform {
  credential: PartnerCredential;
  courseId: string;
  receiver: Awaited<ReturnType<typeof webhookReceiver>>;
}

async function platform(): Promise<Platform> {
  const credential = await partnerWithCredential();
  const courseId = await offeredCourse(credential.partnerId, PRICE);
  const receiver = await webhookReceiver();
  const res = await asStaff(credential.partnerId, SET, { input: { partnerId: credential.partnerId, url: receiver.url } });
  expect(res.data!.webhookEndpointSet.userErrors).toEqual([]);
  return { credential, courseId, receiver };
}

/** A purchase locked by three wrong OTPs: `purchase.locked`. */
async function lockedPurchase(p: Platform): Promise<string> {
  const holder = await cardholder();
  const started = await partnerRequest(p.credential, 'StartPurchase', {
    input: { cardNumber: holder.cardNumber, courseId: p.courseId, invoiceCode: invoice(), amount: PRICE },
  });
  const purchaseId = started.data!.purchaseStart.purchase.id as string;
  const otp = await readOtp(holder.participantId);
  const wrong = otp === '000000' ? '111111' : '000000';
  for (let i = 0; i < 3; i++) await partnerRequest(p.credential, 'AuthorizePurchase', { input: { purchaseId, otp: wrong } });
  return purchaseId;
}

/** A purchase authorized, then voided by the platform: `enrollment.voided`. */
async function voidedEnrollment(p: Platform): Promise<string> {
  const holder = await cardholder();
  const invoiceCode = invoice();
  const started = await partnerRequest(p.credential, 'StartPurchase', {
    input: { cardNumber: holder.cardNumber, courseId: p.courseId, invoiceCode, amount: PRICE },
  });
  const purchaseId = started.data!.purchaseStart.purchase.id as string;
  const authorized = await partnerRequest(p.credential, 'AuthorizePurchase', {
    input: { purchaseId, otp: await readOtp(holder.participantId) },
  });
  const enrollmentId = authorized.data!.purchaseAuthorize.enrollment.id as string;
  const voided = await partnerRequest(p.credential, 'VoidPurchase', { input: { invoiceCode, reason: 'webhook test' } });
  expect(voided.data!.enrollmentVoid.userErrors).toEqual([]);
  return enrollmentId;
}

const deliveries = async (partnerId: string) => (await asStaff(partnerId, LOG, { partnerId, first: 100 })).data!.webhookDeliveries;

let a: Platform;
let b: Platform;
let c: Platform;
beforeAll(async () => {
  [a, b, c] = await Promise.all([platform(), platform(), platform()]);
});
afterAll(async () => {
  await Promise.all([a, b, c].map((p) => p?.receiver.close()));
});

describe('webhook endpoints', () => {
  it('are set by the office or the platform’s own staff, to an https (or local http in development) URL', async () => {
    const id = a.credential.partnerId;
    expect(codeOf(await asStaff(b.credential.partnerId, SET, { input: { partnerId: id, url: 'https://evil.example/hook' } }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await gatewayQuery(SET, { input: { partnerId: id, url: 'https://evil.example/hook' } }))).toBe('UNAUTHENTICATED');
    for (const url of ['http://example.com/hook', 'ftp://127.0.0.1/x', 'https://user:pw@example.com/', 'not a url']) {
      const res = await asStaff(id, SET, { input: { partnerId: id, url } });
      expect(res.data!.webhookEndpointSet).toEqual({ endpoint: null, userErrors: [{ code: 'INVALID_URL', field: ['input', 'url'] }] });
    }
    const viewer = `query($id: ID!) { partner(id: $id) { webhookEndpoint { url } } }`;
    expect((await asStaff(id, viewer, { id })).data!.partner.webhookEndpoint.url).toBe(a.receiver.url);
    expect((await asAdmin(viewer, { id })).partner.webhookEndpoint.url).toBe(a.receiver.url);
    expect(codeOf(await asStaff(b.credential.partnerId, viewer, { id }))).toBe('FORBIDDEN');
  });

  it('are not part of the partner API: a signed request for them is refused by the contract', async () => {
    const res = await partnerRequest(a.credential, SET, { input: { partnerId: a.credential.partnerId, url: a.receiver.url } });
    expect(res.status).toBe(403);
    expect(codeOf(res)).toBe('OPERATION_NOT_IN_CONTRACT');
  });
});

describe('webhook deliveries', () => {
  it('reach an endpoint that was down, once back up, every event in order, signed, and only its own platform’s', async () => {
    a.receiver.setStatus(503);
    // Three platforms at once: each one's events interleave with the others' in the feeds.
    const [aLocked, bLocked, cVoided] = await Promise.all([lockedPurchase(a), lockedPurchase(b), voidedEnrollment(c)]);
    const aVoided = await voidedEnrollment(a);
    await setPartnerActive(a.credential.partnerId, false);
    await setPartnerActive(a.credential.partnerId, true);

    // While down: retried with backoff, each attempt in the log with its 503, and nothing later sent ahead of the first.
    const failing = await eventually(async () => {
      const log = await deliveries(a.credential.partnerId);
      const first = log.edges.map((e: any) => e.node).find((n: any) => n.eventType === 'purchase.locked');
      return first && first.attempts >= 3 ? { log, first } : undefined;
    }, 'three failed attempts');
    expect(failing.first).toMatchObject({ status: 'PENDING', lastStatusCode: 503, deliveredAt: null, nextAttemptAt: expect.any(String) });
    expect(failing.first.attemptLog.slice(0, 3)).toEqual([{ statusCode: 503 }, { statusCode: 503 }, { statusCode: 503 }]);
    expect(new Set(a.receiver.received.map((r) => r.headers['x-delivery-id']))).toEqual(new Set([failing.first.id]));

    a.receiver.setStatus(200);
    const expected = ['purchase.locked', 'enrollment.voided', 'partner.status_changed', 'partner.status_changed'];
    const got = await eventually(
      () => (a.receiver.delivered().length >= expected.length ? a.receiver.delivered() : undefined),
      'A’s events',
    );
    // In order within each source feed (courses: sales; partners: the platform's status), each event once.
    const sales = got.filter((e) => !e.type.startsWith('partner.'));
    const statuses = got.filter((e) => e.type.startsWith('partner.'));
    expect(got).toHaveLength(expected.length);
    expect(sales.map((e) => e.type)).toEqual(['purchase.locked', 'enrollment.voided']);
    expect(sales[0].data).toMatchObject({ purchaseId: aLocked, status: 'LOCKED', amount: String(PRICE) });
    expect(sales[1].data).toMatchObject({ enrollmentId: aVoided, status: 'CANCELLED', refundedAmount: String(PRICE) });
    expect(statuses.map((e) => [e.data.fromStatus, e.data.toStatus])).toEqual([
      ['ACTIVE', 'SUSPENDED'],
      ['SUSPENDED', 'ACTIVE'],
    ]);
    for (const e of got) expect(e.data.participantId).toBeUndefined();

    // Signed with A's key over A's path and body; B's key does not verify it.
    for (const r of a.receiver.received) {
      expect(r.headers['x-client-id']).toBe(a.credential.clientId);
      expect(r.headers['x-signature']).toBe(expectedSignature(a.credential.signingKey, r, a.receiver.path));
      expect(r.headers['x-signature']).not.toBe(expectedSignature(b.credential.signingKey, r, a.receiver.path));
      expect(JSON.parse(r.body).id).toBe(r.headers['x-delivery-id']);
    }

    // B and C receive theirs, and nothing of another platform.
    const bGot = await eventually(() => (b.receiver.delivered().length ? b.receiver.delivered() : undefined), 'B’s event');
    const cGot = await eventually(() => (c.receiver.delivered().length ? c.receiver.delivered() : undefined), 'C’s event');
    expect(bGot.map((e) => [e.type, e.data.purchaseId])).toEqual([['purchase.locked', bLocked]]);
    expect(cGot.map((e) => [e.type, e.data.enrollmentId])).toEqual([['enrollment.voided', cVoided]]);
    for (const r of b.receiver.received)
      expect(r.headers['x-signature']).toBe(expectedSignature(b.credential.signingKey, r, b.receiver.path));

    // The log agrees: all delivered, with the status codes of each attempt.
    const log = await eventually(async () => {
      const l = await deliveries(a.credential.partnerId);
      return l.edges.every((e: any) => e.node.status === 'DELIVERED') ? l : undefined;
    }, 'the log to show DELIVERED');
    expect(log.totalCount).toBe(expected.length);
    const first = log.edges.find((e: any) => e.node.id === failing.first.id).node;
    expect(first.attemptLog.at(-1)).toEqual({ statusCode: 200 });
    expect(first).toMatchObject({ lastStatusCode: 200, nextAttemptAt: null, deliveredAt: expect.any(String) });
  });

  it('tell a platform its purchase expired when the OTP lapsed unused', async () => {
    const holder = await cardholder();
    const started = await partnerRequest(b.credential, 'StartPurchase', {
      input: { cardNumber: holder.cardNumber, courseId: b.courseId, invoiceCode: invoice(), amount: PRICE },
    });
    const purchaseId = started.data!.purchaseStart.purchase.id as string;
    // The hold lapses (moved into the past); the reconciler expires the purchase on its next pass.
    await db().query(`UPDATE courses.purchase SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [purchaseId]);
    const expired = await eventually(
      () => b.receiver.delivered().find((e) => e.type === 'purchase.expired' && e.data.purchaseId === purchaseId),
      'purchase.expired',
      60_000,
    );
    expect(expired.data).toMatchObject({ status: 'EXPIRED', courseId: b.courseId, amount: String(PRICE) });
    expect(a.receiver.delivered().some((e) => e.data.purchaseId === purchaseId)).toBe(false);
  });

  it('keeps each delivery log to its own platform and the office', async () => {
    const id = a.credential.partnerId;
    expect(codeOf(await asStaff(b.credential.partnerId, LOG, { partnerId: id, first: 10 }))).toBe('FORBIDDEN');
    expect(codeOf(await gatewayQuery(LOG, { partnerId: id, first: 10 }))).toBe('UNAUTHENTICATED');
    const office = await asAdmin(LOG, { partnerId: id, first: 10 });
    expect(office.webhookDeliveries.totalCount).toBe((await deliveries(id)).totalCount);
  });

  it('redelivers on request with the same delivery id and body; another platform’s delivery is NOT_FOUND', async () => {
    const [delivered] = (await deliveries(a.credential.partnerId)).edges.map((e: any) => e.node);
    const REDELIVER = `mutation($input: WebhookDeliveryRedeliverInput!) { webhookDeliveryRedeliver(input: $input) { delivery { id status attempts } userErrors { code } } }`;
    const foreign = await asStaff(b.credential.partnerId, REDELIVER, { input: { deliveryId: delivered.id } });
    expect(foreign.data!.webhookDeliveryRedeliver).toEqual({ delivery: null, userErrors: [{ code: 'NOT_FOUND' }] });

    const before = a.receiver.received.filter((r) => r.headers['x-delivery-id'] === delivered.id).length;
    const res = await asStaff(a.credential.partnerId, REDELIVER, { input: { deliveryId: delivered.id } });
    expect(res.data!.webhookDeliveryRedeliver).toEqual({ delivery: { id: delivered.id, status: 'PENDING', attempts: 0 }, userErrors: [] });
    const again = await eventually(() => {
      const copies = a.receiver.received.filter((r) => r.headers['x-delivery-id'] === delivered.id);
      return copies.length > before ? copies : undefined;
    }, 'the redelivery');
    expect(again.at(-1)!.body).toBe(delivered.body);
    expect(again.at(-1)!.headers['x-signature']).toBe(expectedSignature(a.credential.signingKey, again.at(-1)!, a.receiver.path));
  });
});
