import type { EntityManager } from '@mikro-orm/postgresql';

/* eslint-disable @typescript-eslint/no-explicit-any -- an event payload is JSON, read field by field below */
type Payload = Record<string, any>;

/**
 * How each event type changes the read model. Payloads carry the entity's whole (coarse) state, so every
 * projection is an upsert of the latest state, or an insert that ignores a duplicate: applying an event twice
 * changes nothing (the cursor, stored in the same transaction, is what keeps events from being applied twice).
 * Unknown types are skipped: a source may publish events no projection uses yet.
 */
const upsert = (table: string, key: string, columns: string[]) =>
  `INSERT INTO analytics.${table} (${[key, ...columns].join(', ')}) VALUES (${[key, ...columns].map(() => '?').join(', ')})
   ON CONFLICT (${key}) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;

const insertOnce = (table: string, key: string, columns: string[]) =>
  `INSERT INTO analytics.${table} (${[key, ...columns].join(', ')}) VALUES (${[key, ...columns].map(() => '?').join(', ')})
   ON CONFLICT (${key}) DO NOTHING`;

interface Projection {
  sql: string;
  params(p: Payload): unknown[];
}

const participant: Projection = {
  sql: upsert('participant_dim', 'participant_id', [
    'province_code',
    'regency_code',
    'birth_year',
    'sex',
    'education',
    'occupation',
    'incentive_status',
    'first_completed_at',
    'registered_at',
  ]),
  params: (p) => [
    p.participantId,
    p.provinceCode,
    p.regencyCode,
    p.birthYear,
    p.sex,
    p.education,
    p.occupation,
    p.incentiveStatus,
    p.firstCompletedAt,
    p.registeredAt,
  ],
};
const cohort: Projection = {
  sql: upsert('cohort_dim', 'cohort_id', ['name', 'quota', 'opens_at', 'closes_at', 'training_balance', 'selected_at']),
  params: (p) => [p.cohortId, p.name, p.quota, p.opensAt, p.closesAt, p.trainingBalance, p.selectedAt],
};
const application: Projection = {
  sql: upsert('application_fact', 'application_id', ['cohort_id', 'participant_id', 'status', 'applied_at']),
  params: (p) => [p.applicationId, p.cohortId, p.participantId, p.status, p.appliedAt],
};
const card: Projection = {
  sql: upsert('card_fact', 'card_id', ['participant_id', 'cohort_id', 'status', 'issued_at', 'first_purchase_at', 'revoked_at']),
  params: (p) => [p.cardId, p.participantId, p.cohortId, p.status, p.issuedAt, p.firstPurchaseAt, p.revokedAt],
};
const wallet: Projection = { sql: insertOnce('wallet_dim', 'wallet_id', ['card_id']), params: (p) => [p.walletId, p.cardId] };
const ledger: Projection = {
  sql: insertOnce('ledger_fact', 'entry_id', ['wallet_id', 'kind', 'amount', 'reference_id', 'recorded_at']),
  params: (p) => [p.entryId, p.walletId, p.kind, p.amount, p.referenceId, p.recordedAt],
};
const partner: Projection = {
  sql: upsert('partner_dim', 'partner_id', ['slug', 'name', 'status']),
  params: (p) => [p.partnerId, p.slug, p.name, p.status],
};
// A status change names only the partner and its new status; the partner's row exists (applied comes first).
const partnerStatus: Projection = {
  sql: `UPDATE analytics.partner_dim SET status = ? WHERE partner_id = ?`,
  params: (p) => [p.toStatus, p.partnerId],
};
const institution: Projection = {
  sql: upsert('institution_dim', 'institution_id', ['name', 'city']),
  params: (p) => [p.institutionId, p.name, p.city],
};
const course: Projection = {
  sql: upsert('course_dim', 'course_id', ['institution_id', 'title', 'category', 'mode', 'session_count', 'curation_status']),
  params: (p) => [p.courseId, p.institutionId, p.title, p.category, p.mode, p.sessionCount, p.curationStatus],
};
const purchase: Projection = {
  sql: upsert('purchase_fact', 'purchase_id', [
    'participant_id',
    'partner_id',
    'course_id',
    'amount',
    'status',
    'started_at',
    'authorized_at',
  ]),
  params: (p) => [p.purchaseId, p.participantId, p.partnerId, p.courseId, p.amount, p.status, p.startedAt, p.authorizedAt],
};
const enrollment: Projection = {
  sql: upsert('enrollment_fact', 'enrollment_id', [
    'purchase_id',
    'participant_id',
    'partner_id',
    'course_id',
    'amount',
    'status',
    'enrolled_at',
    'attended_sessions',
    'completed_at',
    'score',
    'cancelled_at',
    'refunded_amount',
  ]),
  params: (p) => [
    p.enrollmentId,
    p.purchaseId,
    p.participantId,
    p.partnerId,
    p.courseId,
    p.amount,
    p.status,
    p.enrolledAt,
    p.attendedSessions,
    p.completedAt,
    p.score,
    p.cancelledAt,
    p.refundedAmount,
  ],
};

const byPrefix: Record<string, Projection> = {
  participant: participant,
  cohort: cohort,
  application: application,
  card: card,
  wallet: wallet,
  ledger: ledger,
  partner: partner,
  institution: institution,
  course: course,
  purchase: purchase,
  enrollment: enrollment,
};

/** The projection of one event type, or undefined for types the read model does not use. */
export function projectionOf(type: string): Projection | undefined {
  if (type === 'partner.status_changed') return partnerStatus;
  if (type === 'partner.evaluated' || type === 'institution.affiliated') return undefined;
  return byPrefix[type.slice(0, type.indexOf('.'))];
}

/** Applies one event to the read model, inside the caller's transaction. */
export async function projectEvent(tx: EntityManager, type: string, payload: Payload): Promise<void> {
  const projection = projectionOf(type);
  if (projection) await tx.execute(projection.sql, projection.params(payload) as never[]);
}
