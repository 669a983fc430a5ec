import { Arg, Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { payloadUserError, UserError } from '../../../common/errors';
import { Connection, paginate } from '../../../common/pagination';
import { Money } from '../../../common/scalars';
import type { ParticipantsContext } from '../context';
import { Participant } from '../participant/participant.entity';
import { maskAccountNumber, registerPayoutAccount } from './payout-account.service';
import { IncentiveLedgerEntry, Payout, PayoutAccount } from './payout.entity';
import { PAYOUT_ACCOUNT_REGISTER_ERRORS, PAYOUT_RETRY_ERRORS } from './payout.enums';
import { PayoutAccountRegisterInput, PayoutRetryInput, PayoutsArgs } from './payout.inputs';
import { retryPayout } from './payout.service';

@ObjectType({ description: 'A page of payouts.' })
class PayoutConnection extends Connection(Payout, 'Payout', 'payout') {}

const PayoutAccountRegisterUserError = payloadUserError('PayoutAccountRegister', PAYOUT_ACCOUNT_REGISTER_ERRORS);
const PayoutRetryUserError = payloadUserError('PayoutRetry', PAYOUT_RETRY_ERRORS);

@ObjectType({ description: 'Result of payoutAccountRegister.' })
class PayoutAccountRegisterPayload {
  @Field(() => PayoutAccount, { nullable: true, description: 'The verified account; null when refused.' })
  payoutAccount: PayoutAccount | null;

  @Field(() => [PayoutAccountRegisterUserError], { description: 'Why the account was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of payoutRetry.' })
class PayoutRetryPayload {
  @Field(() => Payout, { nullable: true, description: 'The payout, PENDING again (as it stands when NOT_FAILED).' })
  payout: Payout | null;

  @Field(() => [PayoutRetryUserError], { description: 'Why the retry was refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver(() => Payout)
export class PayoutResolver {
  @FieldResolver(() => Money, { description: 'Rupiah paid to the participant.' })
  amount(@Root() payout: Payout) {
    return Money.idr(payout.amount);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The destination account, masked; null before the first attempt.' })
  accountNumberMasked(@Root() payout: Payout) {
    return payout.accountNumber && maskAccountNumber(payout.accountNumber);
  }

  @FieldResolver(() => Participant, { nullable: true, description: 'Whose incentive it is.' })
  participant(@Root() payout: Payout, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.participant.load(payout.participantId);
  }

  @Query(() => PayoutConnection, {
    nullable: true,
    description: 'Every payout, newest first, optionally by status (FAILED: the ones to look at and retry). Programme office only.',
  })
  payouts(@Args() { first, after, status }: PayoutsArgs, @Ctx() { identity, em }: ParticipantsContext) {
    requireRole(identity, 'admin');
    return paginate(em, Payout, status ? { status } : {}, { first, after, sortBy: 'createdAt', direction: 'desc' });
  }

  @Mutation(() => PayoutRetryPayload, {
    nullable: true,
    description: 'Sends a FAILED payout again with the same reference (the provider pays a reference at most once). Programme office only.',
  })
  payoutRetry(
    @Arg('input', () => PayoutRetryInput, { description: 'The payout.' }) input: PayoutRetryInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'admin');
    return retryPayout(em, input.id);
  }

  @Mutation(() => PayoutAccountRegisterPayload, {
    nullable: true,
    description:
      'Registers the caller’s e-wallet or bank account for incentives: the provider’s KYC lookup must report the caller’s own NIK (NIK_MISMATCH otherwise, and nothing is stored). Replaces an earlier account. Participants only.',
  })
  payoutAccountRegister(
    @Arg('input', () => PayoutAccountRegisterInput, { description: 'The account.' }) input: PayoutAccountRegisterInput,
    @Ctx() { identity, em, disbursement }: ParticipantsContext,
  ) {
    requireRole(identity, 'participant');
    return registerPayoutAccount(em, disbursement, identity.subject!, input);
  }
}

@Resolver(() => PayoutAccount)
export class PayoutAccountResolver {
  @FieldResolver(() => String, { description: 'The account number with all but its last four digits hidden.' })
  accountNumberMasked(@Root() account: PayoutAccount) {
    return maskAccountNumber(account.accountNumber);
  }
}

@Resolver(() => IncentiveLedgerEntry)
export class IncentiveLedgerEntryResolver {
  @FieldResolver(() => Money, { description: 'Rupiah paid.' })
  amount(@Root() entry: IncentiveLedgerEntry) {
    return Money.idr(entry.amount);
  }
}
