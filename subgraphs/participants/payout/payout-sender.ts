import type { EntityManager } from '@mikro-orm/postgresql';
import { log } from '../../../common/logger';
import { SCHEMA, sql } from '../sql';
import type { DisbursementProvider, TransferResult } from './disbursement-provider';
import type { PayoutProvider } from './payout.enums';
import { markFailed, markPaid, type RetryPolicy } from './payout.service';

export interface SenderOptions extends RetryPolicy {
  batchSize: number;
  /** How long a claim holds a payout: longer than the provider may take, so no other sender sends it meanwhile. */
  leaseMs: number;
}

interface Claimed {
  id: string;
  reference: string;
  amount: string;
  attempts: number;
  account_provider: PayoutProvider;
  account_number: string;
}

/**
 * Claims due payouts in one committed statement: FOR UPDATE SKIP LOCKED lets concurrent senders (other
 * instances of this subgraph) pass over rows another is claiming, and the claim (SENDING with a lease) keeps
 * them off until that attempt has an answer, failed, or its sender died and the lease ran out. The first
 * attempt fixes the destination; later ones reuse it with the same reference.
 */
function claim(em: EntityManager, options: SenderOptions): Promise<Claimed[]> {
  return sql<Claimed>(
    em,
    `WITH due AS (
       SELECT q.id FROM ${SCHEMA}.payout q
        WHERE q.status <> 'PAID' AND q.next_attempt_at <= now()
          AND (q.status IN ('PENDING', 'FAILED_RETRYING') OR (q.status = 'SENDING' AND q.lease_until < now()))
          AND EXISTS (SELECT 1 FROM ${SCHEMA}.payout_account a WHERE a.participant_id = q.participant_id)
        ORDER BY q.next_attempt_at LIMIT ? FOR UPDATE OF q SKIP LOCKED)
     UPDATE ${SCHEMA}.payout p SET status = 'SENDING', attempts = p.attempts + 1, lease_until = now() + ? * interval '1 millisecond',
            account_provider = coalesce(p.account_provider, a.provider), account_number = coalesce(p.account_number, a.account_number),
            updated_at = now()
       FROM due, ${SCHEMA}.payout_account a
      WHERE p.id = due.id AND a.participant_id = p.participant_id
     RETURNING p.id, p.reference, p.amount, p.attempts, p.account_provider, p.account_number`,
    [options.batchSize, options.leaseMs],
  );
}

/** Applies one answer of the provider; used for in-time and late answers alike. */
async function applyAnswer(em: EntityManager, payout: Claimed, result: TransferResult, options: SenderOptions): Promise<void> {
  if (result.status === 'COMPLETED') await markPaid(em.fork(), payout.reference, result.transferId);
  else await markFailed(em.fork(), payout.id, payout.attempts, `rejected: ${result.reason}`, options);
}

/** Sends one claimed payout and records the outcome; an answer after the timeout is still recorded when it comes. */
async function send(em: EntityManager, provider: DisbursementProvider, payout: Claimed, options: SenderOptions): Promise<boolean> {
  const request = {
    reference: payout.reference,
    provider: payout.account_provider,
    accountNumber: payout.account_number,
    amount: Number(payout.amount),
  };
  const late = (result: TransferResult) => {
    // Only a confirmation matters late: a late refusal must not undo a retry that is under way.
    if (result.status === 'COMPLETED')
      markPaid(em.fork(), payout.reference, result.transferId).catch((error: unknown) =>
        log.warn('payouts: recording a late answer failed', { reference: payout.reference, error: String(error) }),
      );
  };
  try {
    const result = await provider.transfer(request, late);
    await applyAnswer(em, payout, result, options);
    return result.status === 'COMPLETED';
  } catch (error) {
    // A timeout is not a refusal: the retry asks again with the same reference and gets the first result.
    await markFailed(em.fork(), payout.id, payout.attempts, error instanceof Error ? error.message : String(error), options);
    return false;
  }
}

/** One run of the payout sender: claims a batch and sends it; returns how many were paid. */
export async function sendDuePayouts(
  em: EntityManager,
  provider: DisbursementProvider,
  options: SenderOptions,
  signal?: AbortSignal,
): Promise<number> {
  let paid = 0;
  while (!signal?.aborted) {
    const claimed = await claim(em.fork(), options);
    if (!claimed.length) break;
    const results = await Promise.all(claimed.map((payout) => send(em, provider, payout, options)));
    paid += results.filter(Boolean).length;
    if (claimed.length < options.batchSize) break;
  }
  return paid;
}
