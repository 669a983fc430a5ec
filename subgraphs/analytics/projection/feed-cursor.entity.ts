import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** How far the read model has projected one source's feed; written in the same transaction as the projection. */
@Entity({ tableName: 'feed_cursor' })
export class FeedCursor {
  /** The source subgraph. */
  @PrimaryKey({ type: 'text' })
  source: string;

  /** Position of the last projected event, `<transaction id>:<event id>` (`0:0`: none yet). */
  @Property({ type: 'text' })
  position: string = '0:0';

  /** Events projected so far: equals the feed's events up to `position`, or something was counted twice. */
  @Property({ type: 'bigint' })
  eventsProjected: string = '0';

  /** When the last projected event happened in its source. */
  @Property({ type: 'timestamptz', nullable: true })
  lastEventAt?: Date;

  /** Start of the last poll that found nothing more to read: everything committed before it is projected. */
  @Property({ type: 'timestamptz', nullable: true })
  caughtUpAt?: Date;
}
