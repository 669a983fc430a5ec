import { randomUUID } from 'node:crypto';
import { hashOtp } from '../../subgraphs/courses/purchase/otp';
import { db } from '../support/client';
import {
  ADMIN,
  ANONYMOUS,
  cardNumber,
  codes,
  courses,
  createCourse,
  createPartner,
  insertPendingPurchase,
  insertSale,
  offer,
  partner,
  startCourses,
  unique,
} from './fixtures';

/** The OTP key exactly as the running subgraph derives it (same dev secrets file, same code). */
const { loadConfig } = require('../../dist/subgraphs/courses/config') as typeof import('../../subgraphs/courses/config');
const otpSecret = loadConfig({ ...process.env, DATABASE_URL: 'unused' }).otpSecret;

const START = `mutation($input: PurchaseStartInput!) { purchaseStart(input: $input) {
  purchase { id invoiceCode status amount { amount currency } course { id title } otpExpiresAt } userErrors { code message field } } }`;
const AUTHORIZE = `mutation($input: PurchaseAuthorizeInput!) { purchaseAuthorize(input: $input) {
  enrollment { id invoiceCode transactionCode status } userErrors { code field } } }`;
const BY_INVOICE = `query($invoiceCode: String!) { purchaseByInvoice(invoiceCode: $invoiceCode) { id status amount { amount currency } enrollment { id status transactionCode } } }`;

const purchaseCount = async (partnerId: string) =>
  Number((await db().query('select count(*) from courses.purchase where partner_id = $1', [partnerId])).rows[0].count);

