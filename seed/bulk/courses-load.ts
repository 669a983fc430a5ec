import type { Client } from 'pg';
import { copyRows, type CopyValue } from './copy';
import { bulkId } from './ids';
import type { Offering, PlannedPurchase, YearPlan } from './plan';
import type { Progress } from './progress';

const S = 'courses';
const MINUTE = 60_000;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/**
 * What a participant can buy: active offerings of approved courses, with what completion takes. Courses held on
 * dates (their seats are purchases) and courses requiring an education (bulk people declare none) are left out.
 */
export async function readOfferings(client: Client): Promise<Offering[]> {
  const { rows } = await client.query<{
    course_id: string;
    partner_id: string;
    price: string;
    session_count: number;
    minimum_duration_minutes: number;
  }>(
    `SELECT o.course_id, o.partner_id, o.price, c.session_count, c.minimum_duration_minutes
     FROM ${S}.offering o JOIN ${S}.course c ON c.id = o.course_id
     WHERE o.active AND c.curation_status = 'APPROVED' AND c.minimum_education IS NULL
       AND NOT EXISTS (SELECT 1 FROM ${S}.course_schedule s WHERE s.course_id = c.id) ORDER BY o.id`,
  );
  return rows.map((r) => ({
    courseId: r.course_id,
    partnerId: r.partner_id,
    price: Number(r.price),
    sessionCount: r.session_count,
    minimumDurationMinutes: r.minimum_duration_minutes,
  }));
}

/** The year's purchases (all authorized), their enrollments and the attendance behind them, in the courses schema. */
export async function writeCoursesYear(client: Client, plan: YearPlan, progress: Progress): Promise<void> {
  progress.phase('purchases');
  await copyRows(
    client,
    `${S}.purchase`,
    [
      'id',
      'partner_id',
      'invoice_code',
      'card_number',
      'participant_id',
      'course_id',
      'amount',
      'status',
      'otp_generation',
      'otp_expires_at',
      'otp_attempts',
      'hold_expires_at',
      'hold_released',
      'created_at',
      'updated_at',
      'authorized_at',
      'otp_delivered_at',
    ],
    (function* () {
      for (const p of plan.purchases)
        yield [
          p.id,
          p.offering.partnerId,
          invoiceOf(p),
          p.card.number,
          bulkId('participant', p.card.participant),
          p.offering.courseId,
          p.offering.price,
          'AUTHORIZED',
          1,
          iso(p.at + 5 * MINUTE),
          0,
          iso(p.at + 10 * MINUTE),
          false,
          iso(p.at),
          iso(p.at + MINUTE),
          iso(p.at + MINUTE),
          iso(p.at),
        ];
    })(),
    progress,
  );
  progress.phase('enrollments');
  await copyRows(client, `${S}.enrollment`, ENROLLMENT_COLUMNS, enrollmentRows(plan), progress);
  progress.phase('attendance');
  await copyRows(
    client,
    `${S}.attendance`,
    ['id', 'enrollment_id', 'session', 'attended_at', 'recorded_at'],
    attendanceRows(plan),
    progress,
  );
}

const invoiceOf = (p: PlannedPurchase) => `BULK-${hex(p.n, 8)}`;

const ENROLLMENT_COLUMNS = [
  'id',
  'purchase_id',
  'partner_id',
  'participant_id',
  'course_id',
  'invoice_code',
  'transaction_code',
  'amount',
  'status',
  'enrolled_at',
  'attended_sessions',
  'completed_at',
  'score',
  'certificate_number',
  'certificate_issued_at',
  'completion_recorded',
  'cancel_reason',
  'cancelled_at',
  'refunded_amount',
  'created_at',
];

function* enrollmentRows(plan: YearPlan): Generator<CopyValue[]> {
  for (const p of plan.purchases) {
    const enrolledAt = p.at + MINUTE;
    const completed = p.outcome === 'COMPLETED';
    const cancelled = p.outcome === 'CANCELLED';
    yield [
      bulkId('enrollment', p.n),
      p.id,
      p.offering.partnerId,
      bulkId('participant', p.card.participant),
      p.offering.courseId,
      invoiceOf(p),
      `PRJ-${new Date(enrolledAt).toISOString().slice(0, 10).replaceAll('-', '')}-${hex(p.n, 16)}`,
      p.offering.price,
      p.outcome,
      iso(enrolledAt),
      p.attended,
      completed ? iso(p.endedAt) : null,
      completed ? p.score : null,
      completed ? `CERT-BULK-${hex(p.n, 8)}` : null,
      completed ? iso(p.endedAt) : null,
      completed, // the participants schema has the completion (see writeParticipantsYear)
      cancelled ? 'Voided by the platform at the request of the participant' : null,
      cancelled ? iso(p.endedAt) : null,
      cancelled ? p.offering.price : null,
      iso(enrolledAt),
    ];
  }
}

/** Sessions 1..attended, spread between the enrolment and the completion (or the hour before now). */
function* attendanceRows(plan: YearPlan): Generator<CopyValue[]> {
  let n = 0;
  const latest = Date.now() - 3_600_000;
  for (const p of plan.purchases) {
    if (!p.attended) continue;
    const from = p.at + MINUTE;
    const to = p.endedAt ?? Math.min(latest, from + p.attended * 86_400_000);
    for (let session = 1; session <= p.attended; session++) {
      const at = iso(from + Math.floor(((to - from) * session) / (p.attended + 1)));
      yield [bulkId('attendance', n++), bulkId('enrollment', p.n), session, at, at];
    }
  }
}

export const attendanceCount = (plan: YearPlan): number => plan.purchases.reduce((sum, p) => sum + p.attended, 0);
