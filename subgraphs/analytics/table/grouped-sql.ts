import { MEASURE_DEFINITIONS, type BaseDefinition, type Measure } from './catalog';

/** The measures' columns for groupedSql: v0… (values) and p0… (distinct participants). */
export const measureColumns = (measures: Measure[]): string[] =>
  measures.flatMap((m, i) => [
    `(${MEASURE_DEFINITIONS[m].value})::float8 AS v${i}`,
    `(${MEASURE_DEFINITIONS[m].participants})::int AS p${i}`,
  ]);

/**
 * One base's `columns` (aggregates over its rows) grouped by `dims` (SQL expressions, aliased d0…) with
 * `groupBy` (grouping sets over the aliases): columns d0…, the aggregates, and `grouping`, GROUPING() of the
 * aliases.
 */
export function groupedSql(base: BaseDefinition, dims: string[], columns: string[], where: string[], groupBy: string): string {
  const aliases = dims.map((_, i) => `d${i}`);
  return `SELECT ${[
    aliases.length ? `GROUPING(${aliases.join(', ')}) AS grouping` : '0 AS grouping',
    dims.length ? `GROUPING(${aliases.join(', ')}) <> 0 AS is_total` : 'true AS is_total',
    ...aliases,
    ...columns,
  ].join(', ')}
      FROM (SELECT ${['*', ...dims.map((d, i) => `${d} AS d${i}`)].join(', ')} FROM (${base.rows}) facts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) f
      ${dims.length ? `GROUP BY ${groupBy}` : ''}`;
}
