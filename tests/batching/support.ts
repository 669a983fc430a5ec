import type { MikroORM } from '@mikro-orm/postgresql';
import type { Identity } from '../../common/identity';
import { signedHeaders } from '../support/client';

// In-process subgraphs log through this process's logger.
process.env.PRAKERJA_LOG_LEVEL ??= 'silent';

export interface InProcessSubgraph {
  url: string;
  orm: MikroORM;
  stop(): Promise<void>;
}

/** Counts the SQL statements one request makes, on a subgraph started in this process (so its pool is observable). */
export async function countQueries(
  subgraph: InProcessSubgraph,
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
): Promise<{ statements: number; data: any; errors?: unknown }> {
  const knex = subgraph.orm.em.getConnection().getKnex();
  let statements = 0;
  const count = () => void statements++;
  knex.on('query', count);
  try {
    const body = JSON.stringify({ query, variables });
    const response = await fetch(subgraph.url, { method: 'POST', headers: signedHeaders(identity, body), body });
    const json = (await response.json()) as { data: any; errors?: unknown };
    return { statements, ...json };
  } finally {
    knex.removeListener('query', count);
  }
}

/** Environment for a subgraph started in-process beside the test stack: same database and roles, an ephemeral port, quiet jobs. */
export const inProcessEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  PARTICIPANTS_URL: JSON.parse(process.env.TEST_SUBGRAPH_URLS!).participants,
  PARTNERS_URL: JSON.parse(process.env.TEST_SUBGRAPH_URLS!).partners,
  PARTICIPANTS_PORT: '0',
  PARTNERS_PORT: '0',
  COURSES_PORT: '0',
  COURSES_RECONCILE_INTERVAL_MS: '3600000',
  // The offering-withdrawal consumer of the partners feed reads at start-up, then not again while statements are counted.
  COURSES_PARTNER_FEED_POLL_MS: '600000',
  COURSES_PARTICIPANT_FEED_POLL_MS: '600000',
  PARTICIPANTS_HOLD_SWEEP_INTERVAL_SECONDS: '86400',
  PARTICIPANTS_REVOCATION_INTERVAL_SECONDS: '86400',
  // The partners webhook job runs once at start-up, then not again while statements are counted.
  WEBHOOK_POLL_INTERVAL_MS: '60000',
  PARTNER_PROBATION_INTERVAL_MS: '86400000',
  // The notifier's jobs (courses feed, deadline reminders, channel) would add statements of their own to a count.
  PARTICIPANTS_NOTIFICATION_POLL_INTERVAL_MS: '3600000',
  PARTICIPANTS_DEADLINE_REMINDER_INTERVAL_SECONDS: '86400',
  PARTICIPANTS_NOTIFICATION_CHANNEL_INTERVAL_SECONDS: '3600',
  PRAKERJA_LOG_LEVEL: 'silent',
});

/** Lets start-up jobs finish before anything is counted. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
