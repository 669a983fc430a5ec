import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Cohort } from '../cohort/cohort.entity';
import { Participant } from '../participant/participant.entity';

export enum CardStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  FINISHED = 'FINISHED',
}
registerEnumType(CardStatus, {
  name: 'CardStatus',
  description: 'Lifecycle of a Kartu Prakerja.',
  valuesConfig: {
    ACTIVE: { description: 'Usable for purchases.' },
    REVOKED: { description: 'Revoked (no course bought within the purchase window); the balance went back to the state.' },
    FINISHED: { description: 'The participant finished the programme.' },
  },
});

@ObjectType({ description: 'A Kartu Prakerja: issued once to each selected participant, with its training balance in a wallet.' })
@Entity({ tableName: 'card' })
@Unique({ properties: ['participant'] })
@Index({ properties: ['status', 'purchaseDeadline'] })
export class Card {
  [OptionalProps]?: 'id' | 'createdAt' | 'status' | 'firstPurchaseAt' | 'revokedAt';

  @Field(() => ID, { description: 'Opaque id of the card.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** 16 digits, Luhn check digit last; exposed to self/admin only by the resolver. */
  @Property({ type: 'text', unique: true })
  number: string;

  @ManyToOne(() => Participant, { deleteRule: 'cascade' })
  participant: Participant;

  @ManyToOne(() => Cohort)
  @Index()
  cohort: Cohort;

  @Field(() => CardStatus, { description: 'Whether the card can be used.' })
  @Enum({ items: () => CardStatus, nativeEnumName: 'card_status' })
  status: CardStatus = CardStatus.ACTIVE;

  @Field({ description: 'The first course must be bought before this instant, else the card is revoked.' })
  @Property({ type: 'timestamptz' })
  purchaseDeadline: Date;

  @Field(() => Date, { nullable: true, description: 'When the first purchase was captured; null before.' })
  @Property({ type: 'timestamptz', nullable: true })
  firstPurchaseAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the card was revoked; null unless REVOKED.' })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Field({ description: 'When the card was issued (the selection).' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
