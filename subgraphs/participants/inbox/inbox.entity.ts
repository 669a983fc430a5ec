import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Participant } from '../participant/participant.entity';

@ObjectType({ description: "A message in a participant's in-app inbox (OTPs in development, programme notices)." })
@Entity({ tableName: 'inbox_message' })
@Index({ properties: ['participant', 'createdAt'] })
export class InboxMessage {
  [OptionalProps]?: 'id' | 'createdAt';

  @Field(() => ID, { description: 'Opaque id of the message.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Participant, { deleteRule: 'cascade' })
  participant: Participant;

  /** Sender's idempotency key: the same delivery twice writes one message. */
  @Property({ type: 'text', unique: true })
  referenceId: string;

  @Field({ description: 'Subject line.' })
  @Property({ type: 'text' })
  subject: string;

  @Field({ description: 'Message text.' })
  @Property({ type: 'text' })
  body: string;

  @Field({ description: 'When the message was delivered.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
