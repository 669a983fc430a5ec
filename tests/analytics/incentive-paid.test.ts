import { db, gatewayQuery, tokenFor } from '../support/client';
import { createPartner } from '../courses/fixtures';
import { cardholders, type Cardholder } from '../support/partner';
import { completedEnrollment, eventually, payableWithAccount, review } from '../incentive/support';
import { caughtUpAfter, table, totalOf, type Table } from './support';

const now = () => new Date(Date.now() + 5);
const MEASURES = ['INCENTIVE_PAID_AMOUNT', 'INCENTIVE_RECIPIENTS', 'SURVEY_PAID_AMOUNT', 'SURVEYS_PAID'];

const SURVEY = `mutation($input: SurveyResponseSubmitInput!) { surveyResponseSubmit(input: $input) { payout { kind } userErrors { code } } }`;
async function answer(participantId: string, survey: string, answers: number[]) {
  const res = await gatewayQuery(SURVEY, { input: { survey, answers } }, { token: await tokenFor('participant', participantId) });
  expect([survey, res.errors, res.data!.surveyResponseSubmit.userErrors]).toEqual([survey, undefined, []]);
}

/** The participants' incentive ledger (the money actually paid), per kind, for these participants or for all. */
async function ledger(participantIds?: string[]) {
  const { rows } = await db().query(
    `SELECT kind, sum(amount)::float8 AS amount, count(*)::int AS entries, count(DISTINCT participant_id)::int AS people
       FROM participants.incentive_ledger_entry WHERE $1::uuid[] IS NULL OR participant_id = ANY ($1::uuid[]) GROUP BY 1`,
    [participantIds ?? null],
  );
  const of = (kind: string) => rows.find((r) => r.kind === kind) ?? { amount: 0, entries: 0, people: 0 };
  return { training: of('TRAINING'), survey: of('SURVEY') };
}

const valuesOf = (cells: Table['total']) => Object.fromEntries(cells.map((c) => [c.measure, c.value]));

