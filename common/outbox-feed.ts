import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireRole } from './auth';
import type { SubgraphContext } from './context';
import { badInput, forbidden } from './errors';

/**
 * The outbox feed: events in commit-safe order. A bigserial id alone is not: transaction B may take id 11
 * and commit before A (id 10) commits, so a reader that saw 11 and moved its cursor past it would skip 10
 * forever. Each event carries the id of the transaction that wrote it, and the feed serves only events of
 * transactions older than the reader's snapshot xmin (every one of them has finished: committed or rolled
 * back), in (transaction id, id) order. A transaction that commits later always has a larger transaction id
 * than the horizon at the time of the read, so nothing behind the cursor can appear afterwards.
 */

/** A position in a source's feed: the last event read, as `<transaction id>:<event id>`; `0:0` is the start. */
export interface FeedPosition {
  xact: string;
  id: string;
}

const POSITION = /^(\d{1,20}):(\d{1,20})$/;

export function parsePosition(text: string): FeedPosition {
  const match = POSITION.exec(text);
  if (!match) throw badInput('after must be a feed position `<transaction id>:<event id>`, for example 0:0', 'after');
  return { xact: match[1], id: match[2] };
}

export const formatPosition = (p: FeedPosition) => `${p.xact}:${p.id}`;

export interface FeedEvent {
  id: string;
  type: string;
  version: number;
  occurredAt: Date;
  position: string;
  payload: string;
}

export const MAX_FEED_PAGE = 5_000;

/** Services that read the feeds: analytics (its read model) and partners (webhooks to each platform). */

/**
 * Up to `limit` finished events after `after`, oldest transaction first, and `heldSince`: when committed events
 * wait behind an older transaction still running (served once it ends), the earliest of their times. Each
 * event's time is its transaction's start, before its commit, so every commit before `heldSince` is served.
 * It is asked before the page is read, whose horizon is then at least as recent: with the page not full,
 * everything committed before min(this call, heldSince) is in the pages read so far.
 */
export async function readOutboxFeed(em: EntityManager, schema: string, after: FeedPosition, limit: number) {
  const [{ held_since }] = await em.execute<Array<{ held_since: string | null }>>(
    `SELECT min(occurred_at) AS held_since FROM "${schema}".outbox_event WHERE xact_id >= pg_snapshot_xmin(pg_current_snapshot())`,
  );
  const rows = await em.execute<
    Array<{ id: string; event_id: string; xact_id: string; type: string; version: number; occurred_at: string; payload: string }>
  >(
    // Ordered by the columns, not by the text output columns of the same names (which would sort 10000 before 9999).
    `SELECT e.id::text AS id, e.event_id, e.xact_id::text AS xact_id, e.type, e.version, e.occurred_at, e.payload::text AS payload
       FROM "${schema}".outbox_event e
      WHERE (e.xact_id, e.id) > (?::xid8, ?::bigint) AND e.xact_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY e.xact_id, e.id
      LIMIT ?`,
    [after.xact, after.id, limit],
  );
  const events: FeedEvent[] = rows.map((r) => ({
    id: r.event_id,
    type: r.type,
    version: r.version,
    occurredAt: new Date(r.occurred_at),
    position: formatPosition({ xact: r.xact_id, id: r.id }),
    payload: r.payload,
  }));
  return { events, caughtUp: events.length < limit, heldSince: held_since ? new Date(held_since) : null };
}

/**
 * The feed as an internal query `<source>OutboxFeed`: `@inaccessible` (not in the supergraph's API) and answered
 * to the signed services in `readers` alone (analytics; the participants notifier and the partners webhooks read courses').
 * Each source gets its own type names, so the three subgraphs compose without sharing a type.
 */
