import { db, gatewayQuery } from '../support/client';
import {
  asAdmin,
  cardholder,
  createActivePartner,
  invoice,
  issueCredential,
  offeredCourse,
  partnerRequest,
  readOtp,
  walletState,
  type PartnerCredential,
} from '../support/partner';

/*
 * The partner sandbox through the gateway: SANDBOX credentials of a platform that has signed its MoU work with
 * the nine contract documents against its own test cards only; production and the sandbox refuse each other's
 * cards; a sandbox purchase moves no real balance and leaves no production row or event.
 */

const { issueDevToken } = require('../../dist/common/dev-token') as typeof import('../../common/dev-token');

const PRICE = 400_000;
const BALANCE = 3_500_000;
const idr = (amount: number) => ({ amount, currency: 'IDR' });

async function sandboxCredential(partnerId: string): Promise<PartnerCredential> {
  const p = (
    await asAdmin(
      `mutation($input: PartnerCredentialIssueInput!) { partnerCredentialIssue(input: $input) { credential { id clientId environment } key { id } signingKey userErrors { code } } }`,
      { input: { partnerId, environment: 'SANDBOX' } },
    )
  ).partnerCredentialIssue;
  expect(p.credential.environment).toBe('SANDBOX');
  return { partnerId, credentialId: p.credential.id, keyId: p.key.id, clientId: p.credential.clientId, signingKey: p.signingKey };
}

const ISSUE = `mutation($input: SandboxCardIssueInput!) { sandboxCardIssue(input: $input) { card { number otp balance { amount } partnerId } userErrors { code } } }`;
async function testCard(partnerId: string, balance?: number): Promise<{ number: string; otp: string }> {
  const token = await issueDevToken({ role: 'partnerStaff', sub: `staff-${partnerId}`, partnerId });
  const res = await gatewayQuery(ISSUE, { input: { partnerId, balance } }, { token });
  expect(res.data!.sandboxCardIssue.userErrors).toEqual([]);
  return res.data!.sandboxCardIssue.card;
}

const eligibility = async (as: PartnerCredential, cardNumber: string) =>
  (await partnerRequest(as, 'CheckEligibility', { cardNumber })).data!.eligibility;
const start = async (as: PartnerCredential, cardNumber: string, courseId: string, invoiceCode = invoice('SBX')) =>
  (await partnerRequest(as, 'StartPurchase', { input: { cardNumber, courseId, invoiceCode, amount: PRICE } })).data!.purchaseStart;
const authorize = async (as: PartnerCredential, purchaseId: string, otp: string) =>
  (await partnerRequest(as, 'AuthorizePurchase', { input: { purchaseId, otp } })).data!.purchaseAuthorize;

/** What production holds: real money, rows and events. A sandbox purchase must change none of it. */
async function productionSnapshot() {
  const { rows } = await db().query(`SELECT
      (SELECT coalesce(sum(balance), 0)::text FROM participants.wallet) AS balances,
      (SELECT count(*)::int FROM participants.ledger_entry) AS ledger,
      (SELECT count(*)::int FROM participants.wallet_hold) AS holds,
      (SELECT count(*)::int FROM courses.purchase) AS purchases,
      (SELECT count(*)::int FROM courses.enrollment) AS enrollments`);
  return rows[0];
}
const eventsMentioning = async (...ids: string[]) => {
  const { rows } = await db().query(
    `SELECT count(*)::int AS n FROM (SELECT payload::text AS p FROM participants.outbox_event UNION ALL SELECT payload::text FROM courses.outbox_event
       UNION ALL SELECT payload::text FROM partners.outbox_event) e WHERE ${ids.map((_, i) => `e.p LIKE $${i + 1}`).join(' OR ')}`,
    ids.map((id) => `%${id}%`),
  );
  return rows[0].n as number;
};

let mouSigned: string;
let sandbox: PartnerCredential;
let production: PartnerCredential;
let courseId: string;
beforeAll(async () => {
  mouSigned = await createActivePartner(undefined, 'MOU_SIGNED');
  [sandbox, production] = await Promise.all([sandboxCredential(mouSigned), issueCredential(mouSigned)]);
  courseId = await offeredCourse(mouSigned, PRICE);
});

