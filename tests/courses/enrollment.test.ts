import { randomUUID } from 'node:crypto';
import { db } from '../support/client';
import { ADMIN, ANONYMOUS, codes, courses, createCourse, insertSale, participant, partner } from './fixtures';

const LIST = `query($first: Int!, $after: String, $status: EnrollmentStatus) { partnerEnrollments(first: $first, after: $after, status: $status) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id invoiceCode status amount { amount currency } course { id title } enrolledAt completedAt } } } }`;
const ATTEND = `mutation($input: AttendanceReportInput!) { attendanceReport(input: $input) { enrollment { id status attendedSessions } userErrors { code message field } } }`;
const COMPLETE = `mutation($input: CompletionReportInput!) { completionReport(input: $input) { enrollment { id status completedAt certificate { number issuedAt } } userErrors { code message field } } }`;
const VOID = `mutation($input: EnrollmentVoidInput!) { enrollmentVoid(input: $input) { enrollment { id status cancelledAt refund { amount currency } } userErrors { code message field } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enrollment { id status invoiceCode participant { id } platform { id } } } }`;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('partnerEnrollments (PartnerEnrollments)', () => {
  const a = randomUUID();
  const b = randomUUID();
  const sales: Array<{ enrollmentId: string }> = [];
  beforeAll(async () => {
    const courseId = await createCourse();
    for (let i = 0; i < 5; i++)
      sales.push(await insertSale({ partnerId: a, courseId, enrolledAt: minutesAgo(10 - i), status: i === 4 ? 'CANCELLED' : 'ENROLLED' }));
    await insertSale({ partnerId: b, courseId });
  });

  it('pages through the platform’s own enrollments, newest first', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await courses(LIST, { first: 2, after }, partner(a));
      const page = res.data.partnerEnrollments;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(sales.map((s) => s.enrollmentId).reverse());
  });

  it('filters by status and never shows another platform’s enrollments', async () => {
    const cancelled = (await courses(LIST, { first: 10, status: 'CANCELLED' }, partner(a))).data!.partnerEnrollments;
    expect(cancelled.edges.map((e: any) => e.node.id)).toEqual([sales[4].enrollmentId]);
    const ofB = (await courses(LIST, { first: 10 }, partner(b))).data!.partnerEnrollments;
    expect(ofB.totalCount).toBe(1);
    expect(ofB.edges.map((e: any) => e.node.id)).not.toEqual(expect.arrayContaining(sales.map((s) => s.enrollmentId)));
  });

  it('caps first at 100', async () => {
    const c = randomUUID();
    const courseId = await createCourse();
    const values = Array.from({ length: 101 }, (_, i) => i);
    for (const i of values) await insertSale({ partnerId: c, courseId, enrolledAt: minutesAgo(i) });
    const page = (await courses(LIST, { first: 1000 }, partner(c))).data!.partnerEnrollments;
    expect(page.edges).toHaveLength(100);
    expect(page.totalCount).toBe(101);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('is for partners only', async () => {
    expect((await courses(LIST, { first: 1 }, ANONYMOUS)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await courses(LIST, { first: 1 }, participant(randomUUID()))).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

describe('Enrollment entity isolation', () => {
  it('resolves an enrollment only for its platform, its participant and admins; everyone else gets null, as for a missing one', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const courseId = await createCourse();
    const sale = await insertSale({ partnerId: a, courseId });
    const reps = [
      { __typename: 'Enrollment', id: sale.enrollmentId },
      { __typename: 'Enrollment', id: randomUUID() },
    ];
    const as = async (identity: Parameters<typeof courses>[2]) => (await courses(ENTITIES, { reps }, identity)).data!._entities;
    const visible = {
      id: sale.enrollmentId,
      status: 'ENROLLED',
      invoiceCode: sale.invoiceCode,
      participant: { id: sale.participantId },
      platform: { id: a },
    };
    // The platform sees the sale but not who bought it: it holds a per-platform participantReference instead.
    expect(await as(partner(a))).toEqual([{ ...visible, participant: null }, null]);
    expect(await as(participant(sale.participantId))).toEqual([visible, null]);
    expect(await as(ADMIN)).toEqual([visible, null]);
    expect(await as(partner(b))).toEqual([null, null]);
    expect(await as(participant(randomUUID()))).toEqual([null, null]);
    expect(await as(ANONYMOUS)).toEqual([null, null]);

    const one = `query($id: ID!) { enrollment(id: $id) { id } }`;
    expect((await courses(one, { id: sale.enrollmentId }, partner(b))).data!.enrollment).toBeNull();
    expect((await courses(one, { id: sale.enrollmentId }, partner(a))).data!.enrollment).toEqual({ id: sale.enrollmentId });
  });

  it('exposes no personal data to partners: the participant is a bare reference', async () => {
    const fields = (await courses(`{ __type(name: "Enrollment") { fields { name } } }`, {}, ANONYMOUS)).data!.__type.fields.map(
      (f: any) => f.name,
    );
    for (const personal of ['nik', 'name', 'fullName', 'birthDate', 'address', 'phone', 'email', 'cardNumber'])
      expect(fields).not.toContain(personal);
    const participantFields = (await courses(`{ __type(name: "Participant") { fields { name } } }`, {}, ANONYMOUS)).data!.__type.fields.map(
      (f: any) => f.name,
    );
    expect(participantFields.sort()).toEqual(['enrollments', 'id']);
  });

  it('contributes Participant.enrollments to the participant themself and admins only', async () => {
    const a = randomUUID();
    const courseId = await createCourse();
    const sale = await insertSale({ partnerId: a, courseId, status: 'COMPLETED', attendedSessions: 3 });
    await db().query(
      `update courses.enrollment set completed_at = now(), score = 88, certificate_number = 'CERT-1', certificate_issued_at = now() where id = $1`,
      [sale.enrollmentId],
    );
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Participant { enrollments { id status score certificate { number } } } } }`;
    const reps = [{ __typename: 'Participant', id: sale.participantId }];
    const own = await courses(query, { reps }, participant(sale.participantId));
    expect(own.data!._entities[0].enrollments).toEqual([
      { id: sale.enrollmentId, status: 'COMPLETED', score: 88, certificate: { number: 'CERT-1' } },
    ]);
    expect((await courses(query, { reps }, participant(randomUUID()))).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await courses(query, { reps }, partner(a))).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

describe('attendanceReport (ReportAttendance)', () => {
  const a = randomUUID();
  let courseId: string;
  beforeAll(async () => {
    courseId = await createCourse({ sessionCount: 3 });
  });
  const attend = (enrollmentId: string, session: number, partnerId = a, attendedAt = new Date()) =>
    courses(ATTEND, { input: { enrollmentId, session, attendedAt: attendedAt.toISOString() } }, partner(partnerId));

  it('records sessions 1..sessionCount, moves ENROLLED to IN_PROGRESS, and ignores a repeated session', async () => {
    const sale = await insertSale({ partnerId: a, courseId, enrolledAt: minutesAgo(60) });
    expect((await attend(sale.enrollmentId, 1)).data!.attendanceReport).toEqual({
      enrollment: { id: sale.enrollmentId, status: 'IN_PROGRESS', attendedSessions: 1 },
      userErrors: [],
    });
    expect((await attend(sale.enrollmentId, 1)).data!.attendanceReport).toEqual({
      enrollment: { id: sale.enrollmentId, status: 'IN_PROGRESS', attendedSessions: 1 },
      userErrors: [],
    });
    expect((await attend(sale.enrollmentId, 3)).data!.attendanceReport.enrollment.attendedSessions).toBe(2);
    for (const session of [0, 4, -1]) {
      expect((await attend(sale.enrollmentId, session)).data!.attendanceReport.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_SESSION', field: ['input', 'session'] }),
      ]);
    }
    expect(
      Number((await db().query('select count(*) from courses.attendance where enrollment_id = $1', [sale.enrollmentId])).rows[0].count),
    ).toBe(2);
  });

  it('records each session once under concurrent reports', async () => {
    const sale = await insertSale({ partnerId: a, courseId, enrolledAt: minutesAgo(60) });
    await Promise.all(Array.from({ length: 10 }, (_, i) => attend(sale.enrollmentId, (i % 2) + 1)));
    expect(
      (await db().query('select attended_sessions from courses.enrollment where id = $1', [sale.enrollmentId])).rows[0].attended_sessions,
    ).toBe(2);
  });

  it('answers NOT_FOUND for another platform’s enrollment and INVALID_STATE for a cancelled or completed one', async () => {
    const sale = await insertSale({ partnerId: a, courseId });
    expect(codes((await attend(sale.enrollmentId, 1, randomUUID())).data!.attendanceReport)).toEqual(['NOT_FOUND']);
    expect(codes((await attend(randomUUID(), 1)).data!.attendanceReport)).toEqual(['NOT_FOUND']);
    const cancelled = await insertSale({ partnerId: a, courseId, status: 'CANCELLED' });
    expect(codes((await attend(cancelled.enrollmentId, 1)).data!.attendanceReport)).toEqual(['INVALID_STATE']);
    const completed = await insertSale({ partnerId: a, courseId, status: 'COMPLETED', attendedSessions: 3 });
    expect(codes((await attend(completed.enrollmentId, 2)).data!.attendanceReport)).toEqual(['INVALID_STATE']);
  });

  it('refuses an attendance time in the future', async () => {
    const sale = await insertSale({ partnerId: a, courseId });
    expect((await attend(sale.enrollmentId, 1, a, new Date(Date.now() + 3_600_000))).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('completionReport (ReportCompletion)', () => {
  const a = randomUUID();
  let courseId: string;
  beforeAll(async () => {
    courseId = await createCourse({ sessionCount: 2, minimumDurationMinutes: 120 });
  });
  const complete = (enrollmentId: string, input: Record<string, unknown> = {}, partnerId = a) =>
    courses(
      COMPLETE,
      { input: { enrollmentId, completedAt: new Date().toISOString(), score: 80, certificateNumber: 'SERT-001', ...input } },
      partner(partnerId),
    );
  const attendAll = async (enrollmentId: string) => {
    for (const session of [1, 2])
      await courses(ATTEND, { input: { enrollmentId, session, attendedAt: new Date().toISOString() } }, partner(a));
  };

  it('requires every session, the minimum duration and a score 0..100', async () => {
    const sale = await insertSale({ partnerId: a, courseId, enrolledAt: minutesAgo(180) });
    expect(codes((await complete(sale.enrollmentId)).data!.completionReport)).toEqual(['SESSIONS_MISSING']); // none attended
    await courses(ATTEND, { input: { enrollmentId: sale.enrollmentId, session: 1, attendedAt: new Date().toISOString() } }, partner(a));
    expect(codes((await complete(sale.enrollmentId)).data!.completionReport)).toEqual(['SESSIONS_MISSING']);
    await attendAll(sale.enrollmentId);
    expect(codes((await complete(sale.enrollmentId, { score: 101 })).data!.completionReport)).toEqual(['INVALID_SCORE']);
    expect(codes((await complete(sale.enrollmentId, { score: -1 })).data!.completionReport)).toEqual(['INVALID_SCORE']);
    expect(codes((await complete(sale.enrollmentId, { completedAt: minutesAgo(90).toISOString() })).data!.completionReport)).toEqual([
      'COMPLETED_TOO_EARLY',
    ]);
    expect(
      (await complete(sale.enrollmentId, { completedAt: new Date(Date.now() + 3_600_000).toISOString() })).errors![0].extensions!.code,
    ).toBe('BAD_USER_INPUT');
    expect((await db().query('select status from courses.enrollment where id = $1', [sale.enrollmentId])).rows[0].status).toBe(
      'IN_PROGRESS',
    );

    const completedAt = minutesAgo(30);
    const done = (await complete(sale.enrollmentId, { completedAt: completedAt.toISOString(), score: 100 })).data!.completionReport;
    expect(done).toEqual({
      enrollment: {
        id: sale.enrollmentId,
        status: 'COMPLETED',
        completedAt: completedAt.toISOString(),
        certificate: { number: 'SERT-001', issuedAt: expect.any(String) },
      },
      userErrors: [],
    });
    // A retry of the same report answers the same; a different one is refused.
    expect((await complete(sale.enrollmentId, { completedAt: completedAt.toISOString(), score: 100 })).data!.completionReport).toEqual(
      done,
    );
    expect(codes((await complete(sale.enrollmentId, { score: 50, certificateNumber: 'OTHER' })).data!.completionReport)).toEqual([
      'INVALID_STATE',
    ]);
  });

  it('answers NOT_FOUND for another platform’s enrollment', async () => {
    const sale = await insertSale({ partnerId: a, courseId, enrolledAt: minutesAgo(180) });
    await attendAll(sale.enrollmentId);
    expect(codes((await complete(sale.enrollmentId, {}, randomUUID())).data!.completionReport)).toEqual(['NOT_FOUND']);
  });
});

describe('enrollmentVoid refusals (no refund involved)', () => {
  const a = randomUUID();
  let courseId: string;
  beforeAll(async () => {
    courseId = await createCourse({ sessionCount: 2 });
  });
  const voidIt = (invoiceCode: string, partnerId = a) =>
    courses(VOID, { input: { invoiceCode, reason: 'Peserta membatalkan' } }, partner(partnerId));

  it('answers NOT_FOUND for an unknown invoice and for another platform’s', async () => {
    const sale = await insertSale({ partnerId: a, courseId });
    expect(codes((await voidIt('nope')).data!.enrollmentVoid)).toEqual(['NOT_FOUND']);
    expect((await voidIt(sale.invoiceCode, randomUUID())).data!.enrollmentVoid).toEqual({
      enrollment: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })],
    });
    expect((await db().query('select status from courses.enrollment where id = $1', [sale.enrollmentId])).rows[0].status).toBe('ENROLLED');
  });

  it('answers ALREADY_CANCELLED for a voided enrollment and NOT_CANCELLABLE once attendance exists', async () => {
    const cancelled = await insertSale({ partnerId: a, courseId, status: 'CANCELLED', amount: 123_000 });
    const res = (await voidIt(cancelled.invoiceCode)).data!.enrollmentVoid;
    expect(res).toEqual({
      enrollment: {
        id: cancelled.enrollmentId,
        status: 'CANCELLED',
        cancelledAt: expect.any(String),
        refund: { amount: 123_000, currency: 'IDR' },
      },
      userErrors: [expect.objectContaining({ code: 'ALREADY_CANCELLED' })],
    });

    const attended = await insertSale({ partnerId: a, courseId, enrolledAt: minutesAgo(5) });
    await courses(ATTEND, { input: { enrollmentId: attended.enrollmentId, session: 1, attendedAt: new Date().toISOString() } }, partner(a));
    expect(codes((await voidIt(attended.invoiceCode)).data!.enrollmentVoid)).toEqual(['NOT_CANCELLABLE']);
    const completed = await insertSale({ partnerId: a, courseId, status: 'COMPLETED', attendedSessions: 2 });
    expect(codes((await voidIt(completed.invoiceCode)).data!.enrollmentVoid)).toEqual(['NOT_CANCELLABLE']);
  });

  it('requires a reason', async () => {
    expect((await courses(VOID, { input: { invoiceCode: 'x', reason: ' ' } }, partner(a))).errors![0].extensions!.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('admin enrollment list', () => {
  it('filters by platform, participant, status and course', async () => {
    const a = randomUUID();
    const courseId = await createCourse();
    const other = await createCourse();
    const s1 = await insertSale({ partnerId: a, courseId });
    await insertSale({ partnerId: a, courseId: other, status: 'CANCELLED' });
    const query = `query($partnerId: ID, $participantId: ID, $status: EnrollmentStatus, $courseId: ID) {
      enrollments(first: 10, partnerId: $partnerId, participantId: $participantId, status: $status, courseId: $courseId) { totalCount edges { node { id } } } }`;
    expect((await courses(query, { partnerId: a })).data!.enrollments.totalCount).toBe(2);
    const one = (await courses(query, { partnerId: a, participantId: s1.participantId, status: 'ENROLLED', courseId })).data!.enrollments;
    expect(one).toEqual({ totalCount: 1, edges: [{ node: { id: s1.enrollmentId } }] });
    expect((await courses(query, {}, partner(a))).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
