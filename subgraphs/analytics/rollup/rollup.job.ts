import type { MikroORM } from '@mikro-orm/postgresql';
import { everyInterval, type Job } from '../../../common/jobs';
import type { AnalyticsConfig } from '../config';
import { buildRollups, foldDeltas, rollupState } from './rollup.service';

/**
 * Every rollupIntervalMs, folds the projected pages' deltas into the rollup cells; builds the rollups whole
 * when they never were (for this layout and year), and again every rollupRebuildIntervalMs when something was
 * projected since, for what deltas cannot keep (the medians). While the projector is reading a backlog
 * (`behind`) a build waits, since it groups facts about to change and takes the cores the projection needs,
 * but never longer than rollupMaxDeferMs; until the first build the facts answer every table.
 */
export function rollupJob(orm: MikroORM, config: AnalyticsConfig, behind: () => boolean): Job {
  const started = Date.now();
  return everyInterval('analytics rollup', config.rollupIntervalMs, async () => {
    const em = orm.em.fork();
    const state = await rollupState(em);
    const due = !state.built || (state.changed && state.builtAgoMs! >= config.rollupRebuildIntervalMs);
    const waited = state.builtAgoMs ?? Date.now() - started;
    if (due && (!behind() || waited >= config.rollupMaxDeferMs)) return buildRollups(em, config.rollupStatementTimeoutMs);
    return foldDeltas(em);
  });
}
