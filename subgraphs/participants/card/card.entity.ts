import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
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
    REVOKED: {
      description: 'Revoked (no course bought within the purchase window, or by the programme office); the balance went back to the state.',
    },
    FINISHED: { description: 'The participant finished the programme.' },
  },
});

/** Why a card was revoked: the deadline rule, or a decision of the programme office (cardRevoke). */
export enum CardRevocationReason {
  PURCHASE_DEADLINE = 'PURCHASE_DEADLINE',
  INELIGIBLE = 'INELIGIBLE',
  FALSE_DATA = 'FALSE_DATA',
}
registerEnumType(CardRevocationReason, {
  name: 'CardRevocationReason',
  description: 'Why a Kartu Prakerja was revoked.',
  valuesConfig: {
    PURCHASE_DEADLINE: { description: 'No course was bought before the purchase deadline (automatic).' },
    INELIGIBLE: {
      description:
        'The programme office found the holder ineligible after selection (for example a civil servant, or a second card in the family).',
    },
    FALSE_DATA: { description: 'The programme office found the registration data false.' },
  },
});

@ObjectType({ description: 'A Kartu Prakerja: issued once to each selected participant, with its training balance in a wallet.' })
@Entity({ tableName: 'card' })
@Unique({ properties: ['participant'] })
@Index({ properties: ['status', 'purchaseDeadline'] })
@Check({ name: 'card_revocation_reason_check', expression: "(status = 'REVOKED') = (revocation_reason is not null)" })
export class Card {
  [OptionalProps]?: 'id' | 'createdAt' | 'status' | 'firstPurchaseAt' | 'revokedAt' | 'revocationReason' | 'revocationNote';

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

  @Field(() => CardRevocationReason, { nullable: true, description: 'Why the card was revoked; null unless REVOKED.' })
  @Enum({ items: () => CardRevocationReason, nativeEnumName: 'card_revocation_reason', nullable: true })
  revocationReason: CardRevocationReason | null = null;

  /** The office's note on a revocation (exposed to self and office by the resolver); null for the deadline rule. */
  @Property({ type: 'text', nullable: true })
  revocationNote: string | null = null;

  @Field({ description: 'When the card was issued (the selection).' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
