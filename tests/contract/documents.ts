import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the project keeps its byte-identical copies of the partner contract's documents. */
export const DOCUMENTS_DIR = resolve(__dirname, '../../schema/operations/partner');

/** The fixed contract beside the clone (present in CI and in the shared workspace; absent elsewhere). */
export const CONTRACT_DIR = resolve(__dirname, '../../../shared/contract/partner');
export const contractPresent = () => existsSync(CONTRACT_DIR);

export const CONTRACT_DOCUMENTS = [
  'AuthorizePurchase',
  'CheckEligibility',
  'PartnerCatalog',
  'PartnerEnrollments',
  'PurchaseStatus',
  'ReportAttendance',
  'ReportCompletion',
  'StartPurchase',
  'VoidPurchase',
] as const;
export type ContractDocument = (typeof CONTRACT_DOCUMENTS)[number];

export const documentFiles = () =>
  readdirSync(DOCUMENTS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort();

/** The text of a contract document exactly as committed: tests send it unchanged as the query. */