describe('purchaseStart refusals that need no wallet', () => {
  let a: string;
  let b: string;
  let courseId: string;
  let onlyB: string;
  beforeAll(async () => {
    [a, b] = await Promise.all([createPartner(), createPartner()]);
    courseId = await createCourse();
    onlyB = await createCourse();
    await offer(courseId, a, 750_000);
    await offer(onlyB, b, 400_000);
  });

  const start = (input: Record<string, unknown>, partnerId = a) =>
    courses(
      START,
      { input: { cardNumber: cardNumber(), courseId, invoiceCode: unique('INV'), amount: 750_000, ...input } },
      partner(partnerId),
    );

  it.each([
    ['a wrong check digit', (c: string) => `${c.slice(0, 15)}${(Number(c[15]) + 1) % 10}`],
    ['15 digits', (c: string) => c.slice(0, 15)],
    ['letters', () => '12345678901234AB'],
  ])('refuses a card number with %s as INVALID_CARD_NUMBER', async (_label, mangle) => {
    const res = await start({ cardNumber: mangle(cardNumber()) });
    expect(res.data!.purchaseStart).toEqual({
      purchase: null,
      userErrors: [expect.objectContaining({ code: 'INVALID_CARD_NUMBER', field: ['input', 'cardNumber'] })],
    });
  });

  it('refuses an unknown or unapproved course as COURSE_NOT_FOUND', async () => {
    const submitted = await createCourse({ approve: false });
    expect(codes((await start({ courseId: randomUUID() })).data!.purchaseStart)).toEqual(['COURSE_NOT_FOUND']);
    expect(codes((await start({ courseId: submitted })).data!.purchaseStart)).toEqual(['COURSE_NOT_FOUND']);
    expect(codes((await start({ courseId: 'not-an-id' })).data!.purchaseStart)).toEqual(['COURSE_NOT_FOUND']);
  });

  it('refuses a course another platform sells as COURSE_NOT_OFFERED', async () => {
    expect(codes((await start({ courseId: onlyB, amount: 400_000 })).data!.purchaseStart)).toEqual(['COURSE_NOT_OFFERED']);
  });

  it('refuses an amount other than this platform’s price as PRICE_MISMATCH', async () => {
    expect(codes((await start({ amount: 749_999 })).data!.purchaseStart)).toEqual(['PRICE_MISMATCH']);
    expect(codes((await start({ amount: 400_000 }, b)).data!.purchaseStart)).toEqual(['COURSE_NOT_OFFERED']);
  });

  it('leaves no purchase behind after refusals', async () => {
    expect(await purchaseCount(a)).toBe(0);
  });

  it('is for partners only', async () => {
    expect(
      (await courses(START, { input: { cardNumber: cardNumber(), courseId, invoiceCode: 'X', amount: 1 } }, ADMIN)).errors![0].extensions!
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (await courses(START, { input: { cardNumber: cardNumber(), courseId, invoiceCode: 'X', amount: 1 } }, ANONYMOUS)).errors![0]
        .extensions!.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('rejects a malformed invoice code as a top-level BAD_USER_INPUT', async () => {
    expect((await start({ invoiceCode: '   ' })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('invoice idempotency (existing purchase, no wallet call needed)', () => {
  let a: string;
  let courseId: string;
  beforeAll(async () => {
    a = await createPartner();
    courseId = await createCourse();
    await offer(courseId, a, 300_000);
  });

  it('answers a retry with the same purchase and refuses any other value as INVOICE_CONFLICT, changing nothing', async () => {
    const id = randomUUID();
    const otpExpiresAt = new Date(Date.now() + 240_000);
    const pending = await insertPendingPurchase({
      id,
      partnerId: a,
      courseId,
      amount: 300_000,
      otpHash: hashOtp(otpSecret, id, 1, '123456'),
      otpExpiresAt,
    });
    const before = (await db().query('select * from courses.purchase where id = $1', [id])).rows[0];

    const retry = await courses(
      START,
      { input: { cardNumber: pending.card, courseId, invoiceCode: pending.invoiceCode, amount: 300_000 } },
      partner(a),
    );
    expect(retry.data!.purchaseStart).toEqual({
      purchase: {
        id,
        invoiceCode: pending.invoiceCode,
        status: 'AWAITING_OTP',
        amount: { amount: 300_000, currency: 'IDR' },
        course: { id: courseId, title: expect.any(String) },
        otpExpiresAt: otpExpiresAt.toISOString(),
      },
      userErrors: [],
    });
    for (const change of [{ cardNumber: cardNumber() }, { amount: 300_001 }, { courseId: randomUUID() }]) {
      const res = await courses(
        START,
        { input: { cardNumber: pending.card, courseId, invoiceCode: pending.invoiceCode, amount: 300_000, ...change } },
        partner(a),
      );
      expect(res.data!.purchaseStart).toEqual({
        purchase: null,
        userErrors: [expect.objectContaining({ code: 'INVOICE_CONFLICT', field: ['input', 'invoiceCode'] })],
      });
    }
    expect((await db().query('select * from courses.purchase where id = $1', [id])).rows[0]).toEqual(before);
  });
});

describe('purchaseAuthorize OTP rules (before any wallet call)', () => {
  let a: string;
  const b = randomUUID(); // another platform's identity, never listed
  let courseId: string;
  beforeAll(async () => {
    a = await createPartner();
    courseId = await createCourse();
    await offer(courseId, a, 300_000);
  });
  const pendingWithOtp = async (otp: string, otpExpiresAt = new Date(Date.now() + 240_000)) => {
    const id = randomUUID();
    await insertPendingPurchase({ id, partnerId: a, courseId, amount: 300_000, otpHash: hashOtp(otpSecret, id, 1, otp), otpExpiresAt });
    return id;
  };
  const authorize = (purchaseId: string, otp: string, partnerId = a) =>
    courses(AUTHORIZE, { input: { purchaseId, otp } }, partner(partnerId));

  it('answers NOT_FOUND for an unknown purchase and for another platform’s purchase alike', async () => {
    const id = await pendingWithOtp('111111');
    expect((await authorize(randomUUID(), '111111')).data!.purchaseAuthorize).toEqual({
      enrollment: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'purchaseId'] }],
    });
    expect((await authorize(id, '111111', b)).data!.purchaseAuthorize).toEqual({
      enrollment: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'purchaseId'] }],
    });
    const row = (await db().query('select status, otp_attempts from courses.purchase where id = $1', [id])).rows[0];
    expect(row).toEqual({ status: 'AWAITING_OTP', otp_attempts: 0 });
  });

  it('counts wrong OTPs and locks the purchase at the third, after which even the right OTP is refused', async () => {
    const id = await pendingWithOtp('424242');
    expect(codes((await authorize(id, '000000')).data!.purchaseAuthorize)).toEqual(['INVALID_OTP']);
    expect(codes((await authorize(id, 'abc')).data!.purchaseAuthorize)).toEqual(['INVALID_OTP']);
    expect(codes((await authorize(id, '999999')).data!.purchaseAuthorize)).toEqual(['OTP_LOCKED']);
    expect(codes((await authorize(id, '424242')).data!.purchaseAuthorize)).toEqual(['OTP_LOCKED']);
    const row = (await db().query('select status, otp_attempts from courses.purchase where id = $1', [id])).rows[0];
    expect(row).toEqual({ status: 'LOCKED', otp_attempts: 3 });
    const status = await courses(
      BY_INVOICE,
      { invoiceCode: (await db().query('select invoice_code from courses.purchase where id = $1', [id])).rows[0].invoice_code },
      partner(a),
    );
    expect(status.data!.purchaseByInvoice).toMatchObject({ id, status: 'LOCKED', enrollment: null });
  });

  it('refuses an expired OTP as OTP_EXPIRED without counting it', async () => {
    const id = await pendingWithOtp('135790', new Date(Date.now() - 1000));
    expect(codes((await authorize(id, '135790')).data!.purchaseAuthorize)).toEqual(['OTP_EXPIRED']);
    expect((await db().query('select status, otp_attempts from courses.purchase where id = $1', [id])).rows[0]).toEqual({
      status: 'AWAITING_OTP',
      otp_attempts: 0,
    });
  });

  it('tells the partner to retry with the same invoice code only when a retry would issue a new OTP', async () => {
    const MESSAGE = `mutation($input: PurchaseAuthorizeInput!) { purchaseAuthorize(input: $input) { userErrors { code message } } }`;
    const expiredWith = async (holdExpiresAt: Date) => {
      const id = randomUUID();
      await insertPendingPurchase({
        id,
        partnerId: a,
        courseId,
        amount: 300_000,
        otpHash: hashOtp(otpSecret, id, 1, '112233'),
        otpExpiresAt: new Date(Date.now() - 1000),
        holdExpiresAt,
      });
      const [error] = (await courses(MESSAGE, { input: { purchaseId: id, otp: '112233' } }, partner(a))).data!.purchaseAuthorize.userErrors;
      expect(error.code).toBe('OTP_EXPIRED');
      return error.message as string;
    };
    expect(await expiredWith(new Date(Date.now() + 300_000))).toMatch(/same invoice code/);
    for (const holdExpiresAt of [new Date(Date.now() + 10_000), new Date(Date.now() - 1000)]) {
      const message = await expiredWith(holdExpiresAt);
      expect(message).toMatch(/new invoice code/);
      expect(message).not.toMatch(/same invoice code/);
    }
  });

  it('serialises concurrent wrong OTPs: exactly the third locks', async () => {
    const id = await pendingWithOtp('246802');
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => authorize(id, String(100000 + i))));
    const all = answers.map((r) => codes(r.data!.purchaseAuthorize)[0]).sort();
    expect(all).toEqual(['INVALID_OTP', 'INVALID_OTP', 'OTP_LOCKED', 'OTP_LOCKED', 'OTP_LOCKED', 'OTP_LOCKED']);
    expect((await db().query('select otp_attempts from courses.purchase where id = $1', [id])).rows[0].otp_attempts).toBe(3);
  });
});

describe('purchaseByInvoice (PurchaseStatus) isolation', () => {
  it('answers a platform’s own purchase and null for another platform’s, as for an unknown code', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const courseId = await createCourse();
    const sale = await insertSale({ partnerId: a, courseId, amount: 420_000 });
    const own = await courses(BY_INVOICE, { invoiceCode: sale.invoiceCode }, partner(a));
    expect(own.data!.purchaseByInvoice).toEqual({
      id: sale.purchaseId,
      status: 'AUTHORIZED',
      amount: { amount: 420_000, currency: 'IDR' },
      enrollment: { id: sale.enrollmentId, status: 'ENROLLED', transactionCode: expect.any(String) },
    });
    expect((await courses(BY_INVOICE, { invoiceCode: sale.invoiceCode }, partner(b))).data!.purchaseByInvoice).toBeNull();
    expect((await courses(BY_INVOICE, { invoiceCode: 'no-such-invoice' }, partner(a))).data!.purchaseByInvoice).toBeNull();
    expect((await courses(BY_INVOICE, { invoiceCode: sale.invoiceCode }, ADMIN)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('lets two platforms use the same invoice code independently', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const courseId = await createCourse();
    const invoiceCode = unique('SHARED');
    const id1 = randomUUID();
    const id2 = randomUUID();
    await insertPendingPurchase({ id: id1, partnerId: a, courseId, amount: 1000, otpHash: null, otpExpiresAt: new Date(), invoiceCode });
    await insertPendingPurchase({ id: id2, partnerId: b, courseId, amount: 2000, otpHash: null, otpExpiresAt: new Date(), invoiceCode });
    expect((await courses(BY_INVOICE, { invoiceCode }, partner(a))).data!.purchaseByInvoice.id).toBe(id1);
    expect((await courses(BY_INVOICE, { invoiceCode }, partner(b))).data!.purchaseByInvoice.id).toBe(id2);
  });
});

describe('admin purchase list', () => {
  it('filters by platform, status and invoice code, newest first', async () => {
    const a = randomUUID();
    const courseId = await createCourse();
    const older = await insertSale({ partnerId: a, courseId, enrolledAt: new Date(Date.now() - 60_000) });
    const newer = await insertSale({ partnerId: a, courseId });
    const query = `query($partnerId: ID, $status: PurchaseStatus, $invoiceCode: String) {
      purchases(first: 10, partnerId: $partnerId, status: $status, invoiceCode: $invoiceCode) { totalCount edges { node { id status platform { id } } } } }`;
    const all = (await courses(query, { partnerId: a })).data!.purchases;
    expect(all.edges.map((e: any) => e.node.id)).toEqual([newer.purchaseId, older.purchaseId]);
    const one = (await courses(query, { partnerId: a, status: 'AUTHORIZED', invoiceCode: older.invoiceCode })).data!.purchases;
    expect(one).toEqual({ totalCount: 1, edges: [{ node: { id: older.purchaseId, status: 'AUTHORIZED', platform: { id: a } } }] });
    expect((await courses(query, { partnerId: a }, partner(a))).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

describe('reconciler', () => {
  it('expires purchases whose hold ran out at start-up, leaves live ones, and keeps unreleased holds flagged for retry', async () => {
    const a = randomUUID();
    const courseId = await createCourse();
    const past = new Date(Date.now() - 60_000);
    const stale = await insertPendingPurchase({
      partnerId: a,
      courseId,
      amount: 1000,
      otpHash: null,
      otpExpiresAt: past,
      holdExpiresAt: past,
    });
    const live = await insertPendingPurchase({
      partnerId: a,
      courseId,
      amount: 1000,
      otpHash: null,
      otpExpiresAt: new Date(Date.now() + 60_000),
    });
    const other = await startCourses({ COURSES_RECONCILE_INTERVAL_MS: '3600000' });
    try {
      let status = 'AWAITING_OTP';
      for (let i = 0; i < 100 && status === 'AWAITING_OTP'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await db().query('select status from courses.purchase where id = $1', [stale.id])).rows[0].status;
      }
      expect(status).toBe('EXPIRED');
      expect((await db().query('select status from courses.purchase where id = $1', [live.id])).rows[0].status).toBe('AWAITING_OTP');
      expect((await courses(BY_INVOICE, { invoiceCode: stale.invoiceCode }, partner(a))).data!.purchaseByInvoice).toMatchObject({
        id: stale.id,
        status: 'EXPIRED',
      });
    } finally {
      other.child.kill('SIGTERM');
      await new Promise((r) => other.child.once('exit', r));
    }
  });
});
