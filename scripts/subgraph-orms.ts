import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../common/topology';
import { appendOnlyTables as analyticsAppendOnly, createAnalyticsOrm } from '../subgraphs/analytics/orm';
import { appendOnlyTables as coursesAppendOnly, createCoursesOrm } from '../subgraphs/courses/orm';
import { appendOnlyTables as participantsAppendOnly, createParticipantsOrm } from '../subgraphs/participants/orm';
import { appendOnlyTables as partnersAppendOnly, createPartnersOrm } from '../subgraphs/partners/orm';

/** Each subgraph's own ORM factory, for tooling that acts on every schema (migrations, seeding, tests). */
export const ORM_FACTORIES: Record<SubgraphName, (databaseUrl: string) => Promise<MikroORM>> = {
  participants: createParticipantsOrm,
  partners: createPartnersOrm,
  courses: createCoursesOrm,
  analytics: createAnalyticsOrm,
};

/** Each subgraph's append-only tables: its serving role may only add rows to them. */
export const APPEND_ONLY_TABLES: Record<SubgraphName, readonly string[]> = {
  participants: participantsAppendOnly,
  partners: partnersAppendOnly,
  courses: coursesAppendOnly,
  analytics: analyticsAppendOnly,
};
