import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '../../../common/ids';
import { Partner, PartnerStatusChange } from './partner.entity';

/** Partners by id, batched per request: one query however many references a response holds. */
export function partnerLoader(em: EntityManager) {
  return new DataLoader<string, Partner | null>(async (ids) => {
    // A malformed id names nothing; sent to PostgreSQL it would fail the whole batch (every entity of the response).
    const rows = await em.find(Partner, { id: { $in: ids.filter(isUuid) } });
    const byId = new Map(rows.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Each partner's status history, oldest first, in one query per response. */
export function statusHistoryByPartnerLoader(em: EntityManager) {
  return new DataLoader<string, PartnerStatusChange[]>(async (partnerIds) => {
    const rows = await em.find(PartnerStatusChange, { partner: { $in: [...partnerIds] } }, { orderBy: { changedAt: 'asc', id: 'asc' } });
    const byPartner = new Map<string, PartnerStatusChange[]>(partnerIds.map((id) => [id, []]));
    for (const row of rows) byPartner.get(row.partner.id)?.push(row);
    return partnerIds.map((id) => byPartner.get(id)!);
  });
}
