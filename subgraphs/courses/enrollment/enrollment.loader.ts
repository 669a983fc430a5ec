import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { childrenLoader, entityByIdLoader } from '../../../common/loaders';
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
export const participantEnrollmentsLoader = (em: EntityManager) =>
  childrenLoader(em, Enrollment, {
    parentKey: 'participantId',
    parentOf: (row) => row.participantId,
    orderBy: { enrolledAt: 'desc', id: 'desc' },
  });
