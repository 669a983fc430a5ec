import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EducationLevel } from '../../../common/education';
import { UserError } from '../../../common/errors';
import { SafeInt } from '../../../common/scalars';
import { CardStatus } from '../card/card.entity';
import { WalletHold } from '../wallet/wallet.entity';

@ObjectType({ description: 'Card state for purchase checks (courses subgraph).' })
@Directive('@inaccessible')
export class WalletCard {
  @Field(() => ID, { description: 'Owner of the card.' })
  participantId: string;

  @Field({ description: 'The card number.' })
  cardNumber: string;

  @Field(() => CardStatus, { description: 'Card status.' })
  status: CardStatus;

  @Field(() => Date, { nullable: true, description: 'Until when a first course can be bought.' })
  purchaseDeadline: Date | null;

  @Field(() => SafeInt, { description: 'Balance in rupiah.' })
  balance: number;

  @Field(() => SafeInt, { description: 'Balance minus active (non-expired) holds.' })
  availableBalance: number;

  @Field(() => Int, { description: "The holder's age in full years today, for courses' age requirements (not the birth date)." })
  ageYears: number;

  @Field(() => EducationLevel, {
    nullable: true,
    description: "The holder's highest education declared, for courses' minimum education; null when not declared.",
  })
  educationLevel: EducationLevel | null;
}

@InputType({ description: 'Reserve an amount for a purchase.' })
@Directive('@inaccessible')
export class WalletHoldPlaceInput {
  @Field(() => ID, { description: 'The purchase id: the idempotency key.' })
  referenceId: string;

  @Field({ description: 'The card to charge.' })
  cardNumber: string;

  @Field(() => SafeInt, { description: 'Rupiah to reserve.' })
  amount: number;

  @Field({
    description:
      'When the hold stops counting if not captured: in the future and at most one hour ahead (BAD_USER_INPUT otherwise, for a new hold).',
  })
  expiresAt: Date;
}

@ObjectType({ description: 'Result of a wallet hold operation.' })
@Directive('@inaccessible')
export class WalletHoldPayload {
  @Field(() => WalletHold, { nullable: true, description: 'The hold (also on some refusals, to show its state).' })
  hold: WalletHold | null;

  @Field(() => [UserError], { description: 'Why it was refused.' })
  userErrors: UserError[];
}

@InputType({ description: 'A message for a participant.' })
@Directive('@inaccessible')
export class InboxMessageDeliverInput {
  @Field(() => ID, { description: 'Recipient.' })
  participantId: string;

  @Field(() => ID, { description: 'Idempotency key chosen by the sender.' })
  referenceId: string;

  @Field({ description: 'Subject line.' })
  subject: string;

  @Field({ description: 'Message text.' })
  body: string;
}

@InputType({ description: 'A course completion.' })
@Directive('@inaccessible')
export class ParticipantCompletionRecordInput {
  @Field(() => ID, { description: 'Who completed.' })
  participantId: string;

  @Field(() => ID, { description: 'The completed enrollment: the idempotency key.' })
  enrollmentId: string;

  @Field({ description: 'When the course was completed.' })
  completedAt: Date;
}
