import { db, gatewayQuery } from '../support/client';
import { insertSale } from '../courses/fixtures';
import { codes, createCourse, partnerRequest, partnerWithCredential, type PartnerCredential } from '../support/partner';
import { analyst, caughtUpAfter, TABLE_FIELDS, table, type Table } from './support';

const now = () => new Date(Date.now() + 5);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const cellOf = (t: Table, course: string) => t.rows.find((r) => r.dimensions[1]?.value === course)?.cells[0];

describe('completions reported too early, per platform and course, through the gateway', () => {
  let partner: PartnerCredential;
  let courseA = '';
  let courseB = '';
  const report = (enrollmentId: string, completedAt = new Date()) =>
    partnerRequest(partner, 'ReportCompletion', {
      input: { enrollmentId, completedAt: completedAt.toISOString(), score: 80, certificateNumber: `SERT-${enrollmentId.slice(0, 8)}` },
    });

  beforeAll(async () => {
    partner = await partnerWithCredential();
    // Ten hours at least between enrolment and completion; one session, attended in the fixture.
    courseA = await createCourse({ sessionCount: 1, minimumDurationMinutes: 600 });
    courseB = await createCourse({ sessionCount: 1, minimumDurationMinutes: 600 });
    const sale = (courseId: string, enrolledAt = minutesAgo(10), attendedSessions = 1) =>
      insertSale({
        partnerId: partner.partnerId,
        courseId,
        status: attendedSessions ? 'IN_PROGRESS' : 'ENROLLED',
        attendedSessions,
        enrolledAt,
      });
    // Ten participants try too early on A, one of them twice.
    const early = [...(await Promise.all(Array.from({ length: 10 }, () => sale(courseA))))];
    for (const s of early) expect(codes((await report(s.enrollmentId)).data!.completionReport)).toEqual(['COMPLETED_TOO_EARLY']);
    expect(codes((await report(early[0].enrollmentId, minutesAgo(1))).data!.completionReport)).toEqual(['COMPLETED_TOO_EARLY']);
    // B sells to ten (so its purchases show in other tables), three of whom are reported too early.
    const onB = await Promise.all(Array.from({ length: 10 }, () => sale(courseB)));
    for (const s of onB.slice(0, 3)) expect(codes((await report(s.enrollmentId)).data!.completionReport)).toEqual(['COMPLETED_TOO_EARLY']);
    // Not counted: a completion in time, and one refused for another reason.
    const inTime = await sale(courseA, minutesAgo(11 * 60));
    expect((await report(inTime.enrollmentId)).data!.completionReport.userErrors).toEqual([]);
    const unattended = await sale(courseA, minutesAgo(11 * 60), 0);
    expect(codes((await report(unattended.enrollmentId)).data!.completionReport)).toEqual(['SESSIONS_MISSING']);
    await caughtUpAfter(now());
  }, 120_000);

  it('writes one courses event per refused attempt, with ids and times only', async () => {
    const { rows } = await db().query(
      `SELECT payload FROM courses.outbox_event WHERE type = 'completion.refused' AND payload->>'partnerId' = $1`,
      [partner.partnerId],
    );
    expect(rows).toHaveLength(14);
    expect(rows.filter((r) => r.payload.courseId === courseA)).toHaveLength(11);
    for (const { payload } of rows) {
      expect(Object.keys(payload).sort()).toEqual(
        ['courseId', 'enrollmentId', 'partnerId', 'participantId', 'reason', 'refusalId', 'refusedAt', 'reportedCompletedAt'].sort(),
      );
      expect(payload.reason).toBe('COMPLETED_TOO_EARLY');
    }
  });

  it('is on the partner scorecard, and split by course with small cells suppressed', async () => {
    const res = await gatewayQuery(
      `query($ids: [ID!]) { partnerScorecard(platformIds: $ids) { ${TABLE_FIELDS} } }`,
      { ids: [partner.partnerId] },
      { token: await analyst() },
    );
    const scorecard = res.data!.partnerScorecard as Table;
    expect(scorecard.rows).toHaveLength(1);
    expect(scorecard.rows[0].cells.find((c) => c.measure === 'COMPLETIONS_TOO_EARLY')).toEqual({
      measure: 'COMPLETIONS_TOO_EARLY',
      value: 14,
      suppressed: false,
    });
    const platform = [{ dimension: 'PLATFORM', values: [partner.partnerId] }];
    const byCourse = await table({ measures: ['COMPLETIONS_TOO_EARLY'], dimensions: ['PLATFORM', 'COURSE'], filters: platform });
    // B rests on three participants: hidden, and A with it (14 − 11 would give B back); the total is right.
    expect(cellOf(byCourse, courseB)).toEqual({ measure: 'COMPLETIONS_TOO_EARLY', value: null, suppressed: true });
    expect(cellOf(byCourse, courseA)).toEqual({ measure: 'COMPLETIONS_TOO_EARLY', value: null, suppressed: true });
    expect(byCourse.total).toEqual([{ measure: 'COMPLETIONS_TOO_EARLY', value: 14, suppressed: false }]);
    const onlyA = await table({
      measures: ['COMPLETIONS_TOO_EARLY', 'COMPLETIONS'],
      dimensions: ['PLATFORM', 'COURSE'],
      filters: [...platform, { dimension: 'COURSE', values: [courseA] }],
    });
    expect(onlyA.rows[0].cells).toEqual([
      { measure: 'COMPLETIONS_TOO_EARLY', value: 11, suppressed: false },
      { measure: 'COMPLETIONS', value: null, suppressed: true },
    ]);
  });
});
