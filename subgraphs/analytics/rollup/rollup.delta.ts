import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '../projection/bound-sql';
import { projectionOf } from '../projection/handlers';
import { BASES, type Base } from '../table/catalog';
import { cubeSql } from './cube-sql';

/* eslint-disable @typescript-eslint/no-explicit-any -- an event payload is JSON, read field by field below */
type Event = { type: string; payload: Record<string, any> };

/** Held shared by every page and exclusively by a build turning deltas on: see buildRollups. */
export const DELTAS_LOCK = `hashtext('analytics.rollup.deltas')`;

/** The bases whose rows read `table` (a page changing it changes their cells), from the bases' own SQL. */
const basesReading = (table: string): Base[] =>
  (Object.keys(BASES) as Base[]).filter((base) => new RegExp(`analytics\\.${table}\\b`).test(BASES[base].rows));

/** The `field` of the page's events projected into `table`, where they hold one. */
const idsOf = (events: Event[], table: string, field: string): string[] =>
  events.filter((e) => projectionOf(e.type)?.table === table && e.payload[field] != null).map((e) => String(e.payload[field]));

/**
 * The participants whose rows of each base a page of events changes. Every base's rows belong to one
 * participant each, so a page changes the cells only through these participants' rows. Most events name their
 * participant; a wallet names its card, a ledger entry its wallet (both looked up in the page, then in the read
 * model); a course whose institution, category or mode changes, every participant who bought it.
 */
async function participantsOf(tx: EntityManager, events: Event[]): Promise<Map<Base, Set<string>>> {
  const cardOwner = new Map(
    events.filter((e) => projectionOf(e.type)?.table === 'card_fact').map((e) => [e.payload.cardId, e.payload.participantId]),
  );
  const walletCard = new Map(
    events.filter((e) => projectionOf(e.type)?.table === 'wallet_dim').map((e) => [e.payload.walletId, e.payload.cardId]),
  );
  const wallets = idsOf(events, 'ledger_fact', 'walletId').filter((w) => !walletCard.has(w));
  if (wallets.length)
    for (const row of await tx.execute<Array<{ wallet_id: string; card_id: string }>>(
      `SELECT wallet_id::text, card_id::text FROM analytics.wallet_dim WHERE wallet_id IN (SELECT jsonb_array_elements_text(?::jsonb)::uuid)`,
      [JSON.stringify([...new Set(wallets)])],
    ))
      walletCard.set(row.wallet_id, row.card_id);
  const cardsOf = (table: string) =>
    table === 'wallet_dim'
      ? idsOf(events, table, 'cardId')
      : idsOf(events, table, 'walletId')
          .map((w) => walletCard.get(w))
          .filter(Boolean);
  const cards = [...cardsOf('wallet_dim'), ...cardsOf('ledger_fact')].filter((c) => !cardOwner.has(c));
  if (cards.length)
    for (const row of await tx.execute<Array<{ card_id: string; participant_id: string }>>(
      `SELECT card_id::text, participant_id::text FROM analytics.card_fact WHERE card_id IN (SELECT jsonb_array_elements_text(?::jsonb)::uuid)`,
      [JSON.stringify([...new Set(cards)])],
    ))
      cardOwner.set(row.card_id, row.participant_id);
  const courses = events.filter((e) => projectionOf(e.type)?.table === 'course_dim').map((e) => e.payload);
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
  const add = (table: string, participants: unknown[]) => {
    for (const base of basesReading(table)) {
      const set = byBase.get(base) ?? new Set<string>();
      for (const p of participants) if (p) set.add(String(p));
      byBase.set(base, set);
    }
  };
  for (const table of new Set(events.map((e) => projectionOf(e.type)?.table).filter((t): t is string => Boolean(t)))) {
    if (table === 'wallet_dim' || table === 'ledger_fact')
      add(
        table,
        cardsOf(table).map((c) => cardOwner.get(c)),
      );
    else if (table === 'course_dim') add(table, buyers);
    else add(table, idsOf(events, table, 'participantId'));
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
  await tx.execute(`SELECT pg_advisory_xact_lock(hashtext('analytics.rollup.page'))`);
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
