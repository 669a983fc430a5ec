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

/** Parts added up; a part only a build computes is null in deltas, and stays the cell's. */
const addParts = (cells: Cell[]): Array<number | null> =>
  cells.reduce<Array<number | null>>(
    (sum, c) => c.parts.map((part, i) => (part === null ? sum[i] : (sum[i] ?? 0) + part)),
    cells[0].parts.map(() => null),
  );

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
  const byKey = new Map<string, Cell[]>();
  for (const cell of cells) {
    const id = JSON.stringify([cell.grouping, cell.key]);
    byKey.set(id, [...(byKey.get(id) ?? []), cell]);
  }
  // A cell's parts with its deltas; a cell whose facts are all gone (a delta took them away) is no row.
  const summed = [...byKey.values()]
    .map((group) => ({ ...group[0], parts: addParts(group) }))
    .filter((c) => c.grouping === totalGrouping || c.parts[rowsPart] !== 0);
  // No total cell: the rollup was never built (a CUBE always has its grand total, even over no facts), or no
  // fact holds the filtered values (the facts answer that with their zeros).
  const totals = summed.filter((c) => c.grouping === totalGrouping && (!fixed.length || c.parts[rowsPart] !== 0));
  if (!totals.length) return undefined;
  const rows = new Map<string, Cell[]>();
  if (dimensions.length)
    for (const cell of summed.filter((c) => c.grouping === grouping)) {
      const id = JSON.stringify(dimensions.map((d) => cell.key[all.indexOf(d)]));
      rows.set(id, [...(rows.get(id) ?? []), cell]);
    }
  return {
    fromBuild: measures.some((m) => formOf(m).buildOnly),
    rows: [
      { is_total: true, ...valuesOf(addParts(totals), layout.offsets, measures) },
      ...[...rows].map(([id, group]) => ({
        is_total: false,
        ...Object.fromEntries((JSON.parse(id) as string[]).map((v, i) => [`d${i}`, v])),
        ...valuesOf(addParts(group), layout.offsets, measures),
      })),
    ],
  };
}
