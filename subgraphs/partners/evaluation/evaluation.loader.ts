import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Evaluation } from './evaluation.entity';

/** Each partner's evaluations, newest first: one query for every partner of a response. */
export function evaluationsByPartnerLoader(em: EntityManager) {
  return new DataLoader<string, Evaluation[]>(async (partnerIds) => {
    const rows = await em.find(Evaluation, { partner: { $in: [...partnerIds] } }, { orderBy: { evaluatedAt: 'desc', id: 'desc' } });
    const byPartner = new Map<string, Evaluation[]>(partnerIds.map((id) => [id, []]));
    for (const row of rows) byPartner.get(row.partner.id)?.push(row);
    return partnerIds.map((id) => byPartner.get(id)!);
  });
}
