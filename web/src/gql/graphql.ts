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
  /** Revoked (no course bought within the purchase window, or by the programme office); the balance went back to the state. */
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

/** Why inboxMarkAllRead refused the request. */
export type InboxMarkAllReadErrorCode =
  /** The caller has no registration. */
  | 'PARTICIPANT_NOT_FOUND';

/** What an inbox message is about. */
export type InboxMessageKind =
  /** A platform recorded attendance of a session. */
  | 'ATTENDANCE_RECORDED'
  /** A Kartu Prakerja was issued and activated with its training balance. */
  | 'CARD_ISSUED'
  /** The programme office revoked the card, with the reason; purchases in flight ended and the balance was withdrawn. */
  | 'CARD_REVOKED'
  /** The certificate of a completed course was issued. */
  | 'CERTIFICATE_ISSUED'
  /** A platform reported the course completed. */
  | 'COURSE_COMPLETED'
  /** The post-training incentive was paid. */
  | 'INCENTIVE_PAID'
  /** A purchase OTP (development delivery). */
  | 'OTP'
  /** A course purchase was paid from the training balance. */
  | 'PURCHASE_AUTHORIZED'
  /** The purchase deadline of the card is near and balance is left. */
  | 'PURCHASE_DEADLINE_REMINDER'
  /** The outcome of a cohort draw: selected or not, with the reason. */
  | 'SELECTION_RESULT';

/** Why inboxMessageMarkRead refused the request. */
export type InboxMessageMarkReadErrorCode =
  /** There is no message with this id in the caller’s inbox. */
  | 'MESSAGE_NOT_FOUND';

/** The message to mark read. */
export type InboxMessageMarkReadInput = {
  /** Id of a message in the caller’s inbox. */
  id: string | number;
};

/** Where the post-training incentive stands: owed after a first completed course and its rating and review, then paid out. */
export type IncentiveStatus =
  /** A first course was completed; the incentive is owed once the participant rates and reviews it. */
  | 'AWAITING_REVIEW'
  /** Owed: the first completed course was reviewed (or was completed before reviews were required); its payout is pending or under way. */
  | 'DUE'
  /** Every attempt to pay it failed; the programme office can retry the payout. */
  | 'FAILED'
  /** No course completed yet. */
  | 'NOT_DUE'
  /** The training incentive was paid to the participant’s payout account. */
  | 'PAID';

/** Why money moved on a wallet. */
export type LedgerKind =
  /** Training balance credited at selection. */
  | 'CREDIT_COHORT'
  /** A voided purchase was refunded. */
  | 'CREDIT_REFUND'
  /** A course purchase was paid. */
  | 'DEBIT_PURCHASE'
  /** The card was revoked; the remaining balance (or a refund arriving after the revocation) went back to the state. */
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

/** E-wallet or bank account. */
export type PayoutAccountKind =
  /** A bank account (rekening). */
  | 'BANK'
  /** An e-wallet (dompet digital). */
  | 'EWALLET';

/** Why payoutAccountRegister refused the request. */
export type PayoutAccountRegisterErrorCode =
  /** The provider knows no such account. */
  | 'ACCOUNT_NOT_FOUND'
  /** The account number is not 8 to 20 digits (an e-wallet: the phone number it is registered to, 08…). */
  | 'INVALID_ACCOUNT_NUMBER'
  /** The account holder’s NIK, as the provider’s KYC reports it, is not the participant’s. Nothing was stored as verified. */
  | 'NIK_MISMATCH'
  /** The provider is not of the kind given (GoPay, OVO, DANA, LinkAja, ShopeePay are e-wallets; the rest banks). */
  | 'PROVIDER_KIND_MISMATCH'
  /** The provider’s KYC lookup did not answer; try again later. */
  | 'PROVIDER_UNAVAILABLE';

/** The e-wallet or bank account to receive incentives. */
export type PayoutAccountRegisterInput = {
  /** The account number (an e-wallet: the phone number it is registered to), 8 to 20 digits. */
  accountNumber: string;
  /** E-wallet or bank. */
  kind: PayoutAccountKind;
  /** Which e-wallet or bank. */
  provider: PayoutProvider;
};

