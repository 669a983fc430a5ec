import { db } from '../support/client';
import {
  cardholder,
  codes,
  invoice,
  offeredCourse,
  otpCount,
  partnerRequest,
  partnerWithCredential,
  readOtp,
  readOtpFor,
  walletState,
  type PartnerCredential,
} from '../support/partner';

/*
 * The money invariants under real concurrency, through the gateway with signed requests: the balance never
 * goes below zero, is debited and refunded exactly once, and always equals the sum of its ledger.
 */

jest.setTimeout(180_000);

let partner: PartnerCredential;
beforeAll(async () => {
  partner = await partnerWithCredential();
});

const idr = (amount: number) => ({ amount, currency: 'IDR' });
const startInput = (cardNumber: string, courseId: string, amount: number, invoiceCode = invoice()) => ({
  input: { cardNumber, courseId, invoiceCode, amount },
});

/** Runs `make` for 0..n-1 in chunks (fixture creation only: the requests under test run all at once). */
async function inChunks<T>(n: number, make: (i: number) => Promise<T>, chunk = 10): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += chunk)
    out.push(...(await Promise.all(Array.from({ length: Math.min(chunk, n - i) }, (_, j) => make(i + j)))));
  return out;
}

const ledgerMatchesBalance = async (cardNumber: string) => {
  const { rows } = await db().query(
    `select w.balance::bigint as balance, (select coalesce(sum(l.amount), 0) from participants.ledger_entry l where l.wallet_id = w.id)::bigint as ledger,
            (select count(*) from participants.ledger_entry l where l.wallet_id = w.id)::int as entries
     from participants.wallet w join participants.card c on c.id = w.id where c.number = $1`,
    [cardNumber],
  );
  return rows[0] as { balance: string; ledger: string; entries: number };
};

