import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Base } from '../table/catalog';
import { cubeSql } from './cube-sql';
import { ROLLUP_DIMENSIONS, ROLLUP_LAYOUT } from './rollup.catalog';
import { DELTAS_LOCK } from './rollup.delta';

/** Held by whichever replica builds or folds: one at a time. */
const ROLLUP_LOCK = `hashtext('analytics.rollup')`;

export interface RollupState {
  /** Built for this layout and this year (age bands count from 1 January). */
  built: boolean;
  /** Whether anything was projected since the last build. */
  changed: boolean;
  /** Milliseconds since the last build, or null if never built. */
  builtAgoMs: number | null;
}

/** Whether the rollups need a build: read by the job before it builds or folds. */
export async function rollupState(em: EntityManager): Promise<RollupState> {
  const [state] = await em.execute<Array<{ built: boolean; changed: boolean; ago: number | null }>>(
    `SELECT count(*) > 0 AND bool_and(layout = ? AND extract(year FROM built_at) = extract(year FROM now())) AS built,
            EXISTS (SELECT 1 FROM analytics.feed_cursor f LEFT JOIN analytics.rollup_source r USING (source)
                     WHERE r.events_projected IS DISTINCT FROM f.events_projected) AS changed,
            extract(epoch FROM clock_timestamp() - max(built_at)) * 1000 AS ago
       FROM analytics.rollup_source`,
    [ROLLUP_LAYOUT],
  );
  return { built: state.built, changed: state.changed, builtAgoMs: state.ago === null ? null : Number(state.ago) };
}

/**
 * Rebuilds every base's rollup from the facts in one REPEATABLE READ transaction, and stores beside it the
 * feed cursors of that same snapshot (the freshness of what only a build computes, the medians). First, pages
 * are made to write deltas: the switch waits for every page in flight, so a page either committed before the
 * build's snapshot (its facts are in the build; its deltas, if any, are in the snapshot too and are deleted) or
 * writes deltas the build does not see, which stay to be folded. Returns the cells written (0 when another
 * replica is building or folding).
 */
export async function buildRollups(em: EntityManager, statementTimeoutMs: number): Promise<number> {
  const [{ incremental }] = await em.execute<Array<{ incremental: boolean }>>(`SELECT incremental FROM analytics.rollup_state`);
  if (!incremental)
    await em.transactional(async (tx) => {
      await tx.execute(`SELECT pg_advisory_xact_lock(${DELTAS_LOCK})`);
      await tx.execute(`UPDATE analytics.rollup_state SET incremental = true`);
    });
  return em.transactional(
    async (tx) => {
      // A build groups every fact: at millions of rows it outlasts the serving role's statement timeout, which
      // is there for requests whose caller gives up; this job has no caller waiting.
      await tx.execute(`SET LOCAL statement_timeout = ${Number(statementTimeoutMs)}`);
      const [{ locked }] = await tx.execute<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock(${ROLLUP_LOCK}) AS locked`);
      if (!locked) return 0;
      // A snapshot taken before the switch (another replica switched, between our two transactions) would miss
      // the pages that committed since without deltas: build next time.
      const [{ incremental: seen }] = await tx.execute<Array<{ incremental: boolean }>>(`SELECT incremental FROM analytics.rollup_state`);
      if (!seen) return 0;
      await tx.execute(`DELETE FROM analytics.rollup_delta`);
      await tx.execute(`DELETE FROM analytics.rollup_cell`);
      let cells = 0;
      for (const base of Object.keys(ROLLUP_DIMENSIONS) as Base[]) {
        const [{ n }] = await tx.execute<Array<{ n: number }>>(
          `WITH cells AS (INSERT INTO analytics.rollup_cell (base, grouping, key, parts) SELECT ?, grouping, key, parts FROM (${cubeSql(base)}) c RETURNING 1)
           SELECT count(*)::int AS n FROM cells`,
          [base],
        );
        cells += n;
      }
      await tx.execute(
        `INSERT INTO analytics.rollup_source (source, events_projected, caught_up_at, built_at, layout)
         SELECT source, events_projected, caught_up_at, clock_timestamp(), ? FROM analytics.feed_cursor
         ON CONFLICT (source) DO UPDATE SET events_projected = excluded.events_projected, caught_up_at = excluded.caught_up_at,
           layout = excluded.layout, built_at = excluded.built_at`,
        [ROLLUP_LAYOUT],
      );
      return cells;
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

/**
 * Folds the deltas written so far into the cells (each cell's parts plus its deltas'), in one statement: a
 * reader sees the deltas either beside the cells or in them. A source that projected nothing since the last
 * build has its build freshness moved on (the build holds all it had). Returns the deltas folded.
 */
export async function foldDeltas(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    const [{ locked }] = await tx.execute<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock(${ROLLUP_LOCK}) AS locked`);
    if (!locked) return 0;
    await tx.execute(
      `UPDATE analytics.rollup_source r SET caught_up_at = f.caught_up_at FROM analytics.feed_cursor f
        WHERE f.source = r.source AND f.events_projected = r.events_projected
          AND (r.caught_up_at IS NULL OR f.caught_up_at > r.caught_up_at)`,
    );
    const [{ n }] = await tx.execute<Array<{ n: number }>>(
      `WITH folded AS (DELETE FROM analytics.rollup_delta RETURNING base, grouping, key, parts),
            summed AS (SELECT base, grouping, key, array_agg(total ORDER BY i) AS parts
                         FROM (SELECT base, grouping, key, i, sum(v) AS total FROM folded, unnest(parts) WITH ORDINALITY AS u(v, i)
                                GROUP BY 1, 2, 3, 4) s
                        GROUP BY 1, 2, 3),
            cells AS (INSERT INTO analytics.rollup_cell (base, grouping, key, parts) SELECT base, grouping, key, parts FROM summed
                      ON CONFLICT (base, grouping, key) DO UPDATE SET parts = ARRAY(
                        SELECT CASE WHEN d IS NULL THEN c ELSE coalesce(c, 0) + d END
                          FROM unnest(analytics.rollup_cell.parts, excluded.parts) WITH ORDINALITY AS t(c, d, i) ORDER BY i)
                      RETURNING 1)
       SELECT (SELECT count(*) FROM folded)::int AS n`,
    );
    return n;
  });
}
