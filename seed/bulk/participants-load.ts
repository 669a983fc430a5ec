import type { Client } from 'pg';
import { copyRows, type CopyValue } from './copy';
import { bulkId } from './ids';
import type { YearPlan } from './plan';
import { PURCHASE_WINDOW_DAYS } from './plan';
import { NO_PROGRESS, type Progress } from './progress';

const S = 'participants';
const MINUTE = 60_000;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Everything of the year that lives in the participants schema, after the participants themselves. */
export async function writeParticipantsYear(client: Client, plan: YearPlan, progress: Progress): Promise<void> {
  for (const c of plan.cohorts) {
    await client.query(
      `INSERT INTO ${S}.cohort (id, name, quota, opens_at, closes_at, training_balance, purchase_window_days, selection_seed, selected_at,
                                created_at, selection_seed_commitment, draw_cutoff_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        c.id,
        c.name,
        c.quota,
        c.opensAt,
        c.closesAt,
        plan.trainingBalance,
        PURCHASE_WINDOW_DAYS,
        c.seed,
        c.selectedAt,
        new Date(c.opensAt.getTime() - 86_400_000),
        c.commitment,
        c.cutoffKey,
      ],
    );
  }
  progress.phase('applications');
  await copyRows(
    client,
    `${S}.application`,
    ['id', 'cohort_id', 'participant_id', 'status', 'reasons', 'created_at'],
    (function* () {
      for (const a of plan.applications)
        yield [a.id, plan.cohorts[a.cohort].id, bulkId('participant', a.participant), a.status, `{${a.reasons.join(',')}}`, iso(a.at)];
    })(),
    progress,
  );
  progress.phase('cards');
  await copyRows(
    client,
    `${S}.card`,
    [
      'id',
      'number',
      'participant_id',
      'cohort_id',
      'status',
      'purchase_deadline',
      'first_purchase_at',
      'revoked_at',
      'revocation_reason',
      'created_at',
    ],
    (function* () {
      for (const c of plan.cards)
        yield [
          c.id,
          c.number,
          bulkId('participant', c.participant),
          plan.cohorts[c.cohort].id,
          c.revokedAt === null ? 'ACTIVE' : 'REVOKED',
          iso(c.deadline),
          iso(c.firstPurchaseAt === null ? null : c.firstPurchaseAt + MINUTE),
          iso(c.revokedAt),
          c.revokedAt === null ? null : 'PURCHASE_DEADLINE',
          iso(c.createdAt),
        ];
    })(),
    progress,
  );
  progress.phase('wallets');
  await copyRows(
    client,
    `${S}.wallet`,
    ['id', 'card_id', 'balance', 'held'],
    (function* () {
      for (const c of plan.cards) yield [c.id, c.id, c.revokedAt === null ? c.balance : 0, 0];
    })(),
    progress,
  );
  progress.phase('holds');
  await copyRows(
    client,
    `${S}.wallet_hold`,
    ['id', 'reference_id', 'wallet_id', 'amount', 'status', 'expires_at', 'created_at'],
    (function* () {
      for (const p of plan.purchases)
        yield [
          bulkId('hold', p.n),
          p.id,
          p.card.id,
          p.offering.price,
          p.outcome === 'CANCELLED' ? 'REFUNDED' : 'CAPTURED',
          iso(p.at + 10 * MINUTE),
          iso(p.at),
        ];
    })(),
    progress,
  );
  progress.phase('ledger');
  await copyRows(
    client,
    `${S}.ledger_entry`,
    ['id', 'wallet_id', 'kind', 'amount', 'reference_id', 'created_at'],
    ledgerRows(plan),
    progress,
  );
}

/** Every movement of every wallet: the cohort's credit, each purchase's debit, each void's refund, each revocation. */
function* ledgerRows(plan: YearPlan): Generator<CopyValue[]> {
  let n = 0;
  for (const c of plan.cards) {
    yield [bulkId('ledgerEntry', n++), c.id, 'CREDIT_COHORT', plan.trainingBalance, c.id, iso(c.createdAt)];
    if (c.revokedAt !== null) yield [bulkId('ledgerEntry', n++), c.id, 'DEBIT_REVOCATION', -plan.trainingBalance, c.id, iso(c.revokedAt)];
  }
  for (const p of plan.purchases) {
    yield [bulkId('ledgerEntry', n++), p.card.id, 'DEBIT_PURCHASE', -p.offering.price, p.id, iso(p.at + MINUTE)];
    if (p.outcome === 'CANCELLED') yield [bulkId('ledgerEntry', n++), p.card.id, 'CREDIT_REFUND', p.offering.price, p.id, iso(p.endedAt)];
  }
}

export const ledgerEntryCount = (plan: YearPlan): number =>
  plan.cards.length +
  plan.cards.filter((c) => c.revokedAt !== null).length +
  plan.purchases.length +
  plan.purchases.filter((p) => p.outcome === 'CANCELLED').length;

/**
 * A participant's first completion makes the incentive owed once reviewed (the bulk year writes no reviews, so every completer is AWAITING_REVIEW), as completionRecord does (through a staged table:
 * one UPDATE). Run before the participant table's indexes are rebuilt: the UPDATE writes a new version of each
 * row, which on an indexed table means an entry in every index per row (the packed pages leave no room for an
 * in-page update): 14.5 s for 120,000 completions at 1 M participants, against one join on the bare table.
 */
export async function recordCompletions(client: Client, plan: YearPlan): Promise<void> {
  const first = new Map<number, { enrollment: string; at: number }>();
  for (const p of plan.purchases) {
    if (p.outcome !== 'COMPLETED') continue;
    const known = first.get(p.card.participant);
    if (!known || p.endedAt! < known.at) first.set(p.card.participant, { enrollment: bulkId('enrollment', p.n), at: p.endedAt! });
  }
  await client.query(
    `CREATE TEMP TABLE bulk_completion (participant_id uuid, enrollment_id text, completed_at timestamptz) ON COMMIT DROP`,
  );
  await copyRows(
    client,
    'bulk_completion',
    ['participant_id', 'enrollment_id', 'completed_at'],
    (function* () {
      for (const [i, c] of first) yield [bulkId('participant', i), c.enrollment, iso(c.at)];
    })(),
    NO_PROGRESS,
  );
  await client.query(
    `UPDATE ${S}.participant p SET first_completed_at = c.completed_at, incentive_status = 'AWAITING_REVIEW', incentive_enrollment_id = c.enrollment_id
     FROM bulk_completion c WHERE p.id = c.participant_id`,
  );
}
