import { randomUUID } from 'node:crypto';
import { db, gatewayQuery, tokenFor } from '../support/client';
import { APPLY, closeCohort, openCohort, registerPerson } from '../participants/fixtures';
import { caughtUpAfter, table } from './support';

const now = () => new Date(Date.now() + 5);
const MEASURES = [
  'APPLICATIONS',
  'APPLICATIONS_REFUSED',
  'APPLICATIONS_REFUSED_NOT_ELIGIBLE',
  'APPLICATIONS_REFUSED_COHORT_NOT_OPEN',
  'APPLICATIONS_REFUSED_NOT_CITIZEN',
  'APPLICATIONS_REFUSED_IN_FORMAL_EDUCATION',
  'APPLICATIONS_REFUSED_AGE_OUT_OF_RANGE',
];

/** cohortApply through the gateway, as the participant; returns the refusal codes. */
async function applyAs(participantId: string, cohortId: string): Promise<string[]> {
  const res = await gatewayQuery(APPLY, { input: { cohortId } }, { token: await tokenFor('participant', participantId) });
  expect(res.errors).toBeUndefined();
  return res.data!.cohortApply.userErrors.map((e: { code: string }) => e.code);
}

const refusalEvents = async (cohortIds: string[]) =>
  (
    await db().query(
      `SELECT payload FROM participants.outbox_event WHERE type = 'apply.refused' AND payload->>'cohortId' = ANY ($1::text[]) ORDER BY id`,
      [cohortIds],
    )
  ).rows.map((r) => r.payload);

describe('applications refused at cohortApply, counted per rule, through the gateway', () => {
  let open = '';
  let closed = '';
  let noncitizens: string[] = [];
  let students: string[] = [];
  let late: string[] = [];
  beforeAll(async () => {
    open = await openCohort(100);
    closed = await openCohort(100);
    await closeCohort(closed);
    noncitizens = await Promise.all(Array.from({ length: 10 }, () => registerPerson({ citizen: false })));
    // Three students, one of them also over 64: under k, so their cells are suppressed.
    students = await Promise.all([
      registerPerson({ educationStatus: 'IN_FORMAL_EDUCATION' }),
      registerPerson({ educationStatus: 'IN_FORMAL_EDUCATION' }),
      registerPerson({ educationStatus: 'IN_FORMAL_EDUCATION', birthDate: '1950-03-01' }),
    ]);
    late = await Promise.all(Array.from({ length: 10 }, () => registerPerson()));
    for (const id of noncitizens) expect(await applyAs(id, open)).toEqual(['NOT_ELIGIBLE']);
    // Trying again twice more: three events, one refused application.
    for (let i = 0; i < 2; i++) expect(await applyAs(noncitizens[0], open)).toEqual(['NOT_ELIGIBLE']);
    for (const id of students) expect(await applyAs(id, open)).toEqual(['NOT_ELIGIBLE']);
    for (const id of late) expect(await applyAs(id, closed)).toEqual(['COHORT_NOT_OPEN']);
    // Not refusals: an application written, its repeat (ALREADY_APPLIED), a caller with no registration.
    expect(await applyAs(late[0], open)).toEqual([]);
    expect(await applyAs(late[0], open)).toEqual(['ALREADY_APPLIED']);
    expect(await applyAs(randomUUID(), closed)).toEqual(['COHORT_NOT_OPEN']);
    await caughtUpAfter(now());
  }, 120_000);

  it('writes one event per refused attempt, with ids, codes and the time only', async () => {
    const events = await refusalEvents([open, closed]);
    expect(events).toHaveLength(10 + 2 + 3 + 10);
    for (const payload of events)
      expect(Object.keys(payload).sort()).toEqual(['cohortId', 'participantId', 'reason', 'reasons', 'refusalId', 'refusedAt']);
    expect(events.filter((e) => e.reason === 'COHORT_NOT_OPEN').map((e) => e.participantId)).toEqual(late);
    expect(events.find((e) => e.participantId === students[2]).reasons).toEqual(['AGE_OUT_OF_RANGE', 'IN_FORMAL_EDUCATION']);
    expect(events.filter((e) => e.reason === 'COHORT_NOT_OPEN').every((e) => e.reasons.length === 0)).toBe(true);
  });

  it('counts each refused participant once per cohort and rule, small cells suppressed, the totals from the events', async () => {
    const t = await table({ measures: MEASURES, dimensions: ['COHORT'], filters: [{ dimension: 'COHORT', values: [open, closed] }] });
    const row = (cohort: string) =>
      Object.fromEntries(t.rows.find((r) => r.dimensions[0].value === cohort)!.cells.map((c) => [c.measure, c]));
    const visible = (value: number) => ({ value, suppressed: false });
    const hidden = { value: null, suppressed: true };
    expect(row(open)).toMatchObject({
      // One written application: below k.
      APPLICATIONS: hidden,
      APPLICATIONS_REFUSED: visible(13),
      APPLICATIONS_REFUSED_NOT_ELIGIBLE: visible(13),
      APPLICATIONS_REFUSED_COHORT_NOT_OPEN: visible(0),
      APPLICATIONS_REFUSED_NOT_CITIZEN: visible(10),
      APPLICATIONS_REFUSED_IN_FORMAL_EDUCATION: hidden,
      APPLICATIONS_REFUSED_AGE_OUT_OF_RANGE: hidden,
    });
    expect(row(closed)).toMatchObject({
      APPLICATIONS_REFUSED: visible(10),
      APPLICATIONS_REFUSED_NOT_ELIGIBLE: visible(0),
      APPLICATIONS_REFUSED_COHORT_NOT_OPEN: visible(10),
    });
    const total = Object.fromEntries(t.total.map((c) => [c.measure, c.value]));
    expect(total).toMatchObject({
      APPLICATIONS_REFUSED: 23,
      APPLICATIONS_REFUSED_NOT_ELIGIBLE: 13,
      APPLICATIONS_REFUSED_COHORT_NOT_OPEN: 10,
    });

    // Over every cohort: the distinct (cohort, participant) pairs of the participants' events, per rule.
    const all = await table({ measures: ['APPLICATIONS_REFUSED', 'APPLICATIONS_REFUSED_NOT_CITIZEN'], from: '2000-01-01T00:00:00Z' });
    const [truth] = (
      await db().query(
        `SELECT count(DISTINCT (payload->>'cohortId', payload->>'participantId'))::int AS "APPLICATIONS_REFUSED",
                count(DISTINCT (payload->>'cohortId', payload->>'participantId')) FILTER (WHERE payload->'reasons' ? 'NOT_CITIZEN')::int
                  AS "APPLICATIONS_REFUSED_NOT_CITIZEN"
           FROM participants.outbox_event WHERE type = 'apply.refused'`,
      )
    ).rows;
    expect(Object.fromEntries(all.total.map((c) => [c.measure, c.value]))).toEqual(truth);
  });
});
