import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import type { ParticipantsContext } from '../context';
import { deliverInboxMessage } from '../inbox/inbox.service';
import { recordCompletion } from '../participant/completion.service';
import {
  InboxMessageDeliverInput,
  ParticipantCompletionRecordInput,
  WalletCard,
  WalletHoldPayload,
  WalletHoldPlaceInput,
} from './internal-api.types';
import { captureHold, cardState, placeHold, refundHold, releaseHold } from '../wallet/wallet.service';

/** Service-to-service API used by the courses subgraph; hidden from the supergraph, role `service` only. */
@Resolver()
export class InternalResolver {
  @Query(() => WalletCard, { nullable: true, description: 'Card state for purchase checks; null for an unknown card number.' })
  @Directive('@inaccessible')
  async walletCard(
    @Arg('cardNumber', { description: 'The card number.' }) cardNumber: string,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    const state = await cardState(em, cardNumber);
    return state && Object.assign(new WalletCard(), state);
  }

  @Mutation(() => WalletHoldPayload, {
    description:
      "Reserve amount on the card's wallet, keyed by referenceId (the purchase id). Same referenceId + same card + same amount returns the existing hold; anything else HOLD_CONFLICT.",
  })
  @Directive('@inaccessible')
  walletHoldPlace(
    @Arg('input', () => WalletHoldPlaceInput, { description: 'The hold.' }) input: WalletHoldPlaceInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return placeHold(em, input);
  }

  @Mutation(() => WalletHoldPayload, {
    description: 'Turn an ACTIVE hold into a debit ledger entry. Idempotent: CAPTURED returns the same hold.',
  })
  @Directive('@inaccessible')
  walletHoldCapture(
    @Arg('referenceId', () => ID, { description: 'The purchase id.' }) referenceId: string,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return captureHold(em, referenceId);
  }

  @Mutation(() => WalletHoldPayload, { description: 'Release an ACTIVE hold (OTP locked, purchase abandoned). Idempotent.' })
  @Directive('@inaccessible')
  walletHoldRelease(
    @Arg('referenceId', () => ID, { description: 'The purchase id.' }) referenceId: string,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return releaseHold(em, referenceId);
  }

  @Mutation(() => WalletHoldPayload, {
    description: "Credit a CAPTURED hold's amount back once (void). Idempotent: REFUNDED returns the same hold.",
  })
  @Directive('@inaccessible')
  walletRefund(
    @Arg('referenceId', () => ID, { description: 'The purchase id.' }) referenceId: string,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return refundHold(em, referenceId);
  }

  @Mutation(() => Boolean, {
    description: "Write a message into the participant's in-app inbox (OTP delivery in development). Idempotent by referenceId.",
  })
  @Directive('@inaccessible')
  inboxMessageDeliver(
    @Arg('input', () => InboxMessageDeliverInput, { description: 'The message.' }) input: InboxMessageDeliverInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return deliverInboxMessage(em, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Record that the participant completed a course; the first completion makes the post-training incentive owed once that course is reviewed (AWAITING_REVIEW until then). Idempotent by enrollmentId.',
  })
  @Directive('@inaccessible')
  participantCompletionRecord(
    @Arg('input', () => ParticipantCompletionRecordInput, { description: 'The completion.' }) input: ParticipantCompletionRecordInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'service');
    return recordCompletion(em, input);
  }
}