/** What a payout pays. */
export type PayoutKind =
  /** The small extra for answering one of the programme’s surveys. */
  | 'SURVEY'
  /** The post-training incentive: a first course completed and reviewed. */
  | 'TRAINING';

/** The e-wallet or bank that holds a payout account. */
export type PayoutProvider =
  /** Bank Central Asia. */
  | 'BCA'
  /** Bank Negara Indonesia. */
  | 'BNI'
  /** Bank Rakyat Indonesia. */
  | 'BRI'
  /** DANA (e-wallet). */
  | 'DANA'
  /** GoPay (e-wallet). */
  | 'GOPAY'
  /** LinkAja (e-wallet). */
  | 'LINKAJA'
  /** Bank Mandiri. */
  | 'MANDIRI'
  /** OVO (e-wallet). */
  | 'OVO'
  /** ShopeePay (e-wallet). */
  | 'SHOPEEPAY';

/** Where a payout stands. Every attempt sends the same reference, so the provider never pays it twice. */
export type PayoutStatus =
  /** Every attempt failed; the programme office may retry it (`payoutRetry`). */
  | 'FAILED'
  /** The last attempt failed or timed out; it is retried at `nextAttemptAt` with the same reference. */
  | 'FAILED_RETRYING'
  /** The provider confirmed the transfer; the incentive ledger has its entry. */
  | 'PAID'
  /** Waiting to be sent (a verified payout account is needed first). */
  | 'PENDING'
  /** Sent to the disbursement provider; its answer is awaited. */
  | 'SENDING';

/** Why reviewSubmit refused the request. */
export type ReviewSubmitErrorCode =
  /** The enrollment was already reviewed; a review cannot be changed. */
  | 'ALREADY_REVIEWED'
  /** The rating is not a whole number from 1 to 5. */
  | 'INVALID_RATING'
  /** The review text is not 10 to 2000 characters. */
  | 'INVALID_TEXT'
  /** Only a COMPLETED enrollment can be reviewed. */
  | 'NOT_COMPLETED'
  /** The caller has no enrollment with this id. */
  | 'NOT_FOUND';

/** A rating and review of one of the caller’s completed enrollments. */
export type ReviewSubmitInput = {
  /** The completed enrollment. */
  enrollmentId: string | number;
  /** Stars, 1 to 5. */
  rating: number;
  /** The review, 10 to 2000 characters (surrounding spaces are trimmed). */
  text: string;
};

/** The programme’s short surveys, each paid once (the cohort’s `surveyIncentive`) after the training incentive is due. */
export type SurveyCode =
  /** Work and income after the training (survei ketenagakerjaan). */
  | 'EMPLOYMENT_STATUS'
  /** Evaluation of the training taken (survei evaluasi). */
  | 'TRAINING_EVALUATION';

/** Why surveyResponseSubmit refused the request. */
export type SurveyResponseSubmitErrorCode =
  /** The caller answered this survey already; it is paid once. */
  | 'ALREADY_ANSWERED'
  /** The answers are not one whole score from 1 to 5 per question of the survey. */
  | 'INVALID_ANSWERS'
  /** Surveys open once the training incentive is due: a first course completed and reviewed. */
  | 'NOT_ELIGIBLE';

/** The caller’s answers to one survey. */
export type SurveyResponseSubmitInput = {
  /** One score from 1 to 5 per question of the survey, in order (see `Incentive.surveys`). */
  answers: Array<number>;
  /** The survey. */
  survey: SurveyCode;
};

