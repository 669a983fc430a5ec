import { envReader } from '../../common/config';
import { subgraphDatabaseOf } from '../../common/database-roles';
import { subgraphPort, subgraphUrl } from '../../common/topology';

/** The analytics subgraph's event sources: each serves `<source>OutboxFeed` to the signed analytics service. */
export const SOURCES = ['participants', 'partners', 'courses'] as const;
export type SourceName = (typeof SOURCES)[number];

/** The analytics subgraph's configuration, read and validated once at start-up. */
export function loadConfig(env = process.env) {
  const read = envReader(env);
  return {
    port: subgraphPort('analytics', env),
    /** Its serving role (`ANALYTICS_DATABASE_URL`) and its schema owner for migrations (`ANALYTICS_MIGRATION_DATABASE_URL`). */
    database: subgraphDatabaseOf('analytics', env),
    /** Where each source's feed is read (the subgraphs' own URLs, never the gateway). */
    sourceUrls: Object.fromEntries(SOURCES.map((s) => [s, subgraphUrl(s, env)])) as Record<SourceName, string>,
    /** Pause between polls of a source that is caught up; a source with a backlog is read again at once. */
    pollIntervalMs: read.int('ANALYTICS_POLL_INTERVAL_MS', 500, 10, 60_000),
    /** Events read and projected per transaction. */
    batchSize: read.int('ANALYTICS_BATCH_SIZE', 5000, 1, 5000),
    /** How often the projected pages' deltas are folded into the rollup cells (a table reads cells and deltas together). */
    rollupIntervalMs: read.int('ANALYTICS_ROLLUP_INTERVAL_MS', 2000, 100, 3_600_000),
    /** How often the rollups are rebuilt whole when something was projected since: the medians, which deltas cannot keep, are that old. */
    rollupRebuildIntervalMs: read.int('ANALYTICS_ROLLUP_REBUILD_INTERVAL_MS', 600_000, 0, 86_400_000),
    /** Longest a build waits for the projector to finish a backlog (until the first build, the facts answer every table). */
    rollupMaxDeferMs: read.int('ANALYTICS_ROLLUP_MAX_DEFER_MS', 3_600_000, 0, 86_400_000),
    /** Longest a rollup build's statement may run (the serving role's own timeout is for requests). */
    rollupStatementTimeoutMs: read.int('ANALYTICS_ROLLUP_STATEMENT_TIMEOUT_MS', 3_600_000, 1000, 86_400_000),
    /** Disclosure control: a cell counting fewer distinct participants than this is suppressed. */
    minCellParticipants: read.int('ANALYTICS_MIN_CELL_PARTICIPANTS', 10, 2, 1000),
  };
}
export type AnalyticsConfig = ReturnType<typeof loadConfig>;
