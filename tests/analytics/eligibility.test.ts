import { db, gatewayQuery, tokenFor } from '../support/client';
import { apply, closeCohort, openCohort, registerPerson, select } from '../participants/fixtures';
import { caughtUpAfter, cellOf, table, totalOf } from './support';

const { ELIGIBILITY_CODES } =
  require('../../dist/subgraphs/participants/eligibility/eligibility.rules') as typeof import('../../subgraphs/participants/eligibility/eligibility.rules');

const now = () => new Date(Date.now() + 5);
const REGISTRATION_MEASURES = [
  'INELIGIBLE_REGISTRATIONS',
  'REGISTRATIONS_NOT_CITIZEN',
  'REGISTRATIONS_AGE_OUT_OF_RANGE',
  'REGISTRATIONS_IN_FORMAL_EDUCATION',
  'REGISTRATIONS_EXCLUDED_OCCUPATION',
];
const totals = async () => {
  const t = await table({ measures: REGISTRATION_MEASURES });
  return Object.fromEntries(t.total.map((c) => [c.measure, c.value]));
};

describe('ineligible registrations and applications by reason, through the gateway', () => {
  it('counts registrations by the rule that excludes them, as the participants subgraph evaluates it', async () => {
    await caughtUpAfter(now());
    const before = await totals();
    for (let i = 0; i < 10; i++) await registerPerson({ citizen: false });
    // Aged out and a civil servant at once: counted under both reasons, once among the ineligible.
    for (let i = 0; i < 10; i++) await registerPerson({ birthDate: '1950-03-01', occupation: 'CIVIL_SERVANT' });
    for (let i = 0; i < 3; i++) await registerPerson({ educationStatus: 'IN_FORMAL_EDUCATION' });
    for (let i = 0; i < 4; i++) await registerPerson();
    await caughtUpAfter(now());
    const after = await totals();
    expect(after.REGISTRATIONS_NOT_CITIZEN).toBe(before.REGISTRATIONS_NOT_CITIZEN! + 10);
    expect(after.REGISTRATIONS_AGE_OUT_OF_RANGE).toBe(before.REGISTRATIONS_AGE_OUT_OF_RANGE! + 10);
    expect(after.REGISTRATIONS_EXCLUDED_OCCUPATION).toBe(before.REGISTRATIONS_EXCLUDED_OCCUPATION! + 10);
    expect(after.INELIGIBLE_REGISTRATIONS).toBe(before.INELIGIBLE_REGISTRATIONS! + 23);
    // The subgraph's own (deprecated) statistics evaluate the rules over its tables: the same counts for the
    // rules a person's details decide alone (age is taken at registration here, now there).
    const stats = await gatewayQuery(
      `{ participantStatistics { byEligibilityReason { code count } } }`,
      {},
      { token: await tokenFor('analyst') },
    );
    const byCode = Object.fromEntries(
      (stats.data!.participantStatistics.byEligibilityReason as Array<{ code: string; count: number }>).map((r) => [r.code, r.count]),
    );
    for (const code of ['NOT_CITIZEN', 'IN_FORMAL_EDUCATION', 'EXCLUDED_OCCUPATION'])
      expect([code, after[`REGISTRATIONS_${code}`]]).toEqual([code, byCode[code]]);
  });

  it('counts applications the draw found ineligible, by reason, with small cells suppressed', async () => {
    // Twelve people apply to two cohorts; the first draw selects them, so the second finds them ALREADY_PARTICIPATED.
    const first = await openCohort(12);
    const second = await openCohort(100);
    const small = await openCohort(12);
    const smallSecond = await openCohort(100);
    const twelve = await Promise.all(Array.from({ length: 12 }, () => registerPerson()));
    const five = await Promise.all(Array.from({ length: 5 }, () => registerPerson()));
    for (const id of twelve) {
      await apply(first, id);
      await apply(second, id);
    }
    for (const id of five) {
      await apply(small, id);
      await apply(smallSecond, id);
    }
    for (const cohort of [first, second, small, smallSecond]) await closeCohort(cohort);
    expect((await select(first)).data!.cohortSelect.selectedCount).toBe(12);
    expect((await select(small)).data!.cohortSelect.selectedCount).toBe(5);
    expect((await select(second)).data!.cohortSelect.ineligibleCount).toBe(12);
    expect((await select(smallSecond)).data!.cohortSelect.ineligibleCount).toBe(5);
    await caughtUpAfter(now());

    const measures = ['INELIGIBLE_APPLICATIONS', 'APPLICATIONS_ALREADY_PARTICIPATED', 'APPLICATIONS_NOT_CITIZEN'];
    const alone = await table({ measures, dimensions: ['COHORT'], filters: [{ dimension: 'COHORT', values: [second] }] });
    expect(alone.rows[0].cells).toEqual([
      { measure: 'INELIGIBLE_APPLICATIONS', value: 12, suppressed: false },
      { measure: 'APPLICATIONS_ALREADY_PARTICIPATED', value: 12, suppressed: false },
      { measure: 'APPLICATIONS_NOT_CITIZEN', value: 0, suppressed: false },
    ]);
    // Five rest on fewer than k: hidden, and the twelve beside them too (19 − 12 would give them back); the total stays right.
    const both = await table({ measures, dimensions: ['COHORT'], filters: [{ dimension: 'COHORT', values: [second, smallSecond] }] });
    expect(cellOf(both, smallSecond, 'APPLICATIONS_ALREADY_PARTICIPATED')).toEqual({
      measure: 'APPLICATIONS_ALREADY_PARTICIPATED',
      value: null,
      suppressed: true,
    });
    expect(cellOf(both, second, 'APPLICATIONS_ALREADY_PARTICIPATED')!.suppressed).toBe(true);
    expect(totalOf(both, 'APPLICATIONS_ALREADY_PARTICIPATED')).toEqual({
      measure: 'APPLICATIONS_ALREADY_PARTICIPATED',
      value: 17,
      suppressed: false,
    });

    // Every reason's total equals the sources' applications carrying it, where it is not suppressed.
    const rules = ELIGIBILITY_CODES;
    const all = await table({ measures: ['INELIGIBLE_APPLICATIONS', ...rules.map((r) => `APPLICATIONS_${r}`)] });
    const [truth] = (
      await db().query(
        `SELECT count(*) FILTER (WHERE status = 'INELIGIBLE')::int AS "INELIGIBLE_APPLICATIONS",
                ${rules.map((r) => `count(*) FILTER (WHERE '${r}' = ANY (reasons))::int AS "APPLICATIONS_${r}"`).join(', ')}
           FROM participants.application`,
      )
    ).rows;
    for (const cell of all.total) {
      if (cell.suppressed) expect(truth[cell.measure]).toBeLessThan(10);
      else expect([cell.measure, cell.value]).toEqual([cell.measure, truth[cell.measure]]);
    }
    expect(totalOf(all, 'APPLICATIONS_ALREADY_PARTICIPATED').value).toBeGreaterThanOrEqual(17);
  }, 120_000);

  it('carries the reasons on the event as codes, beside no personal field', async () => {
    const id = await registerPerson({ citizen: false, educationStatus: 'IN_FORMAL_EDUCATION' });
    const { rows } = await db().query(
      `SELECT payload FROM participants.outbox_event WHERE type = 'participant.registered' AND payload->>'participantId' = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload.eligibilityReasons).toEqual(['NOT_CITIZEN', 'IN_FORMAL_EDUCATION']);
    expect(Object.keys(rows[0].payload).sort()).toEqual(
      [
        'birthYear',
        'education',
        'eligibilityReasons',
        'firstCompletedAt',
        'incentiveStatus',
        'occupation',
        'participantId',
        'provinceCode',
        'regencyCode',
        'registeredAt',
        'sex',
      ].sort(),
    );
  });
});
