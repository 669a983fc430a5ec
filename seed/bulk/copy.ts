import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Progress } from './progress';

/** One value of COPY's text format: `\N` for null; the seed's own values never hold a tab, newline or backslash. */
export type CopyValue = string | number | boolean | null;

const ROWS_PER_CHUNK = 2_000;

const text = (value: CopyValue): string => (value === null ? '\\N' : value === true ? 't' : value === false ? 'f' : String(value));

/**
 * Streams rows into `table` with COPY … FROM STDIN (text format): PostgreSQL's bulk path, one statement
 * whatever the number of rows. Rows are generated lazily, so a million never sit in memory as text, and the
 * generator (this process) and the load (PostgreSQL) run at the same time.
 */
export async function copyRows(
  client: Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
  progress: Progress,
): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    let chunk = '';
    let inChunk = 0;
    for (const row of rows) {
      chunk += row.map(text).join('\t') + '\n';
      if (++inChunk === ROWS_PER_CHUNK) {
        yield chunk;
        progress.advance(inChunk);
        count += inChunk;
        chunk = '';
        inChunk = 0;
      }
    }
    if (inChunk) {
      yield chunk;
      progress.advance(inChunk);
      count += inChunk;
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  return count;
}
