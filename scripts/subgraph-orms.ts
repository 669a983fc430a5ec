import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../common/topology';
import { createCoursesOrm } from '../subgraphs/courses/orm';
import { createParticipantsOrm } from '../subgraphs/participants/orm';
import { createPartnersOrm } from '../subgraphs/partners/orm';

/** Each subgraph's own ORM factory, for tooling that acts on every schema (migrations, seeding, tests). */
export const ORM_FACTORIES: Record<SubgraphName, (databaseUrl: string) => Promise<MikroORM>> = {
  participants: createParticipantsOrm,
  partners: createPartnersOrm,
  courses: createCoursesOrm,
};
