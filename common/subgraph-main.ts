import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { readSecret } from './config';
import type { SubgraphContext } from './context';
import { waitForDatabase } from './database';
import { userOf, type SubgraphDatabase } from './database-roles';
import type { Identity } from './identity';
import { log } from './logger';
import { assertServingRole, migrate } from './orm';
import { startSubgraphServer, type RunningSubgraph } from './subgraph-server';

export interface SubgraphDefinition<TContext extends SubgraphContext> {
  name: string;
  port: number;
  /** Its serving role's connection, and its schema owner's to migrate with first. */
  database: SubgraphDatabase;
  /** Tables whose rows are never changed or deleted: the serving role may only add to them. */
  appendOnlyTables?: readonly string[];
  createOrm(databaseUrl: string): Promise<MikroORM>;
  buildSchema(): Promise<GraphQLSchema>;
  /** Per-request context beyond identity and EntityManager: DataLoaders and the like. */
  context(base: SubgraphContext, orm: MikroORM): TContext;
  /** Once per request, after execution and before the response leaves; a failure withholds the response's data. */
  afterRequest?: (context: TContext) => Promise<void>;
  /** Background jobs (expiry, reconciliation); each returns a function that stops it. */
  jobs?: (orm: MikroORM) => Array<() => void>;
}

export interface StartedSubgraph extends RunningSubgraph {
  orm: MikroORM;
}

/** Migrates the subgraph's own schema as its owner, then serves it as a role that owns nothing, and runs its background jobs. */
export async function runSubgraph<TContext extends SubgraphContext>(def: SubgraphDefinition<TContext>): Promise<StartedSubgraph> {
  process.env.SERVICE_NAME ??= def.name;
  await waitForDatabase(def.database.url);
  if (def.database.migrationUrl) {
    const owner = await def.createOrm(def.database.migrationUrl);
    try {
      await migrate(owner, def.name, { appRole: userOf(def.database.url), appendOnlyTables: def.appendOnlyTables ?? [] });
    } finally {
      await owner.close();
    }
  }
  const orm = await def.createOrm(def.database.url);
  await assertServingRole(orm, def.name);
  const schema = await def.buildSchema();
  const running = await startSubgraphServer<TContext>({
    name: def.name,
    port: def.port,
    schema,
    signingSecret: readSecret('GATEWAY_SIGNING_SECRET'),
    context: (identity: Identity) => def.context({ identity, em: orm.em.fork() }, orm),
    afterRequest: def.afterRequest,
  });
  const stopJobs = def.jobs?.(orm) ?? [];
  log.info(`${def.name} subgraph listening`, { url: running.url });
  return {
    ...running,
    orm,
    stop: async () => {
      stopJobs.forEach((stop) => stop());
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
