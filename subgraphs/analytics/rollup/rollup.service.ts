import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BASES, type Base, type Dimension, type Measure } from '../table/catalog';
import { groupedSql } from '../table/grouped-sql';
import { groupingOf, measuresOf, ROLLUP_DIMENSIONS, ROLLUP_LAYOUT } from './rollup.catalog';

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

/** A filter the rollup can apply: one value of a rolled-up dimension. */
export interface RollupFilter {
  dimension: Dimension;
  value: string;
}

/**
 * A base's cells for `dimensions` from the rollup, in the rows computeTable reads (is_total, d0…, v0…, p0…),
 * or undefined when the rollup cannot answer (a dimension it does not hold, or never built). Each filter fixes
 * one rolled-up dimension to one value: the rows are the cells grouped by the dimensions and the filtered ones
 * together, holding that value, and the total is the cell grouped by the filtered dimensions alone. Both are
 * cells the CUBE stored whole (values and distinct participants), so nothing is added up here and the answer
 * is the facts path's exactly. Several values of one dimension would need cells added together, which the
 * distinct-participant counts (and medians, rates) do not allow: that table goes to the facts.
 */
export async function readRollup(
  em: EntityManager,
  base: Base,
  dimensions: Dimension[],
  measures: Measure[],
  filters: RollupFilter[] = [],
): Promise<Array<Record<string, unknown>> | undefined> {
  const fixed = filters.map((f) => f.dimension);
  const grouping = groupingOf(base, [...new Set([...dimensions, ...fixed])]);
  const totalGrouping = groupingOf(base, fixed);
  if (grouping === undefined || totalGrouping === undefined) return undefined;
  const all = ROLLUP_DIMENSIONS[base];
  const order = measuresOf(base);
  const keyWhere = filters.map((f) => `AND key[${all.indexOf(f.dimension) + 1}] = ?`).join(' ');
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `SELECT grouping = ? AS is_total, ${[
      ...dimensions.map((d, i) => `key[${all.indexOf(d) + 1}] AS d${i}`),
      ...measures.flatMap((m, i) => [`vals[${order.indexOf(m) + 1}] AS v${i}`, `participants[${order.indexOf(m) + 1}] AS p${i}`]),
    ].join(', ')}
       FROM analytics.rollup_cell
      WHERE base = ? AND grouping IN (?, ?) ${keyWhere} AND NOT EXISTS (SELECT 1 FROM analytics.rollup_source WHERE layout <> ?)`,
    [totalGrouping, base, grouping, totalGrouping, ...filters.map((f) => f.value), ROLLUP_LAYOUT],
  );
  // No total row: the rollup was never built (a CUBE always has its grand total, even over no facts), or no
  // fact holds the filtered values (the facts answer that with their zeros).
  // When the dimensions are exactly the filtered ones, the total's cell is also the one row.
  if (grouping === totalGrouping && dimensions.length)
    return rows.length ? [...rows, ...rows.map((r) => ({ ...r, is_total: false }))] : undefined;
  return rows.some((r) => r.is_total) ? rows : undefined;
}
