/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Outcome of a participant's application to a cohort. */
export type ApplicationStatus =
  /** Waiting for the selection. */
  | 'APPLIED'
  /** Not eligible at selection time; see the reasons. */
  | 'INELIGIBLE'
  /** Eligible but not drawn within the quota (or the family card cap was reached). */
  | 'NOT_SELECTED'
  /** Selected: a Kartu Prakerja was issued. */
  | 'SELECTED';

/** Lifecycle of a Kartu Prakerja. */
export type CardStatus =
  /** Usable for purchases. */
  | 'ACTIVE'
  /** The participant finished the programme. */
  | 'FINISHED'
  /** Revoked (no course bought within the purchase window); the balance went back to the state. */
  | 'REVOKED';

/** Why cohortApply refused the request. */
export type CohortApplyErrorCode =
  /** The participant already applied to this cohort; the payload carries that application. */
  | 'ALREADY_APPLIED'
  /** There is no cohort with this id. */
  | 'COHORT_NOT_FOUND'
  /** The cohort is not accepting applications (not yet open, or closed). */
  | 'COHORT_NOT_OPEN'
  /** A programme rule excludes the participant; `reasons` lists every one. */
  | 'NOT_ELIGIBLE'
  /** The caller has no registration; register before applying. */
  | 'PARTICIPANT_NOT_FOUND';

/** Apply to a cohort. */
export type CohortApplyInput = {
  /** The open cohort. */
  cohortId: string | number;
};

/** Where a cohort (gelombang) is, derived from its dates and whether the selection ran. */
export type CohortStatus =
  /** Applications closed; selection not run yet. */
  | 'CLOSED'
  /** Accepting applications. */
  | 'OPEN'
  /** Selection done; cards issued. */
  | 'SELECTED'
  /** Applications not open yet. */
  | 'UPCOMING';

/** Programme category of a course, as listed in the Prakerja catalogue. */
export type CourseCategory =
  /** Farming, fisheries, livestock, hydroponics. */
  | 'AGRICULTURE'
  /** Motorcycle and car maintenance and repair. */
  | 'AUTOMOTIVE'
  /** Building trades: electrical installation, welding, plumbing. */
  | 'CONSTRUCTION'
  /** Graphic design, photography, video, content creation. */
  | 'CREATIVE_AND_DESIGN'
  /** Teaching and tutoring. */
  | 'EDUCATION'
  /** Starting and running a small business. */
  | 'ENTREPRENEURSHIP'
  /** Sewing, batik, handicrafts. */
  | 'FASHION_AND_CRAFT'
  /** Bookkeeping, tax, personal and business finance. */
  | 'FINANCE'
  /** Cooking, baking, beverages, food business. */
  | 'FOOD_AND_BEVERAGE'
  /** Beauty care, massage, caregiving, fitness. */
  | 'HEALTH_AND_BEAUTY'
  /** Hotels, tourism, housekeeping. */
  | 'HOSPITALITY'
  /** English, Japanese, Mandarin and other languages. */
  | 'LANGUAGE'
  /** Office software, secretarial and administrative work. */
  | 'OFFICE_AND_ADMINISTRATION'
  /** Communication, leadership, job-seeking skills. */
  | 'PERSONAL_DEVELOPMENT'
  /** Selling, digital marketing, customer service. */
  | 'SALES_AND_MARKETING'
  /** Programming, networks, data, IT support. */
  | 'TECHNOLOGY';

/** How a course is delivered. */
export type CourseMode =
  /** In person, at the institution. */
  | 'OFFLINE'
  /** Recorded online material (video), followed at the participant’s pace. */
  | 'SELF_PACED'
  /** Live online sessions with an instructor. */
  | 'WEBINAR';

/** Highest education attained (pendidikan terakhir), lowest first. */
export type EducationLevel =
  /** Diploma 1. */
  | 'D1'
  /** Diploma 2. */
  | 'D2'
  /** Diploma 3. */
  | 'D3'
  /** Diploma 4 (sarjana terapan), level with S1. */
  | 'D4'
  /** Sarjana (bachelor). */
  | 'S1'
  /** Magister (master). */
  | 'S2'
  /** Doktor (doctorate). */
  | 'S3'
  /** Sekolah Dasar (primary school). */
  | 'SD'
  /** SMA, SMK, MA or equivalent (senior secondary, general or vocational). */
  | 'SMA_SMK'
  /** Sekolah Menengah Pertama (junior secondary). */
  | 'SMP';

