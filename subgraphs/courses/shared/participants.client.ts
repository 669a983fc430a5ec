import { internalClient } from '../../../common/internal-client';
import { PARTICIPANTS_OPERATIONS as OPS } from './participants.operations';
import type {
  InboxMessageDeliverMutation,
  InboxMessageDeliverMutationVariables,
  ParticipantCompletionRecordMutation,
  ParticipantCompletionRecordMutationVariables,
  SandboxCardBalanceQuery,
  SandboxCardBalanceQueryVariables,
  SandboxCardDebitMutation,
  SandboxCardDebitMutationVariables,
  SandboxCardRefundMutation,
  SandboxCardRefundMutationVariables,
  WalletCardQuery,
  WalletCardQueryVariables,
  WalletHoldCaptureMutation,
  WalletHoldCaptureMutationVariables,
  WalletHoldPlaceMutation,
  WalletHoldPlaceMutationVariables,
  WalletHoldReleaseMutation,
  WalletHoldReleaseMutationVariables,
  WalletRefundMutation,
  WalletRefundMutationVariables,
} from './participants.operations.generated';

/*
 * Every call the courses subgraph makes to the participants subgraph (wallet, inbox, completion record),
 * behind one interface so that the service logic can be exercised without it. All the operations are
 * idempotent on the participants side, keyed by the purchase (or enrollment) id: retrying is always safe.
 * The wire types are generated from the documents (participants.operations.ts); this file turns timestamps
 * into Dates.
 */

type WireCard = NonNullable<WalletCardQuery['walletCard']>;
type WireResult = WalletHoldPlaceMutation['walletHoldPlace'];
type WireHold = NonNullable<WireResult['hold']>;

export type WalletCard = Omit<WireCard, 'purchaseDeadline'> & { purchaseDeadline: Date | null };
export type WalletHold = Omit<WireHold, 'expiresAt'> & { expiresAt: Date };
export interface WalletResult {
  hold: WalletHold | null;
  userErrors: WireResult['userErrors'];
}

export interface ParticipantsPort {
  walletCard(cardNumber: string): Promise<WalletCard | null>;
  holdPlace(input: { referenceId: string; cardNumber: string; amount: number; expiresAt: Date }): Promise<WalletResult>;
  holdCapture(referenceId: string): Promise<WalletResult>;
  holdRelease(referenceId: string): Promise<WalletResult>;
  refund(referenceId: string): Promise<WalletResult>;
  inboxMessageDeliver(input: InboxMessageDeliverMutationVariables['input']): Promise<boolean>;
  completionRecord(input: { participantId: string; enrollmentId: string; completedAt: Date }): Promise<boolean>;
  /** The sandbox: a test card's balance (null unless the platform's own), and a debit keyed by the sandbox purchase id. */
  sandboxCardBalance(cardNumber: string, partnerId: string): Promise<number | null>;
  sandboxCardDebit(input: SandboxCardDebitMutationVariables['input']): Promise<string>;
  sandboxCardRefund(referenceId: string): Promise<boolean>;
}

const toResult = (wire: WireResult): WalletResult => ({
  hold: wire.hold ? { ...wire.hold, expiresAt: new Date(wire.hold.expiresAt) } : null,
  userErrors: wire.userErrors,
});

/** The participants subgraph's internal API (see the brief), called as the signed `courses` service. */
export class ParticipantsClient implements ParticipantsPort {
  private readonly call: ReturnType<typeof internalClient>;

  constructor(url: string) {
    this.call = internalClient(url, 'courses');
  }

  async walletCard(cardNumber: string): Promise<WalletCard | null> {
    const { walletCard: card } = await this.call<WalletCardQuery, WalletCardQueryVariables>(OPS.WalletCard, { cardNumber });
    return card ? { ...card, purchaseDeadline: card.purchaseDeadline ? new Date(card.purchaseDeadline) : null } : null;
  }

  async holdPlace(input: { referenceId: string; cardNumber: string; amount: number; expiresAt: Date }): Promise<WalletResult> {
    const data = await this.call<WalletHoldPlaceMutation, WalletHoldPlaceMutationVariables>(OPS.WalletHoldPlace, {
      input: { ...input, expiresAt: input.expiresAt.toISOString() },
    });
    return toResult(data.walletHoldPlace);
  }

  async holdCapture(referenceId: string): Promise<WalletResult> {
    const data = await this.call<WalletHoldCaptureMutation, WalletHoldCaptureMutationVariables>(OPS.WalletHoldCapture, { id: referenceId });
    return toResult(data.walletHoldCapture);
  }

  async holdRelease(referenceId: string): Promise<WalletResult> {
    const data = await this.call<WalletHoldReleaseMutation, WalletHoldReleaseMutationVariables>(OPS.WalletHoldRelease, { id: referenceId });
    return toResult(data.walletHoldRelease);
  }

  async refund(referenceId: string): Promise<WalletResult> {
    const data = await this.call<WalletRefundMutation, WalletRefundMutationVariables>(OPS.WalletRefund, { id: referenceId });
    return toResult(data.walletRefund);
  }

  async inboxMessageDeliver(input: InboxMessageDeliverMutationVariables['input']): Promise<boolean> {
    const data = await this.call<InboxMessageDeliverMutation, InboxMessageDeliverMutationVariables>(OPS.InboxMessageDeliver, { input });
    return data.inboxMessageDeliver;
  }

  async completionRecord(input: { participantId: string; enrollmentId: string; completedAt: Date }): Promise<boolean> {
    const data = await this.call<ParticipantCompletionRecordMutation, ParticipantCompletionRecordMutationVariables>(
      OPS.ParticipantCompletionRecord,
      { input: { ...input, completedAt: input.completedAt.toISOString() } },
    );
    return data.participantCompletionRecord;
  }

  async sandboxCardBalance(cardNumber: string, partnerId: string): Promise<number | null> {
    const data = await this.call<SandboxCardBalanceQuery, SandboxCardBalanceQueryVariables>(OPS.SandboxCardBalance, {
      cardNumber,
      partnerId,
    });
    return data.sandboxCardBalance;
  }

  async sandboxCardDebit(input: SandboxCardDebitMutationVariables['input']): Promise<string> {
    const data = await this.call<SandboxCardDebitMutation, SandboxCardDebitMutationVariables>(OPS.SandboxCardDebit, { input });
    return data.sandboxCardDebit;
  }

  async sandboxCardRefund(referenceId: string): Promise<boolean> {
    const data = await this.call<SandboxCardRefundMutation, SandboxCardRefundMutationVariables>(OPS.SandboxCardRefund, { id: referenceId });
    return data.sandboxCardRefund;
  }
}
