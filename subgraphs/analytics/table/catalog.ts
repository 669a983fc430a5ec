/*
 * The semantic layer: what an analyst may ask for, defined once over the read model. Each measure belongs to
 * one fact ("base"); each base says which dimensions it can be split by and with which SQL. A measure also
 * says which participants it counts, for disclosure control (a cell counting fewer than k is suppressed).
 */

/**
 * The programme's eligibility rules, as the participants subgraph's events name them. A registration carries
 * the four its own details decide; an application the rules that excluded it at the draw, which adds the two
 * the draws themselves decide.
 */
export const REGISTRATION_RULES = ['NOT_CITIZEN', 'AGE_OUT_OF_RANGE', 'IN_FORMAL_EDUCATION', 'EXCLUDED_OCCUPATION'] as const;
export const APPLICATION_RULES = [...REGISTRATION_RULES, 'FAMILY_CARD_LIMIT', 'ALREADY_PARTICIPATED'] as const;
/** Why cohortApply refused an application it then did not write (the `apply.refused` event's `reason`). */
export const APPLY_REFUSALS = ['NOT_ELIGIBLE', 'COHORT_NOT_OPEN'] as const;

export const MEASURES = [
  'PARTICIPANTS',
  'INCENTIVES_DUE',
  'INCENTIVES_PAID',
  'INCENTIVE_PAID_AMOUNT',
  'INCENTIVE_RECIPIENTS',
  'SURVEY_PAID_AMOUNT',
  'SURVEYS_PAID',
  'INELIGIBLE_REGISTRATIONS',
  ...REGISTRATION_RULES.map((rule) => `REGISTRATIONS_${rule}` as const),
  'APPLICATIONS',
  'SELECTED',
  'INELIGIBLE_APPLICATIONS',
  ...APPLICATION_RULES.map((rule) => `APPLICATIONS_${rule}` as const),
  'APPLICATIONS_REFUSED',
  ...APPLY_REFUSALS.map((reason) => `APPLICATIONS_REFUSED_${reason}` as const),
  ...APPLICATION_RULES.map((rule) => `APPLICATIONS_REFUSED_${rule}` as const),
  'CARDS_ISSUED',
  'ACTIVE_CARDS',
  'REVOKED_CARDS',
  'PURCHASES',
  'PURCHASERS',
  'SPEND',
  'REFUNDS',
  'VOIDS',
  'COMPLETIONS',
  'COMPLETERS',
  'COMPLETION_RATE',
  'COMPLETIONS_TOO_EARLY',
  'MEDIAN_DAYS_TO_COMPLETE',
  'AVERAGE_SCORE',
  'AVERAGE_PRICE',
  'FORFEITED_BALANCE',
  'CREDITED',
  'OUTSTANDING_BALANCE',
] as const;
export type Measure = (typeof MEASURES)[number];

