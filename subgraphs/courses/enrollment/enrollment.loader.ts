import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '../../../common/ids';
import { entityByIdLoader } from '../../../common/loaders';
import { Enrollment } from './enrollment.entity';

/** Enrollments by id, batched per request (callers apply visibility). */
export const enrollmentLoader = (em: EntityManager) => entityByIdLoader(em, Enrollment);

/** The enrollment each purchase created, if any. */
export function enrollmentByPurchaseLoader(em: EntityManager) {
  return new DataLoader<string, Enrollment | null>(async (purchaseIds) => {
    const rows = await em.find(Enrollment, { purchase: { $in: [...purchaseIds] } });
    const byPurchase = new Map(rows.map((e) => [e.purchase.id, e]));
    return purchaseIds.map((id) => byPurchase.get(id) ?? null);
  });
}

/** Every enrollment of many participants, newest first (a participant has a handful at most). */
export function participantEnrollmentsLoader(em: EntityManager) {
  return new DataLoader<string, Enrollment[]>(async (participantIds) => {
    const rows = await em.find(Enrollment, { participantId: { $in: participantIds.filter(isUuid) } }, { orderBy: { enrolledAt: 'desc', id: 'desc' } });
    return participantIds.map((id) => rows.filter((e) => e.participantId === id));
  });
}
