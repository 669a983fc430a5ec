import type { Identity } from '../../common/identity';
import { db, signedHeaders } from '../support/client';
import { codes, courses, createCourse, createPartner, offer, partner, startCourses, unique } from './fixtures';

import { cardholder, readOtp, readOtpFor, walletState } from '../support/partner';

/*
 * The purchase flow of the courses subgraph against the real participants subgraph (wallet, inbox,
 * completion record). Requests go straight to the courses subgraph as a partner identity; the cardholder
 * fixture and the inbox go through the gateway (tests/support/partner.ts).
 */
const participants = {
  cardholder: (balance: number) => cardholder(balance),
  readOtp,
  async wallet(cardNumber: string): Promise<{ balance: number; availableBalance: number; ledgerSum: number }> {
    const w = await walletState(cardNumber);
    return { balance: w.balance, availableBalance: w.available, ledgerSum: w.ledger };
  },
};

const START = `mutation($input: PurchaseStartInput!) { purchaseStart(input: $input) { purchase { id status otpExpiresAt } userErrors { code } } }`;
const AUTHORIZE = `mutation($input: PurchaseAuthorizeInput!) { purchaseAuthorize(input: $input) {
  enrollment { id invoiceCode transactionCode status amount { amount } course { id } enrolledAt } userErrors { code } } }`;
const VOID = `mutation($input: EnrollmentVoidInput!) { enrollmentVoid(input: $input) { enrollment { id status cancelledAt refund { amount } } userErrors { code } } }`;
const BY_INVOICE = `query($invoiceCode: String!) { purchaseByInvoice(invoiceCode: $invoiceCode) { id status enrollment { id transactionCode } } }`;

const PRICE = 1_000_000;

async function setup(balance = 3_500_000) {
  const partnerId = await createPartner();
  const courseId = await createCourse({ sessionCount: 2 });
  await offer(courseId, partnerId, PRICE);
  const { participantId, cardNumber } = await participants.cardholder(balance);
  return { partnerId, courseId, participantId, cardNumber, as: partner(partnerId) as Identity };
}

