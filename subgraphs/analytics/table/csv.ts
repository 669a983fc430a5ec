import { LABELLED } from './labels';
import type { ComputedTable } from './table.service';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The table as CSV: one column per dimension (its value, then its label where there is one), one per measure,
 * and a last row TOTAL. A suppressed cell is empty (a zero is written 0).
 */
export function toCsv(table: ComputedTable, labels: Map<string, string>[]): string {
  const header = [...table.dimensions.flatMap((d) => (LABELLED.has(d) ? [d, `${d}_LABEL`] : [d])), ...table.measures];
  const cells = (row: Array<{ value: number | null }>) => row.map((c) => (c.value === null ? '' : String(c.value)));
  const lines = [header.map(field).join(',')];
  for (const row of table.rows) {
    const dims = row.key.flatMap((value, i) => (LABELLED.has(table.dimensions[i]) ? [value, labels[i].get(value) ?? ''] : [value]));
    lines.push([...dims, ...cells(row.cells)].map(field).join(','));
  }
  const totalDims = table.dimensions.flatMap((d) => (LABELLED.has(d) ? ['TOTAL', ''] : ['TOTAL']));
  lines.push([...totalDims, ...cells(table.total)].map(field).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
