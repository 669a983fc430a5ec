import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../../common/context';
import { partnerLoader } from './partner/partner.loader';

/** Per-request context of the partners subgraph: fresh DataLoaders for every request. */
export function createLoaders(em: EntityManager) {
  return { partner: partnerLoader(em) };
}

export interface PartnersContext extends SubgraphContext {
  loaders: ReturnType<typeof createLoaders>;
}
