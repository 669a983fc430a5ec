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

/** Entities by id, batched per request: one query however many references a response holds; null when absent. */
export function entityByIdLoader<T extends { id: string }>(em: EntityManager, entity: new () => T) {
  return new DataLoader<string, T | null>(
    uuidKeyed(null, async (ids) => {
      const rows = (await em.find(entity as never, { id: { $in: ids } } as never)) as T[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
