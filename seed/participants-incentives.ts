import type { EntityManager } from '@mikro-orm/postgresql';
import { markPaid } from '../subgraphs/participants/payout/payout.service';
import { SCHEMA, json, sql } from '../subgraphs/participants/sql';
import { submitSurveyResponse } from '../subgraphs/participants/survey/survey.service';
import { SurveyCode } from '../subgraphs/participants/survey/survey.catalog';

const DAY = 86_400_000;

/**
 * What becomes of the demo's DUE incentives (the journey's reviewed completions, whose training payouts the
 * reviews created): paid (one with a survey paid too), pending without a payout account, and failed after
 * every attempt at an account whose bank is down (the simulator always fails `0999…`). Paid ones go through
 * markPaid, as the sender would: ledger, inbox message and `incentive.paid` event included.
 */
export async function seedIncentives(
  em: EntityManager,
  who: { paid: string[]; pending: string[]; failed: string[] },
  now = new Date(),
): Promise<void> {
  const { paid, failed } = who;
  const due = await sql<{ id: string }>(
    em,
    `SELECT p.id FROM ${SCHEMA}.participant p JOIN ${SCHEMA}.payout o ON o.participant_id = p.id AND o.kind = 'TRAINING' AND o.status = 'PENDING'
      WHERE p.incentive_status = 'DUE' AND p.id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
    [json([...paid, ...who.pending, ...failed])],
  );
  if (due.length !== paid.length + who.pending.length + failed.length) throw new Error('seed: the reviewed completions are not all DUE');
  const accounts = [
    ...paid.map((id, i) => ({ id, provider: 'GOPAY', kind: 'EWALLET', number: `0812555000${i}` })),
    ...failed.map((id, i) => ({ id, provider: 'BNI', kind: 'BANK', number: `0999000111${i}` })),
  ];
  await sql(
    em,
    `INSERT INTO ${SCHEMA}.payout_account (participant_id, kind, provider, account_number, holder_name, nik_matched, checked_at, created_at)
     SELECT x.id, x.kind, x.provider, x.number, p.full_name, true, ?, ? FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, kind text, provider text, number text)
       JOIN ${SCHEMA}.participant p ON p.id = x.id`,
    [new Date(now.getTime() - DAY), new Date(now.getTime() - DAY), json(accounts)],
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
