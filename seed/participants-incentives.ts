import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '../common/ids';
import { createTrainingPayouts, markPaid } from '../subgraphs/participants/payout/payout.service';
import { SCHEMA, json, sql } from '../subgraphs/participants/sql';
import { submitSurveyResponse } from '../subgraphs/participants/survey/survey.service';
import { SurveyCode } from '../subgraphs/participants/survey/survey.catalog';

const DAY = 86_400_000;

/** How many Gelombang 1 cardholders the demo gives each incentive state (README: Incentives). */
export const SEED_INCENTIVES = { paid: 3, pending: 3, awaitingReview: 2, failed: 2 } as const;

/**
 * Incentives in every state, for Gelombang 1 cardholders whose courses were completed outside the demo's
 * sales (the demo sells none; their enrollment ids name no courses row): paid (one with a survey paid too),
 * pending without a payout account, awaiting the review, and failed after every attempt at an account
 * whose bank is down (the simulator always fails `0999…`). Paid ones go through markPaid, as the sender
 * would: ledger, inbox message and `incentive.paid` event included.
 */
export async function seedIncentives(em: EntityManager, now: Date): Promise<void> {
  const total = Object.values(SEED_INCENTIVES).reduce((a, b) => a + b, 0);
  const people = await sql<{ id: string; full_name: string }>(
    em,
    `SELECT p.id, p.full_name FROM ${SCHEMA}.card c JOIN ${SCHEMA}.participant p ON p.id = c.participant_id
      WHERE c.status = 'ACTIVE' ORDER BY p.id LIMIT ?`,
    [total],
  );
  const ids = people.map((p) => p.id);
  const [paid, pending, awaiting, failed] = [
    ids.slice(0, SEED_INCENTIVES.paid),
    ids.slice(SEED_INCENTIVES.paid, SEED_INCENTIVES.paid + SEED_INCENTIVES.pending),
    ids.slice(SEED_INCENTIVES.paid + SEED_INCENTIVES.pending, total - SEED_INCENTIVES.failed),
    ids.slice(total - SEED_INCENTIVES.failed),
  ];
  const complete = (who: string[], status: string) =>
    sql(
      em,
      `UPDATE ${SCHEMA}.participant p SET first_completed_at = ?, incentive_status = ?::${SCHEMA}.incentive_status,
              incentive_enrollment_id = x.enrollment FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, enrollment text) WHERE p.id = x.id`,
      [new Date(now.getTime() - 10 * DAY), status, json(who.map((id) => ({ id, enrollment: stableId('demo-enrollment', id) })))],
    );
  await complete(awaiting, 'AWAITING_REVIEW');
  await complete([...paid, ...pending, ...failed], 'DUE');
  await createTrainingPayouts(em, [...paid, ...pending, ...failed]);
  const accounts = [
    ...paid.map((id, i) => ({ id, provider: 'GOPAY', kind: 'EWALLET', number: `0812555000${i}` })),
    ...failed.map((id, i) => ({ id, provider: 'BNI', kind: 'BANK', number: `0999000111${i}` })),
  ];
  await sql(
    em,
    `INSERT INTO ${SCHEMA}.payout_account (participant_id, kind, provider, account_number, holder_name, nik_matched, checked_at, created_at)
     SELECT x.id, x.kind, x.provider, x.number, p.full_name, true, ?, ? FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, kind text, provider text, number text)
       JOIN ${SCHEMA}.participant p ON p.id = x.id`,
    [new Date(now.getTime() - 9 * DAY), new Date(now.getTime() - 9 * DAY), json(accounts)],
  );
  await submitSurveyResponse(em, paid[0], { survey: SurveyCode.TRAINING_EVALUATION, answers: [5, 4, 5] });
  // Sent once (paid) or five times (failed), with the account each was sent to.
  await sql(
    em,
    `UPDATE ${SCHEMA}.payout o SET status = CASE WHEN o.participant_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb)) THEN 'FAILED' ELSE 'SENDING' END,
            attempts = CASE WHEN o.participant_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb)) THEN 5 ELSE 1 END,
            last_error = CASE WHEN o.participant_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb)) THEN 'provider answered 503: {"error":"provider unavailable"}' END,
            account_provider = a.provider, account_number = a.account_number
       FROM ${SCHEMA}.payout_account a WHERE a.participant_id = o.participant_id`,
    [json(failed), json(failed), json(failed)],
  );
  await sql(
    em,
    `UPDATE ${SCHEMA}.participant SET incentive_status = 'FAILED' WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
    [json(failed)],
  );
  const sent = await sql<{ reference: string }>(em, `SELECT reference FROM ${SCHEMA}.payout WHERE status = 'SENDING' ORDER BY reference`);
  for (const [i, { reference }] of sent.entries()) await markPaid(em, reference, `SIM-DEMO-${i + 1}`);
}
