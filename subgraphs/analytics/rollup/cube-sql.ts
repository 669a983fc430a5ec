import { BASES, type Base } from '../table/catalog';
import { groupedSql } from '../table/grouped-sql';
import { partsLayout, ROLLUP_DIMENSIONS } from './rollup.catalog';

/**
 * The CUBE of a base's facts over its rolled-up dimensions, restricted by `where` (over the base's rows): one
 * row per cell with `grouping`, `key` (the dimensions' values, null where rolled up) and `parts`
 * (partsLayout's). A delta's parts are its facts' times `sign`, without the parts only a build computes (null).
 */
export function cubeSql(base: Base, where: string[] = [], delta?: { sign: 1 | -1 }): string {
  const dims = ROLLUP_DIMENSIONS[base].map((d) => BASES[base].dimensions[d]!);
  const layout = partsLayout(base);
  const parts = layout.parts.map((sql, i) => (!delta ? sql : layout.buildOnly[i] ? 'NULL' : `${delta.sign} * (${sql})`));
  const grouped = groupedSql(
    BASES[base],
    dims,
    parts.map((sql, i) => `(${sql})::float8 AS x${i}`),
    where,
    `CUBE (${dims.map((_, i) => `d${i}`).join(', ')})`,
  );
  return `SELECT grouping, ARRAY[${dims.map((_, i) => `d${i}::text`).join(', ')}] AS key, ARRAY[${parts.map((_, i) => `x${i}`).join(', ')}] AS parts
            FROM (${grouped}) g`;
}
