import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../../common/context';

/** Per-request context of the courses subgraph: fresh DataLoaders for every request. */
export function createLoaders(em: EntityManager) {
  return { em };
}

export interface CoursesContext extends SubgraphContext {
  loaders: ReturnType<typeof createLoaders>;
}
