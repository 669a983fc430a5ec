import { randomUUID } from 'node:crypto';
import { db } from '../support/client';
import {
  cardholder,
  codes,
  createCourse,
  invoice,
  offer,
  offeredCourse,
  otpCount,
  partnerRequest,
  partnerWithCredential,
  readOtp,
  sharedInstitution,
  walletState,
  type Cardholder,
  type PartnerCredential,
} from '../support/partner';

/*
 * The whole partner integration through the gateway, with signed requests, sending each contract document
 * from schema/operations/partner unchanged, and every code the contract lists for it.
 */

const { luhnCheckDigit } = require('../../dist/common/luhn') as typeof import('../../common/luhn');
const { createParticipantsOrm } = require('../../dist/subgraphs/participants/orm') as typeof import('../../subgraphs/participants/orm');
const { revokeLapsedCards } =
  require('../../dist/subgraphs/participants/wallet/wallet.service') as typeof import('../../subgraphs/participants/wallet/wallet.service');

const PRICE = 750_000;
const BALANCE = 3_500_000;
const idr = (amount: number) => ({ amount, currency: 'IDR' });
const unknownCard = () => {
  const payload = `9${Array.from({ length: 14 }, () => Math.floor(Math.random() * 10)).join('')}`;
  return `${payload}${luhnCheckDigit(payload)}`;
};

let partner: PartnerCredential;
beforeAll(async () => {
  partner = await partnerWithCredential();
});

const send = (document: string, variables: Record<string, unknown>) => partnerRequest(partner, document, variables);

async function start(holder: Cardholder, courseId: string, invoiceCode = invoice(), amount = PRICE, as = partner) {
  const res = await partnerRequest(as, 'StartPurchase', { input: { cardNumber: holder.cardNumber, courseId, invoiceCode, amount } });
  expect(res.errors).toBeUndefined();
  return { invoiceCode, payload: res.data!.purchaseStart };
}

/** Starts and authorizes a purchase; returns the enrollment. */
async function buy(holder: Cardholder, courseId: string, as = partner) {
  const { invoiceCode, payload } = await start(holder, courseId, invoice(), PRICE, as);
  expect(payload.userErrors).toEqual([]);
  const res = await partnerRequest(as, 'AuthorizePurchase', {
    input: { purchaseId: payload.purchase.id, otp: await readOtp(holder.participantId) },
  });
  expect(res.data!.purchaseAuthorize.userErrors).toEqual([]);
  return { invoiceCode, purchaseId: payload.purchase.id as string, enrollment: res.data!.purchaseAuthorize.enrollment };
}

