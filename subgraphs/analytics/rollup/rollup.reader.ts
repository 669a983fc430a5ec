import type { EntityManager } from '@mikro-orm/postgresql';
import type { Base, Dimension, Measure } from '../table/catalog';
import { formOf, groupingOf, partsLayout, ROLLUP_DIMENSIONS, ROLLUP_LAYOUT } from './rollup.catalog';

/** A filter the rollup can apply: one or more values of a rolled-up dimension (several only where rollup-filters.ts allows). */
export interface RollupFilter {
  dimension: Dimension;
  values: string[];
}

interface Cell {
  grouping: number;
  key: Array<string | null>;
  parts: Array<number | null>;
}

/** Two cells' parts added up; a part only a build computes is null in deltas, and stays the cell's. */
const addParts = (sum: Array<number | null>, parts: Array<number | null>): Array<number | null> =>
  parts.map((part, i) => (part === null ? sum[i] : (sum[i] ?? 0) + part));

/** Cells summed by `idOf`, in one pass: each id's parts added up. */
function sumBy(cells: Cell[], idOf: (cell: Cell) => string): Map<string, Cell> {
  const sums = new Map<string, Cell>();
  for (const cell of cells) {
    const id = idOf(cell);
    const sum = sums.get(id);
    sums.set(id, sum ? { ...sum, parts: addParts(sum.parts, cell.parts) } : cell);
  }
  return sums;
}

/** The values (v0…) and participants (p0…) of `measures` from a cell's parts, in the rows computeTable reads. */
function valuesOf(parts: Array<number | null>, offsets: Map<Measure, number>, measures: Measure[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  measures.forEach((m, i) => {
    const form = formOf(m);
    const at = offsets.get(m)!;
    const { value, participants } = form.read(parts.slice(at, at + form.parts.length));
    out[`v${i}`] = value;
    out[`p${i}`] = participants;
  });
  return out;
}

export interface RollupAnswer {
  rows: Array<Record<string, unknown>>;
  /** Whether a measure read is one only a full build computes (then the answer is as fresh as that build). */
  fromBuild: boolean;
}

/**
 * A base's cells for `dimensions` from the rollup (cells plus the deltas not folded into them yet: together
 * they are the facts as projected now), in the rows computeTable reads (is_total, d0…, v0…, p0…), or undefined
 * when the rollup cannot answer (a dimension it does not hold, never built for this layout, or built in
 * another year, whose age bands were other). The rows are the cells grouped by the dimensions and the filtered
 * ones together, holding the filters' values; the total is the cells grouped by the filtered dimensions alone.
 * A filter of several values adds cells up across them: rollupFiltersOf allows that only where the sum is
 * exact (additive measures over a dimension that gives each participant one value).
 */
export async function readRollup(
  em: EntityManager,
  base: Base,
  dimensions: Dimension[],
  measures: Measure[],
  filters: RollupFilter[] = [],
): Promise<RollupAnswer | undefined> {
  const fixed = filters.map((f) => f.dimension);
  const grouping = groupingOf(base, [...new Set([...dimensions, ...fixed])]);
  const totalGrouping = groupingOf(base, fixed);
  if (grouping === undefined || totalGrouping === undefined) return undefined;
  const all = ROLLUP_DIMENSIONS[base];
  const keyWhere = filters.map((f) => `AND key[${all.indexOf(f.dimension) + 1}] IN (SELECT jsonb_array_elements_text(?::jsonb))`).join(' ');
  const keyParams = filters.map((f) => JSON.stringify(f.values));
  const cells = await em.execute<Cell[]>(
    `SELECT grouping, key, parts FROM (SELECT grouping, key, parts FROM analytics.rollup_cell WHERE base = ? AND grouping IN (?, ?) ${keyWhere}
       UNION ALL SELECT grouping, key, parts FROM analytics.rollup_delta WHERE base = ? AND grouping IN (?, ?) ${keyWhere}) c
      WHERE NOT EXISTS (SELECT 1 FROM analytics.rollup_source
                         WHERE layout <> ? OR extract(year FROM built_at) <> extract(year FROM now()))`,
    [base, grouping, totalGrouping, ...keyParams, base, grouping, totalGrouping, ...keyParams, ROLLUP_LAYOUT],
  );
  const layout = partsLayout(base);
  const rowsPart = layout.parts.length - 1;
  // Each cell with its deltas; a cell whose facts are all gone (a delta took them away) is no row, and a total
  // of none under a filter is no total (the unfiltered grand total always stands).
  const summed = [...sumBy(cells, (c) => JSON.stringify([c.grouping, c.key])).values()].filter(
    (c) => c.parts[rowsPart] !== 0 || (c.grouping === totalGrouping && !fixed.length),
  );
  // No total cell: the rollup was never built (a CUBE always has its grand total, even over no facts), or no
  // fact holds the filtered values (the facts answer that with their zeros).
  const totals = summed.filter((c) => c.grouping === totalGrouping);
  if (!totals.length) return undefined;
  const total = [...sumBy(totals, () => '').values()][0];
  const rows = dimensions.length
    ? sumBy(
        summed.filter((c) => c.grouping === grouping),
        (c) => JSON.stringify(dimensions.map((d) => c.key[all.indexOf(d)])),
      )
    : new Map<string, Cell>();
  return {
    fromBuild: measures.some((m) => formOf(m).buildOnly),
    rows: [
      { is_total: true, ...valuesOf(total.parts, layout.offsets, measures) },
      ...[...rows].map(([id, cell]) => ({
        is_total: false,
        ...Object.fromEntries((JSON.parse(id) as string[]).map((v, i) => [`d${i}`, v])),
        ...valuesOf(cell.parts, layout.offsets, measures),
      })),
    ],
  };
}
