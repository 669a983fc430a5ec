import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from './ids';

/**
 * Wraps a DataLoader batch function keyed by UUIDs: keys that are not UUIDs answer `empty` without reaching
 * PostgreSQL, where one malformed key would fail the `uuid` cast of the whole batch.
 */
export function uuidKeyed<V>(empty: V, batch: (ids: string[]) => Promise<ArrayLike<V>>) {
  return async (ids: readonly string[]): Promise<V[]> => {
    const valid = ids.filter(isUuid);
    const values = valid.length ? await batch(valid) : [];
    const byId = new Map(valid.map((id, i) => [id, values[i]]));
    return ids.map((id) => (byId.has(id) ? byId.get(id)! : empty));
  };
}

/**
 * One value per key from the rows of one batched query (an ORM find or raw SQL): `keyOf` says whose row it
 * is, `valueOf` what the key gets; `empty` for a key without a row (or a malformed id).
 */
export function valueByKeyLoader<R, V>(
  empty: V,
  fetch: (ids: string[]) => Promise<R[]>,
  keyOf: (row: R) => string,
  valueOf: (row: R) => V,
) {
  return new DataLoader<string, V>(
    uuidKeyed(empty, async (ids) => {
      const byKey = new Map((await fetch(ids)).map((row) => [keyOf(row), valueOf(row)]));
      return ids.map((id) => (byKey.has(id) ? byKey.get(id)! : empty));
    }),
  );
}

/** Entities by id, batched per request: one query however many references a response holds; null when absent. */
export function entityByIdLoader<T extends { id: string }>(em: EntityManager, entity: new () => T) {
  return valueByKeyLoader<T, T | null>(
    null,
    (ids) => em.find(entity as never, { id: { $in: ids } } as never) as Promise<T[]>,
    (row) => row.id,
    (row) => row,
  );
}

export interface ChildrenOptions<T, V> {
  /** Property of the child that references the parent (a relation or a plain id column). */
  parentKey: string;
  parentOf: (row: T) => string;
  orderBy: Record<string, unknown>;
  where?: Record<string, unknown>;
  populate?: string[];
  /** What each parent gets per row; the row itself by default. */
  pick?: (row: T) => V;
}

/**
 * The children of many parents in one query, grouped per parent in the query's order; [] for a parent with
 * none (or a malformed id). For unpaged relations; paged ones are connections.
 */
export function childrenLoader<T extends object, V = T>(em: EntityManager, entity: new () => T, options: ChildrenOptions<T, V>) {
  const pick = options.pick ?? ((row: T) => row as unknown as V);
  return new DataLoader<string, V[]>(
    uuidKeyed<V[]>([], async (ids) => {
      const where = { ...options.where, [options.parentKey]: { $in: ids } };
      const rows = (await em.find(
        entity as never,
        where as never,
        { orderBy: options.orderBy, populate: options.populate } as never,
      )) as T[];
      const byParent = new Map<string, V[]>(ids.map((id) => [id, []]));
      for (const row of rows) byParent.get(options.parentOf(row))?.push(pick(row));
      return ids.map((id) => byParent.get(id)!);
    }),
  );
}
