import type { EntityManager } from '@mikro-orm/postgresql';
import type { Base, Dimension, Measure } from '../table/catalog';
import { groupingOf, measuresOf, ROLLUP_DIMENSIONS, ROLLUP_LAYOUT } from './rollup.catalog';

/** A filter the rollup can apply: one or more values of a rolled-up dimension (several only where rollup-filters.ts allows). */
export interface RollupFilter {
  dimension: Dimension;
  values: string[];
}

interface Cell {
  grouping: number;
  key: Array<string | null>;
  vals: Array<number | null>;
  participants: number[];
}

/** Cells added up: one cell as it is (a rate or median stays itself), several summed value by value. */
function added(cells: Cell[], order: Measure[], measures: Measure[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  measures.forEach((m, i) => {
    const at = order.indexOf(m);
    out[`v${i}`] = cells.length === 1 ? cells[0].vals[at] : cells.reduce((sum, c) => sum + (c.vals[at] ?? 0), 0);
    out[`p${i}`] = cells.reduce((sum, c) => sum + c.participants[at], 0);
  });
  return out;
}

/**
 * A base's cells for `dimensions` from the rollup, in the rows computeTable reads (is_total, d0…, v0…, p0…),
 * or undefined when the rollup cannot answer (a dimension it does not hold, or never built). The rows are the
 * cells grouped by the dimensions and the filtered ones together, holding the filters' values; the total is
 * the cells grouped by the filtered dimensions alone. With one value per filter each row and the total is one
 * cell the CUBE stored whole, so the answer is the facts' exactly. A filter of several values adds cells up
 * across them: rollupFiltersOf allows that only where the sum is exact (additive measures over a dimension
 * that gives each participant one value, so distinct participants of different values never overlap).
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
  const keyWhere = filters.map((f) => `AND key[${all.indexOf(f.dimension) + 1}] IN (SELECT jsonb_array_elements_text(?::jsonb))`).join(' ');
  const cells = await em.execute<Cell[]>(
    `SELECT grouping, key, vals, participants FROM analytics.rollup_cell
      WHERE base = ? AND grouping IN (?, ?) ${keyWhere} AND NOT EXISTS (SELECT 1 FROM analytics.rollup_source WHERE layout <> ?)`,
    [base, grouping, totalGrouping, ...filters.map((f) => JSON.stringify(f.values)), ROLLUP_LAYOUT],
  );
  // No total cell: the rollup was never built (a CUBE always has its grand total, even over no facts), or no
  // fact holds the filtered values (the facts answer that with their zeros).
  const totals = cells.filter((c) => c.grouping === totalGrouping);
  if (!totals.length) return undefined;
  const rows = new Map<string, Cell[]>();
  if (dimensions.length)
    for (const cell of cells.filter((c) => c.grouping === grouping)) {
      const id = JSON.stringify(dimensions.map((d) => cell.key[all.indexOf(d)]));
      rows.set(id, [...(rows.get(id) ?? []), cell]);
    }
  return [
    { is_total: true, ...added(totals, order, measures) },
    ...[...rows].map(([id, group]) => ({
      is_total: false,
      ...Object.fromEntries((JSON.parse(id) as string[]).map((v, i) => [`d${i}`, v])),
      ...added(group, order, measures),
    })),
  ];
}
