import type { MikroORM } from '@mikro-orm/postgresql';
import { everyInterval, type Job } from '../../../common/jobs';
import type { AnalyticsConfig } from '../config';
import { refreshRollups } from './rollup.service';

/**
 * Rebuilds the rollups every rollupIntervalMs. While the projector is reading a backlog (`behind`), a build
 * groups facts that are about to change and takes the cores the projection needs, so it waits, but never
 * longer than rollupMaxDeferMs since the last build: rollup answers then say they are that far behind.
 */
export function rollupJob(orm: MikroORM, config: AnalyticsConfig, behind: () => boolean): Job {
  let lastBuild = 0;
  return everyInterval('analytics rollup', config.rollupIntervalMs, async () => {
    if (behind() && Date.now() - lastBuild < config.rollupMaxDeferMs) return 0;
    lastBuild = Date.now();
    return refreshRollups(orm.em.fork(), config.rollupStatementTimeoutMs);
  });
}
