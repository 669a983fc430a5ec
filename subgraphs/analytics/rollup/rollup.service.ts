import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BASES, type Base } from '../table/catalog';
import { groupedSql } from '../table/grouped-sql';
import { measuresOf, ROLLUP_DIMENSIONS, ROLLUP_LAYOUT } from './rollup.catalog';

/**
 * Rebuilds every base's rollup from the facts in one REPEATABLE READ transaction, and stores beside it the
 * feed cursors of that same snapshot: the rollup is exactly the read model as of those cursors, and its
 * freshness is theirs. When nothing was projected since the last build, only the freshness moves on.
 * Returns the number of cells written (0 when nothing changed, or another replica is building).
 */
export async function refreshRollups(em: EntityManager, statementTimeoutMs: number): Promise<number> {
  return em.transactional(
    async (tx) => {
      // A build groups every fact: at millions of rows it outlasts the serving role's statement timeout, which
      // is there for requests whose caller gives up; this job has no caller waiting.
      await tx.execute(`SET LOCAL statement_timeout = ${Number(statementTimeoutMs)}`);
      const [{ locked }] = await tx.execute<Array<{ locked: boolean }>>(
        `SELECT pg_try_advisory_xact_lock(hashtext('analytics.rollup')) AS locked`,
      );
      if (!locked) return 0;
      const [{ changed }] = await tx.execute<Array<{ changed: boolean }>>(
        `SELECT NOT EXISTS (SELECT 1 FROM analytics.rollup_source) OR EXISTS (SELECT 1 FROM analytics.feed_cursor f
           LEFT JOIN analytics.rollup_source r USING (source) WHERE r.events_projected IS DISTINCT FROM f.events_projected OR r.layout <> ?) AS changed`,
        [ROLLUP_LAYOUT],
      );
      let cells = 0;
      if (changed) {
        await tx.execute(`DELETE FROM analytics.rollup_cell`);
        for (const base of Object.keys(ROLLUP_DIMENSIONS) as Base[]) cells += await buildRollup(tx as EntityManager, base);
      }
      await tx.execute(
        `INSERT INTO analytics.rollup_source (source, events_projected, caught_up_at, built_at, layout)
         SELECT source, events_projected, caught_up_at, clock_timestamp(), ? FROM analytics.feed_cursor
         ON CONFLICT (source) DO UPDATE SET events_projected = excluded.events_projected, caught_up_at = excluded.caught_up_at, layout = excluded.layout,
           built_at = CASE WHEN ? THEN excluded.built_at ELSE analytics.rollup_source.built_at END`,
        [ROLLUP_LAYOUT, changed],
      );
      return cells;
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

async function buildRollup(tx: EntityManager, base: Base): Promise<number> {
  const dims = ROLLUP_DIMENSIONS[base].map((d) => BASES[base].dimensions[d]!);
  const measures = measuresOf(base);
  const grouped = groupedSql(BASES[base], dims, measures, [], `CUBE (${dims.map((_, i) => `d${i}`).join(', ')})`);
  const [{ n }] = await tx.execute<Array<{ n: number }>>(
    `WITH cells AS (
       INSERT INTO analytics.rollup_cell (base, grouping, key, vals, participants)
       SELECT ?, grouping, ARRAY[${dims.map((_, i) => `d${i}::text`).join(', ')}], ARRAY[${measures.map((_, i) => `v${i}`).join(', ')}]::float8[],
              ARRAY[${measures.map((_, i) => `p${i}`).join(', ')}]::int[]
         FROM (${grouped}) g RETURNING 1)
     SELECT count(*)::int AS n FROM cells`,
    [base],
  );
  return n;
}
