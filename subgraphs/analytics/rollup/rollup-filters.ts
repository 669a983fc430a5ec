import type { Base } from '../table/catalog';
import type { TableRequest } from '../table/table.service';
import { ROLLUP_DIMENSIONS } from './rollup.catalog';
import type { RollupFilter } from './rollup.service';

/** Western Indonesia Time, the programme's clock (no daylight saving): months begin at 17:00 UTC the day before. */
const JAKARTA_OFFSET_MS = 7 * 3_600_000;

/**
 * The month (`YYYY-MM-01`, as the MONTH dimension reports it) that `from`/`to` span exactly, from its first
 * instant in Asia/Jakarta to the next month's; undefined for any other range.
 */
export function wholeMonthOf(from: Date, to: Date): string | undefined {
  const local = new Date(from.getTime() + JAKARTA_OFFSET_MS);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - JAKARTA_OFFSET_MS;
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - JAKARTA_OFFSET_MS;
  if (from.getTime() !== start || to.getTime() !== end) return undefined;
  return local.toISOString().slice(0, 8) + '01';
}

/**
 * The request's filters as the rollup of `base` applies them, or undefined when only the facts can answer:
 * every filter must name one value of a rolled-up dimension, and a time range must be one whole month of a
 * base rolled up by MONTH (the range is then that month's filter).
 */
export function rollupFiltersOf(base: Base, request: TableRequest): RollupFilter[] | undefined {
  const rolled = ROLLUP_DIMENSIONS[base];
  const filters: RollupFilter[] = [];
  for (const filter of request.filters) {
    const values = [...new Set(filter.values)];
    if (values.length !== 1 || !rolled.includes(filter.dimension)) return undefined;
    filters.push({ dimension: filter.dimension, value: values[0] });
  }
  if (request.from || request.to) {
    const month = request.from && request.to && rolled.includes('MONTH') ? wholeMonthOf(request.from, request.to) : undefined;
    if (!month) return undefined;
    filters.push({ dimension: 'MONTH', value: month });
  }
  // Two filters on one dimension keep the facts both accept: one value, or none.
  const byDimension = new Map<string, string>();
  for (const f of filters) {
    if (byDimension.has(f.dimension) && byDimension.get(f.dimension) !== f.value) return undefined;
    byDimension.set(f.dimension, f.value);
  }
  return [...byDimension].map(([dimension, value]) => ({ dimension: dimension as RollupFilter['dimension'], value }));
}