describe('purchase flow against the real participants subgraph', () => {
  it('starts, sends one OTP, authorizes once, and a retry returns the same enrollment', async () => {
    const s = await setup();
    const invoiceCode = unique('INV');
    const input = { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode, amount: PRICE };
    const started = (await courses(START, { input }, s.as)).data!.purchaseStart;
    expect(started.userErrors).toEqual([]);
    expect(started.purchase.status).toBe('AWAITING_OTP');
    expect((await participants.wallet(s.cardNumber)).availableBalance).toBe(3_500_000 - PRICE);
    const otp = await participants.readOtp(s.participantId);

    // A retry with the same values: same purchase, no second OTP (the generation stays 1).
    expect((await courses(START, { input }, s.as)).data!.purchaseStart.purchase.id).toBe(started.purchase.id);
    expect(
      (await db().query('select otp_generation from courses.purchase where id = $1', [started.purchase.id])).rows[0].otp_generation,
    ).toBe(1);

    const first = (await courses(AUTHORIZE, { input: { purchaseId: started.purchase.id, otp } }, s.as)).data!.purchaseAuthorize;
    expect(first.enrollment).toMatchObject({ invoiceCode, status: 'ENROLLED', amount: { amount: PRICE }, course: { id: s.courseId } });
    const again = (await courses(AUTHORIZE, { input: { purchaseId: started.purchase.id, otp } }, s.as)).data!.purchaseAuthorize;
    expect(again).toEqual(first);
    const w = await participants.wallet(s.cardNumber);
    expect(w).toEqual({ balance: 3_500_000 - PRICE, availableBalance: 3_500_000 - PRICE, ledgerSum: 3_500_000 - PRICE });
    expect((await courses(BY_INVOICE, { invoiceCode }, s.as)).data!.purchaseByInvoice).toEqual({
      id: started.purchase.id,
      status: 'AUTHORIZED',
      enrollment: { id: first.enrollment.id, transactionCode: first.enrollment.transactionCode },
    });
  });

  it('converges 10 concurrent identical starts on one purchase and one OTP', async () => {
    const s = await setup();
    const input = { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode: unique('INV'), amount: PRICE };
    const answers = await Promise.all(Array.from({ length: 10 }, () => courses(START, { input }, s.as)));
    expect(new Set(answers.map((a) => a.data!.purchaseStart.purchase.id)).size).toBe(1);
    expect(
      (await db().query('select otp_generation from courses.purchase where invoice_code = $1', [input.invoiceCode])).rows[0].otp_generation,
    ).toBe(1);
    expect((await participants.wallet(s.cardNumber)).availableBalance).toBe(3_500_000 - PRICE);
  });

  it('debits once and creates one enrollment for 20 concurrent authorizes, all answering the same', async () => {
    const s = await setup();
    const started = (
      await courses(START, { input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode: unique('INV'), amount: PRICE } }, s.as)
    ).data!.purchaseStart;
    const otp = await participants.readOtp(s.participantId);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => courses(AUTHORIZE, { input: { purchaseId: started.purchase.id, otp } }, s.as)),
    );
    const payloads = answers.map((a) => a.data!.purchaseAuthorize);
    for (const p of payloads) expect(p).toEqual(payloads[0]);
    expect(payloads[0].userErrors).toEqual([]);
    expect(
      Number((await db().query('select count(*) from courses.enrollment where purchase_id = $1', [started.purchase.id])).rows[0].count),
    ).toBe(1);
    expect((await participants.wallet(s.cardNumber)).balance).toBe(3_500_000 - PRICE);
  });

  it('refuses INSUFFICIENT_BALANCE and ALREADY_ENROLLED, leaving no hold', async () => {
    const poor = await setup(PRICE - 1);
    const refused = (
      await courses(
        START,
        { input: { cardNumber: poor.cardNumber, courseId: poor.courseId, invoiceCode: unique('INV'), amount: PRICE } },
        poor.as,
      )
    ).data!.purchaseStart;
    expect(codes(refused)).toEqual(['INSUFFICIENT_BALANCE']);
    expect((await participants.wallet(poor.cardNumber)).availableBalance).toBe(PRICE - 1);

    const s = await setup();
    const started = (
      await courses(START, { input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode: unique('INV'), amount: PRICE } }, s.as)
    ).data!.purchaseStart;
    await courses(AUTHORIZE, { input: { purchaseId: started.purchase.id, otp: await participants.readOtp(s.participantId) } }, s.as);
    const twice = (
      await courses(START, { input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode: unique('INV'), amount: PRICE } }, s.as)
    ).data!.purchaseStart;
    expect(codes(twice)).toEqual(['ALREADY_ENROLLED']);
    expect((await participants.wallet(s.cardNumber)).availableBalance).toBe(3_500_000 - PRICE);
  });

  it('ends a purchase refused ALREADY_ENROLLED at authorize and releases its hold', async () => {
    const s = await setup();
    const [first, second] = [unique('INV'), unique('INV')];
    const startWith = async (invoiceCode: string) =>
      (await courses(START, { input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode, amount: PRICE } }, s.as)).data!
        .purchaseStart.purchase.id as string;
    const [id1, id2] = [await startWith(first), await startWith(second)];
    expect((await participants.wallet(s.cardNumber)).availableBalance).toBe(3_500_000 - 2 * PRICE);
    const ok = (await courses(AUTHORIZE, { input: { purchaseId: id1, otp: await readOtpFor(s.participantId, first) } }, s.as)).data!
      .purchaseAuthorize;
    expect(ok.userErrors).toEqual([]);
    const refused = (await courses(AUTHORIZE, { input: { purchaseId: id2, otp: await readOtpFor(s.participantId, second) } }, s.as)).data!
      .purchaseAuthorize;
    expect(codes(refused)).toEqual(['ALREADY_ENROLLED']);
    expect((await db().query('select status, hold_released from courses.purchase where id = $1', [id2])).rows[0]).toEqual({
      status: 'EXPIRED',
      hold_released: true,
    });
    expect(await participants.wallet(s.cardNumber)).toEqual({
      balance: 3_500_000 - PRICE,
      availableBalance: 3_500_000 - PRICE,
      ledgerSum: 3_500_000 - PRICE,
    });
  });

  it('releases the hold when the OTP locks', async () => {
    const s = await setup();
    const started = (
      await courses(START, { input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode: unique('INV'), amount: PRICE } }, s.as)
    ).data!.purchaseStart;
    for (const otp of ['000000', '000001', '000002']) await courses(AUTHORIZE, { input: { purchaseId: started.purchase.id, otp } }, s.as);
    expect((await db().query('select status, hold_released from courses.purchase where id = $1', [started.purchase.id])).rows[0]).toEqual({
      status: 'LOCKED',
      hold_released: true,
    });
    expect((await participants.wallet(s.cardNumber)).availableBalance).toBe(3_500_000);
  });

  it('voids once: refund once, then ALREADY_CANCELLED', async () => {
    const s = await setup();
    const invoiceCode = unique('INV');
    const started = (await courses(START, { input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode, amount: PRICE } }, s.as))
      .data!.purchaseStart;
    await courses(AUTHORIZE, { input: { purchaseId: started.purchase.id, otp: await participants.readOtp(s.participantId) } }, s.as);
    const answers = await Promise.all(Array.from({ length: 5 }, () => courses(VOID, { input: { invoiceCode, reason: 'batal' } }, s.as)));
    const ok = answers.filter((a) => a.data!.enrollmentVoid.userErrors.length === 0);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const a of answers) expect(a.data!.enrollmentVoid.enrollment).toMatchObject({ status: 'CANCELLED', refund: { amount: PRICE } });
    expect(codes((await courses(VOID, { input: { invoiceCode, reason: 'batal' } }, s.as)).data!.enrollmentVoid)).toEqual([
      'ALREADY_CANCELLED',
    ]);
    expect(await participants.wallet(s.cardNumber)).toEqual({ balance: 3_500_000, availableBalance: 3_500_000, ledgerSum: 3_500_000 });
  });

  it('completes a purchase whose process crashed between capture and enrollment: by retry, and by the reconciler', async () => {
    for (const recovery of ['retry', 'reconciler'] as const) {
      const s = await setup();
      const started = (
        await courses(START, { input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode: unique('INV'), amount: PRICE } }, s.as)
      ).data!.purchaseStart;
      const otp = await participants.readOtp(s.participantId);
      const faulty = await startCourses({ COURSES_FAULT_AFTER_CAPTURE: '1' });
      const exited = new Promise((r) => faulty.child.once('exit', r));
      // The faulty process is reached directly, signed as the gateway would sign it; it dies mid-request.
      const body = JSON.stringify({ query: AUTHORIZE, variables: { input: { purchaseId: started.purchase.id, otp } } });
      await fetch(faulty.url, { method: 'POST', headers: signedHeaders(s.as, body), body }).catch(() => undefined);
      await exited;
      expect((await db().query('select status from courses.purchase where id = $1', [started.purchase.id])).rows[0].status).toBe(
        'CAPTURING',
      );
      expect((await participants.wallet(s.cardNumber)).balance).toBe(3_500_000 - PRICE);

      if (recovery === 'retry') {
        const retried = (await courses(AUTHORIZE, { input: { purchaseId: started.purchase.id, otp } }, s.as)).data!.purchaseAuthorize;
        expect(retried.userErrors).toEqual([]);
      } else {
        const fresh = await startCourses({}); // its start-up reconciler pass completes CAPTURING purchases
        for (let i = 0; i < 100; i++) {
          if (
            (await db().query('select status from courses.purchase where id = $1', [started.purchase.id])).rows[0].status === 'AUTHORIZED'
          )
            break;
          await new Promise((r) => setTimeout(r, 100));
        }
        fresh.child.kill('SIGTERM');
      }
      expect((await db().query('select status from courses.purchase where id = $1', [started.purchase.id])).rows[0].status).toBe(
        'AUTHORIZED',
      );
      expect(
        Number((await db().query('select count(*) from courses.enrollment where purchase_id = $1', [started.purchase.id])).rows[0].count),
      ).toBe(1);
      expect((await participants.wallet(s.cardNumber)).balance).toBe(3_500_000 - PRICE);
    }
  });

  it('records completions in the participants subgraph', async () => {
    const s = await setup();
    const started = (
      await courses(START, { input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode: unique('INV'), amount: PRICE } }, s.as)
    ).data!.purchaseStart;
    const enrollment = (
      await courses(AUTHORIZE, { input: { purchaseId: started.purchase.id, otp: await participants.readOtp(s.participantId) } }, s.as)
    ).data!.purchaseAuthorize.enrollment;
    for (const session of [1, 2]) {
      await courses(
        `mutation($input: AttendanceReportInput!) { attendanceReport(input: $input) { userErrors { code } } }`,
        { input: { enrollmentId: enrollment.id, session, attendedAt: new Date().toISOString() } },
        s.as,
      );
    }
    const done = await courses(
      `mutation($input: CompletionReportInput!) { completionReport(input: $input) { userErrors { code } } }`,
      {
        input: { enrollmentId: enrollment.id, completedAt: new Date().toISOString(), score: 90, certificateNumber: 'C-1' },
      },
      s.as,
    );
    expect(done.data!.completionReport.userErrors).toEqual([]);
    expect(
      (await db().query('select completion_recorded from courses.enrollment where id = $1', [enrollment.id])).rows[0].completion_recorded,
    ).toBe(true);
  });
});
