import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader, entityByIdLoader } from '../../../common/loaders';
import { Partner, PartnerStatusChange } from './partner.entity';

/** Partners by id, batched per request: one query however many references a response holds. */
export const partnerLoader = (em: EntityManager) => entityByIdLoader(em, Partner);

/** Each partner's status history, oldest first, in one query per response. */
export const statusHistoryByPartnerLoader = (em: EntityManager) =>
  childrenLoader(em, PartnerStatusChange, {
    parentKey: 'partner',
    parentOf: (row) => row.partner.id,
    orderBy: { changedAt: 'asc', id: 'asc' },
  });
