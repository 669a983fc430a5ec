import type { EntityManager } from '@mikro-orm/postgresql';
import { SCHEMA, sql } from '../sql';

/*
 * Quota recycling. A card revoked at its purchase deadline frees its seat, and its forfeited balance goes back
 * to the state. The rule: the freed seats wait (pending) until the office opens a cohort with
 * `includeRecycledQuota: true`; that cohort takes every pending seat at its opening, its quota becomes its own
 * quota plus those seats (`recycledSeats`), and its draw selects up to that. Taking them at the opening, not at
 * the draw, keeps the quota published while applications are open the one that is drawn.
 */

const IN_IDS = `(SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`;

/** Records the seats and balances of cards being revoked; called in the revocation's transaction, before the balance is zeroed. */
export async function recordRecycledQuota(tx: EntityManager, cardIdsJson: string): Promise<void> {
  await sql(
    tx,
    `INSERT INTO ${SCHEMA}.recycled_quota (card_id, source_cohort_id, forfeited_balance, recycled_at)
     SELECT c.id, c.cohort_id, greatest(w.balance, 0), now() FROM ${SCHEMA}.card c JOIN ${SCHEMA}.wallet w ON w.id = c.id
      WHERE c.id IN ${IN_IDS} ON CONFLICT (card_id) DO NOTHING`,
    [cardIdsJson],
  );
}

/** Recycled seats no cohort has taken yet. */
export async function pendingRecycledSeats(em: EntityManager): Promise<number> {
  const [row] = await sql<{ n: string }>(em, `SELECT count(*) AS n FROM ${SCHEMA}.recycled_quota WHERE reused_by_cohort_id IS NULL`);
  return Number(row.n);
}

/**
 * Gives every pending recycled seat to this cohort; returns how many. Each row is claimed once: a concurrent
 * opening waits for the row lock and then finds it taken (the WHERE is re-checked).
 */
export async function claimRecycledSeats(tx: EntityManager, cohortId: string): Promise<number> {
  const rows = await sql(
    tx,
    `UPDATE ${SCHEMA}.recycled_quota SET reused_by_cohort_id = ? WHERE reused_by_cohort_id IS NULL RETURNING card_id`,
    [cohortId],
  );
  return rows.length;
}

export interface RecyclingTotals {
  revokedCards: number;
  forfeitedBalance: number;
  reusedSeats: number;
}

/** Per source cohort (or, with no ids, programme-wide under the key `*`): seats freed, balance returned, seats reused. */
export async function recyclingTotals(em: EntityManager, cohortIds: readonly string[] | null) {
  const rows = await sql<{ cohort_id: string; revoked: string; forfeited: string; reused: string }>(
    em,
    cohortIds
      ? `SELECT source_cohort_id AS cohort_id, count(*) AS revoked, coalesce(sum(forfeited_balance), 0) AS forfeited,
                count(reused_by_cohort_id) AS reused
           FROM ${SCHEMA}.recycled_quota WHERE source_cohort_id IN ${IN_IDS} GROUP BY 1`
      : `SELECT '*' AS cohort_id, count(*) AS revoked, coalesce(sum(forfeited_balance), 0) AS forfeited, count(reused_by_cohort_id) AS reused
           FROM ${SCHEMA}.recycled_quota`,
    cohortIds ? [JSON.stringify(cohortIds)] : [],
  );
  return new Map(
    rows.map((r): [string, RecyclingTotals] => [
      r.cohort_id,
      { revokedCards: Number(r.revoked), forfeitedBalance: Number(r.forfeited), reusedSeats: Number(r.reused) },
    ]),
  );
}
