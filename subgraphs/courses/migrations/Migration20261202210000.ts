import { Migration } from '@mikro-orm/migrations';
import { outboxMigrationSql, outboxTriggerSql, type OutboxBackfill } from '../../../common/outbox-sql';

const S = '"courses"';

/* Payloads: ids, amounts, states and times; never the card number, invoice or OTP (docs/events.md). */
const PAYLOADS = [
  `create function ${S}."outbox_course_payload"(c ${S}."course") returns jsonb language sql stable as $$
    select jsonb_build_object('courseId', c.id, 'institutionId', c.institution_id, 'title', c.title, 'category', c.category,
      'mode', c.mode, 'sessionCount', c.session_count, 'minimumDurationMinutes', c.minimum_duration_minutes,
      'curationStatus', c.curation_status, 'curatedAt', c.curated_at, 'submittedAt', c.created_at) $$`,
  `create function ${S}."outbox_offering_payload"(o ${S}."offering") returns jsonb language sql stable as $$
    select jsonb_build_object('offeringId', o.id, 'courseId', o.course_id, 'partnerId', o.partner_id, 'price', o.price::text,
      'active', o.active, 'listedAt', o.created_at) $$`,
  `create function ${S}."outbox_purchase_payload"(p ${S}."purchase") returns jsonb language sql stable as $$
    select jsonb_build_object('purchaseId', p.id, 'participantId', p.participant_id, 'partnerId', p.partner_id, 'courseId', p.course_id,
      'amount', p.amount::text, 'status', p.status, 'startedAt', p.created_at, 'authorizedAt', p.authorized_at) $$`,
  `create function ${S}."outbox_enrollment_payload"(e ${S}."enrollment") returns jsonb language sql stable as $$
    select jsonb_build_object('enrollmentId', e.id, 'purchaseId', e.purchase_id, 'participantId', e.participant_id,
      'partnerId', e.partner_id, 'courseId', e.course_id, 'amount', e.amount::text, 'status', e.status, 'enrolledAt', e.enrolled_at,
      'attendedSessions', e.attended_sessions, 'completedAt', e.completed_at, 'score', e.score, 'cancelledAt', e.cancelled_at,
      'refundedAmount', e.refunded_amount::text) $$`,
  `create function ${S}."outbox_attendance_payload"(a ${S}."attendance") returns jsonb language sql stable as $$
    select jsonb_build_object('attendanceId', a.id, 'enrollmentId', a.enrollment_id, 'session', a.session, 'attendedAt', a.attended_at) $$`,
];

const TRIGGERS = [
  ...outboxTriggerSql(
    'courses',
    'course',
    `if tg_op = 'INSERT' then
       emit('course.submitted', ${S}.outbox_course_payload(new), new.created_at);
     elsif new.curation_status <> old.curation_status then
       emit('course.curated', ${S}.outbox_course_payload(new));
     elsif (new.institution_id, new.title, new.category, new.mode, new.session_count, new.minimum_duration_minutes)
           is distinct from (old.institution_id, old.title, old.category, old.mode, old.session_count, old.minimum_duration_minutes) then
       emit('course.updated', ${S}.outbox_course_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'courses',
    'offering',
    `if tg_op = 'INSERT' then
       emit('offering.listed', ${S}.outbox_offering_payload(new), new.created_at);
     elsif (new.price, new.active) is distinct from (old.price, old.active) then
       emit('offering.updated', ${S}.outbox_offering_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'courses',
    'purchase',
    `if tg_op = 'INSERT' then
       emit('purchase.started', ${S}.outbox_purchase_payload(new), new.created_at);
     elsif new.status <> old.status then
       emit('purchase.' || lower(new.status::text), ${S}.outbox_purchase_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'courses',
    'enrollment',
    `if tg_op = 'INSERT' then
       emit('enrollment.enrolled', ${S}.outbox_enrollment_payload(new), new.enrolled_at);
     elsif new.status <> old.status then
       emit('enrollment.' || case new.status when 'CANCELLED' then 'voided' else lower(new.status::text) end, ${S}.outbox_enrollment_payload(new));
     elsif (new.attended_sessions, new.score, new.completed_at, new.refunded_amount)
           is distinct from (old.attended_sessions, old.score, old.completed_at, old.refunded_amount) then
       emit('enrollment.updated', ${S}.outbox_enrollment_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'courses',
    'attendance',
    `if tg_op = 'INSERT' then
       emit('attendance.recorded', ${S}.outbox_attendance_payload(new), new.recorded_at);
     end if;`,
  ),
];

/* Backfill: existing rows as events carrying their current state. */
export const BACKFILL: OutboxBackfill[] = [
  { type: 'course.submitted', table: 'course', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'offering.listed', table: 'offering', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'purchase.started', table: 'purchase', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'enrollment.enrolled', table: 'enrollment', occurredAt: 'enrolled_at', orderBy: 'r.enrolled_at, r.id' },
  { type: 'attendance.recorded', table: 'attendance', occurredAt: 'recorded_at', orderBy: 'r.recorded_at, r.id' },
];

const TABLES = ['course', 'offering', 'purchase', 'enrollment', 'attendance'];

const OUTBOX = outboxMigrationSql('courses', { payloads: PAYLOADS, triggers: TRIGGERS, backfill: BACKFILL, tables: TABLES });

/** Transactional outbox: every domain change writes its event in the same transaction (docs/events.md). */
export class Migration20261202210000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of OUTBOX.up) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of OUTBOX.down) this.addSql(statement);
  }
}