export const DIMENSIONS = [
  'COHORT',
  'PROVINCE',
  'REGENCY',
  'AGE_BAND',
  'SEX',
  'EDUCATION',
  'PLATFORM',
  'INSTITUTION',
  'COURSE',
  'CATEGORY',
  'MODE',
  'SURVEY',
  'DAY',
  'WEEK',
  'MONTH',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type Base = 'participants' | 'applications' | 'refusals' | 'cards' | 'purchases' | 'ledger' | 'payouts';

export interface MeasureDefinition {
  base: Base;
  description: string;
  /** SQL of the value over the base's rows. */
  value: string;
  /** SQL counting the distinct participants behind the value (disclosure control). */
  participants: string;
  /** Whether the values of a table's cells add up to its total (then secondary suppression applies). */
  additive: boolean;
}

/** Owed the incentive: DUE (payout pending or under way), PAID, or FAILED (the office may retry); not AWAITING_REVIEW. */
const OWED = `incentive_status IN ('DUE', 'PAID', 'FAILED')`;

const distinctWhere = (condition: string) => `count(DISTINCT pid) FILTER (WHERE ${condition})`;

/** A count of the base's facts that `condition` keeps, with its participants: additive like any count. */
const countWhere = (base: Base, description: string, condition: string): MeasureDefinition => ({
  base,
  description,
  value: `count(*) FILTER (WHERE ${condition})`,
  participants: distinctWhere(condition),
  additive: true,
});

const RULE_NAMES: Record<(typeof APPLICATION_RULES)[number], string> = {
  NOT_CITIZEN: 'not an Indonesian citizen',
  AGE_OUT_OF_RANGE: 'age outside 18 to 64',
  IN_FORMAL_EDUCATION: 'in formal education',
  EXCLUDED_OCCUPATION: 'an excluded occupation (ASN, TNI, Polri, officials…)',
  FAMILY_CARD_LIMIT: 'the family card already has its two participants',
  ALREADY_PARTICIPATED: 'selected before',
};

/**
 * Refused applications, each (cohort, participant) pair once: a refused participant may try again and again
 * (each attempt is an event), and an evaluator asks how many people a rule turned away, not how many clicks.
 */
const refusedWhere = (description: string, condition: string): MeasureDefinition => ({
  base: 'refusals',
  description,
  value: `count(DISTINCT pair) FILTER (WHERE ${condition})`,
  participants: distinctWhere(condition),
  additive: true,
});

const RULE_MEASURES = {
  INELIGIBLE_REGISTRATIONS: countWhere(
    'participants',
    'Registered participants whom at least one rule excludes by their own details (citizenship, age at registration, education, occupation).',
    'cardinality(eligibility_reasons) > 0',
  ),
  ...Object.fromEntries(
    REGISTRATION_RULES.map((rule) => [
      `REGISTRATIONS_${rule}`,
      countWhere(
        'participants',
        `Registered participants excluded by ${RULE_NAMES[rule]} (${rule}), at registration.`,
        `'${rule}' = ANY (eligibility_reasons)`,
      ),
    ]),
  ),
  INELIGIBLE_APPLICATIONS: countWhere(
    'applications',
    'Applications a rule excluded from the draw (INELIGIBLE at selection).',
    `status = 'INELIGIBLE'`,
  ),
  ...Object.fromEntries(
    APPLICATION_RULES.map((rule) => [
      `APPLICATIONS_${rule}`,
      countWhere(
        'applications',
        `Applications excluded at the draw by ${RULE_NAMES[rule]} (${rule})${rule === 'FAMILY_CARD_LIMIT' ? ', including eligible applicants the cap left unselected' : ''}.`,
        `'${rule}' = ANY (reasons)`,
      ),
    ]),
  ),
  APPLICATIONS_REFUSED: refusedWhere(
    'Applications cohortApply refused and did not write (not eligible, cohort not open): each participant once per cohort however often they tried (in a table split by time, once in each period they tried).',
    'true',
  ),
  APPLICATIONS_REFUSED_NOT_ELIGIBLE: refusedWhere(
    'Applications cohortApply refused because a programme rule excluded the participant (NOT_ELIGIBLE), once per participant and cohort.',
    `reason = 'NOT_ELIGIBLE'`,
  ),
  APPLICATIONS_REFUSED_COHORT_NOT_OPEN: refusedWhere(
    'Applications cohortApply refused because the cohort was not open yet or closed already (COHORT_NOT_OPEN), once per participant and cohort.',
    `reason = 'COHORT_NOT_OPEN'`,
  ),
  ...Object.fromEntries(
    APPLICATION_RULES.map((rule) => [
      `APPLICATIONS_REFUSED_${rule}`,
      refusedWhere(
        `Applications cohortApply refused (NOT_ELIGIBLE) for ${RULE_NAMES[rule]} (${rule}), once per participant and cohort; not in APPLICATIONS, which counts only written applications.`,
        `'${rule}' = ANY (reasons)`,
      ),
    ]),
  ),
} as Record<
  | 'INELIGIBLE_REGISTRATIONS'
  | 'INELIGIBLE_APPLICATIONS'
  | 'APPLICATIONS_REFUSED'
  | `APPLICATIONS_REFUSED_${(typeof APPLY_REFUSALS)[number] | (typeof APPLICATION_RULES)[number]}`
  | `REGISTRATIONS_${(typeof REGISTRATION_RULES)[number]}`
  | `APPLICATIONS_${(typeof APPLICATION_RULES)[number]}`,
  MeasureDefinition
>;

export const MEASURE_DEFINITIONS: Record<Measure, MeasureDefinition> = {
  ...RULE_MEASURES,
  PARTICIPANTS: {
    base: 'participants',
    description: 'Registered participants.',
    value: 'count(*)',
    participants: 'count(DISTINCT pid)',
    additive: true,
  },
  INCENTIVES_DUE: {
    base: 'participants',
    description: 'Participants owed the post-training incentive (first course completed and reviewed), paid or not.',
    value: `count(*) FILTER (WHERE ${OWED})`,
    participants: distinctWhere(OWED),
    additive: true,
  },
  INCENTIVES_PAID: {
    base: 'participants',
    description: 'Participants whose post-training incentive was paid to their payout account.',
    value: `count(*) FILTER (WHERE incentive_status = 'PAID')`,
    participants: distinctWhere(`incentive_status = 'PAID'`),
    additive: true,
  },
  INCENTIVE_PAID_AMOUNT: {
    base: 'payouts',
    description:
      'Rupiah of post-training incentives paid to participants’ payout accounts (TRAINING payouts confirmed by the provider), by the month paid.',
    value: `coalesce(sum(amount) FILTER (WHERE kind = 'TRAINING'), 0)`,
    participants: distinctWhere(`kind = 'TRAINING'`),
    additive: true,
  },
  INCENTIVE_RECIPIENTS: {
    base: 'payouts',
    description:
      'Participants paid their post-training incentive (a confirmed TRAINING payout), by the month paid; unlike INCENTIVES_PAID it splits by COHORT, the last step of the cohort funnel.',
    value: distinctWhere(`kind = 'TRAINING'`),
    participants: distinctWhere(`kind = 'TRAINING'`),
    additive: true,
  },
  SURVEY_PAID_AMOUNT: {
    base: 'payouts',
    description: 'Rupiah paid for answered surveys (SURVEY payouts confirmed by the provider), by the month paid.',
    value: `coalesce(sum(amount) FILTER (WHERE kind = 'SURVEY'), 0)`,
    participants: distinctWhere(`kind = 'SURVEY'`),
    additive: true,
  },
  SURVEYS_PAID: {
    base: 'payouts',
    description: 'Survey payouts paid (one per survey a participant answered).',
    value: `count(*) FILTER (WHERE kind = 'SURVEY')`,
    participants: distinctWhere(`kind = 'SURVEY'`),
    additive: true,
  },
  APPLICATIONS: {
    base: 'applications',
    description: 'Applications to a cohort.',
    value: 'count(*)',
    participants: 'count(DISTINCT pid)',
    additive: true,
  },
  SELECTED: {
    base: 'applications',
    description: 'Applications selected in the draw.',
    value: `count(*) FILTER (WHERE status = 'SELECTED')`,
    participants: distinctWhere(`status = 'SELECTED'`),
    additive: true,
  },
  CARDS_ISSUED: { base: 'cards', description: 'Cards issued.', value: 'count(*)', participants: 'count(DISTINCT pid)', additive: true },
  ACTIVE_CARDS: {
    base: 'cards',
    description: 'Cards active now.',
    value: `count(*) FILTER (WHERE status = 'ACTIVE')`,
    participants: distinctWhere(`status = 'ACTIVE'`),
    additive: true,
  },
  REVOKED_CARDS: {
    base: 'cards',
    description: 'Cards revoked (no purchase before the deadline).',
    value: `count(*) FILTER (WHERE status = 'REVOKED')`,
    participants: distinctWhere(`status = 'REVOKED'`),
    additive: true,
  },
  PURCHASES: {
    base: 'purchases',
    description: 'Authorized (captured) purchases.',
    value: 'count(*)',
    participants: 'count(DISTINCT pid)',
    additive: true,
  },
  PURCHASERS: {
    base: 'purchases',
    description: 'Participants with at least one authorized purchase.',
    value: 'count(DISTINCT pid)',
    participants: 'count(DISTINCT pid)',
    additive: true,
  },
  SPEND: {
    base: 'purchases',
    description: 'Spend in rupiah: captured purchases minus refunds.',
    value: 'coalesce(sum(amount), 0) - coalesce(sum(refunded_amount), 0)',
    participants: 'count(DISTINCT pid)',
    additive: true,
  },
  REFUNDS: {
    base: 'purchases',
    description: 'Refunded rupiah (voided enrollments).',
    value: 'coalesce(sum(refunded_amount), 0)',
    participants: distinctWhere('refunded_amount > 0'),
    additive: true,
  },
  VOIDS: {
    base: 'purchases',
    description: 'Enrollments voided.',
    value: `count(*) FILTER (WHERE enrollment_status = 'CANCELLED')`,
    participants: distinctWhere(`enrollment_status = 'CANCELLED'`),
    additive: true,
  },
  COMPLETIONS: {
    base: 'purchases',
    description: 'Enrollments completed.',
    value: `count(*) FILTER (WHERE enrollment_status = 'COMPLETED')`,
    participants: distinctWhere(`enrollment_status = 'COMPLETED'`),
    additive: true,
  },
  COMPLETERS: {
    base: 'purchases',
    description: 'Participants with at least one completed enrollment.',
    value: `count(DISTINCT pid) FILTER (WHERE enrollment_status = 'COMPLETED')`,
    participants: distinctWhere(`enrollment_status = 'COMPLETED'`),
    additive: true,
  },
  COMPLETION_RATE: {
    base: 'purchases',
    description: 'Completed enrollments over purchases not voided (0 to 1).',
    value: `(count(*) FILTER (WHERE enrollment_status = 'COMPLETED'))::float8 / nullif(count(*) FILTER (WHERE enrollment_status IS DISTINCT FROM 'CANCELLED'), 0)`,
    // A rate gives its numerator back beside its denominator: it rests on the fewer of completers and buyers.
    participants: `least(${distinctWhere(`enrollment_status = 'COMPLETED'`)}, ${distinctWhere(`enrollment_status IS DISTINCT FROM 'CANCELLED'`)})`,
    additive: false,
  },
  COMPLETIONS_TOO_EARLY: {
    base: 'purchases',
    description:
      'Completions the platform reported before the course’s minimum duration after enrolment, each refused attempt counted (partner scorecard).',
    value: 'coalesce(sum(too_early), 0)',
    participants: distinctWhere('too_early > 0'),
    additive: true,
  },
  MEDIAN_DAYS_TO_COMPLETE: {
    base: 'purchases',
    description: 'Median days from enrollment to completion.',
    value: `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - enrolled_at) / 86400) FILTER (WHERE enrollment_status = 'COMPLETED')`,
    participants: distinctWhere(`enrollment_status = 'COMPLETED'`),
    additive: false,
  },
  AVERAGE_SCORE: {
    base: 'purchases',
    description: 'Average completion score (0 to 100).',
    value: `avg(score) FILTER (WHERE enrollment_status = 'COMPLETED')`,
    participants: distinctWhere(`enrollment_status = 'COMPLETED'`),
    additive: false,
  },
  AVERAGE_PRICE: {
    base: 'purchases',
    description: 'Average price paid per purchase, in rupiah (split by COURSE: each course’s price as sold).',
    value: 'avg(amount)',
    participants: 'count(DISTINCT pid)',
    additive: false,
  },
  CREDITED: {
    base: 'ledger',
    description: 'Rupiah credited to cards when their cohort was selected.',
    value: `coalesce(sum(amount) FILTER (WHERE kind = 'CREDIT_COHORT'), 0)`,
    participants: distinctWhere(`kind = 'CREDIT_COHORT'`),
    additive: true,
  },
  OUTSTANDING_BALANCE: {
    base: 'ledger',
    description: 'Rupiah still on the cards: the sum of every ledger entry (credits, purchases, refunds, revocations).',
    value: 'coalesce(sum(amount), 0)',
    participants: 'count(DISTINCT pid)',
    additive: true,
  },
  FORFEITED_BALANCE: {
    base: 'ledger',
    description: 'Rupiah returned to the treasury from cards revoked after the purchase deadline.',
    value: `-coalesce(sum(amount) FILTER (WHERE kind = 'DEBIT_REVOCATION'), 0)`,
    participants: distinctWhere(`kind = 'DEBIT_REVOCATION'`),
    additive: true,
  },
};

/** Age on 1 January of the current year, in the bands the programme reports. */
const AGE_BAND = `CASE WHEN birth_year IS NULL THEN 'UNKNOWN'
  WHEN extract(year FROM now()) - birth_year < 18 THEN 'UNDER_18'
  WHEN extract(year FROM now()) - birth_year < 25 THEN 'AGE_18_24'
  WHEN extract(year FROM now()) - birth_year < 35 THEN 'AGE_25_34'
  WHEN extract(year FROM now()) - birth_year < 45 THEN 'AGE_35_44'
  WHEN extract(year FROM now()) - birth_year < 55 THEN 'AGE_45_54'
  ELSE 'AGE_55_PLUS' END`;

/** Time dimensions are calendar days, weeks and months in Western Indonesia Time (the programme's clock). */
const period = (unit: string) => `to_char(date_trunc('${unit}', at AT TIME ZONE 'Asia/Jakarta'), 'YYYY-MM-DD')`;

const PERSON_DIMENSIONS: Partial<Record<Dimension, string>> = {
  PROVINCE: `coalesce(province_code, 'UNKNOWN')`,
  REGENCY: `coalesce(regency_code, 'UNKNOWN')`,
  AGE_BAND,
  SEX: `coalesce(sex, 'UNKNOWN')`,
  EDUCATION: `coalesce(education, 'UNKNOWN')`,
  DAY: period('day'),
  WEEK: period('week'),
  MONTH: period('month'),
};

/** The participant's latest card decides their cohort for facts that do not name one. */
const COHORT_OF_PARTICIPANT = `(SELECT c.cohort_id::text FROM analytics.card_fact c WHERE c.participant_id = f.participant_id ORDER BY c.issued_at DESC LIMIT 1)`;

const PERSON_COLUMNS = `p.province_code, p.regency_code, p.birth_year, p.sex, p.education, p.incentive_status`;

export interface BaseDefinition {
  /** A subquery with one row per fact: `pid` (the participant), `at` (the fact's time) and the columns the measures use. */
  rows: string;
  dimensions: Partial<Record<Dimension, string>>;
}

export const BASES: Record<Base, BaseDefinition> = {
  participants: {
    rows: `SELECT p.participant_id AS pid, p.registered_at AS at, p.eligibility_reasons, ${PERSON_COLUMNS} FROM analytics.participant_dim p`,
    dimensions: PERSON_DIMENSIONS,
  },
  applications: {
    rows: `SELECT f.participant_id AS pid, f.applied_at AS at, f.status, f.reasons, f.cohort_id::text AS cohort, ${PERSON_COLUMNS}
             FROM analytics.application_fact f LEFT JOIN analytics.participant_dim p ON p.participant_id = f.participant_id`,
    dimensions: { ...PERSON_DIMENSIONS, COHORT: 'cohort' },
  },
  refusals: {
    rows: `SELECT f.participant_id AS pid, f.refused_at AS at, f.reason, f.reasons, f.cohort_id::text AS cohort,
                  f.cohort_id::text || '/' || f.participant_id::text AS pair, ${PERSON_COLUMNS}
             FROM analytics.apply_refusal_fact f LEFT JOIN analytics.participant_dim p ON p.participant_id = f.participant_id`,
    dimensions: { ...PERSON_DIMENSIONS, COHORT: 'cohort' },
  },
  cards: {
    rows: `SELECT f.participant_id AS pid, f.issued_at AS at, f.status, f.cohort_id::text AS cohort, ${PERSON_COLUMNS}
             FROM analytics.card_fact f LEFT JOIN analytics.participant_dim p ON p.participant_id = f.participant_id`,
    dimensions: { ...PERSON_DIMENSIONS, COHORT: 'cohort' },
  },
  purchases: {
    rows: `SELECT f.participant_id AS pid, f.authorized_at AS at, f.amount, e.refunded_amount, e.status AS enrollment_status,
                  e.enrolled_at, e.completed_at, e.score, r.too_early, f.partner_id::text AS platform, co.institution_id::text AS institution, f.course_id::text AS course,
                  co.category, co.mode, ${COHORT_OF_PARTICIPANT} AS cohort, ${PERSON_COLUMNS}
             FROM analytics.purchase_fact f
             LEFT JOIN analytics.enrollment_fact e ON e.purchase_id = f.purchase_id
             LEFT JOIN (SELECT enrollment_id, count(*) AS too_early FROM analytics.completion_refusal_fact
                         WHERE reason = 'COMPLETED_TOO_EARLY' GROUP BY 1) r ON r.enrollment_id = e.enrollment_id
             LEFT JOIN analytics.course_dim co ON co.course_id = f.course_id
             LEFT JOIN analytics.participant_dim p ON p.participant_id = f.participant_id
            WHERE f.status = 'AUTHORIZED'`,
    dimensions: {
      ...PERSON_DIMENSIONS,
      COHORT: `coalesce(cohort, 'UNKNOWN')`,
      PLATFORM: 'platform',
      INSTITUTION: `coalesce(institution, 'UNKNOWN')`,
      COURSE: 'course',
      CATEGORY: `coalesce(category, 'UNKNOWN')`,
      MODE: `coalesce(mode, 'UNKNOWN')`,
    },
  },
  ledger: {
    rows: `SELECT cf.participant_id AS pid, f.recorded_at AS at, f.kind, f.amount, cf.cohort_id::text AS cohort, ${PERSON_COLUMNS}
             FROM analytics.ledger_fact f
             JOIN analytics.wallet_dim w ON w.wallet_id = f.wallet_id
             JOIN analytics.card_fact cf ON cf.card_id = w.card_id
             LEFT JOIN analytics.participant_dim p ON p.participant_id = cf.participant_id`,
    dimensions: { ...PERSON_DIMENSIONS, COHORT: 'cohort' },
  },
  // A participant's incentive is their cohort's (the one card they hold), as the participants subgraph pays it.
  payouts: {
    rows: `SELECT f.participant_id AS pid, f.paid_at AS at, f.kind, f.survey, f.amount, ${COHORT_OF_PARTICIPANT} AS cohort, ${PERSON_COLUMNS}
             FROM analytics.incentive_payout_fact f LEFT JOIN analytics.participant_dim p ON p.participant_id = f.participant_id`,
    dimensions: { ...PERSON_DIMENSIONS, COHORT: `coalesce(cohort, 'UNKNOWN')`, SURVEY: `coalesce(survey, 'NONE')` },
  },
};