describe('purchase invariants under concurrency', () => {
  it('50 concurrent starts on a balance that covers 10: exactly 10 held, 40 INSUFFICIENT_BALANCE; authorizing the 10 spends it to 0', async () => {
    const PRICE = 100_000;
    const holder = await cardholder(10 * PRICE);
    const courseIds = await inChunks(50, () => offeredCourse(partner.partnerId, PRICE));
    const answers = await Promise.all(
      courseIds.map((courseId) => partnerRequest(partner, 'StartPurchase', startInput(holder.cardNumber, courseId, PRICE))),
    );
    for (const a of answers) expect(a.errors).toBeUndefined();
    const payloads = answers.map((a) => a.data!.purchaseStart);
    const started = payloads.filter((p) => p.userErrors.length === 0);
    const refused = payloads.filter((p) => p.userErrors.length > 0);
    expect(started).toHaveLength(10);
    expect(refused.map((p) => codes(p))).toEqual(Array.from({ length: 40 }, () => ['INSUFFICIENT_BALANCE']));
    for (const p of refused) expect(p.purchase).toBeNull();
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 10 * PRICE, available: 0, ledger: 10 * PRICE });
    // Refused starts leave nothing behind.
    expect(
      Number((await db().query('select count(*) from courses.purchase where card_number = $1', [holder.cardNumber])).rows[0].count),
    ).toBe(10);
    expect(await otpCount(holder.participantId)).toBe(10);

    const otps = await Promise.all(started.map((p) => readOtpFor(holder.participantId, p.purchase.invoiceCode)));
    const authorized = await Promise.all(
      started.map((p, i) => partnerRequest(partner, 'AuthorizePurchase', { input: { purchaseId: p.purchase.id, otp: otps[i] } })),
    );
    for (const a of authorized) expect(a.data!.purchaseAuthorize.userErrors).toEqual([]);
    expect(new Set(authorized.map((a) => a.data!.purchaseAuthorize.enrollment.id)).size).toBe(10);
    expect(
      Number((await db().query('select count(*) from courses.enrollment where participant_id = $1', [holder.participantId])).rows[0].count),
    ).toBe(10);
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 0, available: 0, ledger: 0 });
    const ledger = await ledgerMatchesBalance(holder.cardNumber);
    expect(ledger).toEqual({ balance: '0', ledger: '0', entries: 11 }); // one credit at selection, ten debits
    const eligibility = await partnerRequest(partner, 'CheckEligibility', { cardNumber: holder.cardNumber });
    expect(eligibility.data!.eligibility).toMatchObject({ eligible: false, reasons: [{ code: 'NO_BALANCE' }], availableBalance: idr(0) });
  });

  it('20 concurrent authorizes of one purchase: one debit, one enrollment, all answers equal', async () => {
    const PRICE = 400_000;
    const holder = await cardholder(1_000_000);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const started = (await partnerRequest(partner, 'StartPurchase', startInput(holder.cardNumber, courseId, PRICE))).data!.purchaseStart;
    const otp = await readOtp(holder.participantId);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => partnerRequest(partner, 'AuthorizePurchase', { input: { purchaseId: started.purchase.id, otp } })),
    );
    // Every answer carries the payload; on failure the assertion shows what came back instead.
    expect(answers.filter((a) => !a.data?.purchaseAuthorize).map((a) => `${a.status} ${a.text}`)).toEqual([]);
    const payloads = answers.map((a) => a.data!.purchaseAuthorize);
    expect(payloads[0].userErrors).toEqual([]);
    for (const p of payloads) expect(p).toEqual(payloads[0]);
    expect(
      Number((await db().query('select count(*) from courses.enrollment where purchase_id = $1', [started.purchase.id])).rows[0].count),
    ).toBe(1);
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 600_000, available: 600_000, ledger: 600_000 });
    expect((await ledgerMatchesBalance(holder.cardNumber)).entries).toBe(2);
  });

  it('the same invoice started 10 times at once: one purchase, one hold, one OTP', async () => {
    const PRICE = 300_000;
    const holder = await cardholder(1_000_000);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const input = startInput(holder.cardNumber, courseId, PRICE);
    const answers = await Promise.all(Array.from({ length: 10 }, () => partnerRequest(partner, 'StartPurchase', input)));
    const payloads = answers.map((a) => a.data!.purchaseStart);
    for (const p of payloads) expect(p.userErrors).toEqual([]);
    expect(new Set(payloads.map((p) => p.purchase.id)).size).toBe(1);
    expect(
      Number((await db().query('select count(*) from courses.purchase where invoice_code = $1', [input.input.invoiceCode])).rows[0].count),
    ).toBe(1);
    expect(await otpCount(holder.participantId)).toBe(1);
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 1_000_000, available: 700_000, ledger: 1_000_000 });
  });

  it('the same invoice with another amount, concurrently with retries: INVOICE_CONFLICT and nothing changes', async () => {
    const PRICE = 300_000;
    const holder = await cardholder(1_000_000);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const input = startInput(holder.cardNumber, courseId, PRICE);
    const first = (await partnerRequest(partner, 'StartPurchase', input)).data!.purchaseStart;
    const before = (await db().query('select * from courses.purchase where id = $1', [first.purchase.id])).rows[0];
    const conflicting = { input: { ...input.input, amount: PRICE + 1 } };
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => partnerRequest(partner, 'StartPurchase', i % 2 ? input : conflicting)),
    );
    answers.forEach((a, i) => {
      if (i % 2) expect(a.data!.purchaseStart.purchase.id).toBe(first.purchase.id);
      else expect(codes(a.data!.purchaseStart)).toEqual(['INVOICE_CONFLICT']);
    });
    expect((await db().query('select * from courses.purchase where id = $1', [first.purchase.id])).rows[0]).toEqual(before);
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 1_000_000, available: 700_000, ledger: 1_000_000 });
    expect(await otpCount(holder.participantId)).toBe(1);
  });

  it('two partners using the same invoice code do not collide', async () => {
    const PRICE = 200_000;
    const other = await partnerWithCredential();
    const holder = await cardholder(1_000_000);
    const mine = await offeredCourse(partner.partnerId, PRICE);
    const theirs = await offeredCourse(other.partnerId, PRICE);
    const invoiceCode = invoice('SHARED');
    const [a, b] = await Promise.all([
      partnerRequest(partner, 'StartPurchase', startInput(holder.cardNumber, mine, PRICE, invoiceCode)),
      partnerRequest(other, 'StartPurchase', startInput(holder.cardNumber, theirs, PRICE, invoiceCode)),
    ]);
    expect(a.data!.purchaseStart.userErrors).toEqual([]);
    expect(b.data!.purchaseStart.userErrors).toEqual([]);
    expect(a.data!.purchaseStart.purchase.id).not.toBe(b.data!.purchaseStart.purchase.id);
    expect((await partnerRequest(partner, 'PurchaseStatus', { invoiceCode })).data!.purchaseByInvoice.id).toBe(
      a.data!.purchaseStart.purchase.id,
    );
    expect((await partnerRequest(other, 'PurchaseStatus', { invoiceCode })).data!.purchaseByInvoice.id).toBe(
      b.data!.purchaseStart.purchase.id,
    );
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 1_000_000, available: 600_000, ledger: 1_000_000 });
  });

  it('VoidPurchase 5 times at once and again: one refund, then ALREADY_CANCELLED', async () => {
    const PRICE = 500_000;
    const holder = await cardholder(1_000_000);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const { invoiceCode } = startInput(holder.cardNumber, courseId, PRICE).input;
    const started = (await partnerRequest(partner, 'StartPurchase', startInput(holder.cardNumber, courseId, PRICE, invoiceCode))).data!
      .purchaseStart;
    await partnerRequest(partner, 'AuthorizePurchase', {
      input: { purchaseId: started.purchase.id, otp: await readOtp(holder.participantId) },
    });
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 500_000, available: 500_000, ledger: 500_000 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => partnerRequest(partner, 'VoidPurchase', { input: { invoiceCode, reason: 'batal' } })),
    );
    const payloads = answers.map((a) => a.data!.enrollmentVoid);
    expect(payloads.filter((p) => p.userErrors.length === 0).length).toBeGreaterThanOrEqual(1);
    for (const p of payloads) {
      expect(p.enrollment).toMatchObject({ status: 'CANCELLED', refund: idr(PRICE) });
      expect(codes(p).filter((c) => c !== 'ALREADY_CANCELLED')).toEqual([]);
    }
    expect(
      codes((await partnerRequest(partner, 'VoidPurchase', { input: { invoiceCode, reason: 'batal' } })).data!.enrollmentVoid),
    ).toEqual(['ALREADY_CANCELLED']);
    expect(await walletState(holder.cardNumber)).toEqual({ balance: 1_000_000, available: 1_000_000, ledger: 1_000_000 });
    expect((await ledgerMatchesBalance(holder.cardNumber)).entries).toBe(3); // credit, debit, one refund
  });
});