describe('sandbox credentials', () => {
  it('work before activation, with test cards, while production credentials wait for it', async () => {
    const card = await testCard(mouSigned);
    expect(card.number).toMatch(/^0000\d{12}$/);
    expect(card.otp).toBe(card.number.slice(-6));
    expect(await eligibility(sandbox, card.number)).toEqual({
      eligible: true,
      reasons: [],
      availableBalance: idr(BALANCE),
      purchaseDeadline: null,
    });
    const catalog = await partnerRequest(sandbox, 'PartnerCatalog', { first: 10 });
    expect(catalog.data!.partnerCourses.edges.map((e: any) => e.node.id)).toContain(courseId);
    const refused = await partnerRequest(production, 'CheckEligibility', { cardNumber: card.number });
    expect([refused.status, refused.errors?.[0]?.extensions?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('refuse a production card, and production refuses a test card, each as UNKNOWN_CARD', async () => {
    const live = await createActivePartner();
    const [liveProduction, liveSandbox] = await Promise.all([issueCredential(live), sandboxCredential(live)]);
    const liveCourse = await offeredCourse(live, PRICE);
    const [card, holder] = await Promise.all([testCard(live), cardholder(BALANCE)]);
    const before = await walletState(holder.cardNumber);

    const inProduction = await eligibility(liveProduction, card.number);
    expect(inProduction.reasons.map((r: any) => r.code)).toEqual(['UNKNOWN_CARD']);
    expect(inProduction.availableBalance).toBeNull();
    expect((await start(liveProduction, card.number, liveCourse)).userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_CARD']);

    const inSandbox = await eligibility(liveSandbox, holder.cardNumber);
    expect(inSandbox.reasons.map((r: any) => r.code)).toEqual(['UNKNOWN_CARD']);
    expect((await start(liveSandbox, holder.cardNumber, liveCourse)).userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_CARD']);
    // Another platform's test card is unknown too.
    expect((await eligibility(liveSandbox, (await testCard(mouSigned)).number)).reasons.map((r: any) => r.code)).toEqual(['UNKNOWN_CARD']);
    expect(await walletState(holder.cardNumber)).toEqual(before);
  });

  it('never see the platform’s production sales', async () => {
    const live = await createActivePartner();
    const [liveProduction, liveSandbox] = await Promise.all([issueCredential(live), sandboxCredential(live)]);
    const liveCourse = await offeredCourse(live, PRICE);
    const holder = await cardholder(BALANCE);
    const invoiceCode = invoice('LIVE');
    const started = await start(liveProduction, holder.cardNumber, liveCourse, invoiceCode);
    expect((await authorize(liveProduction, started.purchase.id, await readOtp(holder.participantId))).userErrors).toEqual([]);

    expect((await partnerRequest(liveSandbox, 'PurchaseStatus', { invoiceCode })).data!.purchaseByInvoice).toBeNull();
    expect((await partnerRequest(liveSandbox, 'PartnerEnrollments', { first: 10 })).data!.partnerEnrollments.totalCount).toBe(0);
    const voided = await partnerRequest(liveSandbox, 'VoidPurchase', { input: { invoiceCode, reason: 'sandbox' } });
    expect(voided.data!.enrollmentVoid.userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    expect((await partnerRequest(liveProduction, 'PartnerEnrollments', { first: 10 })).data!.partnerEnrollments.totalCount).toBe(1);
  });
});

describe('a sandbox purchase', () => {
  it('runs the contract’s flow with the test card’s OTP, debits the test card once, and leaves production untouched', async () => {
    const card = await testCard(mouSigned);
    const before = await productionSnapshot();
    const invoiceCode = invoice('SBX');
    const started = await start(sandbox, card.number, courseId, invoiceCode);
    expect(started.userErrors).toEqual([]);
    expect(started.purchase).toMatchObject({ invoiceCode, status: 'AWAITING_OTP', amount: idr(PRICE), course: { id: courseId } });
    expect((await start(sandbox, card.number, courseId, invoiceCode)).purchase.id).toBe(started.purchase.id);

    const wrong = card.otp === '000000' ? '111111' : '000000';
    expect((await authorize(sandbox, started.purchase.id, wrong)).userErrors.map((e: any) => e.code)).toEqual(['INVALID_OTP']);
    const results = await Promise.all(Array.from({ length: 4 }, () => authorize(sandbox, started.purchase.id, card.otp)));
    for (const r of results) expect(r.userErrors).toEqual([]);
    const enrollment = results[0].enrollment;
    expect(enrollment).toMatchObject({ invoiceCode, status: 'ENROLLED', amount: idr(PRICE), course: { id: courseId } });
    expect(enrollment.transactionCode).toMatch(/^SBX-\d{8}-[0-9A-F]{16}$/);
    for (const r of results) expect(r.enrollment.id).toBe(enrollment.id);

    const status = (await partnerRequest(sandbox, 'PurchaseStatus', { invoiceCode })).data!.purchaseByInvoice;
    expect(status).toMatchObject({ id: started.purchase.id, status: 'AUTHORIZED', enrollment: { id: enrollment.id, status: 'ENROLLED' } });
    expect((await eligibility(sandbox, card.number)).availableBalance).toEqual(idr(BALANCE - PRICE));
    const listed = (await partnerRequest(sandbox, 'PartnerEnrollments', { first: 10 })).data!.partnerEnrollments;
    expect(listed.edges.map((e: any) => [e.node.id, e.node.status])).toContainEqual([enrollment.id, 'ENROLLED']);

    // VoidPurchase: cancelled and credited back once, however often repeated.
    const voids = await Promise.all(
      Array.from({ length: 3 }, () => partnerRequest(sandbox, 'VoidPurchase', { input: { invoiceCode, reason: 'sandbox test' } })),
    );
    const codes = voids.flatMap((v) => v.data!.enrollmentVoid.userErrors.map((e: any) => e.code));
    expect(codes.filter((c) => c !== 'ALREADY_CANCELLED')).toEqual([]);
    expect(voids.map((v) => v.data!.enrollmentVoid.enrollment)).toContainEqual(
      expect.objectContaining({ id: enrollment.id, status: 'CANCELLED', refund: idr(PRICE) }),
    );
    expect((await eligibility(sandbox, card.number)).availableBalance).toEqual(idr(BALANCE));
    const cancelled = (await partnerRequest(sandbox, 'PartnerEnrollments', { first: 10, status: 'CANCELLED' })).data!.partnerEnrollments;
    expect(cancelled.edges.map((e: any) => e.node.id)).toContain(enrollment.id);

    // Production: the same money, rows and events; nothing names the sandbox purchase; the office's lists do not show it.
    expect(await productionSnapshot()).toEqual(before);
    expect(await eventsMentioning(started.purchase.id, enrollment.id, invoiceCode)).toBe(0);
    const office = await asAdmin(`query($i: String) { purchases(first: 5, invoiceCode: $i) { totalCount } }`, { i: invoiceCode });
    expect(office.purchases.totalCount).toBe(0);
  });

  it('is refused when the test card’s balance is short, and locks after three wrong OTPs', async () => {
    const poor = await testCard(mouSigned, PRICE - 1);
    expect((await start(sandbox, poor.number, courseId)).userErrors.map((e: any) => e.code)).toEqual(['INSUFFICIENT_BALANCE']);
    const card = await testCard(mouSigned);
    const started = await start(sandbox, card.number, courseId);
    const wrong = card.otp === '000000' ? '111111' : '000000';
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(...(await authorize(sandbox, started.purchase.id, wrong)).userErrors.map((e: any) => e.code));
    expect(codes).toEqual(['INVALID_OTP', 'INVALID_OTP', 'OTP_LOCKED', 'OTP_LOCKED']);
    expect((await authorize(sandbox, started.purchase.id, card.otp)).userErrors.map((e: any) => e.code)).toEqual(['OTP_LOCKED']);
    expect((await eligibility(sandbox, card.number)).availableBalance).toEqual(idr(BALANCE));
  });
});

describe('test cards', () => {
  it('are issued by the office or the platform’s own staff only', async () => {
    const other = await issueDevToken({ role: 'partnerStaff', sub: 'other-staff', partnerId: '5360f4d2-2932-5f9a-a0b4-663ac6d09376' });
    const code = (r: any) => r.errors?.[0]?.extensions?.code;
    expect(code(await gatewayQuery(ISSUE, { input: { partnerId: mouSigned } }, { token: other }))).toBe('FORBIDDEN');
    expect(code(await gatewayQuery(ISSUE, { input: { partnerId: mouSigned } }))).toBe('UNAUTHENTICATED');
    const office = await asAdmin(ISSUE, { input: { partnerId: mouSigned, balance: 10 } });
    expect(office.sandboxCardIssue.card).toMatchObject({ partnerId: mouSigned, balance: { amount: 10 } });
    const res = await gatewayQuery(
      ISSUE,
      { input: { partnerId: mouSigned, balance: BALANCE + 1 } },
      { token: await issueDevToken({ role: 'admin', sub: 'a' }) },
    );
    expect(res.data!.sandboxCardIssue).toEqual({ card: null, userErrors: [{ code: 'INVALID_BALANCE' }] });
    // The production card table refuses a test number whatever code writes it (in a transaction rolled back either way).
    const client = await db().connect();
    try {
      await client.query('BEGIN');
      await expect(
        client.query(
          `UPDATE participants.card SET number = '0000' || substr(number, 5) WHERE id = (SELECT id FROM participants.card LIMIT 1)`,
        ),
      ).rejects.toThrow(/card_number_not_test/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('the demo seed', () => {
  const { SANDBOX_PLATFORM, partnerIdOf } = require('../../dist/seed/catalog') as typeof import('../../seed/catalog');

  it('has a platform in the sandbox with offerings, test cards and a webhook endpoint', async () => {
    const id = partnerIdOf(SANDBOX_PLATFORM.slug);
    const seeded = await asAdmin(`query($id: ID!) { partner(id: $id) { status webhookEndpoint { url } } }`, { id });
    expect(seeded.partner).toEqual({ status: 'MOU_SIGNED', webhookEndpoint: { url: SANDBOX_PLATFORM.webhookUrl } });
    const credential = await sandboxCredential(id);
    const catalog = (await partnerRequest(credential, 'PartnerCatalog', { first: 10 })).data!.partnerCourses;
    expect(catalog.totalCount).toBeGreaterThan(0);
    for (const number of SANDBOX_PLATFORM.testCards) expect((await eligibility(credential, number)).eligible).toBe(true);
  });
});

describe('sandbox attendance and completion', () => {
  const attend = (as: PartnerCredential, enrollmentId: string, session: number, attendedAt = new Date().toISOString()) =>
    partnerRequest(as, 'ReportAttendance', { input: { enrollmentId, session, attendedAt } });
  const complete = (
    as: PartnerCredential,
    enrollmentId: string,
    score: number,
    certificateNumber: string,
    completedAt = new Date().toISOString(),
  ) => partnerRequest(as, 'ReportCompletion', { input: { enrollmentId, completedAt, score, certificateNumber } });
  const codesOf = (res: { data?: Record<string, any> }) => Object.values(res.data!)[0].userErrors.map((e: { code: string }) => e.code);

  it('applies production’s checks to a sandbox enrollment and writes nothing production reads', async () => {
    const timed = await offeredCourse(mouSigned, PRICE, { sessionCount: 2, minimumDurationMinutes: 60 });
    const card = await testCard(mouSigned);
    const invoiceCode = invoice('SBX');
    const started = await start(sandbox, card.number, timed, invoiceCode);
    const { enrollment } = await authorize(sandbox, started.purchase.id, card.otp);
    const before = await productionSnapshot();
    const attendanceBefore = (await db().query(`select count(*)::int as n from courses.attendance`)).rows[0].n;

    expect(codesOf(await complete(sandbox, enrollment.id, 80, 'SBX-CERT-1'))).toEqual(['SESSIONS_MISSING']);
    expect(codesOf(await attend(sandbox, enrollment.id, 3))).toEqual(['INVALID_SESSION']);
    expect(codesOf(await attend(sandbox, '00000000-0000-4000-8000-0000000000bb', 1))).toEqual(['NOT_FOUND']);
    const first = await attend(sandbox, enrollment.id, 1);
    expect(first.data!.attendanceReport).toMatchObject({
      enrollment: { id: enrollment.id, status: 'IN_PROGRESS', attendedSessions: 1 },
      userErrors: [],
    });
    // The same session again is a no-op, even when sent many times at once.
    const repeats = await Promise.all(Array.from({ length: 4 }, () => attend(sandbox, enrollment.id, 1)));
    for (const r of repeats) expect(r.data!.attendanceReport).toMatchObject({ enrollment: { attendedSessions: 1 }, userErrors: [] });
    expect(codesOf(await partnerRequest(sandbox, 'VoidPurchase', { input: { invoiceCode, reason: 'attended already' } }))).toEqual([
      'NOT_CANCELLABLE',
    ]);
    expect((await attend(sandbox, enrollment.id, 2)).data!.attendanceReport.enrollment.attendedSessions).toBe(2);

    expect(codesOf(await complete(sandbox, enrollment.id, 101, 'SBX-CERT-1'))).toEqual(['INVALID_SCORE']);
    expect(codesOf(await complete(sandbox, enrollment.id, 80, 'SBX-CERT-1'))).toEqual(['COMPLETED_TOO_EARLY']);
    await db().query(`update courses.sandbox_purchase set authorized_at = authorized_at - interval '2 hours' where id = $1`, [
      started.purchase.id,
    ]);
    const done = await complete(sandbox, enrollment.id, 80, 'SBX-CERT-1');
    expect(done.data!.completionReport).toEqual({
      enrollment: {
        id: enrollment.id,
        status: 'COMPLETED',
        completedAt: expect.any(String),
        certificate: { number: 'SBX-CERT-1', issuedAt: expect.any(String) },
      },
      userErrors: [],
    });
    expect((await complete(sandbox, enrollment.id, 80, 'SBX-CERT-1')).data!.completionReport.userErrors).toEqual([]);
    expect(codesOf(await complete(sandbox, enrollment.id, 80, 'SBX-CERT-2'))).toEqual(['INVALID_STATE']);
    expect(codesOf(await attend(sandbox, enrollment.id, 1, new Date().toISOString()))).toEqual([]); // recorded: a no-op
    const listed = (await partnerRequest(sandbox, 'PartnerEnrollments', { first: 50, status: 'COMPLETED' })).data!.partnerEnrollments;
    expect(listed.edges.map((e: any) => e.node.id)).toContain(enrollment.id);
    const inProgress = (await partnerRequest(sandbox, 'PartnerEnrollments', { first: 50, status: 'IN_PROGRESS' })).data!.partnerEnrollments;
    expect(inProgress.edges.map((e: any) => e.node.id)).not.toContain(enrollment.id);

    // Production never sees it: no attendance row, no enrollment, no certificate anyone can verify, no event.
    expect(await productionSnapshot()).toEqual(before);
    expect((await db().query(`select count(*)::int as n from courses.attendance`)).rows[0].n).toBe(attendanceBefore);
    expect(await eventsMentioning(enrollment.id, 'SBX-CERT-1')).toBe(0);
    const verified = await gatewayQuery(`{ certificateVerification(number: "SBX-CERT-1") { genuine } }`);
    expect(verified.data!.certificateVerification.genuine).toBe(false);
    // The platform's production credentials (and so production reports) do not see the sandbox enrollment.
    expect([403]).toContain((await attend(production, enrollment.id, 1)).status);
  });

  it('a future time is malformed input, as in production', async () => {
    const card = await testCard(mouSigned);
    const started = await start(sandbox, card.number, courseId);
    const { enrollment } = await authorize(sandbox, started.purchase.id, card.otp);
    const res = await attend(sandbox, enrollment.id, 1, new Date(Date.now() + 3_600_000).toISOString());
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
