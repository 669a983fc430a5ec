import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '../projection/bound-sql';
import { projectionOf } from '../projection/handlers';
import { BASES, type Base } from '../table/catalog';
import { cubeSql } from './cube-sql';

/* eslint-disable @typescript-eslint/no-explicit-any -- an event payload is JSON, read field by field below */
type Event = { type: string; payload: Record<string, any> };

/** Held shared by every page and exclusively by a build turning deltas on: see buildRollups. */
export const DELTAS_LOCK = `hashtext('analytics.rollup.deltas')`;
/** Held by the page writing a delta, to its commit. */
const PAGE_LOCK = `hashtext('analytics.rollup.page')`;

/** The bases whose rows read each read-model table (a page changing it changes their cells), from the bases' own SQL. */
const basesReading = (table: string): Base[] =>
  (Object.keys(BASES) as Base[]).filter((base) => new RegExp(`analytics\\.${table}\\b`).test(BASES[base].rows));
const BASES_READING = new Map<string, Base[]>();
const basesOf = (table: string): Base[] => {
  if (!BASES_READING.has(table)) BASES_READING.set(table, basesReading(table));
  return BASES_READING.get(table)!;
};

/** Ids found by a query of `sql` over a JSON list of ids, as [from, to] pairs. */
async function lookUp(tx: EntityManager, sql: string, ids: string[]): Promise<Array<[string, string]>> {
  if (!ids.length) return [];
  const rows = await tx.execute<Array<{ id: string; to: string }>>(sql, [JSON.stringify([...new Set(ids)])]);
  return rows.map((r) => [r.id, r.to]);
}

/**
 * The participants whose rows of each base a page of events changes. Every base's rows belong to one
 * participant each, so a page changes the cells only through these participants' rows. Most events name their
 * participant; a wallet names its card, a ledger entry its wallet (both looked up in the page, then in the read
 * model); a course whose institution, category or mode changes, every participant who bought it.
 */
async function participantsOf(tx: EntityManager, events: Event[]): Promise<Map<Base, Set<string>>> {
  // The payloads of the page, by the table they are projected into.
  const byTable = new Map<string, Array<Event['payload']>>();
  for (const e of events) {
    const table = projectionOf(e.type)?.table;
    if (!table) continue;
    const payloads = byTable.get(table) ?? [];
    payloads.push(e.payload);
    byTable.set(table, payloads);
  }
  const of = (table: string, field: string): string[] =>
    (byTable.get(table) ?? []).filter((p) => p[field] != null).map((p) => String(p[field]));
  const cardOwner = new Map((byTable.get('card_fact') ?? []).map((p) => [String(p.cardId), String(p.participantId)]));
  const walletCard = new Map((byTable.get('wallet_dim') ?? []).map((p) => [String(p.walletId), String(p.cardId)]));
  for (const [wallet, card] of await lookUp(
    tx,
    `SELECT wallet_id::text AS id, card_id::text AS to FROM analytics.wallet_dim WHERE wallet_id IN (SELECT jsonb_array_elements_text(?::jsonb)::uuid)`,
    of('ledger_fact', 'walletId').filter((w) => !walletCard.has(w)),
  ))
    walletCard.set(wallet, card);
  const cardsOf = (table: string): string[] =>
    table === 'wallet_dim' ? of(table, 'cardId') : of(table, 'walletId').flatMap((w) => walletCard.get(w) ?? []);
  for (const [card, owner] of await lookUp(
    tx,
    `SELECT card_id::text AS id, participant_id::text AS to FROM analytics.card_fact WHERE card_id IN (SELECT jsonb_array_elements_text(?::jsonb)::uuid)`,
    [...cardsOf('wallet_dim'), ...cardsOf('ledger_fact')].filter((c) => !cardOwner.has(c)),
  ))
    cardOwner.set(card, owner);
  const courses = byTable.get('course_dim') ?? [];
  const buyers = courses.length
    ? (
        await tx.execute<Array<{ pid: string }>>(
          `SELECT DISTINCT f.participant_id::text AS pid
             FROM jsonb_to_recordset(?::jsonb) AS c(course_id uuid, institution_id uuid, category text, mode text)
             JOIN analytics.purchase_fact f ON f.course_id = c.course_id
             LEFT JOIN analytics.course_dim d ON d.course_id = c.course_id
            WHERE d.course_id IS NULL OR (d.institution_id, d.category, d.mode) IS DISTINCT FROM (c.institution_id, c.category, c.mode)`,
          [
            JSON.stringify(
              courses.map((c) => ({ course_id: c.courseId, institution_id: c.institutionId, category: c.category, mode: c.mode })),
            ),
          ],
        )
      ).map((r) => r.pid)
    : [];
  const byBase = new Map<Base, Set<string>>();
  for (const table of byTable.keys()) {
    const participants =
      table === 'wallet_dim' || table === 'ledger_fact'
        ? cardsOf(table).flatMap((c) => cardOwner.get(c) ?? [])
        : table === 'course_dim'
          ? buyers
          : of(table, 'participantId');
    for (const base of basesOf(table)) {
      const set = byBase.get(base) ?? new Set<string>();
      for (const p of participants) set.add(p);
      byBase.set(base, set);
    }
  }
  return byBase;
}

/**
 * The rollup delta of a page about to be projected in `tx`, or undefined while pages write none (before the
 * first build: the build reads every fact). `write(-1)` before the page's projection and `write(1)` after it
 * append to rollup_delta the cells of the page's participants' rows as they were and as they are, so cells
 * plus deltas stay equal to the CUBE of all facts. Pages writing deltas run one at a time (a lock held to
 * commit): a page of another source changing the same participants between this page's two reads would
 * otherwise be counted in both pages' deltas.
 */
export async function rollupDeltaOf(tx: EntityManager, events: Event[]): Promise<{ write(sign: 1 | -1): Promise<void> } | undefined> {
  if (!events.length) return undefined;
  await tx.execute(`SELECT pg_advisory_xact_lock_shared(${DELTAS_LOCK})`);
  const [{ incremental }] = await tx.execute<Array<{ incremental: boolean }>>(`SELECT incremental FROM analytics.rollup_state`);
  if (!incremental) return undefined;
  // Found before the lock: the ids they are found by (cards, wallets, a course's buyers) change in this source alone.
  const participants = await participantsOf(tx, events);
  // A page of events no base reads (cohorts, partners, institutions) changes no cell, and need not wait.
  if (![...participants.values()].some((ids) => ids.size)) return undefined;
  await tx.execute(`SELECT pg_advisory_xact_lock(${PAGE_LOCK})`);
  return {
    write: async (sign) => {
      for (const [base, ids] of participants)
        if (ids.size)
          await executeBound(
            tx,
            `INSERT INTO analytics.rollup_delta (base, grouping, key, parts)
             SELECT ?, grouping, key, parts FROM (${cubeSql(base, ['pid = ANY (ARRAY(SELECT jsonb_array_elements_text(?::jsonb)::uuid))'], { sign })}) c
              WHERE parts[cardinality(parts)] <> 0`, // no facts (the CUBE's total over none): nothing to add
            [base, JSON.stringify([...ids])],
          );
    },
  };
}
