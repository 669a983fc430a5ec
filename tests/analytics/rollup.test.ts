import { db } from '../support/client';
import { registerPerson } from '../participants/fixtures';
import { createCourse, createPartner, insertSale } from '../courses/fixtures';
import { personWithCard } from '../participants/fixtures';
import { caughtUpAfter, table, totalOf, type Table } from './support';

const now = () => new Date(Date.now() + 5);
// A time range that holds every fact: it sends the table to the facts, never to the rollup.
const ALL_TIME = { from: '2000-01-01T00:00:00Z' };

const SHAPES: Array<Record<string, unknown>> = [
  { measures: ['APPLICATIONS', 'SELECTED', 'CARDS_ISSUED', 'ACTIVE_CARDS', 'PURCHASERS', 'COMPLETERS'], dimensions: ['COHORT'] },
  {
    measures: ['PURCHASES', 'PURCHASERS', 'SPEND', 'REFUNDS', 'VOIDS', 'COMPLETION_RATE', 'MEDIAN_DAYS_TO_COMPLETE', 'AVERAGE_SCORE'],
    dimensions: ['PLATFORM'],
  },
  { measures: ['SPEND'], dimensions: ['MONTH', 'PLATFORM'] },
  { measures: ['PARTICIPANTS', 'APPLICATIONS', 'INCENTIVES_DUE'], dimensions: ['PROVINCE', 'SEX', 'AGE_BAND'] },
  { measures: ['CREDITED', 'OUTSTANDING_BALANCE', 'FORFEITED_BALANCE'], dimensions: ['COHORT'] },
  { measures: ['PARTICIPANTS', 'PURCHASES'], dimensions: [] },
  {
    measures: [
      'INELIGIBLE_REGISTRATIONS',
      'REGISTRATIONS_NOT_CITIZEN',
      'REGISTRATIONS_AGE_OUT_OF_RANGE',
      'REGISTRATIONS_EXCLUDED_OCCUPATION',
    ],
    dimensions: ['PROVINCE', 'SEX'],
  },
  { measures: ['INELIGIBLE_APPLICATIONS', 'APPLICATIONS_ALREADY_PARTICIPATED', 'APPLICATIONS_FAMILY_CARD_LIMIT'], dimensions: ['COHORT'] },
  { measures: ['COMPLETIONS_TOO_EARLY', 'PURCHASES'], dimensions: ['PLATFORM', 'MONTH'] },
  { measures: ['INCENTIVE_PAID_AMOUNT', 'SURVEY_PAID_AMOUNT', 'SURVEYS_PAID'], dimensions: ['COHORT', 'MONTH'] },
  {
    measures: ['APPLICATIONS_REFUSED', 'APPLICATIONS_REFUSED_NOT_ELIGIBLE', 'APPLICATIONS_REFUSED_NOT_CITIZEN'],
    dimensions: ['COHORT', 'SEX'],
  },
];

/** The month of now in Asia/Jakarta, as the MONTH dimension names it, and its bounds. */
function thisMonth() {
  const local = new Date(Date.now() + 7 * 3_600_000);
  const start = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 7 * 3_600_000);
  const end = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - 7 * 3_600_000);
  return { month: `${local.toISOString().slice(0, 7)}-01`, from: start.toISOString(), to: end.toISOString() };
}

const withoutFreshness = (t: Table) => ({ rows: t.rows, total: t.total });
const eventsOf = (t: Table) => t.freshness.sources.reduce((sum, s) => sum + s.eventsProjected, 0);

