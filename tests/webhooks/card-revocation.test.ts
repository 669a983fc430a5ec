import { db, gatewayQuery, tokenFor } from '../support/client';
import {
  asAdmin,
  cardholder,
  invoice,
  offeredCourse,
  partnerRequest,
  partnerWithCredential,
  readOtpFor,
  walletState,
  type Cardholder,
  type PartnerCredential,
} from '../support/partner';
import { eventually, webhookReceiver } from './receiver';

/*
 * The office revokes a card (a holder found ineligible after selection), through the gateway: the holds in
 * flight are released at once, the balance goes back to the state, the participant is told why, the purchase
 * awaiting its OTP ends with reason CARD_REVOKED and its platform receives `purchase.expired` saying so; the
 * OTP is then worthless, and a later refund of a course bought before is forfeited. Money is never lost or
 * counted twice, also when the revocation races the authorize.
 */

const { issueDevToken } = require('../../dist/common/dev-token') as typeof import('../../common/dev-token');

const PRICE = 500_000;
const BALANCE = 3_500_000;
const codeOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

const REVOKE = `mutation($input: CardRevokeInput!) { cardRevoke(input: $input) {
  card { id status revokedAt revocationReason revocationNote } userErrors { code field } } }`;
const revoke = (cardId: string, reason = 'INELIGIBLE', note = 'Registered while a civil servant (complaint 2026/117).') =>
  asAdmin(REVOKE, { input: { cardId, reason, note } });

async function cardIdOf(holder: Cardholder): Promise<string> {
  const data = await asAdmin(`query($id: ID!) { participant(id: $id) { card { id } } }`, { id: holder.participantId });
  return data.participant.card.id;
}

async function start(credential: PartnerCredential, holder: Cardholder, courseId: string) {
  const invoiceCode = invoice();
  const res = await partnerRequest(credential, 'StartPurchase', {
    input: { cardNumber: holder.cardNumber, courseId, invoiceCode, amount: PRICE },
  });
  const purchase = res.data!.purchaseStart.purchase;
  expect(purchase?.status).toBe('AWAITING_OTP');
  return { purchaseId: purchase.id as string, invoiceCode, otp: await readOtpFor(holder.participantId, invoiceCode) };
}

const authorize = (credential: PartnerCredential, purchaseId: string, otp: string) =>
  partnerRequest(credential, 'AuthorizePurchase', { input: { purchaseId, otp } });

const ledgerOf = async (cardNumber: string) =>
  (
    await db().query<{ kind: string; amount: string; reference_id: string }>(
      `SELECT l.kind, l.amount::text, l.reference_id FROM participants.ledger_entry l JOIN participants.card c ON c.id = l.wallet_id
        WHERE c.number = $1 ORDER BY l.created_at, l.kind`,
      [cardNumber],
    )
  ).rows.map((r) => [r.kind, Number(r.amount), r.reference_id]);

const purchaseRow = async (id: string) =>
  (await db().query(`SELECT status, end_reason, hold_released FROM courses.purchase WHERE id = $1`, [id])).rows[0];

let seller: PartnerCredential;
let other: PartnerCredential;
let courses: string[];
let sellerHooks: Awaited<ReturnType<typeof webhookReceiver>>;
let otherHooks: Awaited<ReturnType<typeof webhookReceiver>>;

beforeAll(async () => {
  [seller, other] = await Promise.all([partnerWithCredential(), partnerWithCredential()]);
  courses = await Promise.all([offeredCourse(seller.partnerId, PRICE), offeredCourse(seller.partnerId, PRICE)]);
  [sellerHooks, otherHooks] = await Promise.all([webhookReceiver(), webhookReceiver()]);
  const staff = async (partnerId: string, url: string) => {
    const res = await gatewayQuery(
      `mutation($input: WebhookEndpointSetInput!) { webhookEndpointSet(input: $input) { userErrors { code } } }`,
      { input: { partnerId, url } },
      { token: await issueDevToken({ role: 'partnerStaff', sub: `staff-${partnerId}`, partnerId }) },
    );
    expect(res.data!.webhookEndpointSet.userErrors).toEqual([]);
  };
  await Promise.all([staff(seller.partnerId, sellerHooks.url), staff(other.partnerId, otherHooks.url)]);
});
afterAll(async () => {
  await Promise.all([sellerHooks?.close(), otherHooks?.close()]);
});

