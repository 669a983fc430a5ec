import { startTelemetry } from '../../common/telemetry';
startTelemetry('partners', { instrument: true }); // before any other import: it patches http and pg as they load
import 'reflect-metadata';
import { main, runSubgraph } from '../../common/subgraph-main';
import { loadConfig } from './config';
import { createLoaders } from './context';
import { appendOnlyTables, createPartnersOrm } from './orm';
import { buildPartnersSchema } from './schema';
import { webhookJob } from './webhook/webhook.job';
import { probationJob } from './probation/probation.job';

/** Starts the partners subgraph: platforms, evaluations, MoUs, training institutions, credentials. */
export function startPartners(config = loadConfig()) {
  return runSubgraph({
    name: 'partners',
    port: config.port,
    database: config.database,
    appendOnlyTables,
    createOrm: createPartnersOrm,
    buildSchema: buildPartnersSchema,
    context: (base) => ({ ...base, loaders: createLoaders(base.em), config }),
    jobs: (orm) => [webhookJob(orm, config), probationJob(orm, config.probationIntervalMs)],
  });
}

if (require.main === module) main(startPartners);
