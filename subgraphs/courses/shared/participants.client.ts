import { internalClient } from '../../../common/internal-client';

/*
 * Every call the courses subgraph makes to the participants subgraph (wallet, inbox, completion record),
 * behind one interface so that the service logic can be exercised without it. All the operations are
 * idempotent on the participants side, keyed by the purchase (or enrollment) id: retrying is always safe.
 */

export interface WalletCard {
  participantId: string;
  cardNumber: string;
  status: 'ACTIVE' | 'REVOKED' | 'FINISHED';
  purchaseDeadline: Date | null;
  balance: number;
  availableBalance: number;
}

export interface WalletHold {
  referenceId: string;
  participantId: string;
  amount: number;
  status: 'ACTIVE' | 'CAPTURED' | 'RELEASED' | 'EXPIRED' | 'REFUNDED';
  expiresAt: Date;
}

export interface WalletResult {
  hold: WalletHold | null;
  userErrors: Array<{ code: string; message: string }>;
}

export interface ParticipantsPort {
  walletCard(cardNumber: string): Promise<WalletCard | null>;
  holdPlace(input: { referenceId: string; cardNumber: string; amount: number; expiresAt: Date }): Promise<WalletResult>;
  holdCapture(referenceId: string): Promise<WalletResult>;
  holdRelease(referenceId: string): Promise<WalletResult>;
  refund(referenceId: string): Promise<WalletResult>;
  inboxMessageDeliver(input: { participantId: string; referenceId: string; subject: string; body: string }): Promise<boolean>;
  completionRecord(input: { participantId: string; enrollmentId: string; completedAt: Date }): Promise<boolean>;
}

const HOLD_FIELDS = 'hold { referenceId participantId amount status expiresAt } userErrors { code message }';

type RawHold = Omit<WalletHold, 'expiresAt'> & { expiresAt: string };
type RawResult = { hold: RawHold | null; userErrors: WalletResult['userErrors'] };

const toResult = (raw: RawResult): WalletResult => ({
  hold: raw.hold ? { ...raw.hold, expiresAt: new Date(raw.hold.expiresAt) } : null,
  userErrors: raw.userErrors,
});

/** The participants subgraph's internal API (see the brief), called as the signed `courses` service. */
export class ParticipantsClient implements ParticipantsPort {
  private readonly call: ReturnType<typeof internalClient>;

  constructor(url: string) {
    this.call = internalClient(url, 'courses');
  }

  async walletCard(cardNumber: string): Promise<WalletCard | null> {
    const data = await this.call<{ walletCard: (Omit<WalletCard, 'purchaseDeadline'> & { purchaseDeadline: string | null }) | null }>(
      'query($cardNumber: String!) { walletCard(cardNumber: $cardNumber) { participantId cardNumber status purchaseDeadline balance availableBalance } }',
      { cardNumber },
    );
    const card = data.walletCard;
    return card ? { ...card, purchaseDeadline: card.purchaseDeadline ? new Date(card.purchaseDeadline) : null } : null;
  }

  async holdPlace(input: { referenceId: string; cardNumber: string; amount: number; expiresAt: Date }): Promise<WalletResult> {
    const data = await this.call<{ walletHoldPlace: RawResult }>(
      `mutation($input: WalletHoldPlaceInput!) { walletHoldPlace(input: $input) { ${HOLD_FIELDS} } }`,
      { input: { ...input, expiresAt: input.expiresAt.toISOString() } },
    );
    return toResult(data.walletHoldPlace);
  }

  async holdCapture(referenceId: string): Promise<WalletResult> {
    const data = await this.call<{ walletHoldCapture: RawResult }>(
      `mutation($id: ID!) { walletHoldCapture(referenceId: $id) { ${HOLD_FIELDS} } }`,
      { id: referenceId },
    );
    return toResult(data.walletHoldCapture);
  }

  async holdRelease(referenceId: string): Promise<WalletResult> {
    const data = await this.call<{ walletHoldRelease: RawResult }>(
      `mutation($id: ID!) { walletHoldRelease(referenceId: $id) { ${HOLD_FIELDS} } }`,
      { id: referenceId },
    );
    return toResult(data.walletHoldRelease);
  }

  async refund(referenceId: string): Promise<WalletResult> {
    const data = await this.call<{ walletRefund: RawResult }>(`mutation($id: ID!) { walletRefund(referenceId: $id) { ${HOLD_FIELDS} } }`, {
      id: referenceId,
    });
    return toResult(data.walletRefund);
  }

  async inboxMessageDeliver(input: { participantId: string; referenceId: string; subject: string; body: string }): Promise<boolean> {
    const data = await this.call<{ inboxMessageDeliver: boolean }>(
      'mutation($input: InboxMessageDeliverInput!) { inboxMessageDeliver(input: $input) }',
      { input },
    );
    return data.inboxMessageDeliver;
  }

  async completionRecord(input: { participantId: string; enrollmentId: string; completedAt: Date }): Promise<boolean> {
    const data = await this.call<{ participantCompletionRecord: boolean }>(
      'mutation($input: ParticipantCompletionRecordInput!) { participantCompletionRecord(input: $input) }',
      { input: { ...input, completedAt: input.completedAt.toISOString() } },
    );
    return data.participantCompletionRecord;
  }
}
