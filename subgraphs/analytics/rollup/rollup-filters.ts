import { MEASURE_DEFINITIONS, type Base, type Dimension } from '../table/catalog';
import type { TableRequest } from '../table/table.service';
import { ROLLUP_DIMENSIONS, SUMMABLE_DIMENSIONS } from './rollup.catalog';
import type { RollupFilter } from './rollup.reader';

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
 * every filter must name values of a rolled-up dimension, and a time range must be one whole month of a base
 * rolled up by MONTH (the range is then that month's filter). Several values of one dimension are added up
 * across, which is exact only for the base's additive measures over a dimension that splits its participants
 * (SUMMABLE_DIMENSIONS); anything else (several platforms, months, a rate or a median) goes to the facts.
 */
export function rollupFiltersOf(base: Base, request: TableRequest): RollupFilter[] | undefined {
  const rolled = ROLLUP_DIMENSIONS[base];
  const additive = request.measures.every((m) => MEASURE_DEFINITIONS[m].base !== base || MEASURE_DEFINITIONS[m].additive);
  const byDimension = new Map<Dimension, string[]>();
  const keep = (dimension: Dimension, values: string[]) => {
    // Two filters on one dimension keep the facts both accept.
    const before = byDimension.get(dimension);
    byDimension.set(dimension, before ? values.filter((v) => before.includes(v)) : values);
  };
  for (const filter of request.filters) {
    if (!rolled.includes(filter.dimension)) return undefined;
    keep(filter.dimension, [...new Set(filter.values)]);
  }
  if (request.from || request.to) {
    const month = request.from && request.to && rolled.includes('MONTH') ? wholeMonthOf(request.from, request.to) : undefined;
    if (!month) return undefined;
    keep('MONTH', [month]);
  }
  for (const [dimension, values] of byDimension) {
    // No value left: no fact is kept, and the facts answer that with their zeros.
    if (!values.length) return undefined;
    if (values.length > 1 && !(additive && SUMMABLE_DIMENSIONS[base].includes(dimension))) return undefined;
  }
  return [...byDimension].map(([dimension, values]) => ({ dimension, values }));
}