/** The table from the rollup once the rollup has been built from everything projected (same events as the facts). */
async function fromRollup(
  input: Record<string, unknown>,
  factsInput: Record<string, unknown> = { ...input, ...ALL_TIME },
): Promise<{ rollup: Table; facts: Table }> {
  for (let attempt = 0; ; attempt++) {
    const facts = await table(factsInput);
    const rollup = await table(input);
    const again = await table(factsInput);
    if (eventsOf(rollup) === eventsOf(facts) && eventsOf(facts) === eventsOf(again)) return { rollup, facts };
    if (attempt > 100) throw new Error('the rollup never caught up with the facts');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('analytics rollups, through the gateway', () => {
  let courseId = '';
  let partnerId = '';
  beforeAll(async () => {
    partnerId = await createPartner();
    courseId = await createCourse();
    for (let i = 0; i < 12; i++) {
      const { participantId } = await personWithCard();
      await insertSale({
        partnerId,
        courseId,
        participantId,
        amount: 300_000 + i,
        status: i < 10 ? 'COMPLETED' : i < 11 ? 'CANCELLED' : 'ENROLLED',
      });
    }
    // Scores for the ten completions (the fixture writes none): 70, 72, … 88. Ten completers: visible at k = 10.
    await db().query(
      `UPDATE courses.enrollment e SET score = 70 + 2 * n.i, completed_at = e.enrolled_at + interval '2 days'
         FROM (SELECT id, row_number() OVER (ORDER BY amount) - 1 AS i FROM courses.enrollment WHERE course_id = $1 AND status = 'COMPLETED') n
        WHERE e.id = n.id`,
      [courseId],
    );
    await caughtUpAfter(now(), 60_000);
  }, 120_000);

  it('gives prices and scores per course, the course named by its title', async () => {
    const t = await table({ measures: ['AVERAGE_PRICE', 'AVERAGE_SCORE', 'PURCHASES'], dimensions: ['COURSE'] });
    const row = t.rows.find((r) => r.dimensions[0].value === courseId)!;
    const [{ title }] = (await db().query(`SELECT title FROM courses.course WHERE id = $1`, [courseId])).rows;
    expect(row.dimensions[0].label).toBe(title);
    expect(row.cells).toEqual([
      { measure: 'AVERAGE_PRICE', value: 300_005.5, suppressed: false },
      { measure: 'AVERAGE_SCORE', value: 79, suppressed: false },
      { measure: 'PURCHASES', value: 12, suppressed: false },
    ]);
  });

  it.each(SHAPES.map((s) => [JSON.stringify(s), s]))('answers %s from the rollup exactly as from the facts', async (_, input) => {
    const { rollup, facts } = await fromRollup(input);
    expect(rollup.total.length).toBeGreaterThan(0);
    expect(withoutFreshness(rollup)).toEqual(withoutFreshness(facts));
  });

  it('answers a table filtered to one value of a rolled-up dimension, or one whole month, from the rollup exactly as from the facts', async () => {
    const [{ cohort }] = (
      await db().query(`SELECT cohort_id::text AS cohort FROM participants.application GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
    ).rows;
    const { month, from, to } = thisMonth();
    const one = (dimension: string, value: string) => ({ dimension, values: [value] });
    const some = (dimension: string, ...values: string[]) => ({ dimension, values });
    // Cohorts of this test's buyers (each bought with a card of a cohort of their own): purchases by cohort split participants.
    const buyerCohorts = (
      await db().query(
        `SELECT DISTINCT c.cohort_id::text AS cohort FROM participants.card c JOIN courses.purchase p ON p.participant_id = c.participant_id
          WHERE p.partner_id = $1 ORDER BY 1 LIMIT 11`,
        [partnerId],
      )
    ).rows.map((r) => r.cohort as string);
    expect(buyerCohorts).toHaveLength(11);
    const filtered: Array<Record<string, unknown>> = [
      {
        measures: ['PARTICIPANTS', 'INCENTIVES_DUE', 'INELIGIBLE_REGISTRATIONS'],
        dimensions: ['SEX', 'AGE_BAND'],
        filters: [one('PROVINCE', '31')],
      },
      { measures: ['APPLICATIONS', 'SELECTED', 'INELIGIBLE_APPLICATIONS'], dimensions: ['PROVINCE'], filters: [one('COHORT', cohort)] },
      { measures: ['APPLICATIONS'], dimensions: ['COHORT', 'SEX'], filters: [one('COHORT', cohort), one('SEX', 'FEMALE')] },
      { measures: ['CARDS_ISSUED', 'ACTIVE_CARDS'], filters: [one('COHORT', cohort)] },
      {
        measures: [
          'PURCHASES',
          'PURCHASERS',
          'SPEND',
          'COMPLETION_RATE',
          'MEDIAN_DAYS_TO_COMPLETE',
          'AVERAGE_SCORE',
          'COMPLETIONS_TOO_EARLY',
        ],
        dimensions: ['PLATFORM'],
        filters: [one('PLATFORM', partnerId)],
      },
      { measures: ['SPEND', 'PURCHASES'], dimensions: ['CATEGORY'], filters: [one('PLATFORM', partnerId), one('MONTH', month)] },
      // Several values of a dimension that gives each participant one value: cells added up, exactly.
      {
        measures: ['PARTICIPANTS', 'INCENTIVES_DUE', 'INELIGIBLE_REGISTRATIONS'],
        dimensions: ['SEX'],
        filters: [some('PROVINCE', '31', '32')],
      },
      {
        measures: ['PARTICIPANTS', 'APPLICATIONS'],
        dimensions: ['PROVINCE', 'SEX', 'AGE_BAND'],
        filters: [some('PROVINCE', '31', '32'), some('AGE_BAND', 'AGE_25_34', 'AGE_35_44', 'AGE_45_54')],
      },
      {
        measures: ['APPLICATIONS', 'SELECTED', 'APPLICATIONS_REFUSED'],
        dimensions: ['COHORT'],
        filters: [one('COHORT', cohort), some('AGE_BAND', 'AGE_25_34', 'AGE_35_44')],
      },
      {
        measures: ['PURCHASES', 'PURCHASERS', 'SPEND', 'COMPLETIONS'],
        dimensions: ['PLATFORM'],
        filters: [some('COHORT', ...buyerCohorts)],
      },
      { measures: ['PURCHASES', 'SPEND'], filters: [some('COHORT', ...buyerCohorts), one('PLATFORM', partnerId)] },
    ];
    for (const input of filtered) {
      const { rollup, facts } = await fromRollup(input);
      expect(rollup.total.length).toBeGreaterThan(0);
      expect([input, withoutFreshness(rollup)]).toEqual([input, withoutFreshness(facts)]);
    }
    // A time range of one whole month is that month's filter: the same answer as the facts over the same range.
    for (const input of [
      { measures: ['SPEND', 'PURCHASES', 'AVERAGE_PRICE'], dimensions: ['PLATFORM'], from, to },
      { measures: ['CREDITED', 'OUTSTANDING_BALANCE'], dimensions: ['COHORT'], from, to },
    ]) {
      const { rollup, facts } = await fromRollup(input, { ...input, from, to: new Date(Date.parse(to) + 1).toISOString() });
      expect(rollup.rows.length).toBeGreaterThan(0);
      expect([input, withoutFreshness(rollup)]).toEqual([input, withoutFreshness(facts)]);
    }
    // Read from the rollup indeed: a tampered cell shows in the filtered answer (the next build replaces it).
    await db().query(
      `UPDATE analytics.rollup_cell SET parts[1] = parts[1] + 1000000 WHERE base = 'participants' AND grouping = 7 AND key[1] = '31'`,
    );
    const tampered = await table({ measures: ['PARTICIPANTS'], filters: [one('PROVINCE', '31')] });
    const honest = await table({ measures: ['PARTICIPANTS'], filters: [one('PROVINCE', '31')], ...ALL_TIME });
    expect(totalOf(tampered, 'PARTICIPANTS').value).toBe(totalOf(honest, 'PARTICIPANTS').value! + 1_000_000);
    // Several provinces are added up from the rollup's cells (a tampered one shows in its row) …
    await db().query(
      `UPDATE analytics.rollup_cell SET parts[1] = parts[1] + 1000000 WHERE base = 'participants' AND grouping = 3 AND key[1] = '31' AND key[2] = 'MALE'`,
    );
    const bySex = { measures: ['PARTICIPANTS'], dimensions: ['SEX'], filters: [some('PROVINCE', '31', '32')] };
    const male = (t: Table) => t.rows.find((r) => r.dimensions[0].value === 'MALE')!.cells[0].value!;
    expect(male(await table(bySex))).toBe(male(await table({ ...bySex, ...ALL_TIME })) + 1_000_000);
    // … while several cohorts of applications (one person applies to several) are the facts' alone.
    await db().query(
      `UPDATE analytics.rollup_cell SET parts[1] = parts[1] + 1000000 WHERE base = 'applications' AND grouping = 7 AND key[1] = $1`,
      [cohort],
    );
    const [other] = (await db().query(`SELECT id::text FROM participants.cohort WHERE id <> $1 LIMIT 1`, [cohort])).rows;
    const cohorts = { measures: ['APPLICATIONS'], dimensions: ['COHORT'], filters: [some('COHORT', cohort, other.id)] };
    expect(withoutFreshness(await table(cohorts))).toEqual(withoutFreshness(await table({ ...cohorts, ...ALL_TIME })));
    const alone = { measures: ['APPLICATIONS'], dimensions: ['COHORT'], filters: [one('COHORT', cohort)] };
    expect(totalOf(await table(alone), 'APPLICATIONS').value).toBe(
      totalOf(await table({ ...alone, ...ALL_TIME }), 'APPLICATIONS').value! + 1_000_000,
    );
    // Undone, for the tables of the tests after this one (a build would replace them only once something changes).
    await db().query(
      `UPDATE analytics.rollup_cell SET parts[1] = parts[1] - 1000000
        WHERE (base = 'participants' AND key[1] = '31' AND (grouping = 7 OR (grouping = 3 AND key[2] = 'MALE'))) OR (base = 'applications' AND grouping = 7 AND key[1] = $1)`,
      [cohort],
    );
  }, 60_000);

  it('keeps the rollup current between builds with each page’s delta, equal to the facts, and a build replaces it whole', async () => {
    // Shapes read from cells and deltas alone (no median, which only a build computes), and not the tampered total.
    const live = [
      ...SHAPES.filter((input) => !(input.measures as string[]).some((m) => m === 'MEDIAN_DAYS_TO_COMPLETE' || m === 'PARTICIPANTS')),
      {
        measures: ['PURCHASES', 'SPEND', 'REFUNDS', 'VOIDS', 'COMPLETION_RATE', 'AVERAGE_SCORE', 'AVERAGE_PRICE'],
        dimensions: ['PLATFORM', 'CATEGORY'],
      },
    ];
    const builtAt = async () => String((await db().query(`SELECT max(built_at)::text AS at FROM analytics.rollup_source`)).rows[0].at);
    for (let attempt = 0; ; attempt++) {
      // Just after a build (there is something to build for): the next is at least ANALYTICS_ROLLUP_REBUILD_INTERVAL_MS away.
      const last = await builtAt();
      await registerPerson();
      while ((await builtAt()) === last) await new Promise((r) => setTimeout(r, 50));
      const built = await builtAt();
      const total = async () => totalOf(await table({ measures: ['PARTICIPANTS'] }), 'PARTICIPANTS').value!;
      const before = await total();
      // Tampered: the answer shows it, so it came from the rollup, not the facts.
      await db().query(`UPDATE analytics.rollup_cell SET parts[1] = parts[1] + 1000000 WHERE base = 'participants' AND grouping = 15`);
      expect(await total()).toBe(before + 1_000_000);
      // A mix of registrations, cards and sales of each outcome, projected as deltas on top of the cells.
      await registerPerson();
      const buyers = [await personWithCard(), await personWithCard()];
      for (const [i, status] of (['COMPLETED', 'CANCELLED', 'ENROLLED'] as const).entries())
        await insertSale({ partnerId, courseId, participantId: buyers[i % 2].participantId, amount: 250_000 + i, status });
      await caughtUpAfter(now(), 20_000);
      const rollups = [];
      for (const input of live) rollups.push(await table(input));
      const tampered = await total();
      if ((await builtAt()) !== built) {
        // A build came in between (the mix took longer than the interval): its cells are the facts' already.
        if (attempt > 5) throw new Error('a build came between every attempt');
        continue;
      }
      expect(tampered).toBe(before + 1_000_000 + 2 + 1);
      for (const [i, input] of live.entries())
        expect([input, withoutFreshness(rollups[i])]).toEqual([input, withoutFreshness(await table({ ...input, ...ALL_TIME }))]);
      break;
    }
    // The next build (something was projected since the last) replaces the tampered cell with the facts' count.
    const built = await builtAt();
    for (let i = 0; (await builtAt()) === built; i++) {
      if (i > 200) throw new Error('no build came');
      await new Promise((r) => setTimeout(r, 100));
    }
    await caughtUpAfter(now());
    const [{ count }] = (await db().query(`SELECT count(*)::int AS count FROM participants.participant`)).rows;
    expect(totalOf(await table({ measures: ['PARTICIPANTS'] }), 'PARTICIPANTS').value).toBe(count);
  }, 120_000);
});