export type WebDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type WebDashboardQuery = { me: { id: string, fullName: string | null, nikMasked: string, provinceCode: string, provinceName: string, inboxUnreadCount: number | null, card: { id: string, numberMasked: string, status: CardStatus, purchaseDeadline: string, firstPurchaseAt: string | null } | null, wallet: { id: string, balance: { amount: number }, availableBalance: { amount: number }, ledger: { totalCount: number, edges: Array<{ node: { id: string, kind: LedgerKind, referenceId: string, createdAt: string, amount: { amount: number } } }> } } | null, enrollments: Array<{ id: string, status: EnrollmentStatus, attendedSessions: number, enrolledAt: string, completedAt: string | null, course: { id: string, title: string, sessionCount: number }, platform: { id: string, name: string } | null, certificate: { number: string, issuedAt: string } | null, review: { id: string, rating: number, text: string, createdAt: string } | null }> | null, inbox: { edges: Array<{ node: { id: string, kind: InboxMessageKind, subject: string, body: string, createdAt: string, readAt: string | null } }> } | null, applications: Array<{ id: string, status: ApplicationStatus, createdAt: string, drawKey: string | null, cohort: { id: string, name: string, status: CohortStatus, drawCutoffKey: string | null, selectionSeedCommitment: string | null, selectionSeed: string | null } }> | null, personalDataAccessLog: { totalCount: number, edges: Array<{ node: { id: string, accessorRole: string, fields: Array<string>, purpose: string | null, operation: string | null, accessedAt: string, platform: { id: string, name: string } | null } }> } | null } | null };

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


export type WebCatalogueQuery = { courses: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, category: CourseCategory, mode: CourseMode, sessionCount: number, provider: { id: string, name: string } | null, offerings: { edges: Array<{ node: { id: string, active: boolean, platform: { id: string, name: string } | null, price: { amount: number } } }> }, schedules: { totalCount: number, edges: Array<{ node: { id: string, startsAt: string, endsAt: string, seatQuota: number, seatsAvailable: number } }> } } }> } | null };

export type WebIncentiveQueryVariables = Exact<{ [key: string]: never; }>;


export type WebIncentiveQuery = { me: { id: string, incentiveEnrollmentId: string | null, incentive: { status: IncentiveStatus, amount: { amount: number } | null, surveyAmount: { amount: number } | null, owedAmount: { amount: number }, paidAmount: { amount: number }, payouts: Array<{ id: string, kind: PayoutKind, survey: SurveyCode | null, reference: string, status: PayoutStatus, attempts: number, lastError: string | null, nextAttemptAt: string, paidAt: string | null, createdAt: string, accountNumberMasked: string | null, amount: { amount: number } }>, surveys: Array<{ survey: SurveyCode, questions: Array<string>, response: { id: string, answers: Array<number>, createdAt: string } | null }> } | null, payoutAccount: { kind: PayoutAccountKind, provider: PayoutProvider, holderName: string, nikMatched: boolean, checkedAt: string, accountNumberMasked: string } | null } | null };

export type WebReviewSubmitMutationVariables = Exact<{
  input: ReviewSubmitInput;
}>;


export type WebReviewSubmitMutation = { reviewSubmit: { review: { id: string, rating: number, text: string, createdAt: string } | null, userErrors: Array<{ code: ReviewSubmitErrorCode, message: string }> } | null };

export type WebPayoutAccountRegisterMutationVariables = Exact<{
  input: PayoutAccountRegisterInput;
}>;