describe('incentives paid, in rupiah, through the gateway', () => {
  let holders: Cardholder[] = [];
  let cohortId = '';
  const ids = () => holders.map((h) => h.participantId);

  beforeAll(async () => {
    const partnerId = await createPartner();
    holders = await cardholders(12);
    [{ cohort_id: cohortId }] = (await db().query(`SELECT cohort_id FROM participants.card WHERE participant_id = $1`, [ids()[0]])).rows;
    // Eleven paid through the simulated provider; the twelfth is owed but has no account, so nothing is paid.
    const paid = holders.slice(0, 11);
    await Promise.all(paid.map((h) => payableWithAccount(h, partnerId)));
    const unpaid = holders[11];
    expect((await review(unpaid.participantId, await completedEnrollment(unpaid, partnerId))).userErrors).toEqual([]);
    await Promise.all(paid.map((h) => eventually(h.participantId, (i) => i.status === 'PAID')));
    // Surveys: all eleven answer one, three answer the second too.
    for (const h of paid) await answer(h.participantId, 'TRAINING_EVALUATION', [5, 4, 5]);
    for (const h of paid.slice(0, 3)) await answer(h.participantId, 'EMPLOYMENT_STATUS', [4, 3]);
    await Promise.all(
      paid.map((h, i) => eventually(h.participantId, (v) => v.payouts.filter((p) => p.status === 'PAID').length === (i < 3 ? 3 : 2))),
    );
    await caughtUpAfter(now());
  }, 180_000);

  it('sums the cohort’s incentive ledger: training and survey rupiah paid, pending payouts not counted', async () => {
    const truth = await ledger(ids());
    expect(truth.training).toEqual({ kind: 'TRAINING', amount: 11 * 600_000, entries: 11, people: 11 });
    expect(truth.survey).toEqual({ kind: 'SURVEY', amount: 14 * 50_000, entries: 14, people: 11 });
    const t = await table({ measures: MEASURES, dimensions: ['COHORT', 'MONTH'], filters: [{ dimension: 'COHORT', values: [cohortId] }] });
    const month = t.rows.map((r) => r.dimensions[1].value);
    // Paid minutes ago: one month (two only if this ran across a month's end in Jakarta).
    expect(month.length).toBeGreaterThanOrEqual(1);
    expect(valuesOf(t.total)).toEqual({
      INCENTIVE_PAID_AMOUNT: truth.training.amount,
      INCENTIVE_RECIPIENTS: truth.training.people,
      SURVEY_PAID_AMOUNT: truth.survey.amount,
      SURVEYS_PAID: truth.survey.entries,
    });
    if (t.rows.length === 1)
      expect(t.rows[0].dimensions[0]).toMatchObject({ dimension: 'COHORT', value: cohortId, label: expect.any(String) });
  });

  it('equals the whole incentive ledger in total, and splits by age band with small cells suppressed', async () => {
    for (let attempt = 0; ; attempt++) {
      const before = await ledger();
      await caughtUpAfter(now());
      const t = await table({ measures: MEASURES, from: '2000-01-01T00:00:00Z' });
      // A payout of another test confirmed meanwhile: read again.
      if (JSON.stringify(await ledger()) !== JSON.stringify(before) && attempt < 5) continue;
      expect(valuesOf(t.total)).toEqual({
        INCENTIVE_PAID_AMOUNT: before.training.amount,
        INCENTIVE_RECIPIENTS: before.training.people,
        SURVEY_PAID_AMOUNT: before.survey.amount,
        SURVEYS_PAID: before.survey.entries,
      });
      break;
    }
    const byBand = await table({
      measures: ['SURVEY_PAID_AMOUNT'],
      dimensions: ['COHORT', 'AGE_BAND'],
      filters: [{ dimension: 'COHORT', values: [cohortId] }],
    });
    const { rows: bands } = await db().query(
      `SELECT CASE WHEN extract(year FROM now()) - extract(year FROM p.birth_date) < 25 THEN 'AGE_18_24'
                   WHEN extract(year FROM now()) - extract(year FROM p.birth_date) < 35 THEN 'AGE_25_34'
                   WHEN extract(year FROM now()) - extract(year FROM p.birth_date) < 45 THEN 'AGE_35_44' ELSE 'AGE_45_54' END AS band,
              sum(l.amount)::float8 AS amount, count(DISTINCT l.participant_id)::int AS people
         FROM participants.incentive_ledger_entry l JOIN participants.participant p ON p.id = l.participant_id
        WHERE l.kind = 'SURVEY' AND l.participant_id = ANY ($1::uuid[]) GROUP BY 1`,
      [ids()],
    );
    expect(byBand.rows.length).toBe(bands.length);
    for (const band of bands) {
      const cell = byBand.rows.find((r) => r.dimensions[1].value === band.band)!.cells[0];
      if (band.people < 10)
        expect([band.band, cell]).toEqual([band.band, { measure: 'SURVEY_PAID_AMOUNT', value: null, suppressed: true }]);
      else if (!cell.suppressed) expect([band.band, cell.value]).toEqual([band.band, band.amount]);
    }
    // One small band alone would be the total minus the others: never exactly one hidden.
    if (byBand.rows.length > 1) expect(byBand.rows.filter((r) => r.cells[0].suppressed).length).not.toBe(1);
    expect(totalOf(byBand, 'SURVEY_PAID_AMOUNT').value).toBe(14 * 50_000);
  });

  it('splits survey payouts by SURVEY: visible cells equal the ledger, three people’s survey is hidden, the total stays right', async () => {
    const t = await table({
      measures: ['SURVEYS_PAID', 'SURVEY_PAID_AMOUNT'],
      dimensions: ['SURVEY'],
      filters: [{ dimension: 'COHORT', values: [cohortId] }],
    });
    const { rows: truth } = await db().query(
      `SELECT survey, count(*)::int AS paid, sum(amount)::float8 AS amount, count(DISTINCT participant_id)::int AS people
         FROM participants.payout WHERE kind = 'SURVEY' AND status = 'PAID' AND participant_id = ANY ($1::uuid[]) GROUP BY 1`,
      [ids()],
    );
    expect(truth.map((r) => [r.survey, r.people]).sort()).toEqual([
      ['EMPLOYMENT_STATUS', 3],
      ['TRAINING_EVALUATION', 11],
    ]);
    for (const survey of truth) {
      const row = t.rows.find((r) => r.dimensions[0].value === survey.survey)!;
      const [count, amount] = row.cells;
      if (survey.people < 10) expect([count.suppressed, amount.suppressed]).toEqual([true, true]);
      if (!count.suppressed) expect([survey.survey, count.value, amount.value]).toEqual([survey.survey, survey.paid, survey.amount]);
    }
    expect(valuesOf(t.total)).toEqual({ SURVEYS_PAID: 14, SURVEY_PAID_AMOUNT: 14 * 50_000 });
    // The hidden survey is never the total minus the visible rows.
    expect(t.rows.filter((r) => r.cells[0].suppressed).length).not.toBe(1);
  });

  it('counts a payout once when its event arrives again (as the re-sending migration writes it)', async () => {
    const { rows } = await db().query(
      `SELECT payload FROM participants.outbox_event WHERE type = 'incentive.paid' AND payload->>'participantId' = ANY ($1::text[])`,
      [ids()],
    );
    expect(rows).toHaveLength(25);
    expect(Object.keys(rows[0].payload).sort()).toEqual(['amount', 'attempts', 'kind', 'paidAt', 'participantId', 'payoutId', 'survey']);
    await db().query(`SELECT participants.outbox_emit('incentive.paid', $1::jsonb)`, [JSON.stringify(rows[0].payload)]);
    await caughtUpAfter(now());
    const t = await table({ measures: MEASURES, filters: [{ dimension: 'COHORT', values: [cohortId] }], from: '2000-01-01T00:00:00Z' });
    expect(valuesOf(t.total)).toEqual({
      INCENTIVE_PAID_AMOUNT: 11 * 600_000,
      INCENTIVE_RECIPIENTS: 11,
      SURVEY_PAID_AMOUNT: 14 * 50_000,
      SURVEYS_PAID: 14,
    });
  });

  it('ends the cohort funnel: the cohort’s incentive recipients are the people its ledger paid, within its cardholders', async () => {
    const truth = async () =>
      (
        await db().query(
          `SELECT (SELECT count(DISTINCT l.participant_id)::int FROM participants.incentive_ledger_entry l
                     JOIN participants.card c ON c.participant_id = l.participant_id WHERE l.kind = 'TRAINING' AND c.cohort_id = $1) AS paid,
                  (SELECT count(*)::int FROM participants.card WHERE cohort_id = $1) AS cards`,
          [cohortId],
        )
      ).rows[0] as { paid: number; cards: number };
    for (let attempt = 0; ; attempt++) {
      const before = await truth();
      await caughtUpAfter(now());
      const res = await gatewayQuery<{ cohortFunnel: Table }>(
        `query($ids: [ID!]) { cohortFunnel(cohortIds: $ids) { measures total { measure value suppressed } } }`,
        { ids: [cohortId] },
        { token: await tokenFor('analyst') },
      );
      expect(res.errors).toBeUndefined();
      // Another test paid or issued in this cohort meanwhile: read again.
      if (JSON.stringify(await truth()) !== JSON.stringify(before) && attempt < 5) continue;
      const total = valuesOf(res.data!.cohortFunnel.total);
      expect({ paid: total.INCENTIVE_RECIPIENTS, cards: total.CARDS_ISSUED }).toEqual(before);
      expect(before.paid).toBeGreaterThanOrEqual(11);
      break;
    }
  });
});
