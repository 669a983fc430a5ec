import { BigIntType, Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Money, SafeInt } from '../../../common/scalars';
import { Card } from '../card/card.entity';

/**
 * Balance and held amount of one card. The database refuses a negative balance and a hold larger than the
 * balance, whatever code runs; the balance always equals the sum of the wallet's ledger entries.
 */
@Entity({ tableName: 'wallet' })
@Check({ name: 'wallet_balance_nonnegative', expression: 'balance >= 0' })
@Check({ name: 'wallet_held_within_balance', expression: 'held >= 0 AND held <= balance' })
export class Wallet {
  [OptionalProps]?: 'balance' | 'held';

  /** Same id as the card: one wallet per card. */
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @ManyToOne(() => Card, { deleteRule: 'cascade', unique: true })
  card: Card;

  @Property({ type: new BigIntType('number') })
  balance: number = 0;

  @Property({ type: new BigIntType('number') })
  held: number = 0;
}

export enum LedgerKind {
  CREDIT_COHORT = 'CREDIT_COHORT',
  DEBIT_PURCHASE = 'DEBIT_PURCHASE',
  CREDIT_REFUND = 'CREDIT_REFUND',
  DEBIT_REVOCATION = 'DEBIT_REVOCATION',
}
registerEnumType(LedgerKind, {
  name: 'LedgerKind',
  description: 'Why money moved on a wallet.',
  valuesConfig: {
    CREDIT_COHORT: { description: 'Training balance credited at selection.' },
    DEBIT_PURCHASE: { description: 'A course purchase was paid.' },
    CREDIT_REFUND: { description: 'A voided purchase was refunded.' },
    DEBIT_REVOCATION: {
      description: 'The card was revoked; the remaining balance (or a refund arriving after the revocation) went back to the state.',
    },
  },
});

@ObjectType({ description: 'One append-only movement of a wallet. The entries of a wallet sum to its balance.' })
@Entity({ tableName: 'ledger_entry' })
@Unique({ properties: ['kind', 'referenceId'] })
@Index({ properties: ['wallet', 'createdAt'] })
@Check({
  name: 'ledger_amount_sign',
  expression:
    "(kind IN ('CREDIT_COHORT', 'CREDIT_REFUND') AND amount > 0) OR (kind IN ('DEBIT_PURCHASE', 'DEBIT_REVOCATION') AND amount < 0)",
})
export class LedgerEntry {
  [OptionalProps]?: 'id' | 'createdAt';

  @Field(() => ID, { description: 'Opaque id of the entry.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Wallet, { deleteRule: 'no action' })
  wallet: Wallet;

  @Field(() => LedgerKind, { description: 'Why the money moved.' })
  @Enum({ items: () => LedgerKind, nativeEnumName: 'ledger_kind' })
  kind: LedgerKind;

  /** Signed rupiah: credits positive, debits negative. Exposed as Money by the resolver. */
  @Property({ type: new BigIntType('number') })
  amount: number;

  @Field({
    description:
      'What caused it: the purchase id for purchases and refunds (and for the revocation of a refund that came after the card was revoked), the card id for the cohort credit and the revocation.',
  })
  @Property({ type: 'text' })
  referenceId: string;

  @Field({ description: 'When the entry was written.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

export enum WalletHoldStatus {
  ACTIVE = 'ACTIVE',
  CAPTURED = 'CAPTURED',
  RELEASED = 'RELEASED',
  EXPIRED = 'EXPIRED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(WalletHoldStatus, {
  name: 'WalletHoldStatus',
  description: 'Lifecycle of an amount reserved on a wallet for a purchase.',
  valuesConfig: {
    ACTIVE: { description: 'Reserved; not yet paid.' },
    CAPTURED: { description: 'Paid: a DEBIT_PURCHASE entry was written.' },
    RELEASED: { description: 'Given back before payment.' },
    EXPIRED: { description: 'Not captured in time; given back.' },
    REFUNDED: { description: 'Paid, then refunded by a CREDIT_REFUND entry.' },
  },
});

@Entity({ tableName: 'wallet_hold' })
@Index({ properties: ['wallet', 'status', 'expiresAt'] })
@Check({ name: 'wallet_hold_amount_positive', expression: 'amount > 0' })
export class WalletHoldRow {
  [OptionalProps]?: 'id' | 'createdAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The purchase id (courses subgraph): the idempotency key. */
  @Property({ type: 'text', unique: true })
  referenceId: string;

  @ManyToOne(() => Wallet, { deleteRule: 'cascade' })
  wallet: Wallet;

  @Property({ type: new BigIntType('number') })
  amount: number;

  @Enum({ items: () => WalletHoldStatus, nativeEnumName: 'wallet_hold_status' })
  status: WalletHoldStatus = WalletHoldStatus.ACTIVE;

  @Property({ type: 'timestamptz' })
  expiresAt: Date;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** Public view of a wallet (participant and admin). */
@ObjectType({ description: "A card's training balance." })
export class WalletView {
  @Field(() => ID, { description: 'Opaque id of the wallet (same as its card).' })
  id: string;

  @Field(() => Money, { description: 'Balance: the sum of the ledger entries.' })
  balance: Money;

  @Field(() => Money, { description: 'What can be spent now: the balance minus amounts reserved by purchases in progress.' })
  availableBalance: Money;

  @Field({ description: 'The first course must be bought before this instant.' })
  purchaseDeadline: Date;
}

/** Internal view of a hold, for the courses subgraph. */
@ObjectType({ description: 'An amount reserved on a wallet for a purchase.' })
@Directive('@inaccessible')
export class WalletHold {
  @Field(() => ID, { description: 'The purchase id the hold was placed for.' })
  referenceId: string;

  @Field(() => ID, { description: 'Owner of the card.' })
  participantId: string;

  @Field(() => SafeInt, { description: 'Reserved rupiah.' })
  amount: number;

  @Field(() => WalletHoldStatus, { description: 'Where the hold is in its lifecycle.' })
  status: WalletHoldStatus;

  @Field({ description: 'When an ACTIVE hold stops counting.' })
  expiresAt: Date;
}
