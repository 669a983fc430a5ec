/*
 * The documents the courses subgraph sends to the partners subgraph (its public queries). Their result and
 * variable types are generated from the partners subgraph's SDL into partners.operations.generated.ts
 * (`npm run codegen`; a test fails when that file is stale).
 */
export const PARTNERS_OPERATIONS = {
  PartnerStatus: /* GraphQL */ `
    query PartnerStatus($id: ID!) {
      partner(id: $id) {
        status
      }
    }
  `,
  InstitutionExists: /* GraphQL */ `
    query InstitutionExists($id: ID!) {
      trainingInstitution(id: $id) {
        id
      }
    }
  `,
} as const;
