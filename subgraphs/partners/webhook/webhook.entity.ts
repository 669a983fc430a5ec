import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Partner } from '../partner/partner.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery is: PENDING (first try or retry due) → DELIVERED, or FAILED after the last retry.',
  valuesConfig: {
    PENDING: { description: 'Not yet acknowledged with a 2xx; `nextAttemptAt` says when it is tried (again).' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every retry failed; `webhookDeliveryRedeliver` queues it again.' },
  },
});

@ObjectType({ description: 'Where a platform receives its signed webhook events: one HTTPS endpoint per platform.' })
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpoint {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Opaque id of the endpoint.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Partner, { deleteRule: 'cascade', unique: true })
  partner: Partner;

  @Field({ description: 'The URL events are POSTed to (HTTPS; plain http only to 127.0.0.1/localhost outside production).' })
  @Property({ type: 'text' })
  url: string;

  @Field({ description: 'When the endpoint was first registered: only events from then on are delivered.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field({ description: 'When the URL was last changed.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

@ObjectType({ description: 'One event queued for one platform, with its retries: a line of the delivery log.' })
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['partnerId', 'createdAt'] })
export class WebhookDelivery {
  [OptionalProps]?: 'id' | 'createdAt' | 'attempts' | 'status' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt';

  @Field(() => ID, { description: 'The delivery id, also sent as `x-delivery-id` and in the body: deduplicate on it.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  partnerId: string;

  @Field(() => ID, { description: 'The domain event delivered (docs/events.md).' })
  @Property({ type: 'uuid' })
  eventId: string;

  @Field({ description: 'Webhook event type, for example `purchase.expired`.' })
  @Property({ type: 'text' })
  eventType: string;

  @Field({ description: 'When the event happened.' })
  @Property({ type: 'timestamptz' })
  occurredAt: Date;

  @Field({ description: 'The exact JSON body sent (the same bytes on every attempt).' })
  @Property({ type: 'text' })
  body: string;

  @Field(() => WebhookDeliveryStatus, { description: 'PENDING, DELIVERED or FAILED.' })
  @Enum({ items: () => WebhookDeliveryStatus, nativeEnumName: 'webhook_delivery_status' })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Field(() => Int, { description: 'Attempts made so far (a redelivery starts counting again).' })
  @Property({ type: 'int' })
  attempts = 0;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null once DELIVERED or FAILED.' })
  @Property({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null = null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null if none was made or no answer came.' })
  @Property({ type: 'int', nullable: true })
  lastStatusCode: number | null = null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed without an HTTP status (timeout, refused connection).' })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the endpoint acknowledged it with a 2xx.' })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Field({ description: 'When the event was queued for this platform.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

@ObjectType({ description: 'One HTTP attempt of a webhook delivery.' })
@Entity({ tableName: 'webhook_attempt' })
export class WebhookAttempt {
  [OptionalProps]?: 'id' | 'attemptedAt';

  @Field(() => ID, { description: 'Opaque id of the attempt.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  @Index()
  deliveryId: string;

  @Field({ description: 'When the request was sent.' })
  @Property({ type: 'timestamptz' })
  attemptedAt: Date = new Date();

  @Field(() => Int, { nullable: true, description: 'HTTP status answered; null when none came.' })
  @Property({ type: 'int', nullable: true })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: 'Why no status came (timeout, connection refused), or why nothing was sent.' })
  @Property({ type: 'text', nullable: true })
  error: string | null;

  @Field(() => Int, { description: 'How long the endpoint took, in milliseconds.' })
  @Property({ type: 'int' })
  durationMs: number;
}
