/*
 * The documents the courses subgraph sends to the participants subgraph's internal API. Their result and
 * variable types are generated from the participants subgraph's SDL into participants.operations.generated.ts
 * (`npm run codegen`; a test fails when that file is stale).
 */

const HOLD_RESULT = 'hold { referenceId participantId amount status expiresAt } userErrors { code message }';

export const PARTICIPANTS_OPERATIONS = {
  WalletCard: /* GraphQL */ `
    query WalletCard($cardNumber: String!) {
      walletCard(cardNumber: $cardNumber) {
        participantId
        cardNumber
        status
        purchaseDeadline
        balance
        availableBalance
        ageYears
        educationLevel
      }
    }
  `,
  WalletHoldPlace: /* GraphQL */ `mutation WalletHoldPlace($input: WalletHoldPlaceInput!) { walletHoldPlace(input: $input) { ${HOLD_RESULT} } }`,
  WalletHoldCapture: /* GraphQL */ `mutation WalletHoldCapture($id: ID!) { walletHoldCapture(referenceId: $id) { ${HOLD_RESULT} } }`,
  WalletHoldRelease: /* GraphQL */ `mutation WalletHoldRelease($id: ID!) { walletHoldRelease(referenceId: $id) { ${HOLD_RESULT} } }`,
  WalletRefund: /* GraphQL */ `mutation WalletRefund($id: ID!) { walletRefund(referenceId: $id) { ${HOLD_RESULT} } }`,
  InboxMessageDeliver: /* GraphQL */ `
    mutation InboxMessageDeliver($input: InboxMessageDeliverInput!) {
      inboxMessageDeliver(input: $input)
    }
  `,
  ParticipantCompletionRecord: /* GraphQL */ `
    mutation ParticipantCompletionRecord($input: ParticipantCompletionRecordInput!) {
      participantCompletionRecord(input: $input)
    }
  `,
  SandboxCardBalance: /* GraphQL */ `
    query SandboxCardBalance($cardNumber: String!, $partnerId: ID!) {
      sandboxCardBalance(cardNumber: $cardNumber, partnerId: $partnerId)
    }
  `,
  SandboxCardDebit: /* GraphQL */ `
    mutation SandboxCardDebit($input: SandboxCardDebitInput!) {
      sandboxCardDebit(input: $input)
    }
  `,
  SandboxCardRefund: /* GraphQL */ `
    mutation SandboxCardRefund($id: ID!) {
      sandboxCardRefund(referenceId: $id)
    }
  `,
} as const;
