import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { internalClient } from '../../../common/internal-client';
import { everyInterval, type Job } from '../../../common/jobs';
import { consumeFeedPage, type FeedPage } from '../../../common/outbox-feed';

/*
 * A TERMINATED platform's offerings are withdrawn: the courses subgraph reads the partners feed (its
 * partner.status_changed events) with a durable cursor, `courses.partner_feed_cursor`, moved in the
 * transaction that withdraws, so each termination takes effect once however often the page is read.
 * A withdrawn offering is not purchasable (purchaseStart needs an active offering; an authorize in flight is
 * refused), not in the public catalogue, and the office sees when and why (`Offering.withdrawal`).
 */

const CURSOR_TABLE = 'courses.partner_feed_cursor';
const FEED = `query Feed($after: String!, $limit: Int!) { feed: partnersOutboxFeed(after: $after, limit: $limit) { caughtUp events { id type occurredAt position payload } } }`;
const PAGE = 500;

export enum OfferingWithdrawalReason {
  PARTNER_TERMINATED = 'PARTNER_TERMINATED',
}

/** Withdraws the offerings of the platforms this page says were terminated; an offering withdrawn before keeps its first record. */
export async function applyPartnerEvents(tx: EntityManager, events: FeedPage['events']): Promise<number> {
  const terminated = events
    .filter((e) => e.type === 'partner.status_changed')
    .map((e) => ({ ...(JSON.parse(e.payload) as { partnerId: string; toStatus: string }), occurredAt: e.occurredAt }))
    .filter((p) => p.toStatus === 'TERMINATED')
    .map((p) => ({ partnerId: p.partnerId, at: p.occurredAt }));
  if (!terminated.length) return 0;
  const rows = await tx.execute<Array<{ id: string }>>(
    `update courses.offering o set active = false, withdrawn_at = t.at, withdrawal_reason = ?, updated_at = t.at
       from jsonb_to_recordset(?::jsonb) as t("partnerId" uuid, at timestamptz)
      where o.partner_id = t."partnerId" and o.withdrawn_at is null returning o.id`,
    [OfferingWithdrawalReason.PARTNER_TERMINATED, JSON.stringify(terminated)],
  );
  return rows.length;
}

/** One page of the partners feed, applied; `read` is the signed call (a test may pass its own). */
export const partnerEventsOnce = (em: EntityManager, read: (after: string) => Promise<FeedPage>) =>
  consumeFeedPage(em, CURSOR_TABLE, 'partners', read, async (tx, events) => void (await applyPartnerEvents(tx, events)));

/** The background consumer: a backlog is read page after page, then every `pollIntervalMs`. */
export function offeringWithdrawalJob(orm: MikroORM, partnersUrl: string, pollIntervalMs: number): Job {
  const call = internalClient(partnersUrl, 'courses', 30_000);
  const read = async (after: string) => (await call<{ feed: FeedPage }>(FEED, { after, limit: PAGE })).feed;
  return everyInterval('offering withdrawal', pollIntervalMs, async (signal) => {
    while (!signal.aborted && !(await partnerEventsOnce(orm.em.fork(), read)).caughtUp);
  });
}