/** Whether the person is currently studying. Pupils and university students in formal education cannot join. */
export type EducationStatus =
  /** Enrolled in school or higher education (pendidikan formal). */
  | 'IN_FORMAL_EDUCATION'
  /** Taking non-formal courses or training only (pendidikan nonformal). */
  | 'IN_NON_FORMAL_EDUCATION'
  /** Not enrolled in any education. */
  | 'NOT_IN_EDUCATION';

/** Where an enrollment is: ENROLLED → IN_PROGRESS (first attendance) → COMPLETED, or ENROLLED → CANCELLING → CANCELLED (void). */
export type EnrollmentStatus =
  /** Voided; the amount was refunded to the balance once. */
  | 'CANCELLED'
  /** Void accepted and the refund is being finalised. Transient: a retry of enrollmentVoid, or the server’s reconciler on its next run, makes it CANCELLED. */
  | 'CANCELLING'
  /** All sessions attended and completion reported with a certificate. */
  | 'COMPLETED'
  /** Paid; no session attended yet. The only status that can be voided. */
  | 'ENROLLED'
  /** At least one session attended. */
  | 'IN_PROGRESS';

/** Why money moved on a wallet. */
export type LedgerKind =
  /** Training balance credited at selection. */
  | 'CREDIT_COHORT'
  /** A voided purchase was refunded. */
  | 'CREDIT_REFUND'
  /** A course purchase was paid. */
  | 'DEBIT_PURCHASE'
  /** The card was revoked; the remaining balance went back to the state. */
  | 'DEBIT_REVOCATION';

/** Main occupation declared at registration. The state-paid occupations (ASN to SOE_EXECUTIVE) exclude a person from the programme. */
export type Occupation =
  /** Civil servant (ASN: PNS or PPPK). Excluded. */
  | 'CIVIL_SERVANT'
  /** Farmer (petani). */
  | 'FARMER'
  /** Fisher (nelayan). */
  | 'FISHER'
  /** Informal-sector worker. */
  | 'INFORMAL_WORKER'
  /** Laid off or furloughed (korban PHK / dirumahkan). */
  | 'LAID_OFF'
  /** Member of the DPR or a DPRD. Excluded. */
  | 'LEGISLATOR'
  /** Owner of a micro or small business (UMK). */
  | 'MICRO_BUSINESS_OWNER'
  /** Member of the armed forces (TNI). Excluded. */
  | 'MILITARY'
  /** Any other occupation that does not exclude. */
  | 'OTHER'
  /** Member of the national police (Polri). Excluded. */
  | 'POLICE'
  /** Employee of a private company. */
  | 'PRIVATE_EMPLOYEE'
  /** Self-employed (wiraswasta). */
  | 'SELF_EMPLOYED'
  /** Director or commissioner of a BUMN or BUMD. Excluded. */
  | 'SOE_EXECUTIVE'
  /** State official (pejabat negara). Excluded. */
  | 'STATE_OFFICIAL'
  /** Looking for work. */
  | 'UNEMPLOYED'
  /** Village head (kepala desa). Excluded. */
  | 'VILLAGE_HEAD'
  /** Village official (perangkat desa). Excluded. */
  | 'VILLAGE_OFFICIAL';

/** Why participantRegister refused the request. */
export type ParticipantRegisterErrorCode =
  /** The caller is already registered. */
  | 'ALREADY_REGISTERED'
  /** The birth date does not match the one the NIK encodes. */
  | 'BIRTH_DATE_MISMATCH'
  /** An address of at most 500 characters is required. */
  | 'INVALID_ADDRESS'
  /** Not an e-mail address. */
  | 'INVALID_EMAIL'
  /** The family card number (Kartu Keluarga) is not valid. */
  | 'INVALID_FAMILY_CARD'
  /** A full name of at most 200 characters is required. */
  | 'INVALID_NAME'
  /** The NIK is not a valid Indonesian national identity number. */
  | 'INVALID_NIK'
  /** Not an Indonesian mobile number. */
  | 'INVALID_PHONE'
  /** Another participant registered this NIK. */
  | 'NIK_ALREADY_REGISTERED';

/** What a person declares to register. The NIK must be valid and agree with the birth date. */
export type ParticipantRegisterInput = {
  /** Home address. */
  address: string;
  /** Date of birth, `YYYY-MM-DD`; must match the NIK. */
  birthDate: string;
  /** Whether the person is an Indonesian citizen (WNI). */
  citizen: boolean;
  /** Highest education attained (optional; some courses require a minimum). */
  educationLevel?: EducationLevel | null | undefined;
  /** Current education. */
  educationStatus: EducationStatus;
  /** E-mail address. */
  email: string;
  /** Kartu Keluarga (family card) number: 16 digits. */
  familyCardNumber: string;
  /** Full name as on the KTP. */
  fullName: string;
  /** NIK from the KTP: 16 digits. */
  nik: string;
  /** Main occupation. */
  occupation: Occupation;
  /** Mobile number, Indonesian format (`08…` or `+628…`). */
  phone: string;
};

