import type { MikroORM } from '@mikro-orm/postgresql';
import { internalClient } from '../../../common/internal-client';
import { everyInterval, type Job } from '../../../common/jobs';
import { log } from '../../../common/logger';
import type { PartnersConfig } from '../config';
import { dispatchOnce } from './webhook.dispatch';
import { ownFeed, queueOnce, type FeedPage, type FeedReader } from './webhook.queue';

const FEED_PAGE = 1_000;
/** Passes per run at most, so that a long backlog still lets shutdown and the next interval in. */
const MAX_PASSES = 200;

const coursesFeed = (url: string): FeedReader => {
  const call = internalClient(url, 'partners', 30_000);
  const query = `query Feed($after: String!, $limit: Int!) { feed: coursesOutboxFeed(after: $after, limit: $limit) { caughtUp events { id type occurredAt position payload } } }`;
  return async (after, limit) => (await call<{ feed: FeedPage }>(query, { after, limit })).feed;
};

/**
 * Webhooks in the background: queue what the partners and courses feeds say happened, then send what is due,
 * again at once while either had work (a backlog drains without waiting an interval), else every pollIntervalMs.
 * A courses subgraph that is down only delays its events: its cursor has not moved.
 */
export function webhookJob(orm: MikroORM, config: PartnersConfig): Job {
  const sources: Array<[string, FeedReader]> = [
    ['partners', ownFeed(orm.em)],
    ['courses', coursesFeed(config.coursesUrl)],
  ];
  return everyInterval('webhooks', config.webhooks.pollIntervalMs, async (signal) => {
    let sent = 0;
    for (let pass = 0; pass < MAX_PASSES && !signal.aborted; pass++) {
      let backlog = false;
      for (const [source, read] of sources) {
        const queued = await queueOnce(orm.em.fork(), source, read, FEED_PAGE).catch((error: unknown) => {
          log.warn(`webhooks: reading the ${source} feed failed`, { error: String(error) });
          return { read: 0, caughtUp: true };
        });
        backlog ||= !queued.caughtUp;
      }
      const dispatched = await dispatchOnce(orm.em.fork(), config);
      sent += dispatched;
      if (!backlog && dispatched === 0) break;
    }
    return sent;
  });
}
