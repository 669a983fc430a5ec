import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { internalClient } from '../../../common/internal-client';
import { everyInterval, type Job } from '../../../common/jobs';
import { consumeFeedPage, type FeedPage } from '../../../common/outbox-feed';

/*
 * A revoked card ends its purchases awaiting an OTP: the courses subgraph reads the participants feed (its
 * `card.revoked` events) with a durable cursor, `courses.participant_feed_cursor`, moved in the transaction
 * that ends them, so each revocation applies once however often a page is read. The participants subgraph
 * already released the holds when it revoked; here the purchases become EXPIRED with reason CARD_REVOKED
 * (whose `purchase.expired` event tells the platform), and their seats go back. A purchase already CAPTURING
 * is left alone: its capture fails on the released hold and ends it, or it had already debited and enrolls.
 */

const CURSOR_TABLE = 'courses.participant_feed_cursor';
const FEED = `query Feed($after: String!, $limit: Int!) { feed: participantsOutboxFeed(after: $after, limit: $limit) { caughtUp events { id type occurredAt position payload } } }`;
const PAGE = 5_000;

/** Ends the AWAITING_OTP purchases of the holders whose cards this page says were revoked; returns how many. */
export async function applyCardRevocations(tx: EntityManager, events: FeedPage['events']): Promise<number> {
  const holders = events
    .filter((e) => e.type === 'card.revoked')
    .map((e) => (JSON.parse(e.payload) as { participantId: string }).participantId);
  if (!holders.length) return 0;
  const rows = await tx.execute<Array<{ id: string }>>(
    `update courses.purchase set status = 'EXPIRED', end_reason = 'CARD_REVOKED', hold_released = true, updated_at = now(),
            seat_status = case when seat_status = 'HELD' then 'RELEASED' else seat_status end
      where status = 'AWAITING_OTP' and participant_id in (select value::uuid from jsonb_array_elements_text(?::jsonb)) returning id`,
    [JSON.stringify(holders)],
  );
  return rows.length;
}

/** One page of the participants feed, applied; `read` is the signed call (a test may pass its own). */
export const cardRevocationsOnce = (em: EntityManager, read: (after: string) => Promise<FeedPage>) =>
  consumeFeedPage(em, CURSOR_TABLE, 'participants', read, async (tx, events) => void (await applyCardRevocations(tx, events)));

/** The background consumer: a backlog is read page after page, then every `pollIntervalMs`. */
export function cardRevocationJob(orm: MikroORM, participantsUrl: string, pollIntervalMs: number): Job {
  const call = internalClient(participantsUrl, 'courses', 30_000);
  const read = async (after: string) => (await call<{ feed: FeedPage }>(FEED, { after, limit: PAGE })).feed;
  return everyInterval('card revocation', pollIntervalMs, async (signal) => {
    while (!signal.aborted && !(await cardRevocationsOnce(orm.em.fork(), read)).caughtUp);
  });
}
