import type { MikroORM } from '@mikro-orm/postgresql';
import { everyInterval, type Job } from '../../../common/jobs';
import { enforceProbationDeadlines } from './probation.service';

/** Suspends, every `intervalMs`, the ACTIVE platforms whose probation deadline passed without a passing review. */
export const probationJob = (orm: MikroORM, intervalMs: number): Job =>
  everyInterval('probation deadlines', intervalMs, (signal) => enforceProbationDeadlines(orm.em.fork(), new Date(), signal));