export function outboxFeedResolver(source: string, readers: readonly string[] = ['analytics']) {
  const prefix = source[0].toUpperCase() + source.slice(1);

  @ObjectType(`${prefix}OutboxEvent`, { description: `A domain event of the ${source} subgraph (docs/events.md).` })
  class OutboxEvent implements FeedEvent {
    @Field({ description: 'Unique event id (a uuid): a broker deduplicates on it.' })
    id: string;
    @Field({ description: 'Event type, `<entity>.<what happened>`, for example `participant.registered`.' })
    type: string;
    @Field(() => Int, { description: 'Version of the payload schema of this type.' })
    version: number;
    @Field({ description: 'When the change happened (its transaction time).' })
    occurredAt: Date;
    @Field({ description: 'Position in the feed, `<transaction id>:<event id>`: pass the last one read as `after`.' })
    position: string;
    @Field({ description: 'The payload, a JSON object: pseudonymous ids and coarse attributes only.' })
    payload: string;
  }

  @ObjectType(`${prefix}OutboxFeedPage`, { description: `A page of the ${source} subgraph's event feed.` })
  class OutboxFeedPage {
    @Field(() => [OutboxEvent], { description: 'Events after the position asked for, in feed order.' })
    events: OutboxEvent[];
    @Field({ description: 'Whether this page reached the end of what is readable now.' })
    caughtUp: boolean;
    @Field(() => Date, {
      nullable: true,
      description:
        'When committed events wait behind an older transaction still running (readable once it ends), the earliest of their times; a caught-up reader has every commit before it. Null: nothing waits.',
    })
    heldSince: Date | null;
  }

  @Resolver()
  class OutboxFeedResolver {
    @Query(() => OutboxFeedPage, {
      name: `${source}OutboxFeed`,
      description: `The ${source} subgraph's domain events, for the internal readers of its feed only (${readers.join(', ')}).`,
    })
    @Directive('@inaccessible')
    async feed(
      @Arg('after', { defaultValue: '0:0', description: 'Position of the last event already read (`0:0`: from the start).' }) after: string,
      @Arg('limit', () => Int, { defaultValue: 1000, description: `Most events to return (1 to ${MAX_FEED_PAGE}).` }) limit: number,
      @Ctx() { identity, em }: SubgraphContext,
    ): Promise<OutboxFeedPage> {
      requireRole(identity, 'service');
      if (!identity.subject || !readers.includes(identity.subject)) throw forbidden(`Only ${readers.join(', ')} read the event feed`);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE)
        throw badInput(`limit must be between 1 and ${MAX_FEED_PAGE}`, 'limit');
      return readOutboxFeed(em, source, parsePosition(after), limit);
    }
  }
  return OutboxFeedResolver;
}

/** A page as a reader receives it over the internal call. */
export interface FeedPage {
  events: Array<{ id: string; type: string; occurredAt: string; position: string; payload: string }>;
  caughtUp: boolean;
  /** Asked only by readers that report completeness (analytics' freshness); see readOutboxFeed. */
  heldSince?: string | null;
}

/**
 * The consumer side of the projection pattern (docs/events.md): reads one page after the cursor stored in
 * `cursorTable` (columns source, position), then in one transaction locks the cursor row, drops the page if
 * another process moved the cursor meanwhile, applies it and moves the cursor. Each event takes effect once.
 */
export async function consumeFeedPage(
  em: EntityManager,
  cursorTable: string,
  source: string,
  read: (after: string) => Promise<FeedPage>,
  apply: (tx: EntityManager, events: FeedPage['events']) => Promise<void>,
): Promise<{ consumed: number; caughtUp: boolean }> {
  const [cursor] = await em.execute<Array<{ position: string }>>(`SELECT position FROM ${cursorTable} WHERE source = ?`, [source]);
  const page = await read(cursor.position);
  return em.transactional(async (tx) => {
    const [locked] = await tx.execute<Array<{ position: string }>>(`SELECT position FROM ${cursorTable} WHERE source = ? FOR UPDATE`, [
      source,
    ]);
    if (locked.position !== cursor.position) return { consumed: 0, caughtUp: false };
    await apply(tx as EntityManager, page.events);
    const last = page.events.at(-1);
    if (last) await tx.execute(`UPDATE ${cursorTable} SET position = ? WHERE source = ?`, [last.position, source]);
    return { consumed: page.events.length, caughtUp: page.caughtUp };
  });
}