describe('cardRevoke', () => {
  it('withdraws the balance, ends the purchase awaiting its OTP with its platform told, and forfeits a later refund', async () => {
    const holder = await cardholder(BALANCE);
    const cardId = await cardIdOf(holder);
    // A course bought before the revocation, and a second purchase waiting for its OTP.
    const bought = await start(seller, holder, courses[0]);
    expect((await authorize(seller, bought.purchaseId, bought.otp)).data!.purchaseAuthorize.userErrors).toEqual([]);
    const pending = await start(seller, holder, courses[1]);
    expect(await walletState(holder.cardNumber)).toEqual({
      balance: BALANCE - PRICE,
      available: BALANCE - 2 * PRICE,
      ledger: BALANCE - PRICE,
    });

    const { cardRevoke } = await revoke(cardId);
    expect(cardRevoke).toEqual({
      card: {
        id: cardId,
        status: 'REVOKED',
        revokedAt: expect.any(String),
        revocationReason: 'INELIGIBLE',
        revocationNote: 'Registered while a civil servant (complaint 2026/117).',
      },
      userErrors: [],
    });
    // At once, in the participants subgraph: nothing left, the pending hold released, the ledger still the balance.
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 0, available: 0, ledger: 0 });
    expect(await ledgerOf(holder.cardNumber)).toEqual([
      ['CREDIT_COHORT', BALANCE, cardId],
      ['DEBIT_PURCHASE', -PRICE, bought.purchaseId],
      ['DEBIT_REVOCATION', -(BALANCE - PRICE), cardId],
    ]);
    const { rows: holds } = await db().query(`SELECT status FROM participants.wallet_hold WHERE reference_id = $1`, [pending.purchaseId]);
    expect(holds).toEqual([{ status: 'RELEASED' }]);

    // The seller hears of it; the other platform hears nothing.
    const expired = await eventually(
      () => sellerHooks.delivered().find((e) => e.type === 'purchase.expired' && e.data.purchaseId === pending.purchaseId),
      'purchase.expired with CARD_REVOKED',
    );
    expect(expired.data).toMatchObject({ status: 'EXPIRED', reason: 'CARD_REVOKED', courseId: courses[1], amount: String(PRICE) });
    expect(expired.data.participantId).toBeUndefined();
    expect(await purchaseRow(pending.purchaseId)).toEqual({ status: 'EXPIRED', end_reason: 'CARD_REVOKED', hold_released: true });
    expect(otherHooks.delivered().some((e) => e.data.purchaseId === pending.purchaseId)).toBe(false);

    // The right OTP is worthless now, a new purchase is refused, and nothing moved.
    const late = await authorize(seller, pending.purchaseId, pending.otp);
    expect(late.data!.purchaseAuthorize).toMatchObject({ enrollment: null, userErrors: [{ code: 'INSUFFICIENT_BALANCE' }] });
    const again = await partnerRequest(seller, 'StartPurchase', {
      input: { cardNumber: holder.cardNumber, courseId: courses[1], invoiceCode: invoice(), amount: PRICE },
    });
    expect(again.data!.purchaseStart.userErrors[0].code).toBe('NOT_ELIGIBLE');

    // The course bought before stays bought; voiding it now refunds into a card that keeps nothing.
    const voided = await partnerRequest(seller, 'VoidPurchase', { input: { invoiceCode: bought.invoiceCode, reason: 'after revocation' } });
    expect(voided.data!.enrollmentVoid.userErrors).toEqual([]);
    await eventually(async () => ((await ledgerOf(holder.cardNumber)).length === 5 ? true : undefined), 'the refund and its forfeit');
    expect((await ledgerOf(holder.cardNumber)).slice(3)).toEqual(
      expect.arrayContaining([
        ['CREDIT_REFUND', PRICE, bought.purchaseId],
        ['DEBIT_REVOCATION', -PRICE, bought.purchaseId],
      ]),
    );
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 0, available: 0, ledger: 0 });

    // The participant reads why, in their inbox.
    const inbox = await gatewayQuery(
      `{ me { card { status revocationReason revocationNote } inbox(first: 20, kind: CARD_REVOKED) { edges { node { subject body } } } } }`,
      {},
      { token: await tokenFor('participant', holder.participantId) },
    );
    expect(inbox.data!.me.card).toEqual({
      status: 'REVOKED',
      revocationReason: 'INELIGIBLE',
      revocationNote: 'Registered while a civil servant (complaint 2026/117).',
    });
    const notices = inbox.data!.me.inbox.edges.map((e: any) => e.node);
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain('not eligible');
    expect(notices[0].body).toContain('complaint 2026/117');
  });

  it('is the office’s alone, refuses bad input and a card not active, and changes nothing then', async () => {
    const holder = await cardholder(BALANCE);
    const cardId = await cardIdOf(holder);
    const input = { cardId, reason: 'FALSE_DATA', note: 'Forged family card.' };
    expect(codeOf(await gatewayQuery(REVOKE, { input }))).toBe('UNAUTHENTICATED');
    for (const role of ['participant', 'analyst'] as const) {
      const res = await gatewayQuery(
        REVOKE,
        { input },
        { token: await tokenFor(role, role === 'participant' ? holder.participantId : undefined) },
      );
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
    const admin = { token: await tokenFor('admin', 'test-pmo-admin'), headers: { 'x-purpose': 'automated test' } };
    for (const [bad, field] of [
      [{ ...input, cardId: 'not-an-id' }, 'cardId'],
      [{ ...input, reason: 'PURCHASE_DEADLINE' }, 'reason'],
      [{ ...input, note: '   ' }, 'note'],
      [{ ...input, note: 'x'.repeat(1001) }, 'note'],
    ] as const) {
      const res = await gatewayQuery(REVOKE, { input: bad }, admin);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions).toMatchObject({ field });
    }
    expect((await revoke('00000000-0000-4000-8000-000000000000')).cardRevoke).toEqual({
      card: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'cardId'] }],
    });
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE, ledger: BALANCE });

    expect((await revoke(cardId, 'FALSE_DATA', 'Forged family card.')).cardRevoke.userErrors).toEqual([]);
    const ledger = await ledgerOf(holder.cardNumber);
    const twice = (await revoke(cardId, 'INELIGIBLE', 'A second decision.')).cardRevoke;
    expect(twice).toMatchObject({ card: { status: 'REVOKED', revocationReason: 'FALSE_DATA' }, userErrors: [{ code: 'NOT_ACTIVE' }] });
    expect(await ledgerOf(holder.cardNumber)).toEqual(ledger);
  });

  it('racing the authorize of the same purchase, either sells the course once or not at all, and never loses money', async () => {
    const holders = await Promise.all(Array.from({ length: 8 }, () => cardholder(BALANCE)));
    const started = await Promise.all(
      holders.map(async (h) => ({ h, cardId: await cardIdOf(h), ...(await start(seller, h, courses[0])) })),
    );
    await Promise.all(started.flatMap((s) => [revoke(s.cardId), authorize(seller, s.purchaseId, s.otp)]));

    for (const s of started) {
      // Settled: the purchase ends AUTHORIZED or EXPIRED (a CAPTURING one is finished by a retry or the reconciler).
      const row = await eventually(async () => {
        const r = await purchaseRow(s.purchaseId);
        if (r.status === 'CAPTURING') await authorize(seller, s.purchaseId, s.otp);
        return r.status === 'AUTHORIZED' || r.status === 'EXPIRED' ? r : undefined;
      }, 'the purchase to settle');
      const ledger = await ledgerOf(s.h.cardNumber);
      const debits = ledger.filter(([kind]) => kind === 'DEBIT_PURCHASE');
      const { rows: enrollments } = await db().query(`SELECT status FROM courses.enrollment WHERE purchase_id = $1`, [s.purchaseId]);
      if (row.status === 'AUTHORIZED') {
        expect(debits).toEqual([['DEBIT_PURCHASE', -PRICE, s.purchaseId]]);
        expect(enrollments).toEqual([{ status: 'ENROLLED' }]);
      } else {
        expect(debits).toEqual([]);
        expect(enrollments).toEqual([]);
      }
      expect(await walletState(s.h.cardNumber)).toEqual({ balance: 0, available: 0, ledger: 0 });
      const { rows: active } = await db().query(
        `SELECT count(*)::int AS n FROM participants.wallet_hold h JOIN participants.card c ON c.id = h.wallet_id WHERE c.number = $1 AND h.status = 'ACTIVE'`,
        [s.h.cardNumber],
      );
      expect(active[0].n).toBe(0);
    }
  });
});
