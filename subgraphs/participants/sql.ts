import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Raw SQL for the money paths and bulk writes, where one statement must do what several ORM calls would
 * race on. `?` placeholders; runs in the EntityManager's transaction when there is one. Lists are passed
 * as one JSON parameter (`json(...)`) because the query builder would expand an array into many.
 */
/** A raw result row: untyped by nature, mapped to a typed value where it is read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

export function sql<T = Row>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  return em.execute<T[]>(text, params as never[]);
}

/** This subgraph's PostgreSQL schema: qualifies every table name in raw SQL. */
export const SCHEMA = 'participants';

/** now() at millisecond precision, for created_at columns used as keyset cursors (cursors carry milliseconds). */
export const NOW_MS = "date_trunc('milliseconds', now())";

/** A JSON array parameter; use as `(SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`. */
export const json = (value: unknown): string => JSON.stringify(value);

/** Thrown inside a transaction to roll it back and answer a business refusal instead. */
export class Refusal<T> extends Error {
  constructor(readonly result: T) {
    super('refused');
  }
}

/** Runs `work` in a transaction; a `Refusal` rolls it back and its result is returned. */
export async function transactional<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional((tx) => work(tx as EntityManager));
  } catch (error) {
    if (error instanceof Refusal) return error.result as T;
    throw error;
  }
}

/** Raw queries return timestamps as text (MikroORM's driver settings); this reads them back as instants. */
export function toDate(value: Date | string): Date;
export function toDate(value: Date | string | null): Date | null;
export function toDate(value: Date | string | null): Date | null {
  return value === null || value instanceof Date ? value : new Date(value);
}