describe('CheckEligibility', () => {
  const check = async (cardNumber: string) => (await send('CheckEligibility', { cardNumber })).data!.eligibility;

  it('answers an ACTIVE card with its available balance and deadline, and no personal data', async () => {
    const holder = await cardholder(BALANCE);
    const res = await send('CheckEligibility', { cardNumber: holder.cardNumber });
    expect(res.status).toBe(200);
    expect(res.data!.eligibility).toEqual({
      eligible: true,
      reasons: [],
      availableBalance: idr(BALANCE),
      purchaseDeadline: expect.any(String),
    });
    expect(new Date(res.data!.eligibility.purchaseDeadline).getTime()).toBeGreaterThan(Date.now());
    for (const secret of [holder.nik, holder.fullName, holder.email, holder.phone, holder.participantId])
      expect(res.text).not.toContain(secret);
  });

  it('refuses INVALID_CARD_NUMBER and UNKNOWN_CARD', async () => {
    const holder = await cardholder(BALANCE);
    const wrongCheckDigit = holder.cardNumber.slice(0, 15) + ((Number(holder.cardNumber[15]) + 1) % 10);
    for (const bad of ['1234', wrongCheckDigit, `${holder.cardNumber}0`]) {
      expect(await check(bad)).toEqual({
        eligible: false,
        reasons: [{ code: 'INVALID_CARD_NUMBER', message: expect.any(String) }],
        availableBalance: null,
        purchaseDeadline: null,
      });
    }
    expect(await check(unknownCard())).toMatchObject({ eligible: false, reasons: [{ code: 'UNKNOWN_CARD' }], availableBalance: null });
  });

  it('refuses PURCHASE_DEADLINE_PASSED, then NOT_ACTIVE once the lapsed card is revoked', async () => {
    const holder = await cardholder(BALANCE);
    // Time travel: the purchase window ended a minute ago (the card's first purchase never happened).
    await db().query(`update participants.card set purchase_deadline = now() - interval '1 minute' where number = $1`, [holder.cardNumber]);
    expect(await check(holder.cardNumber)).toMatchObject({
      eligible: false,
      reasons: [{ code: 'PURCHASE_DEADLINE_PASSED' }],
      availableBalance: idr(BALANCE),
    });
    // The revocation job (run here, in-process, against the same database) revokes the lapsed card.
    const orm = await createParticipantsOrm(process.env.TEST_DATABASE_URL!);
    try {
      expect(await revokeLapsedCards(orm.em.fork())).toBeGreaterThanOrEqual(1);
    } finally {
      await orm.close();
    }
    const revoked = await check(holder.cardNumber);
    expect(revoked.eligible).toBe(false);
    expect(revoked.reasons.map((r: { code: string }) => r.code)).toContain('NOT_ACTIVE');
    expect(revoked.reasons.map((r: { code: string }) => r.code)).not.toContain('PURCHASE_DEADLINE_PASSED');
  });

  it('refuses NO_BALANCE while the whole balance is held by a purchase awaiting its OTP', async () => {
    const holder = await cardholder(PRICE);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    expect((await start(holder, courseId)).payload.userErrors).toEqual([]);
    expect(await check(holder.cardNumber)).toMatchObject({ eligible: false, reasons: [{ code: 'NO_BALANCE' }], availableBalance: idr(0) });
  });
});

