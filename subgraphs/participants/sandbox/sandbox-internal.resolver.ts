import { Arg, Ctx, Directive, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { SafeInt } from '../../../common/scalars';
import type { ParticipantsContext } from '../context';
import { debitTestCard, refundTestCard, testCardBalance } from './sandbox.service';

@InputType({ description: 'Debit a sandbox purchase from its test card.' })
@Directive('@inaccessible')
export class SandboxCardDebitInput {
  @Field(() => ID, { description: 'The sandbox purchase id: the idempotency key.' })
  referenceId: string;

  @Field({ description: 'The test card.' })
  cardNumber: string;

  @Field(() => ID, { description: 'The sandbox platform; another platform’s test card is unknown.' })
  partnerId: string;

  @Field(() => SafeInt, { description: 'Rupiah to debit.' })
  amount: number;
}

/** The sandbox's service-to-service calls from the courses subgraph; hidden from the supergraph, role `service` only. */
@Resolver()
export class SandboxInternalResolver {
  @Query(() => SafeInt, { nullable: true, description: 'A test card’s balance; null unless it is this platform’s test card.' })
  @Directive('@inaccessible')
  sandboxCardBalance(
    @Arg('cardNumber', { description: 'The test card number.' }) cardNumber: string,
    @Arg('partnerId', () => ID, { description: 'The sandbox platform.' }) partnerId: string,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return testCardBalance(em, cardNumber, partnerId);
  }

  @Mutation(() => String, {
    description: 'Debit a sandbox purchase once: DEBITED (also on a retry), INSUFFICIENT_BALANCE or UNKNOWN_CARD.',
  })
  @Directive('@inaccessible')
  sandboxCardDebit(
    @Arg('input', () => SandboxCardDebitInput, { description: 'The debit.' }) input: SandboxCardDebitInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return debitTestCard(em, input);
  }

  @Mutation(() => Boolean, {
    description: 'Credit a sandbox purchase’s debit back once (a void). Idempotent; false when it was never debited.',
  })
  @Directive('@inaccessible')
  sandboxCardRefund(
    @Arg('referenceId', () => ID, { description: 'The sandbox purchase id.' }) referenceId: string,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return refundTestCard(em, referenceId);
  }
}
