import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Partner } from './partner.entity';

/** Partners by id, batched per request: one query however many references a response holds. */
export function partnerLoader(em: EntityManager) {
  return new DataLoader<string, Partner | null>(async (ids) => {
    const rows = await em.find(Partner, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