describe('PartnerCatalog', () => {
  it('lists exactly the courses this partner sells, at its price, with the provider, paginated', async () => {
    const own = await partnerWithCredential();
    const other = await partnerWithCredential();
    const prices = [100_000, 250_000, 999_000];
    const mine: Array<{ id: string; price: number }> = [];
    for (const price of prices)
      mine.push({ id: await offeredCourse(own.partnerId, price, { sessionCount: 4, minimumDurationMinutes: 90 }), price });
    await offer(mine[0].id, other.partnerId, 123_000); // sold elsewhere too, at another price
    await offeredCourse(other.partnerId, 555_000); // sold only by the other partner
    const withdrawn = await offeredCourse(own.partnerId, 300_000);
    await offer(withdrawn, own.partnerId, 300_000, false); // no longer sold

    const first = await partnerRequest(own, 'PartnerCatalog', { first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.partnerCourses.totalCount).toBe(3);
    expect(first.data!.partnerCourses.pageInfo.hasNextPage).toBe(true);
    const rest = await partnerRequest(own, 'PartnerCatalog', { first: 2, after: first.data!.partnerCourses.pageInfo.endCursor });
    expect(rest.data!.partnerCourses.pageInfo.hasNextPage).toBe(false);
    const nodes = [...first.data!.partnerCourses.edges, ...rest.data!.partnerCourses.edges].map((e: { node: any }) => e.node);
    expect(nodes.map((n) => n.id).sort()).toEqual(mine.map((c) => c.id).sort());
    const institutionId = await sharedInstitution();
    for (const { id, price } of mine) {
      expect(nodes.find((n) => n.id === id)).toEqual({
        id,
        title: expect.any(String),
        category: 'TECHNOLOGY',
        sessionCount: 4,
        minimumDurationMinutes: 90,
        price: idr(price),
        provider: { id: institutionId, name: expect.any(String) },
      });
    }
    const theirs = await partnerRequest(other, 'PartnerCatalog', { first: 10 });
    expect(theirs.data!.partnerCourses.edges.find((e: { node: any }) => e.node.id === mine[0].id).node.price).toEqual(idr(123_000));
  });
});

describe('StartPurchase and AuthorizePurchase', () => {
  it('holds the price, sends one OTP, debits once on authorize and answers PurchaseStatus', async () => {
    const holder = await cardholder(BALANCE);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const { invoiceCode, payload } = await start(holder, courseId);
    expect(payload).toEqual({
      purchase: {
        id: expect.any(String),
        invoiceCode,
        status: 'AWAITING_OTP',
        amount: idr(PRICE),
        course: { id: courseId, title: expect.any(String) },
        otpExpiresAt: expect.any(String),
      },
      userErrors: [],
    });
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE - PRICE, ledger: BALANCE });
    expect(await otpCount(holder.participantId)).toBe(1);

    const pending = await send('PurchaseStatus', { invoiceCode });
    expect(pending.data!.purchaseByInvoice).toEqual({
      id: payload.purchase.id,
      status: 'AWAITING_OTP',
      amount: idr(PRICE),
      enrollment: null,
    });

    const otp = await readOtp(holder.participantId);
    const authorized = await send('AuthorizePurchase', { input: { purchaseId: payload.purchase.id, otp } });
    const enrollment = authorized.data!.purchaseAuthorize.enrollment;
    expect(authorized.data!.purchaseAuthorize).toEqual({
      enrollment: {
        id: expect.any(String),
        invoiceCode,
        transactionCode: expect.stringMatching(/^PRJ-\d{8}-[0-9A-F]{16}$/),
        status: 'ENROLLED',
        amount: idr(PRICE),
        course: { id: courseId, title: payload.purchase.course.title },
        enrolledAt: expect.any(String),
      },
      userErrors: [],
    });
    // A retry (the partner timed out) answers the same enrollment and debits nothing more.
    expect((await send('AuthorizePurchase', { input: { purchaseId: payload.purchase.id, otp } })).data!.purchaseAuthorize).toEqual(
      authorized.data!.purchaseAuthorize,
    );
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE - PRICE, available: BALANCE - PRICE, ledger: BALANCE - PRICE });

    const status = await send('PurchaseStatus', { invoiceCode });
    expect(status.data!.purchaseByInvoice).toEqual({
      id: payload.purchase.id,
      status: 'AUTHORIZED',
      amount: idr(PRICE),
      enrollment: { id: enrollment.id, status: 'ENROLLED', transactionCode: enrollment.transactionCode },
    });
    expect((await send('PurchaseStatus', { invoiceCode: invoice('NEVER') })).data).toEqual({ purchaseByInvoice: null });
  });

  it('refuses every StartPurchase rule with its code and leaves no trace in the balance', async () => {
    const holder = await cardholder(BALANCE);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const otherPartner = await partnerWithCredential();
    const notOurs = await offeredCourse(otherPartner.partnerId, PRICE);
    const unapproved = await createCourse(); // approved but offered nowhere: COURSE_NOT_OFFERED
    const attempt = async (input: Record<string, unknown>) => {
      const res = await send('StartPurchase', {
        input: { cardNumber: holder.cardNumber, courseId, invoiceCode: invoice(), amount: PRICE, ...input },
      });
      expect(res.data!.purchaseStart.purchase).toBeNull();
      return codes(res.data!.purchaseStart);
    };
    expect(await attempt({ cardNumber: '12345' })).toEqual(['INVALID_CARD_NUMBER']);
    expect(await attempt({ cardNumber: unknownCard() })).toEqual(['UNKNOWN_CARD']);
    expect(await attempt({ courseId: randomUUID() })).toEqual(['COURSE_NOT_FOUND']);
    expect(await attempt({ courseId: 'not-an-id' })).toEqual(['COURSE_NOT_FOUND']);
    expect(await attempt({ courseId: notOurs })).toEqual(['COURSE_NOT_OFFERED']);
    expect(await attempt({ courseId: unapproved })).toEqual(['COURSE_NOT_OFFERED']);
    expect(await attempt({ amount: PRICE - 1 })).toEqual(['PRICE_MISMATCH']);

    const poor = await cardholder(PRICE - 1);
    expect(await attempt({ cardNumber: poor.cardNumber })).toEqual(['INSUFFICIENT_BALANCE']);
    expect(await walletState(poor.cardNumber)).toEqual({ balance: PRICE - 1, available: PRICE - 1, ledger: PRICE - 1 });

    // Malformed requests are top-level BAD_USER_INPUT errors, not userErrors.
    const malformed = await send('StartPurchase', {
      input: { cardNumber: holder.cardNumber, courseId, invoiceCode: invoice(), amount: 'sejuta' },
    });
    expect(malformed.data).toBeUndefined();
    expect(malformed.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const missing = await send('StartPurchase', { input: { cardNumber: holder.cardNumber, courseId, amount: PRICE } });
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);

    const lapsed = await cardholder(BALANCE);
    await db().query(`update participants.card set purchase_deadline = now() - interval '1 minute' where number = $1`, [lapsed.cardNumber]);
    expect(await attempt({ cardNumber: lapsed.cardNumber })).toEqual(['NOT_ELIGIBLE']);

    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE, ledger: BALANCE });
    expect(
      Number((await db().query(`select count(*) from courses.purchase where card_number = $1`, [holder.cardNumber])).rows[0].count),
    ).toBe(0);

    // ALREADY_ENROLLED: the participant holds an active enrollment in the course (bought here or elsewhere).
    await buy(holder, courseId);
    expect(await attempt({})).toEqual(['ALREADY_ENROLLED']);
    await offer(courseId, otherPartner.partnerId, PRICE);
    const elsewhere = await partnerRequest(otherPartner, 'StartPurchase', {
      input: { cardNumber: holder.cardNumber, courseId, invoiceCode: invoice(), amount: PRICE },
    });
    expect(codes(elsewhere.data!.purchaseStart)).toEqual(['ALREADY_ENROLLED']);
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE - PRICE, available: BALANCE - PRICE, ledger: BALANCE - PRICE });
  });

  it('answers a retry with the same purchase and no second OTP, and INVOICE_CONFLICT for other values', async () => {
    const holder = await cardholder(BALANCE);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const other = await offeredCourse(partner.partnerId, PRICE);
    const first = await start(holder, courseId);
    const again = await start(holder, courseId, first.invoiceCode);
    expect(again.payload).toEqual(first.payload);
    expect(await otpCount(holder.participantId)).toBe(1);
    const someoneElse = await cardholder(BALANCE);
    for (const [card, course, amount] of [
      [holder, courseId, PRICE + 1],
      [holder, other, PRICE],
      [someoneElse, courseId, PRICE],
    ] as const) {
      const conflict = await start(card, course, first.invoiceCode, amount);
      expect(conflict.payload).toEqual({
        purchase: null,
        userErrors: [{ code: 'INVOICE_CONFLICT', message: expect.any(String), field: ['input', 'invoiceCode'] }],
      });
    }
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE - PRICE, ledger: BALANCE });
    expect(await walletState(someoneElse.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE, ledger: BALANCE });
    expect(await otpCount(holder.participantId)).toBe(1);
  });

  it('refuses AuthorizePurchase: NOT_FOUND, INVALID_OTP, OTP_LOCKED after 3 wrong tries (hold released)', async () => {
    const holder = await cardholder(BALANCE);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const authorize = async (purchaseId: string, otp: string) =>
      (await send('AuthorizePurchase', { input: { purchaseId, otp } })).data!.purchaseAuthorize;
    expect(codes(await authorize(randomUUID(), '123456'))).toEqual(['NOT_FOUND']);
    expect(codes(await authorize('nonsense', '123456'))).toEqual(['NOT_FOUND']);

    const { payload } = await start(holder, courseId);
    const otp = await readOtp(holder.participantId);
    const wrong = String((Number(otp) + 1) % 1_000_000).padStart(6, '0');
    expect(await authorize(payload.purchase.id, wrong)).toEqual({
      enrollment: null,
      userErrors: [{ code: 'INVALID_OTP', message: expect.any(String), field: ['input', 'otp'] }],
    });
    expect(codes(await authorize(payload.purchase.id, wrong))).toEqual(['INVALID_OTP']);
    expect(codes(await authorize(payload.purchase.id, wrong))).toEqual(['OTP_LOCKED']);
    // Locked: even the right OTP is refused now, and the held amount is back.
    expect(codes(await authorize(payload.purchase.id, otp))).toEqual(['OTP_LOCKED']);
    expect((await send('PurchaseStatus', { invoiceCode: payload.purchase.invoiceCode })).data!.purchaseByInvoice.status).toBe('LOCKED');
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE, ledger: BALANCE });
  });

  it('refuses OTP_EXPIRED after the OTP lapsed, and sends a fresh OTP on a retry of StartPurchase', async () => {
    const holder = await cardholder(BALANCE);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const { invoiceCode, payload } = await start(holder, courseId);
    const otp = await readOtp(holder.participantId);
    // Time travel: the OTP's validity ended (the hold still runs).
    await db().query(`update courses.purchase set otp_expires_at = now() - interval '1 second' where id = $1`, [payload.purchase.id]);
    const expired = (await send('AuthorizePurchase', { input: { purchaseId: payload.purchase.id, otp } })).data!.purchaseAuthorize;
    expect(codes(expired)).toEqual(['OTP_EXPIRED']);
    const retried = await start(holder, courseId, invoiceCode);
    expect(retried.payload.purchase.id).toBe(payload.purchase.id);
    expect(await otpCount(holder.participantId)).toBe(2);
    const fresh = await readOtp(holder.participantId);
    const ok = (await send('AuthorizePurchase', { input: { purchaseId: payload.purchase.id, otp: fresh } })).data!.purchaseAuthorize;
    expect(ok.userErrors).toEqual([]);
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE - PRICE, available: BALANCE - PRICE, ledger: BALANCE - PRICE });
  });

  it('refuses INSUFFICIENT_BALANCE when the hold lapsed in the wallet before the OTP came', async () => {
    const holder = await cardholder(BALANCE);
    const courseId = await offeredCourse(partner.partnerId, PRICE);
    const { payload } = await start(holder, courseId);
    const otp = await readOtp(holder.participantId);
    // Time travel on the wallet's side only: its hold expired.
    await db().query(`update participants.wallet_hold set expires_at = now() - interval '1 second' where reference_id = $1`, [
      payload.purchase.id,
    ]);
    const res = (await send('AuthorizePurchase', { input: { purchaseId: payload.purchase.id, otp } })).data!.purchaseAuthorize;
    expect(res).toEqual({ enrollment: null, userErrors: [{ code: 'INSUFFICIENT_BALANCE', message: expect.any(String), field: null }] });
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE, ledger: BALANCE });
    expect(
      Number((await db().query(`select count(*) from courses.enrollment where purchase_id = $1`, [payload.purchase.id])).rows[0].count),
    ).toBe(0);
  });
});

