import type { Job } from '../../../common/jobs';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { internalClient } from '../../../common/internal-client';
import { log } from '../../../common/logger';
import type { FeedPage } from '../../../common/outbox-feed';
import { SOURCES, type AnalyticsConfig, type SourceName } from '../config';
import { executeBound } from './bound-sql';
import { rollupDeltaOf } from '../rollup/rollup.delta';
import { projectEvents } from './handlers';

const feedQuery = (source: SourceName) =>
  `query Feed($after: String!, $limit: Int!) { feed: ${source}OutboxFeed(after: $after, limit: $limit) { caughtUp heldSince events { id type occurredAt position payload } } }`;

/**
 * Reads one page of a source's feed after the stored cursor and projects it, moving the cursor in the same
 * transaction. The cursor row is locked and compared first: if another replica (or a previous run) moved it
 * since it was read, this page is dropped and read again, so no event is applied twice and none is skipped.
 * Returns the number of events projected, and whether the source had nothing more to read.
 */
export async function projectOnce(
  em: EntityManager,
  source: SourceName,
  read: (after: string) => Promise<FeedPage>,
): Promise<{ projected: number; caughtUp: boolean }> {
  const [cursor] = await em.execute<Array<{ position: string }>>(`SELECT position FROM analytics.feed_cursor WHERE source = ?`, [source]);
  const pollStartedAt = new Date();
  const page = await read(cursor.position);
  return em.transactional(async (tx) => {
    const [locked] = await tx.execute<Array<{ position: string }>>(
      `SELECT position FROM analytics.feed_cursor WHERE source = ? FOR UPDATE`,
      [source],
    );
    if (locked.position !== cursor.position) return { projected: 0, caughtUp: false };
    const events = page.events.map((e) => ({ type: e.type, payload: JSON.parse(e.payload) }));
    // The rollups' delta: the page's participants' cells before the page, taken away, and after it, added.
    const delta = await rollupDeltaOf(tx as EntityManager, events);
    await delta?.write(-1);
    await projectEvents(tx as EntityManager, events);
    await delta?.write(1);
    if (page.events.length)
      await executeBound(
        tx as EntityManager,
        `INSERT INTO analytics.event_rollup (source, type, day, events)
         SELECT ?, e.type, (e.at AT TIME ZONE 'Asia/Jakarta')::date, count(*)
           FROM jsonb_to_recordset(?::jsonb) AS e(type text, at timestamptz) GROUP BY 2, 3
         ON CONFLICT (source, type, day) DO UPDATE SET events = analytics.event_rollup.events + excluded.events`,
        [source, JSON.stringify(page.events.map((e) => ({ type: e.type, at: e.occurredAt })))],
      );
    const last = page.events.at(-1);
    // Caught up to the poll's start, or to the earliest commit still held behind a running transaction:
    // a table read "after" caughtUpAt must not miss a change committed before it.
    const caughtUpTo = page.heldSince && new Date(page.heldSince) < pollStartedAt ? new Date(page.heldSince) : pollStartedAt;
    // greatest(): a replica whose poll started earlier but commits later must not move caught_up_at back.
    await tx.execute(
      `UPDATE analytics.feed_cursor
          SET position = ?, events_projected = events_projected + ?, last_event_at = coalesce(?::timestamptz, last_event_at),
              caught_up_at = CASE WHEN ? THEN greatest(caught_up_at, ?::timestamptz) ELSE caught_up_at END
        WHERE source = ?`,
      [last?.position ?? cursor.position, page.events.length, last?.occurredAt ?? null, page.caughtUp, caughtUpTo.toISOString(), source],
    );
    return { projected: page.events.length, caughtUp: page.caughtUp };
  });
}

/**
 * Reads ahead: as soon as a full page arrives, the page after it is requested, so the source serves it while
 * this one is projected. It is used only if the next read asks for exactly that position (the projection
 * committed); after a failed or dropped page the cursor is elsewhere and the read-ahead is discarded.
 */
export function prefetching(read: (after: string) => Promise<FeedPage>): (after: string) => Promise<FeedPage> {
  let ahead: { after: string; page: Promise<FeedPage> } | undefined;
  return async (after) => {
    const page = ahead?.after === after ? ahead.page : read(after);
    ahead = undefined;
    const result = await page;
    const last = result.events.at(-1);
    if (!result.caughtUp && last) {
      const next = read(last.position);
      next.catch(() => undefined); // a failed read-ahead is read again when asked for
      ahead = { after: last.position, page: next };
    }
    return result;
  };
}

/** The background projector: one loop per source, reading at once while there is a backlog, else every pollIntervalMs. */
export function projectorJob(orm: MikroORM, config: AnalyticsConfig): Job & { behind(): boolean } {
  let stopped = false;
  // Sources whose last page was full: a backlog is being read. Each counts as behind until a page says it caught
  // up, so that nothing (a rollup build) takes a fresh start with a backlog for an idle one.
  const backlogged = new Set<SourceName>(SOURCES);
  const timers = new Set<NodeJS.Timeout>();
  // The page being projected, per source: a stop waits for it (its cursor commits with it, or not at all).
  const inFlight = new Set<Promise<unknown>>();
  for (const source of SOURCES) {
    const call = internalClient(config.sourceUrls[source], 'analytics', 30_000);
    const read = prefetching(
      async (after: string) => (await call<{ feed: FeedPage }>(feedQuery(source), { after, limit: config.batchSize })).feed,
    );
    const loop = async () => {
      let again = false;
      const page = projectOnce(orm.em.fork(), source, read);
      inFlight.add(page);
      try {
        const { caughtUp } = await page;
        again = !caughtUp;
        if (caughtUp) backlogged.delete(source);
        else backlogged.add(source);
      } catch (error) {
        // A source that is down or restarting: try again next interval; the cursor has not moved.
        log.warn(`analytics: projecting ${source} failed`, { error: String(error) });
      } finally {
        inFlight.delete(page);
      }
      if (stopped) return;
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          void loop();
        },
        again ? 0 : config.pollIntervalMs,
      );
      timers.add(timer);
    };
    void loop();
  }
  return {
    behind: () => backlogged.size > 0,
    stop: async () => {
      stopped = true;
      timers.forEach(clearTimeout);
      await Promise.allSettled([...inFlight]);
    },
  };
}
