import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { readSecret } from './config';
import type { SubgraphContext } from './context';
import { databaseAnswers, waitForDatabase } from './database';
import { userOf, type SubgraphDatabase } from './database-roles';
import type { Identity } from './identity';
import type { Job } from './jobs';
import { log } from './logger';
import { metricsPortOf, startMetricsServer } from './metrics';
import { registerPoolMetrics } from './pool-metrics';
import { assertServingRole, migrate } from './orm';
import { onTerminationSignal, shutdownGraceMs } from './shutdown';
import { startSubgraphServer, type RunningSubgraph } from './subgraph-server';
import { stopTelemetry } from './telemetry';

export interface SubgraphDefinition<TContext extends SubgraphContext> {
  name: string;
  port: number;
  /** Its serving role's connection, and its schema owner's to migrate with first. */
  database: SubgraphDatabase;
  /** Tables whose rows are never changed or deleted: the serving role may only add to them. */
  appendOnlyTables?: readonly string[];
  createOrm(databaseUrl: string): Promise<MikroORM>;
  buildSchema(): Promise<GraphQLSchema>;
  /** Per-request context beyond identity and EntityManager: DataLoaders and the like (async when it must read first). */
  context(base: SubgraphContext, orm: MikroORM): TContext | Promise<TContext>;
  /** Once per request, after execution and before the response leaves; a failure withholds the response's data. */
  afterRequest?: (context: TContext) => Promise<void>;
  /** Background jobs (expiry, reconciliation), started with everyInterval from common/jobs. */
  jobs?: (orm: MikroORM) => Job[];
}

export interface StartedSubgraph extends RunningSubgraph {
  orm: MikroORM;
}

/**
 * Migrates the subgraph's own schema as its owner, then serves it as a role that owns nothing (`/health` for
 * liveness, `/ready` for readiness: not stopping and the database answers), and runs its background jobs.
 */
export async function runSubgraph<TContext extends SubgraphContext>(def: SubgraphDefinition<TContext>): Promise<StartedSubgraph> {
  process.env.SERVICE_NAME ??= def.name;
  const metricsPort = metricsPortOf(def.name);
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
  registerPoolMetrics(orm);
  const schema = await def.buildSchema();
  const running = await startSubgraphServer<TContext>({
    name: def.name,
    port: def.port,
    schema,
    signingSecret: readSecret('GATEWAY_SIGNING_SECRET'),
    context: (identity: Identity) => def.context({ identity, em: orm.em.fork() }, orm),
    afterRequest: def.afterRequest,
    ready: () => databaseAnswers(def.database.url),
  });
  const metrics = metricsPort === undefined ? undefined : await startMetricsServer(def.name, metricsPort);
  const jobs = def.jobs?.(orm) ?? [];
  log.info(`${def.name} subgraph listening`, {
    url: running.url,
    ...(metrics ? { metrics: `http://localhost:${metrics.port}/metrics` } : {}),
  });
  return {
    ...running,
    orm,
    // Jobs finish their unit of work while requests drain; the pool closes once neither needs it.
    stop: async (graceMs = shutdownGraceMs()) => {
      const jobsStopped = Promise.all(jobs.map((job) => job.stop()));
      const [drained, jobsDone] = await Promise.all([running.stop(graceMs), within(graceMs, jobsStopped)]);
      if (!jobsDone) log.warn('shutdown grace period over: a background job is still running', { graceMs });
      await orm.close();
      await metrics?.close();
      await stopTelemetry();
      return drained;
    },
  };
}

/**
 * Entry-point helper: run, and on SIGTERM/SIGINT stop gracefully within SHUTDOWN_GRACE_MS (a signal during
 * start-up stops once started). Exits 0 when every request in flight finished, 1 when the grace period ran
 * out and some were cut off.
 */
export function main(start: () => Promise<StartedSubgraph>): void {
  let graceMs = 0;
  const started = Promise.resolve().then(() => {
    graceMs = shutdownGraceMs(); // validated before anything starts
    return start();
  });
  started.catch((error: unknown) => {
    log.error('failed to start', { error: error instanceof Error ? error.stack : String(error) });
    process.exit(1);
  });
  onTerminationSignal(async () => ((await (await started).stop(graceMs)).cutOff ? 1 : 0));
}

/** Whether `work` settles within `ms`. */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([work.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)))]);
  clearTimeout(timer);
  return done;
}
