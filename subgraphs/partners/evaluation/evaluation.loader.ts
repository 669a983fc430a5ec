import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader } from '../../../common/loaders';
import { Evaluation } from './evaluation.entity';

/** Each partner's evaluations, newest first: one query for every partner of a response. */
export const evaluationsByPartnerLoader = (em: EntityManager) =>
  childrenLoader(em, Evaluation, { parentKey: 'partner', parentOf: (row) => row.partner.id, orderBy: { evaluatedAt: 'desc', id: 'desc' } });
