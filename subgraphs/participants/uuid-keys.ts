import { isUuid } from '../../common/ids';

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
