/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query WebDashboard {\n    me {\n      id\n      fullName\n      nikMasked\n      provinceCode\n      provinceName\n      card {\n        id\n        numberMasked\n        status\n        purchaseDeadline\n        firstPurchaseAt\n      }\n      wallet {\n        id\n        balance {\n          amount\n        }\n        availableBalance {\n          amount\n        }\n        ledger(first: 20) {\n          totalCount\n          edges {\n            node {\n              id\n              kind\n              referenceId\n              createdAt\n              amount {\n                amount\n              }\n            }\n          }\n        }\n      }\n      enrollments {\n        id\n        status\n        attendedSessions\n        enrolledAt\n        completedAt\n        course {\n          id\n          title\n          sessionCount\n        }\n        platform {\n          id\n          name\n        }\n        certificate {\n          number\n          issuedAt\n        }\n      }\n      inbox(first: 10) {\n        edges {\n          node {\n            id\n            subject\n            body\n            createdAt\n          }\n        }\n      }\n      applications {\n        id\n        status\n        createdAt\n        drawKey\n        cohort {\n          id\n          name\n          status\n          drawCutoffKey\n          selectionSeedCommitment\n          selectionSeed\n        }\n      }\n      personalDataAccessLog(first: 20) {\n        totalCount\n        edges {\n          node {\n            id\n            accessorRole\n            fields\n            purpose\n            operation\n            accessedAt\n            platform {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebDashboardDocument,
    "\n  query WebCardNumber {\n    me {\n      id\n      card {\n        id\n        number\n      }\n    }\n  }\n": typeof types.WebCardNumberDocument,
    "\n  query WebCohorts {\n    cohorts {\n      id\n      name\n      status\n      opensAt\n      closesAt\n      quota\n      selectionSeedCommitment\n    }\n  }\n": typeof types.WebCohortsDocument,
    "\n  mutation WebRegister($input: ParticipantRegisterInput!) {\n    participantRegister(input: $input) {\n      participant {\n        id\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.WebRegisterDocument,
    "\n  mutation WebApply($input: CohortApplyInput!) {\n    cohortApply(input: $input) {\n      application {\n        id\n        status\n        drawKey\n      }\n      reasons {\n        code\n        message\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.WebApplyDocument,
};
const documents: Documents = {
    "\n  query WebDashboard {\n    me {\n      id\n      fullName\n      nikMasked\n      provinceCode\n      provinceName\n      card {\n        id\n        numberMasked\n        status\n        purchaseDeadline\n        firstPurchaseAt\n      }\n      wallet {\n        id\n        balance {\n          amount\n        }\n        availableBalance {\n          amount\n        }\n        ledger(first: 20) {\n          totalCount\n          edges {\n            node {\n              id\n              kind\n              referenceId\n              createdAt\n              amount {\n                amount\n              }\n            }\n          }\n        }\n      }\n      enrollments {\n        id\n        status\n        attendedSessions\n        enrolledAt\n        completedAt\n        course {\n          id\n          title\n          sessionCount\n        }\n        platform {\n          id\n          name\n        }\n        certificate {\n          number\n          issuedAt\n        }\n      }\n      inbox(first: 10) {\n        edges {\n          node {\n            id\n            subject\n            body\n            createdAt\n          }\n        }\n      }\n      applications {\n        id\n        status\n        createdAt\n        drawKey\n        cohort {\n          id\n          name\n          status\n          drawCutoffKey\n          selectionSeedCommitment\n          selectionSeed\n        }\n      }\n      personalDataAccessLog(first: 20) {\n        totalCount\n        edges {\n          node {\n            id\n            accessorRole\n            fields\n            purpose\n            operation\n            accessedAt\n            platform {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.WebDashboardDocument,
    "\n  query WebCardNumber {\n    me {\n      id\n      card {\n        id\n        number\n      }\n    }\n  }\n": types.WebCardNumberDocument,
    "\n  query WebCohorts {\n    cohorts {\n      id\n      name\n      status\n      opensAt\n      closesAt\n      quota\n      selectionSeedCommitment\n    }\n  }\n": types.WebCohortsDocument,
    "\n  mutation WebRegister($input: ParticipantRegisterInput!) {\n    participantRegister(input: $input) {\n      participant {\n        id\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.WebRegisterDocument,
    "\n  mutation WebApply($input: CohortApplyInput!) {\n    cohortApply(input: $input) {\n      application {\n        id\n        status\n        drawKey\n      }\n      reasons {\n        code\n        message\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.WebApplyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebDashboard {\n    me {\n      id\n      fullName\n      nikMasked\n      provinceCode\n      provinceName\n      card {\n        id\n        numberMasked\n        status\n        purchaseDeadline\n        firstPurchaseAt\n      }\n      wallet {\n        id\n        balance {\n          amount\n        }\n        availableBalance {\n          amount\n        }\n        ledger(first: 20) {\n          totalCount\n          edges {\n            node {\n              id\n              kind\n              referenceId\n              createdAt\n              amount {\n                amount\n              }\n            }\n          }\n        }\n      }\n      enrollments {\n        id\n        status\n        attendedSessions\n        enrolledAt\n        completedAt\n        course {\n          id\n          title\n          sessionCount\n        }\n        platform {\n          id\n          name\n        }\n        certificate {\n          number\n          issuedAt\n        }\n      }\n      inbox(first: 10) {\n        edges {\n          node {\n            id\n            subject\n            body\n            createdAt\n          }\n        }\n      }\n      applications {\n        id\n        status\n        createdAt\n        drawKey\n        cohort {\n          id\n          name\n          status\n          drawCutoffKey\n          selectionSeedCommitment\n          selectionSeed\n        }\n      }\n      personalDataAccessLog(first: 20) {\n        totalCount\n        edges {\n          node {\n            id\n            accessorRole\n            fields\n            purpose\n            operation\n            accessedAt\n            platform {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebDashboard {\n    me {\n      id\n      fullName\n      nikMasked\n      provinceCode\n      provinceName\n      card {\n        id\n        numberMasked\n        status\n        purchaseDeadline\n        firstPurchaseAt\n      }\n      wallet {\n        id\n        balance {\n          amount\n        }\n        availableBalance {\n          amount\n        }\n        ledger(first: 20) {\n          totalCount\n          edges {\n            node {\n              id\n              kind\n              referenceId\n              createdAt\n              amount {\n                amount\n              }\n            }\n          }\n        }\n      }\n      enrollments {\n        id\n        status\n        attendedSessions\n        enrolledAt\n        completedAt\n        course {\n          id\n          title\n          sessionCount\n        }\n        platform {\n          id\n          name\n        }\n        certificate {\n          number\n          issuedAt\n        }\n      }\n      inbox(first: 10) {\n        edges {\n          node {\n            id\n            subject\n            body\n            createdAt\n          }\n        }\n      }\n      applications {\n        id\n        status\n        createdAt\n        drawKey\n        cohort {\n          id\n          name\n          status\n          drawCutoffKey\n          selectionSeedCommitment\n          selectionSeed\n        }\n      }\n      personalDataAccessLog(first: 20) {\n        totalCount\n        edges {\n          node {\n            id\n            accessorRole\n            fields\n            purpose\n            operation\n            accessedAt\n            platform {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebCardNumber {\n    me {\n      id\n      card {\n        id\n        number\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebCardNumber {\n    me {\n      id\n      card {\n        id\n        number\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebCohorts {\n    cohorts {\n      id\n      name\n      status\n      opensAt\n      closesAt\n      quota\n      selectionSeedCommitment\n    }\n  }\n"): (typeof documents)["\n  query WebCohorts {\n    cohorts {\n      id\n      name\n      status\n      opensAt\n      closesAt\n      quota\n      selectionSeedCommitment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebRegister($input: ParticipantRegisterInput!) {\n    participantRegister(input: $input) {\n      participant {\n        id\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebRegister($input: ParticipantRegisterInput!) {\n    participantRegister(input: $input) {\n      participant {\n        id\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebApply($input: CohortApplyInput!) {\n    cohortApply(input: $input) {\n      application {\n        id\n        status\n        drawKey\n      }\n      reasons {\n        code\n        message\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebApply($input: CohortApplyInput!) {\n    cohortApply(input: $input) {\n      application {\n        id\n        status\n        drawKey\n      }\n      reasons {\n        code\n        message\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;