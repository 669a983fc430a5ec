import { graphql } from './gql';

/** Every operation the web client sends: each becomes a persisted document, known to the gateway by its hash. */

export const DashboardQuery = graphql(`
  query WebDashboard {
    me {
      id
      fullName
      nikMasked
      provinceCode
      provinceName
      card {
        id
        numberMasked
        status
        purchaseDeadline
        firstPurchaseAt
      }
      wallet {
        id
        balance {
          amount
        }
        availableBalance {
          amount
        }
        ledger(first: 20) {
          totalCount
          edges {
            node {
              id
              kind
              referenceId
              createdAt
              amount {
                amount
              }
            }
          }
        }
      }
      enrollments {
        id
        status
        attendedSessions
        enrolledAt
        completedAt
        course {
          id
          title
          sessionCount
        }
        platform {
          id
          name
        }
        certificate {
          number
          issuedAt
        }
        review {
          id
          rating
          text
          createdAt
        }
      }
      inboxUnreadCount
      inbox(first: 20) {
        edges {
          node {
            id
            kind
            subject
            body
            createdAt
            readAt
          }
        }
      }
      applications {
        id
        status
        createdAt
        drawKey
        cohort {
          id
          name
          status
          drawCutoffKey
          selectionSeedCommitment
          selectionSeed
        }
      }
      personalDataAccessLog(first: 20) {
        totalCount
        edges {
          node {
            id
            accessorRole
            fields
            purpose
            operation
            accessedAt
            platform {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const CardNumberQuery = graphql(`
  query WebCardNumber {
    me {
      id
      card {
        id
        number
      }
    }
  }
`);

export const OpenCohortsQuery = graphql(`
  query WebCohorts {
    cohorts(first: 20, status: OPEN) {
      edges {
        node {
          id
          name
          status
          opensAt
          closesAt
          quota
          selectionSeedCommitment
        }
      }
    }
  }
`);

export const RegisterMutation = graphql(`
  mutation WebRegister($input: ParticipantRegisterInput!) {
    participantRegister(input: $input) {
      participant {
        id
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const ApplyMutation = graphql(`
  mutation WebApply($input: CohortApplyInput!) {
    cohortApply(input: $input) {
      application {
        id
        status
        drawKey
      }
      reasons {
        code
        message
      }
      userErrors {
        code
        message
      }
    }
  }
`);

export const CatalogueQuery = graphql(`
  query WebCatalogue($first: Int!, $after: String, $category: CourseCategory) {
    courses(first: $first, after: $after, category: $category) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          category
          mode
          sessionCount
          provider {
            id
            name
          }
          offerings(first: 20) {
            edges {
              node {
                id
                active
                platform {
                  id
                  name
                }
                price {
                  amount
                }
              }
            }
          }
          schedules(first: 5) {
            totalCount
            edges {
              node {
                id
                startsAt
                endsAt
                seatQuota
                seatsAvailable
              }
            }
          }
        }
      }
    }
  }
`);
