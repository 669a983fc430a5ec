import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { readSecret } from './config';
import type { SubgraphContext } from './context';
import { waitForDatabase } from './database';
import type { Identity } from './identity';
import type { Job } from './jobs';
import { log } from './logger';
import { migrate } from './orm';
import { startSubgraphServer, type RunningSubgraph } from './subgraph-server';

export interface SubgraphDefinition<TContext extends SubgraphContext> {
  name: string;
  port: number;
  databaseUrl: string;
  createOrm(databaseUrl: string): Promise<MikroORM>;
  buildSchema(): Promise<GraphQLSchema>;
  /** Per-request context beyond identity and EntityManager: DataLoaders and the like. */
  context(base: SubgraphContext, orm: MikroORM): TContext;
  /** Once per request, after execution and before the response leaves; a failure withholds the response's data. */
  afterRequest?: (context: TContext) => Promise<void>;
  /** Background jobs (expiry, reconciliation), started with everyInterval from common/jobs. */
  jobs?: (orm: MikroORM) => Job[];
}

export interface StartedSubgraph extends RunningSubgraph {
  orm: MikroORM;
}

/** Connects, migrates the subgraph's own schema, serves it, and runs its background jobs. */
export async function runSubgraph<TContext extends SubgraphContext>(def: SubgraphDefinition<TContext>): Promise<StartedSubgraph> {
  process.env.SERVICE_NAME ??= def.name;
  await waitForDatabase(def.databaseUrl);
  const orm = await def.createOrm(def.databaseUrl);
  await migrate(orm, def.name);
  const schema = await def.buildSchema();
  const running = await startSubgraphServer<TContext>({
    name: def.name,
    port: def.port,
    schema,
    signingSecret: readSecret('GATEWAY_SIGNING_SECRET'),
    context: (identity: Identity) => def.context({ identity, em: orm.em.fork() }, orm),
    afterRequest: def.afterRequest,
  });
  const jobs = def.jobs?.(orm) ?? [];
  log.info(`${def.name} subgraph listening`, { url: running.url });
  return {
    ...running,
    orm,
    stop: async () => {
      await Promise.all(jobs.map((job) => job.stop())); // each finishes its unit of work before the pool closes
      await running.stop();
      await orm.close();
    },
  };
}

/** Entry-point helper: run, and stop cleanly on SIGINT/SIGTERM. */
export function main(start: () => Promise<StartedSubgraph>): void {
  start().then(
    (running) => {
      const shutdown = () => void running.stop().finally(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      log.error('failed to start', { error: error instanceof Error ? error.stack : String(error) });
      process.exit(1);
    },
  );
}
