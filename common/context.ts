import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from './identity';

/** What every subgraph resolver receives; subgraphs extend it with their own per-request DataLoaders. */
export interface SubgraphContext {
  identity: Identity;
  /** A fork of the subgraph's EntityManager, private to this request. */
  em: EntityManager;
}
