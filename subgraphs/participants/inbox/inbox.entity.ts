import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Participant } from '../participant/participant.entity';

export enum InboxMessageKind {
  OTP = 'OTP',
  SELECTION_RESULT = 'SELECTION_RESULT',
  CARD_ISSUED = 'CARD_ISSUED',
  PURCHASE_AUTHORIZED = 'PURCHASE_AUTHORIZED',
  ATTENDANCE_RECORDED = 'ATTENDANCE_RECORDED',
  COURSE_COMPLETED = 'COURSE_COMPLETED',
  CERTIFICATE_ISSUED = 'CERTIFICATE_ISSUED',
  INCENTIVE_PAID = 'INCENTIVE_PAID',
  PURCHASE_DEADLINE_REMINDER = 'PURCHASE_DEADLINE_REMINDER',
  CARD_REVOKED = 'CARD_REVOKED',
}
registerEnumType(InboxMessageKind, {
  name: 'InboxMessageKind',
  description: 'What an inbox message is about.',
  valuesConfig: {
    OTP: { description: 'A purchase OTP (development delivery).' },
    SELECTION_RESULT: { description: 'The outcome of a cohort draw: selected or not, with the reason.' },
    CARD_ISSUED: { description: 'A Kartu Prakerja was issued and activated with its training balance.' },
    PURCHASE_AUTHORIZED: { description: 'A course purchase was paid from the training balance.' },
    ATTENDANCE_RECORDED: { description: 'A platform recorded attendance of a session.' },
    COURSE_COMPLETED: { description: 'A platform reported the course completed.' },
    CERTIFICATE_ISSUED: { description: 'The certificate of a completed course was issued.' },
    INCENTIVE_PAID: { description: 'The post-training incentive was paid.' },
    PURCHASE_DEADLINE_REMINDER: { description: 'The purchase deadline of the card is near and balance is left.' },
    CARD_REVOKED: {
      description: 'The programme office revoked the card, with the reason; purchases in flight ended and the balance was withdrawn.',
    },
  },
});

@ObjectType({ description: "A message in a participant's in-app inbox: programme notifications and (in development) OTPs." })
@Entity({ tableName: 'inbox_message' })
@Index({ properties: ['participant', 'createdAt'] })
export class InboxMessage {
  [OptionalProps]?: 'id' | 'createdAt' | 'readAt' | 'channelDeliveredAt';

  @Field(() => ID, { description: 'Opaque id of the message.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Participant, { deleteRule: 'cascade' })
  participant: Participant;

  /** Sender's idempotency key (for notifications, the source event or fact): the same delivery twice writes one message. */
  @Property({ type: 'text', unique: true })
  referenceId: string;

  @Field(() => InboxMessageKind, { description: 'What the message is about.' })
  @Enum({ items: () => InboxMessageKind, nativeEnumName: 'inbox_message_kind' })
  kind: InboxMessageKind;

  @Field({ description: 'Subject line.' })
  @Property({ type: 'text' })
  subject: string;

  @Field({ description: 'Message text.' })
  @Property({ type: 'text' })
  body: string;

  @Field({ description: 'When the message was delivered.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When the participant marked it read; null while unread.' })
  @Property({ type: 'timestamptz', nullable: true })
  readAt: Date | null = null;

  /** When the notification channel (SMS, push…) confirmed it; null until then, and the delivery job retries. */
  @Property({ type: 'timestamptz', nullable: true })
  channelDeliveredAt: Date | null = null;
}
