import type { EntityManager } from '@mikro-orm/postgresql';
import { readOutboxFeed, parsePosition, type FeedEvent } from '../../../common/outbox-feed';
import { webhooksOf } from './webhook.events';

export interface FeedPage {
  events: Array<Pick<FeedEvent, 'id' | 'type' | 'position' | 'payload'> & { occurredAt: string | Date }>;
  caughtUp: boolean;
}

/** Reads a feed page after a position: the partners feed from this subgraph's own schema, another source by a signed call. */
export type FeedReader = (after: string, limit: number) => Promise<FeedPage>;

export const ownFeed =
  (em: EntityManager): FeedReader =>
  (after, limit) =>
    readOutboxFeed(em.fork(), 'partners', parsePosition(after), limit);

/**
 * Queues the webhooks of one feed page and moves that feed's cursor in the same transaction, like the analytics
 * projector: the cursor row is locked and compared first, so a page another replica already queued is dropped
 * (and the (platform, event) key ignores a duplicate anyway). An event is queued only for a platform whose
 * endpoint existed when it happened. Returns how many events were read and whether the feed is caught up.
 */
export async function queueOnce(em: EntityManager, source: string, read: FeedReader, limit: number) {
  const [cursor] = await em.execute<Array<{ position: string }>>(`SELECT position FROM partners.webhook_feed_cursor WHERE source = ?`, [
    source,
  ]);
  const page = await read(cursor.position, limit);
  return em.transactional(async (tx) => {
    const [locked] = await tx.execute<Array<{ position: string }>>(
      `SELECT position FROM partners.webhook_feed_cursor WHERE source = ? FOR UPDATE`,
      [source],
    );
    if (locked.position !== cursor.position) return { read: 0, caughtUp: false };
    const webhooks = webhooksOf(source, page.events);
    if (webhooks.length)
      // seq follows the feed's order (ord), so each platform's deliveries go out in the order the events happened.
      await tx.execute(
        `INSERT INTO partners.webhook_delivery (id, partner_id, event_id, event_type, occurred_at, body, next_attempt_at, created_at)
         SELECT w.id, w.partner_id, w.event_id, w.type, w.occurred_at, w.body, now(), now()
           FROM jsonb_to_recordset(?::jsonb) AS w(id uuid, partner_id uuid, event_id uuid, type text, occurred_at timestamptz, body text, ord int)
           JOIN partners.webhook_endpoint e ON e.partner_id = w.partner_id AND e.created_at <= w.occurred_at
          ORDER BY w.ord
         ON CONFLICT (partner_id, event_id) DO NOTHING`,
        [
          JSON.stringify(
            webhooks.map((w, ord) => ({
              ord,
              id: w.id,
              partner_id: w.partnerId,
              event_id: w.eventId,
              type: w.type,
              occurred_at: w.occurredAt,
              body: w.body,
            })),
          ),
        ],
      );
    const last = page.events.at(-1);
    if (last) await tx.execute(`UPDATE partners.webhook_feed_cursor SET position = ? WHERE source = ?`, [last.position, source]);
    return { read: page.events.length, caughtUp: page.caughtUp };
  });
}
