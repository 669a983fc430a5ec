import { BigIntType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { SurveyCode } from '../survey/survey.catalog';
import { PayoutAccountKind, PayoutKind, PayoutProvider, PayoutStatus } from './payout.enums';

/**
 * One incentive payment (the training incentive, or one survey's), keyed by `reference`: the id the
 * disbursement provider sees on every attempt. Its amount is exposed as Money by the resolver.
 */
@ObjectType({ description: 'One incentive payment to a participant’s payout account, with its attempts.' })
@Entity({ tableName: 'payout' })
export class Payout {
  @Field(() => ID, { description: 'Opaque id of the payout.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  participantId: string;

  @Field(() => PayoutKind, { description: 'What it pays.' })
  @Enum({ items: () => PayoutKind })
  kind: PayoutKind;

  @Field(() => SurveyCode, { nullable: true, description: 'The survey it pays for; null for the training incentive.' })
  @Enum({ items: () => SurveyCode, nullable: true })
  survey: SurveyCode | null = null;

  @Field({ description: 'The reference the disbursement provider sees on every attempt (its idempotency key).' })
  @Property({ type: 'text', unique: true })
  reference: string;

  @Property({ type: new BigIntType('number') })
  amount: number;

  @Field(() => PayoutStatus, { description: 'Where it stands.' })
  @Enum({ items: () => PayoutStatus })
  status: PayoutStatus = PayoutStatus.PENDING;

  @Field(() => Int, { description: 'Attempts made so far (since the last office retry).' })
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; null when none did.' })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field({ description: 'When it is (or was) next due to be sent.' })
  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  /** A sender holds it until then (payout-sender.ts); another instance may take it over only after. */
  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  /** The destination of the first attempt, kept for every retry: one reference, one destination. */
  @Property({ type: 'text', nullable: true })
  accountProvider: PayoutProvider | null = null;

  @Property({ type: 'text', nullable: true })
  accountNumber: string | null = null;

  @Field(() => String, { nullable: true, description: 'The provider’s id of the transfer, once paid.' })
  @Property({ type: 'text', nullable: true })
  providerTransferId: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the provider confirmed it; null before.' })
  @Property({ type: 'timestamptz', nullable: true })
  paidAt: Date | null = null;

  @Field({ description: 'When the incentive became payable.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

@ObjectType({ description: 'The verified account incentives are paid to: the provider’s KYC reported the participant’s own NIK.' })
@Entity({ tableName: 'payout_account' })
export class PayoutAccount {
  @PrimaryKey({ type: 'uuid' })
  participantId: string;

  @Field(() => PayoutAccountKind, { description: 'E-wallet or bank.' })
  @Enum({ items: () => PayoutAccountKind })
  kind: PayoutAccountKind;

  @Field(() => PayoutProvider, { description: 'Which e-wallet or bank.' })
  @Enum({ items: () => PayoutProvider })
  provider: PayoutProvider;

  /** Full number; the graph shows it masked. */
  @Property({ type: 'text' })
  accountNumber: string;

  @Field({ description: 'The holder’s name as the provider reports it.' })
  @Property({ type: 'text' })
  holderName: string;

  @Field({ description: 'Whether the holder’s NIK matched the participant’s (always true: a mismatch is not stored).' })
  @Property({ type: 'boolean' })
  nikMatched: boolean;

  @Field({ description: 'When the provider’s KYC lookup was checked against the participant’s NIK.' })
  @Property({ type: 'timestamptz' })
  checkedAt: Date;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** The incentive ledger: one append-only entry per payout paid, apart from the training wallet's ledger. */
@ObjectType({ description: 'Money paid out as an incentive: one entry per payout paid, never two.' })
@Entity({ tableName: 'incentive_ledger_entry' })
export class IncentiveLedgerEntry {
  @Field(() => ID, { description: 'Opaque id of the entry.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  participantId: string;

  @Field(() => ID, { description: 'The payout it records.' })
  @Property({ type: 'uuid', unique: true })
  payoutId: string;

  @Field(() => PayoutKind, { description: 'What was paid.' })
  @Enum({ items: () => PayoutKind })
  kind: PayoutKind;

  @Property({ type: new BigIntType('number') })
  amount: number;

  @Field({ description: 'The payout’s reference.' })
  @Property({ type: 'text' })
  reference: string;

  @Field({ description: 'When it was paid.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
