import { startTelemetry } from '../../common/telemetry';
startTelemetry('analytics', { instrument: true }); // before any other import: it patches http and pg as they load
import 'reflect-metadata';
import { main, runSubgraph } from '../../common/subgraph-main';
import { loadConfig } from './config';
import { appendOnlyTables, createAnalyticsOrm } from './orm';
import { projectorJob } from './projection/projector';
import { rollupJob } from './rollup/rollup.job';
import { buildAnalyticsSchema } from './schema';

/** Starts the analytics subgraph: projects the sources' event feeds into its read model and answers aggregate tables. */
export function startAnalytics(config = loadConfig()) {
  return runSubgraph({
    name: 'analytics',
    port: config.port,
    database: config.database,
    appendOnlyTables,
    createOrm: createAnalyticsOrm,
    buildSchema: buildAnalyticsSchema,
    context: (base) => ({ ...base, config }),
    jobs: (orm) => {
      const projector = projectorJob(orm, config);
      return [projector, rollupJob(orm, config, projector.behind)];
    },
  });
}

if (require.main === module) main(startAnalytics);