describe('after the purchase: VoidPurchase, ReportAttendance, ReportCompletion, PartnerEnrollments', () => {
  const attend = (enrollmentId: string, session: number, attendedAt = new Date()) =>
    send('ReportAttendance', { input: { enrollmentId, session, attendedAt: attendedAt.toISOString() } });
  const complete = (enrollmentId: string, extra: Record<string, unknown> = {}) =>
    send('ReportCompletion', {
      input: { enrollmentId, completedAt: new Date().toISOString(), score: 87, certificateNumber: 'CERT-001', ...extra },
    });

  it('voids an enrollment without attendance once: refund, then ALREADY_CANCELLED; NOT_FOUND for unknown invoices', async () => {
    const holder = await cardholder(BALANCE);
    const { invoiceCode, enrollment } = await buy(holder, await offeredCourse(partner.partnerId, PRICE));
    const voided = await send('VoidPurchase', { input: { invoiceCode, reason: 'Peserta membatalkan' } });
    expect(voided.data!.enrollmentVoid).toEqual({
      enrollment: { id: enrollment.id, status: 'CANCELLED', cancelledAt: expect.any(String), refund: idr(PRICE) },
      userErrors: [],
    });
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE, ledger: BALANCE });
    const twice = (await send('VoidPurchase', { input: { invoiceCode, reason: 'lagi' } })).data!.enrollmentVoid;
    expect(codes(twice)).toEqual(['ALREADY_CANCELLED']);
    expect(twice.enrollment).toMatchObject({ id: enrollment.id, status: 'CANCELLED', refund: idr(PRICE) });
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE, available: BALANCE, ledger: BALANCE });
    expect((await send('VoidPurchase', { input: { invoiceCode: invoice('NONE'), reason: 'x' } })).data!.enrollmentVoid).toEqual({
      enrollment: null,
      userErrors: [{ code: 'NOT_FOUND', message: expect.any(String), field: ['input', 'invoiceCode'] }],
    });
    // A cancelled enrollment takes no attendance.
    expect(codes((await attend(enrollment.id, 1)).data!.attendanceReport)).toEqual(['INVALID_STATE']);
  });

  it('records attendance by session (idempotent), refuses INVALID_SESSION, NOT_FOUND, and makes the enrollment NOT_CANCELLABLE', async () => {
    const holder = await cardholder(BALANCE);
    const { invoiceCode, enrollment } = await buy(holder, await offeredCourse(partner.partnerId, PRICE, { sessionCount: 3 }));
    const first = await attend(enrollment.id, 1);
    expect(first.data!.attendanceReport).toEqual({
      enrollment: { id: enrollment.id, status: 'IN_PROGRESS', attendedSessions: 1 },
      userErrors: [],
    });
    expect((await attend(enrollment.id, 1)).data!.attendanceReport).toEqual(first.data!.attendanceReport);
    for (const session of [0, 4, -1])
      expect(codes((await attend(enrollment.id, session)).data!.attendanceReport)).toEqual(['INVALID_SESSION']);
    expect((await attend(randomUUID(), 1)).data!.attendanceReport).toEqual({
      enrollment: null,
      userErrors: [{ code: 'NOT_FOUND', message: expect.any(String), field: ['input', 'enrollmentId'] }],
    });
    expect((await attend(enrollment.id, 2)).data!.attendanceReport.enrollment.attendedSessions).toBe(2);
    expect(codes((await send('VoidPurchase', { input: { invoiceCode, reason: 'terlambat' } })).data!.enrollmentVoid)).toEqual([
      'NOT_CANCELLABLE',
    ]);
    expect(await walletState(holder.cardNumber)).toEqual({ balance: BALANCE - PRICE, available: BALANCE - PRICE, ledger: BALANCE - PRICE });
  });

  it('completes only after every session and the minimum duration, with a valid score; then INVALID_STATE', async () => {
    const holder = await cardholder(BALANCE);
    // 60 minutes at least between enrolment and completion.
    const { enrollment } = await buy(
      holder,
      await offeredCourse(partner.partnerId, PRICE, { sessionCount: 2, minimumDurationMinutes: 60 }),
    );
    // Nothing attended yet: the contract's SESSIONS_MISSING, with the enrollment still ENROLLED.
    expect((await complete(enrollment.id)).data!.completionReport).toMatchObject({
      enrollment: { id: enrollment.id, status: 'ENROLLED' },
      userErrors: [{ code: 'SESSIONS_MISSING', message: '0 of 2 sessions were attended' }],
    });
    await attend(enrollment.id, 1);
    expect((await complete(enrollment.id)).data!.completionReport).toMatchObject({
      enrollment: { id: enrollment.id, status: 'IN_PROGRESS' },
      userErrors: [{ code: 'SESSIONS_MISSING' }],
    });
    await attend(enrollment.id, 2);
    // Every session attended, but reported done 1 minute after enrolment (< 60 minutes).
    const early = await complete(enrollment.id, {
      completedAt: new Date(new Date(enrollment.enrolledAt).getTime() + 60_000).toISOString(),
    });
    expect(early.data!.completionReport).toEqual({
      enrollment: { id: enrollment.id, status: 'IN_PROGRESS', completedAt: null, certificate: null },
      userErrors: [{ code: 'COMPLETED_TOO_EARLY', message: expect.any(String), field: ['input', 'completedAt'] }],
    });
    // Also too early: completed now, since the enrolment happened moments ago.
    expect(codes((await complete(enrollment.id)).data!.completionReport)).toEqual(['COMPLETED_TOO_EARLY']);
    for (const score of [-1, 101])
      expect(codes((await complete(enrollment.id, { score })).data!.completionReport)).toEqual(['INVALID_SCORE']);
    expect(codes((await complete(randomUUID())).data!.completionReport)).toEqual(['NOT_FOUND']);

    // Time travel: the enrolment happened 2 hours ago, so completing now respects the 60 minutes.
    await db().query(`update courses.enrollment set enrolled_at = enrolled_at - interval '2 hours' where id = $1`, [enrollment.id]);
    const completedAt = new Date().toISOString();
    const done = await complete(enrollment.id, { completedAt, certificateNumber: 'CERT-OK-1' });
    expect(done.data!.completionReport).toEqual({
      enrollment: {
        id: enrollment.id,
        status: 'COMPLETED',
        completedAt,
        certificate: { number: 'CERT-OK-1', issuedAt: expect.any(String) },
      },
      userErrors: [],
    });
    // The same report again is a retry; a different one is INVALID_STATE.
    expect((await complete(enrollment.id, { completedAt, certificateNumber: 'CERT-OK-1' })).data!.completionReport.userErrors).toEqual([]);
    expect(codes((await complete(enrollment.id, { certificateNumber: 'CERT-OTHER' })).data!.completionReport)).toEqual(['INVALID_STATE']);
    expect(codes((await attend(enrollment.id, 1)).data!.attendanceReport)).toEqual([]); // already recorded session: no-op
    // The participants subgraph learnt of the completion (incentive due).
    expect(
      (await db().query(`select completion_recorded from courses.enrollment where id = $1`, [enrollment.id])).rows[0].completion_recorded,
    ).toBe(true);
  });

  it('lists the partner’s own enrollments newest first, filtered by status, cursor-paginated, first capped at 100', async () => {
    const own = await partnerWithCredential();
    const holder = await cardholder(BALANCE);
    const bought = [];
    for (let i = 0; i < 3; i++) bought.push(await buy(holder, await offeredCourse(own.partnerId, PRICE), own));
    await partnerRequest(own, 'VoidPurchase', { input: { invoiceCode: bought[0].invoiceCode, reason: 'batal' } });

    const page1 = await partnerRequest(own, 'PartnerEnrollments', { first: 2 });
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.partnerEnrollments.totalCount).toBe(3);
    expect(page1.data!.partnerEnrollments.pageInfo.hasNextPage).toBe(true);
    const page2 = await partnerRequest(own, 'PartnerEnrollments', { first: 2, after: page1.data!.partnerEnrollments.pageInfo.endCursor });
    const ids = [...page1.data!.partnerEnrollments.edges, ...page2.data!.partnerEnrollments.edges].map(
      (e: { node: { id: string } }) => e.node.id,
    );
    expect(ids).toEqual(bought.map((b) => b.enrollment.id).reverse());
    expect(page2.data!.partnerEnrollments.pageInfo.hasNextPage).toBe(false);
    expect(page1.data!.partnerEnrollments.edges[0]).toEqual({
      cursor: expect.any(String),
      node: {
        id: bought[2].enrollment.id,
        invoiceCode: bought[2].invoiceCode,
        status: 'ENROLLED',
        amount: idr(PRICE),
        course: bought[2].enrollment.course,
        enrolledAt: bought[2].enrollment.enrolledAt,
        completedAt: null,
      },
    });

    const cancelled = await partnerRequest(own, 'PartnerEnrollments', { first: 10, status: 'CANCELLED' });
    expect(cancelled.data!.partnerEnrollments.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([bought[0].enrollment.id]);
    expect(cancelled.data!.partnerEnrollments.totalCount).toBe(1);

    // `first` above 100 is capped, not an error; malformed variables are BAD_USER_INPUT.
    const big = await partnerRequest(own, 'PartnerEnrollments', { first: 1000 });
    expect(big.errors).toBeUndefined();
    expect(big.data!.partnerEnrollments.edges).toHaveLength(3);
    const bad = await partnerRequest(own, 'PartnerEnrollments', { first: 'ten' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