export type WebDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type WebDashboardQuery = { me: { id: string, fullName: string | null, nikMasked: string, provinceCode: string, provinceName: string, card: { id: string, numberMasked: string, status: CardStatus, purchaseDeadline: string, firstPurchaseAt: string | null } | null, wallet: { id: string, balance: { amount: number }, availableBalance: { amount: number }, ledger: { totalCount: number, edges: Array<{ node: { id: string, kind: LedgerKind, referenceId: string, createdAt: string, amount: { amount: number } } }> } } | null, enrollments: Array<{ id: string, status: EnrollmentStatus, attendedSessions: number, enrolledAt: string, completedAt: string | null, course: { id: string, title: string, sessionCount: number }, platform: { id: string, name: string } | null, certificate: { number: string, issuedAt: string } | null }> | null, inbox: { edges: Array<{ node: { id: string, subject: string, body: string, createdAt: string } }> } | null, applications: Array<{ id: string, status: ApplicationStatus, createdAt: string, drawKey: string | null, cohort: { id: string, name: string, status: CohortStatus, drawCutoffKey: string | null, selectionSeedCommitment: string | null, selectionSeed: string | null } }> | null, personalDataAccessLog: { totalCount: number, edges: Array<{ node: { id: string, accessorRole: string, fields: Array<string>, purpose: string | null, operation: string | null, accessedAt: string, platform: { id: string, name: string } | null } }> } | null } | null };

export type WebCardNumberQueryVariables = Exact<{ [key: string]: never; }>;


export type WebCardNumberQuery = { me: { id: string, card: { id: string, number: string | null } | null } | null };

export type WebCohortsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebCohortsQuery = { cohorts: { edges: Array<{ node: { id: string, name: string, status: CohortStatus, opensAt: string, closesAt: string, quota: number, selectionSeedCommitment: string | null } }> } | null };

export type WebRegisterMutationVariables = Exact<{
  input: ParticipantRegisterInput;
}>;


export type WebRegisterMutation = { participantRegister: { participant: { id: string } | null, userErrors: Array<{ code: ParticipantRegisterErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebApplyMutationVariables = Exact<{
  input: CohortApplyInput;
}>;


export type WebApplyMutation = { cohortApply: { application: { id: string, status: ApplicationStatus, drawKey: string | null } | null, reasons: Array<{ code: string, message: string }>, userErrors: Array<{ code: CohortApplyErrorCode, message: string }> } | null };

export type WebCatalogueQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  category?: CourseCategory | null | undefined;
}>;


export type WebCatalogueQuery = { courses: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, category: CourseCategory, mode: CourseMode, sessionCount: number, provider: { id: string, name: string } | null, offerings: { edges: Array<{ node: { id: string, active: boolean, platform: { id: string, name: string } | null, price: { amount: number } } }> } } }> } | null };


export const WebDashboardDocument = {"__meta__":{"hash":"sha256:756ed3675d5f142af64fb8d5bdd92431b498d13e21e664b7a7215f2798e81fda"}} as unknown as DocumentNode<WebDashboardQuery, WebDashboardQueryVariables>;
export const WebCardNumberDocument = {"__meta__":{"hash":"sha256:f9dc6c3c4aa1b70fc1f6d89add8cbd8227ce15546981669e1ba7c79cf72937b9"}} as unknown as DocumentNode<WebCardNumberQuery, WebCardNumberQueryVariables>;
export const WebCohortsDocument = {"__meta__":{"hash":"sha256:3c6437279118bac854c66470ba55aeddc5207e410ea3daf727eb276acb37dce7"}} as unknown as DocumentNode<WebCohortsQuery, WebCohortsQueryVariables>;
export const WebRegisterDocument = {"__meta__":{"hash":"sha256:2f389d6c847c3ea1c05a150ef107cc49f0a93169c31b8a92ebffae572db0ccfc"}} as unknown as DocumentNode<WebRegisterMutation, WebRegisterMutationVariables>;
export const WebApplyDocument = {"__meta__":{"hash":"sha256:70a2fcc4205f9661876855ef478f14fd82082db19fe89300b1a0dd9f31f3681a"}} as unknown as DocumentNode<WebApplyMutation, WebApplyMutationVariables>;
export const WebCatalogueDocument = {"__meta__":{"hash":"sha256:08846b8eb37d7682e870b50e4d81e55a9b0d872b26955e95ab4a8f2a32cbdfc0"}} as unknown as DocumentNode<WebCatalogueQuery, WebCatalogueQueryVariables>;