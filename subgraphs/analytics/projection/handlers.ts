import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from './bound-sql';

/* eslint-disable @typescript-eslint/no-explicit-any -- an event payload is JSON, read field by field below */
type Payload = Record<string, any>;

/**
 * How each event type changes the read model. Payloads carry the entity's whole (coarse) state, so every
 * projection is an upsert of the latest state, or an insert that ignores a duplicate: applying an event twice
 * changes nothing (the cursor, stored in the same transaction, is what keeps events from being applied twice).
 * Unknown types are skipped: a source may publish events no projection uses yet.
 */
const upsert = (table: string, key: string, columns: string[]) => ({ table, key, columns, conflict: 'update' as const });
const insertOnce = (table: string, key: string, columns: string[]) => ({ table, key, columns, conflict: 'ignore' as const });

interface Projection {
  /** A row of `table`: the key column, then the other columns (or, without a table, a statement of its own). */
  table?: string;
  key?: string;
  columns?: string[];
  conflict?: 'update' | 'ignore';
  sql?: string;
  params(p: Payload): unknown[];
}

const participant: Projection = {
  ...upsert('participant_dim', 'participant_id', [
    'province_code',
    'regency_code',
    'birth_year',
    'sex',
    'education',
    'occupation',
    'incentive_status',
    'first_completed_at',
    'registered_at',
    'eligibility_reasons',
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
    // Events written before the payload carried the reasons: none known.
    p.eligibilityReasons ?? [],
  ],
};
const cohort: Projection = {
  ...upsert('cohort_dim', 'cohort_id', ['name', 'quota', 'opens_at', 'closes_at', 'training_balance', 'selected_at']),
  params: (p) => [p.cohortId, p.name, p.quota, p.opensAt, p.closesAt, p.trainingBalance, p.selectedAt],
};
const application: Projection = {
  ...upsert('application_fact', 'application_id', ['cohort_id', 'participant_id', 'status', 'applied_at', 'reasons']),
  params: (p) => [p.applicationId, p.cohortId, p.participantId, p.status, p.appliedAt, p.reasons ?? []],
};
const card: Projection = {
  ...upsert('card_fact', 'card_id', ['participant_id', 'cohort_id', 'status', 'issued_at', 'first_purchase_at', 'revoked_at']),
  params: (p) => [p.cardId, p.participantId, p.cohortId, p.status, p.issuedAt, p.firstPurchaseAt, p.revokedAt],
};
const wallet: Projection = { ...insertOnce('wallet_dim', 'wallet_id', ['card_id']), params: (p) => [p.walletId, p.cardId] };
const ledger: Projection = {
  ...insertOnce('ledger_fact', 'entry_id', ['wallet_id', 'kind', 'amount', 'reference_id', 'recorded_at']),
  params: (p) => [p.entryId, p.walletId, p.kind, p.amount, p.referenceId, p.recordedAt],
};
const partner: Projection = {
  ...upsert('partner_dim', 'partner_id', ['slug', 'name', 'status']),
  params: (p) => [p.partnerId, p.slug, p.name, p.status],
};
// A status change names only the partner and its new status; the partner's row exists (applied comes first).
const partnerStatus: Projection = {
  sql: `UPDATE analytics.partner_dim SET status = ? WHERE partner_id = ?`,
  params: (p) => [p.toStatus, p.partnerId],
};
const institution: Projection = {
  ...upsert('institution_dim', 'institution_id', ['name', 'city']),
  params: (p) => [p.institutionId, p.name, p.city],
};
const course: Projection = {
  ...upsert('course_dim', 'course_id', ['institution_id', 'title', 'category', 'mode', 'session_count', 'curation_status']),
  params: (p) => [p.courseId, p.institutionId, p.title, p.category, p.mode, p.sessionCount, p.curationStatus],
};
const purchase: Projection = {
  ...upsert('purchase_fact', 'purchase_id', [
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
  ...upsert('enrollment_fact', 'enrollment_id', [
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

// Each refused attempt is a fact of its own (its refusal id): a platform that tries again is counted again.
const completionRefusal: Projection = {
  ...insertOnce('completion_refusal_fact', 'refusal_id', [
    'enrollment_id',
    'participant_id',
    'partner_id',
    'course_id',
    'reason',
    'refused_at',
  ]),
  params: (p) => [p.refusalId, p.enrollmentId, p.participantId, p.partnerId, p.courseId, p.reason, p.refusedAt],
};

// One row per payout: the event is written with its PAID state (a re-sent one, Migration20261205040000, is ignored).
const incentivePaid: Projection = {
  ...insertOnce('incentive_payout_fact', 'payout_id', ['participant_id', 'kind', 'survey', 'amount', 'paid_at']),
  params: (p) => [p.payoutId, p.participantId, p.kind, p.survey, p.amount, p.paidAt],
};

// Each refused cohortApply is a fact of its own; the measures count a participant once per cohort.
const applyRefusal: Projection = {
  ...insertOnce('apply_refusal_fact', 'refusal_id', ['cohort_id', 'participant_id', 'reason', 'reasons', 'refused_at']),
  params: (p) => [p.refusalId, p.cohortId, p.participantId, p.reason, p.reasons ?? [], p.refusedAt],
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
  completion: completionRefusal,
};

// Facts of one event type each: another type of the same entity (a payout failing) must not land there.
const byType: Record<string, Projection> = {
  'partner.status_changed': partnerStatus,
  'incentive.paid': incentivePaid,
  'apply.refused': applyRefusal,
};

/** The projection of one event type, or undefined for types the read model does not use. */
export function projectionOf(type: string): Projection | undefined {
  if (byType[type]) return byType[type];
  if (type === 'partner.evaluated' || type === 'institution.affiliated' || type.startsWith('partner.probation_')) return undefined;
  return byPrefix[type.slice(0, type.indexOf('.'))];
}

/** The SQL that applies a run of events of one row projection in one statement. */
function batchSql(p: Required<Pick<Projection, 'table' | 'key' | 'columns' | 'conflict'>>): string {
  const all = [p.key, ...p.columns].join(', ');
  const onConflict = p.conflict === 'update' ? `DO UPDATE SET ${p.columns.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'DO NOTHING';
  return `INSERT INTO analytics.${p.table} (${all}) SELECT ${all} FROM jsonb_populate_recordset(null::analytics.${p.table}, ?::jsonb)
          ON CONFLICT (${p.key}) ${onConflict}`;
}

/**
 * Applies a page of events to the read model, inside the caller's transaction. The events of each row
 * projection go in one statement, whatever lies between them (a feed interleaves registrations and
 * applications, purchases and enrollments): each table's rows depend on that table's events alone (no foreign
 * keys or triggers in the read model), and within a statement the last state of each entity wins (an upsert
 * cannot touch one row twice), as applying them one by one would leave. A statement projection (an UPDATE of
 * rows another projection writes) keeps its place: everything gathered before it is written first.
 */
export async function projectEvents(tx: EntityManager, events: Array<{ type: string; payload: Payload }>): Promise<void> {
  const pending = new Map<Projection, Map<unknown, Record<string, unknown>>>();
  const flush = async () => {
    for (const [projection, rows] of pending)
      await executeBound(tx, batchSql(projection as Required<Projection>), [JSON.stringify([...rows.values()])]);
    pending.clear();
  };
  for (const { type, payload } of events) {
    const projection = projectionOf(type);
    if (!projection) continue;
    if (!projection.table) {
      await flush();
      await tx.execute(projection.sql!, projection.params(payload) as never[]);
      continue;
    }
    let rows = pending.get(projection);
    if (!rows) pending.set(projection, (rows = new Map()));
    const values = projection.params(payload);
    const row = Object.fromEntries([projection.key!, ...projection.columns!].map((c, i) => [c, values[i]]));
    const key = row[projection.key!];
    // An ignored duplicate keeps the first row; an upsert keeps the last.
    if (projection.conflict === 'update' || !rows.has(key)) rows.set(key, row);
  }
  await flush();
}
