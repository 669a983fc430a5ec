import type { EntityManager } from '@mikro-orm/postgresql';
import { refuser, type UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { notifyIncentivePaid } from '../inbox/inbox.service';
import { json, NOW_MS, SCHEMA, sql } from '../sql';
import { Payout } from './payout.entity';
import { PayoutKind, PayoutStatus, type PayoutRetryErrorCode } from './payout.enums';

/** The reference the provider sees: one per participant and incentive, so it can never be created (or paid) twice. */
export const payoutReference = (participantId: string, what: string) => `INC-${participantId.replaceAll('-', '')}-${what}`;

/**
 * The training payout of each participant whose incentive just became DUE, at their cohort's amount; in the
 * caller's transaction (with the status change). A reference that exists already adds nothing.
 */
export async function createTrainingPayouts(tx: EntityManager, participantIds: string[]): Promise<number> {
  if (!participantIds.length) return 0;
  const rows = await sql(
    tx,
    `INSERT INTO ${SCHEMA}.payout (id, participant_id, kind, reference, amount, status, attempts, next_attempt_at, created_at, updated_at)
     SELECT gen_random_uuid(), c.participant_id, 'TRAINING', 'INC-' || replace(c.participant_id::text, '-', '') || '-TRAINING',
            co.incentive_amount, 'PENDING', 0, now(), ${NOW_MS}, now()
       FROM ${SCHEMA}.card c JOIN ${SCHEMA}.cohort co ON co.id = c.cohort_id
      WHERE c.participant_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))
     ON CONFLICT (reference) DO NOTHING RETURNING id`,
    [json(participantIds)],
  );
  return rows.length;
}

interface PaidRow {
  id: string;
  participant_id: string;
  kind: PayoutKind;
  amount: string;
  reference: string;
}

/**
 * Records the provider's confirmation of `reference`, once however often it arrives (a retry's answer, a late
 * first answer, a duplicate): the row lock of the UPDATE orders concurrent confirmations and only the first
 * finds the payout unpaid. With it, in one transaction: the incentive ledger entry, the inbox notification,
 * the `incentive.paid` event (the payout's outbox trigger), and for the training incentive the participant's PAID status.
 */
export function markPaid(em: EntityManager, reference: string, transferId: string): Promise<boolean> {
  return em.transactional(async (tx) => {
    const [paid] = await sql<PaidRow>(
      tx as EntityManager,
      `UPDATE ${SCHEMA}.payout SET status = 'PAID', paid_at = now(), provider_transfer_id = ?, lease_until = NULL, updated_at = now()
        WHERE reference = ? AND status <> 'PAID' RETURNING id, participant_id, kind, amount, reference`,
      [transferId, reference],
    );
    if (!paid) return false;
    await sql(
      tx as EntityManager,
      `INSERT INTO ${SCHEMA}.incentive_ledger_entry (id, participant_id, payout_id, kind, amount, reference, created_at)
       VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ${NOW_MS})`,
      [paid.participant_id, paid.id, paid.kind, paid.amount, paid.reference],
    );
    await notifyIncentivePaid(tx as EntityManager, paid.participant_id, Number(paid.amount), paid.reference);
    if (paid.kind === PayoutKind.TRAINING)
      await sql(tx as EntityManager, `UPDATE ${SCHEMA}.participant SET incentive_status = 'PAID' WHERE id = ?`, [paid.participant_id]);
    return true;
  });
}

export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/**
 * The attempt numbered `attempt` failed (or timed out: the transfer may have happened, and the retry sends the
 * same reference). Only that attempt's own claim is moved on: a payout paid or taken over meanwhile is left
 * alone. After the last attempt it is FAILED, and so is the training incentive.
 */
export async function markFailed(em: EntityManager, payoutId: string, attempt: number, error: string, policy: RetryPolicy): Promise<void> {
  await em.transactional(async (tx) => {
    const [row] = await sql<{ status: PayoutStatus; kind: PayoutKind; participant_id: string }>(
      tx as EntityManager,
      `UPDATE ${SCHEMA}.payout SET status = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'FAILED_RETRYING' END, last_error = ?,
              lease_until = NULL, updated_at = now(),
              next_attempt_at = now() + least(? * power(2, attempts - 1), ?) * interval '1 millisecond'
        WHERE id = ? AND status = 'SENDING' AND attempts = ? RETURNING status, kind, participant_id`,
      [policy.maxAttempts, error.slice(0, 500), policy.retryBaseMs, policy.retryMaxMs, payoutId, attempt],
    );
    if (row?.status === PayoutStatus.FAILED && row.kind === PayoutKind.TRAINING)
      await sql(
        tx as EntityManager,
        `UPDATE ${SCHEMA}.participant SET incentive_status = 'FAILED' WHERE id = ? AND incentive_status = 'DUE'`,
        [row.participant_id],
      );
  });
}

export interface PayoutRetryResult {
  payout: Payout | null;
  userErrors: UserError[];
}

const refuseRetry = refuser<PayoutRetryResult, PayoutRetryErrorCode>({ payout: null });

/** payoutRetry: a FAILED payout is sent again (same reference: the provider pays it at most once), with fresh attempts. */
export async function retryPayout(em: EntityManager, payoutId: string): Promise<PayoutRetryResult> {
  if (!isUuid(payoutId)) return refuseRetry('NOT_FOUND', 'No such payout', { field: 'id' });
  const retried = await em.transactional(async (tx) => {
    const [row] = await sql<{ kind: PayoutKind; participant_id: string }>(
      tx as EntityManager,
      `UPDATE ${SCHEMA}.payout SET status = 'PENDING', attempts = 0, next_attempt_at = now(), updated_at = now()
        WHERE id = ? AND status = 'FAILED' RETURNING kind, participant_id`,
      [payoutId],
    );
    if (row?.kind === PayoutKind.TRAINING)
      await sql(
        tx as EntityManager,
        `UPDATE ${SCHEMA}.participant SET incentive_status = 'DUE' WHERE id = ? AND incentive_status = 'FAILED'`,
        [row.participant_id],
      );
    return Boolean(row);
  });
  const payout = await em.findOne(Payout, { id: payoutId }, { refresh: true });
  if (!payout) return refuseRetry('NOT_FOUND', 'No such payout', { field: 'id' });
  if (!retried) return refuseRetry('NOT_FAILED', `A ${payout.status} payout cannot be retried`, { field: 'id', payout });
  return { payout, userErrors: [] };
}