export type WebPayoutAccountRegisterMutation = { payoutAccountRegister: { payoutAccount: { kind: PayoutAccountKind, provider: PayoutProvider, accountNumberMasked: string } | null, userErrors: Array<{ code: PayoutAccountRegisterErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebSurveyResponseSubmitMutationVariables = Exact<{
  input: SurveyResponseSubmitInput;
}>;


export type WebSurveyResponseSubmitMutation = { surveyResponseSubmit: { response: { id: string, survey: SurveyCode, answers: Array<number> } | null, payout: { id: string, status: PayoutStatus, amount: { amount: number } } | null, userErrors: Array<{ code: SurveyResponseSubmitErrorCode, message: string }> } | null };

export type WebInboxMessageMarkReadMutationVariables = Exact<{
  input: InboxMessageMarkReadInput;
}>;


export type WebInboxMessageMarkReadMutation = { inboxMessageMarkRead: { unreadCount: number | null, message: { id: string, readAt: string | null } | null, userErrors: Array<{ code: InboxMessageMarkReadErrorCode, message: string }> } | null };

export type WebInboxMarkAllReadMutationVariables = Exact<{ [key: string]: never; }>;


export type WebInboxMarkAllReadMutation = { inboxMarkAllRead: { markedCount: number, userErrors: Array<{ code: InboxMarkAllReadErrorCode, message: string }> } | null };


export const WebDashboardDocument = {"__meta__":{"hash":"sha256:bcbf1bf896e7b08b23f452c6648493b00dfbc37e9103c1c01efb7f0c6b399f23"}} as unknown as DocumentNode<WebDashboardQuery, WebDashboardQueryVariables>;
export const WebCardNumberDocument = {"__meta__":{"hash":"sha256:f9dc6c3c4aa1b70fc1f6d89add8cbd8227ce15546981669e1ba7c79cf72937b9"}} as unknown as DocumentNode<WebCardNumberQuery, WebCardNumberQueryVariables>;
export const WebCohortsDocument = {"__meta__":{"hash":"sha256:3c6437279118bac854c66470ba55aeddc5207e410ea3daf727eb276acb37dce7"}} as unknown as DocumentNode<WebCohortsQuery, WebCohortsQueryVariables>;
export const WebRegisterDocument = {"__meta__":{"hash":"sha256:2f389d6c847c3ea1c05a150ef107cc49f0a93169c31b8a92ebffae572db0ccfc"}} as unknown as DocumentNode<WebRegisterMutation, WebRegisterMutationVariables>;
export const WebApplyDocument = {"__meta__":{"hash":"sha256:70a2fcc4205f9661876855ef478f14fd82082db19fe89300b1a0dd9f31f3681a"}} as unknown as DocumentNode<WebApplyMutation, WebApplyMutationVariables>;
export const WebCatalogueDocument = {"__meta__":{"hash":"sha256:437377115782987545d87f6e10b7b116e2139bd64eca50196b3b084470588e52"}} as unknown as DocumentNode<WebCatalogueQuery, WebCatalogueQueryVariables>;
export const WebIncentiveDocument = {"__meta__":{"hash":"sha256:afc65bb81c9e56e7beef22d60f10a6d8d6b5bea610a824fe72598c6c8e614de2"}} as unknown as DocumentNode<WebIncentiveQuery, WebIncentiveQueryVariables>;
export const WebReviewSubmitDocument = {"__meta__":{"hash":"sha256:f882d64a30ed8ae96d04a1e9520692c57b4bbbe5b783668169f1613f0c59e815"}} as unknown as DocumentNode<WebReviewSubmitMutation, WebReviewSubmitMutationVariables>;
export const WebPayoutAccountRegisterDocument = {"__meta__":{"hash":"sha256:ad0f6a5ee4836b179caf8d1ffa6f25dc811936e252eefdceed2985efd5d54048"}} as unknown as DocumentNode<WebPayoutAccountRegisterMutation, WebPayoutAccountRegisterMutationVariables>;
export const WebSurveyResponseSubmitDocument = {"__meta__":{"hash":"sha256:98b5aeca7c066c587a4d045c8162749c53e6468f7f24353265bcb3164b4f93db"}} as unknown as DocumentNode<WebSurveyResponseSubmitMutation, WebSurveyResponseSubmitMutationVariables>;
export const WebInboxMessageMarkReadDocument = {"__meta__":{"hash":"sha256:cf432b4ce1d673a7ef33243d7320adcbfd34140d9630a3dd3ff41a8080aa03ba"}} as unknown as DocumentNode<WebInboxMessageMarkReadMutation, WebInboxMessageMarkReadMutationVariables>;
export const WebInboxMarkAllReadDocument = {"__meta__":{"hash":"sha256:c4fc5504b612a6775a1ff84b7aff250a7df2d16b358b71619afe2ca52fe5c187"}} as unknown as DocumentNode<WebInboxMarkAllReadMutation, WebInboxMarkAllReadMutationVariables>;