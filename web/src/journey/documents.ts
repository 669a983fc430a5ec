import { graphql } from '../gql';

/*
 * The documents of what follows a purchase (issue 14): the review, the incentive with its payout account,
 * payouts and surveys, and the inbox's read state. Each becomes a persisted document, like ../documents.ts.
 */

export const IncentiveQuery = graphql(`
  query WebIncentive {
    me {
      id
      incentiveEnrollmentId
      incentive {
        status
        amount {
          amount
        }
        surveyAmount {
          amount
        }
        owedAmount {
          amount
        }
        paidAmount {
          amount
        }
        payouts {
          id
          kind
          survey
          reference
          status
          attempts
          lastError
          nextAttemptAt
          paidAt
          createdAt
          accountNumberMasked
          amount {
            amount
          }
        }
        surveys {
          survey
          questions
          response {
            id
            answers
            createdAt
          }
        }
      }
      payoutAccount {
        kind
        provider
        holderName
        nikMatched
        checkedAt
        accountNumberMasked
      }
    }
  }
`);

export const ReviewSubmitMutation = graphql(`
  mutation WebReviewSubmit($input: ReviewSubmitInput!) {
    reviewSubmit(input: $input) {
      review {
        id
        rating
        text
        createdAt
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const PayoutAccountRegisterMutation = graphql(`
  mutation WebPayoutAccountRegister($input: PayoutAccountRegisterInput!) {
    payoutAccountRegister(input: $input) {
      payoutAccount {
        kind
        provider
        accountNumberMasked
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const SurveyResponseSubmitMutation = graphql(`
  mutation WebSurveyResponseSubmit($input: SurveyResponseSubmitInput!) {
    surveyResponseSubmit(input: $input) {
      response {
        id
        survey
        answers
      }
      payout {
        id
        status
        amount {
          amount
        }
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const InboxMessageMarkReadMutation = graphql(`
  mutation WebInboxMessageMarkRead($input: InboxMessageMarkReadInput!) {
    inboxMessageMarkRead(input: $input) {
      message {
        id
        readAt
      }
      unreadCount
      userErrors {
        code
        message
      }
    }
  }
`);

export const InboxMarkAllReadMutation = graphql(`
  mutation WebInboxMarkAllRead {
    inboxMarkAllRead {
      markedCount
      userErrors {
        code
        message
      }
    }
  }
`);
