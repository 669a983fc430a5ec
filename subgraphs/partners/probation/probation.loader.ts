import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader } from '../../../common/loaders';
import { PartnerProbation } from './probation.entity';

/** Each partner's probations, newest first: one query for every partner of a response. */
export const probationsByPartnerLoader = (em: EntityManager) =>
  childrenLoader(em, PartnerProbation, {
    parentKey: 'partner',
    parentOf: (row) => row.partner.id,
    orderBy: { startedAt: 'desc', id: 'desc' },
    populate: ['failedEvaluation'],
  });
