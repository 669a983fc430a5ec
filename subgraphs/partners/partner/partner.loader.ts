import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { entityByIdLoader } from '../../../common/loaders';
import { Partner, PartnerStatusChange } from './partner.entity';

/** Partners by id, batched per request: one query however many references a response holds. */
export const partnerLoader = (em: EntityManager) => entityByIdLoader(em, Partner);

/** Each partner's status history, oldest first, in one query per response. */
export function statusHistoryByPartnerLoader(em: EntityManager) {
  return new DataLoader<string, PartnerStatusChange[]>(async (partnerIds) => {
    const rows = await em.find(PartnerStatusChange, { partner: { $in: [...partnerIds] } }, { orderBy: { changedAt: 'asc', id: 'asc' } });
    const byPartner = new Map<string, PartnerStatusChange[]>(partnerIds.map((id) => [id, []]));
    for (const row of rows) byPartner.get(row.partner.id)?.push(row);
    return partnerIds.map((id) => byPartner.get(id)!);
  });
}
