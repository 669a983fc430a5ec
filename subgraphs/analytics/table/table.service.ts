import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../common/errors';
import { rollupFiltersOf } from '../rollup/rollup-filters';
import { readRollup } from '../rollup/rollup.reader';
import { BASES, MEASURE_DEFINITIONS, type Base, type Dimension, type Measure } from './catalog';
import { groupedSql, measureColumns } from './grouped-sql';
import { suppress } from './suppression';

export interface TableRequest {
  measures: Measure[];
  dimensions: Dimension[];
  filters: Array<{ dimension: Dimension; values: string[] }>;
  /** Facts at or after this instant (each base's own time: registration, application, refusal, issue, purchase, payment). */
  from?: Date;
  /** Facts before this instant. */
  to?: Date;
}

export interface TableCell {
  measure: Measure;
  value: number | null;
  suppressed: boolean;
  participants: number;
}

export interface TableRow {
  key: string[];
  cells: TableCell[];
}

export interface ComputedTable {
  /** Whether some cells came from what only a full build of the rollups computes (then its freshness is the answer's). */
  fromRollupBuild: boolean;
  dimensions: Dimension[];
  measures: Measure[];
  rows: TableRow[];
  total: TableCell[];
}

const MAX_DIMENSIONS = 4;
const MAX_FILTER_VALUES = 500;

/** Checks the request against the catalogue: BAD_USER_INPUT naming what cannot be asked. */
function validate(request: TableRequest): void {
  if (!request.measures.length) throw badInput('Ask for at least one measure', 'measures');
  if (new Set(request.measures).size !== request.measures.length) throw badInput('A measure is named twice', 'measures');
  if (request.dimensions.length > MAX_DIMENSIONS) throw badInput(`At most ${MAX_DIMENSIONS} dimensions`, 'dimensions');
  if (new Set(request.dimensions).size !== request.dimensions.length) throw badInput('A dimension is named twice', 'dimensions');
  if (request.from && request.to && request.from >= request.to) throw badInput('from must be before to', 'from');
  for (const measure of request.measures) {
    const base = BASES[MEASURE_DEFINITIONS[measure].base];
    for (const dimension of [...request.dimensions, ...request.filters.map((f) => f.dimension)]) {
      if (!base.dimensions[dimension]) throw badInput(`Measure ${measure} cannot be split or filtered by ${dimension}`, 'dimensions');
    }
  }
  for (const filter of request.filters) {
    if (!filter.values.length || filter.values.length > MAX_FILTER_VALUES)
      throw badInput(`A filter lists 1 to ${MAX_FILTER_VALUES} values`, 'filters');
  }
}

/**
 * Computes a table over the read model: one query per fact base, grouped by the requested dimensions with a
 * grand-total grouping set, merged by dimension key; then disclosure control over every measure's cells.
 * Cells and totals are computed from the facts, so a suppressed cell still counts in its total.
 */
export async function computeTable(em: EntityManager, request: TableRequest, k: number): Promise<ComputedTable> {
  validate(request);
  const byBase = new Map<string, Measure[]>();
  for (const measure of request.measures) {
    const base = MEASURE_DEFINITIONS[measure].base;
    byBase.set(base, [...(byBase.get(base) ?? []), measure]);
  }
  let fromBuild = false;
  const rows = new Map<string, TableRow>();
  const total = new Map<Measure, TableCell>();
  for (const [baseName, measures] of byBase) {
    const base = BASES[baseName as keyof typeof BASES];
    const dims = request.dimensions.map((d) => base.dimensions[d]!);
    const where: string[] = [];
    const params: unknown[] = [];
    for (const filter of request.filters) {
      where.push(`${base.dimensions[filter.dimension]} IN (SELECT jsonb_array_elements_text(?::jsonb))`);
      params.push(JSON.stringify(filter.values));
    }
    if (request.from) {
      where.push('at >= ?');
      params.push(request.from.toISOString());
    }
    if (request.to) {
      where.push('at < ?');
      params.push(request.to.toISOString());
    }
    const rollupFilters = rollupFiltersOf(baseName as Base, request);
    const fromRollup = rollupFilters && (await readRollup(em, baseName as Base, request.dimensions, measures, rollupFilters));
    if (fromRollup?.fromBuild) fromBuild = true;
    const sql = groupedSql(base, dims, measureColumns(measures), where, `GROUPING SETS ((${dims.map((_, i) => `d${i}`).join(', ')}), ())`);
    const result = fromRollup?.rows ?? (await em.execute<Array<Record<string, unknown>>>(sql, params as never[]));
    for (const r of result) {
      const cells = measures.map((measure, i) => ({
        measure,
        value: r[`v${i}`] === null ? null : Number(r[`v${i}`]),
        participants: Number(r[`p${i}`]),
        suppressed: false,
      }));
      if (r.is_total) {
        for (const cell of cells) total.set(cell.measure, cell);
        continue;
      }
      const key = dims.map((_, i) => String(r[`d${i}`]));
      const id = JSON.stringify(key);
      const row = rows.get(id) ?? { key, cells: [] };
      row.cells.push(...cells);
      rows.set(id, row);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => (a.key.join('\u0000') < b.key.join('\u0000') ? -1 : 1));
  const cellOf = (cells: TableCell[], measure: Measure): TableCell => {
    const found = cells.find((c) => c.measure === measure);
    if (found) return found;
    // A row that exists for another base's facts: this measure has no facts there.
    const empty = { measure, value: MEASURE_DEFINITIONS[measure].additive ? 0 : null, participants: 0, suppressed: false };
    cells.push(empty);
    return empty;
  };
  for (const row of sorted) row.cells = request.measures.map((m) => cellOf(row.cells, m));
  const totals = request.measures.map(
    (m) => total.get(m) ?? { measure: m, value: MEASURE_DEFINITIONS[m].additive ? 0 : null, participants: 0, suppressed: false },
  );
  for (const [i, measure] of request.measures.entries()) {
    const column = sorted.map((row) => row.cells[i]);
    suppress(
      sorted.map((row) => row.key),
      column,
      k,
      MEASURE_DEFINITIONS[measure].additive,
    );
  }
  suppress([], totals, k, false);
  for (const cell of [...sorted.flatMap((r) => r.cells), ...totals]) if (cell.suppressed) cell.value = null;
  return { fromRollupBuild: fromBuild, dimensions: request.dimensions, measures: request.measures, rows: sorted, total: totals };
}
