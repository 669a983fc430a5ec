import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { badInput, graphqlError, refuser, UserError } from '../../../common/errors';
import { isUuid, newId } from '../../../common/ids';
import { log } from '../../../common/logger';
import type { CoursesServices } from '../context';
import { Course } from '../course/course.entity';
import type { Purchase } from '../purchase/purchase.entity';
import { releaseSeats } from '../purchase/seats';
import { Attendance, Enrollment } from './enrollment.entity';
import {
  EnrollmentStatus,
  type AttendanceReportErrorCode,
  type CompletionReportErrorCode,
  type EnrollmentVoidErrorCode,
} from './enrollment.enums';
import type { AttendanceReportInput, CompletionReportInput } from './enrollment.inputs';
import { certificateOf, checkReportedTime, decideAttendance, decideCompletion } from './report.rules';

export interface EnrollmentResult {
  enrollment: Enrollment | null;
  userErrors: UserError[];
}

/**
 * The enrollment an authorized purchase creates: the only writer of new enrollment rows. An `insert` for the
 * caller's statement (finishCapture's), taking the purchase id from `source`, the caller's CTE that has locked
 * the purchase row while it is still CAPTURING: so it runs once per purchase, in the same round trip.
 */
export function enrollmentInsertSql(source: string, purchase: Purchase, now: Date): { sql: string; params: unknown[] } {
  return {
    sql: `insert into courses.enrollment (id, purchase_id, partner_id, participant_id, course_id, invoice_code, transaction_code, amount, status, enrolled_at, attended_sessions, completion_recorded, created_at)
          select ?, ${source}.id, ?, ?, ?, ?, ?, ?, 'ENROLLED', ?, 0, false, ? from ${source} returning *`,
    params: [
      newId(),
      purchase.partnerId,
      purchase.participantId,
      purchase.course.id,
      purchase.invoiceCode,
      transactionCode(now),
      purchase.amount,
      now,
      now,
    ],
  };
}

/** Programme transaction code: date and 64 random bits, unique by constraint. */
function transactionCode(now: Date): string {
  return `PRJ-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(8).toString('hex').toUpperCase()}`;
}

const refuseVoid = refuser<EnrollmentResult, EnrollmentVoidErrorCode>({ enrollment: null });
const refuseAttendance = refuser<EnrollmentResult, AttendanceReportErrorCode>({ enrollment: null });
const refuseCompletion = refuser<EnrollmentResult, CompletionReportErrorCode>({ enrollment: null });

/**
 * enrollmentVoid. Under a row lock the enrollment moves ENROLLED → CANCELLING; the refund (idempotent by
 * purchase id) is made outside the lock, then CANCELLED. A crash leaves CANCELLING, which a retry or the
 * reconciler completes; the refund happens once whatever the number of calls.
 */
export async function voidEnrollment(
  em: EntityManager,
  services: CoursesServices,
  partnerId: string,
  invoiceCode: string,
  reason: string,
): Promise<EnrollmentResult> {
  const why = reason.trim();
  if (!why || why.length > 1000) throw badInput('`reason` must be 1 to 1000 characters', 'reason');
  const step = await em.transactional(async (tx): Promise<{ result?: EnrollmentResult; id?: string }> => {
    const enrollment = await tx.findOne(
      Enrollment,
      { partnerId, invoiceCode: invoiceCode.trim() },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!enrollment) return { result: refuseVoid('NOT_FOUND', 'No enrollment has this invoice code', { field: 'invoiceCode' }) };
    switch (enrollment.status) {
      case EnrollmentStatus.CANCELLED:
        return {
          result: refuseVoid('ALREADY_CANCELLED', 'The enrollment was already voided and refunded', { field: 'invoiceCode', enrollment }),
        };
      case EnrollmentStatus.CANCELLING:
        return { id: enrollment.id };
      default:
        // ENROLLED means no session attended: the first attendance moves it to IN_PROGRESS.
        if (enrollment.status === EnrollmentStatus.ENROLLED) {
          Object.assign(enrollment, { status: EnrollmentStatus.CANCELLING, cancelReason: why });
          return { id: enrollment.id };
        }
        return {
          result: refuseVoid('NOT_CANCELLABLE', 'Only an enrollment with no attendance and no completion can be voided', {
            field: 'invoiceCode',
            enrollment,
          }),
        };
    }
  });
  if (step.result) return step.result;
  return finishRefund(em, services, step.id!, true);
}

/** Completes a CANCELLING enrollment: refund, then CANCELLED. Idempotent. */
export async function finishRefund(
  em: EntityManager,
  services: CoursesServices,
  enrollmentId: string,
  fromRequest: boolean,
): Promise<EnrollmentResult> {
  const enrollment = await em.findOneOrFail(Enrollment, { id: enrollmentId }, { refresh: true });
  if (enrollment.status === EnrollmentStatus.CANCELLED) return { enrollment, userErrors: [] };
  if (enrollment.status !== EnrollmentStatus.CANCELLING)
    throw graphqlError('INTERNAL_SERVER_ERROR', 'The enrollment is not being cancelled');
  const refund = await services.participants.refund(enrollment.purchase.id);
  const refusal = refund.userErrors[0];
  if (refusal) {
    log.error('refund refused', { enrollmentId, code: refusal.code });
    throw graphqlError('INTERNAL_SERVER_ERROR', 'The refund could not be made; retry enrollmentVoid');
  }
  if (fromRequest && services.config.faultAfterRefund) {
    log.error('COURSES_FAULT_AFTER_REFUND: exiting after refund (crash test)', { enrollmentId });
    process.exit(87);
  }
  const now = new Date();
  await em.execute(
    `update courses.enrollment set status = 'CANCELLED', cancelled_at = ?, refunded_amount = amount where id = ? and status = 'CANCELLING'`,
    [now, enrollmentId],
  );
  // The enrollment's seat on its schedule (if any) goes back on sale; the reconciler sweeps it after a crash here.
  await releaseSeats(em, enrollment.purchase.id);
  return { enrollment: await em.findOneOrFail(Enrollment, { id: enrollmentId }, { refresh: true }), userErrors: [] };
}

/** attendanceReport: one session attended; the same session again changes nothing. */
export async function reportAttendance(em: EntityManager, partnerId: string, input: AttendanceReportInput): Promise<EnrollmentResult> {
  checkReportedTime(input.attendedAt, 'attendedAt');
  if (!isUuid(input.enrollmentId)) return refuseAttendance('NOT_FOUND', 'No such enrollment', { field: 'enrollmentId' });
  return em.transactional(async (tx) => {
    const enrollment = await tx.findOne(
      Enrollment,
      { id: input.enrollmentId, partnerId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!enrollment) return refuseAttendance('NOT_FOUND', 'No such enrollment', { field: 'enrollmentId' });
    const course = await tx.findOneOrFail(Course, { id: enrollment.course.id });
    const recorded = (await tx.count(Attendance, { enrollment: enrollment.id, session: input.session })) > 0;
    const decision = decideAttendance(enrollment, input.session, course.sessionCount, recorded, input.attendedAt);
    if (decision === 'NOOP') return { enrollment, userErrors: [] };
    if (decision !== 'RECORD') return refuseAttendance(decision.code, decision.message, { field: decision.field, enrollment });
    tx.create(Attendance, { enrollment, session: input.session, attendedAt: input.attendedAt });
    enrollment.attendedSessions += 1;
    enrollment.status = EnrollmentStatus.IN_PROGRESS;
    return { enrollment, userErrors: [] };
  });
}

/** completionReport: completes an IN_PROGRESS enrollment with every session attended, then tells the participants subgraph. */
export async function reportCompletion(
  em: EntityManager,
  services: CoursesServices,
  partnerId: string,
  input: CompletionReportInput,
): Promise<EnrollmentResult> {
  const certificateNumber = certificateOf(input);
  checkReportedTime(input.completedAt, 'completedAt');
  if (!isUuid(input.enrollmentId)) return refuseCompletion('NOT_FOUND', 'No such enrollment', { field: 'enrollmentId' });
  const result = await em.transactional(async (tx): Promise<EnrollmentResult> => {
    const enrollment = await tx.findOne(
      Enrollment,
      { id: input.enrollmentId, partnerId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!enrollment) return refuseCompletion('NOT_FOUND', 'No such enrollment', { field: 'enrollmentId' });
    const course = await tx.findOneOrFail(Course, { id: enrollment.course.id });
    const decision = decideCompletion(enrollment, { ...input, certificateNumber }, course);
    if (decision === 'NOOP') return { enrollment, userErrors: [] }; // a retry of the same report
    if (decision !== 'RECORD') return refuseCompletion(decision.code, decision.message, { field: decision.field, enrollment });
    Object.assign(enrollment, {
      status: EnrollmentStatus.COMPLETED,
      completedAt: input.completedAt,
      score: input.score,
      certificateNumber,
      certificateIssuedAt: new Date(),
    });
    return { enrollment, userErrors: [] };
  });
  if (result.enrollment?.status === EnrollmentStatus.COMPLETED && !result.enrollment.completionRecorded) {
    await recordCompletion(em, services, result.enrollment);
  }
  if (result.userErrors[0]?.code === 'COMPLETED_TOO_EARLY') await recordTooEarly(em, result.enrollment!, input.completedAt);
  return result;
}

/**
 * A completion refused as too early is evidence for the platform's evaluation (the partner scorecard): each
 * attempt becomes a feed event. The refusal changes no row, so no trigger writes one; this is its own small
 * transaction, after the refusing one has released the enrollment's lock. Ids and times only.
 */
async function recordTooEarly(em: EntityManager, enrollment: Enrollment, reportedCompletedAt: Date): Promise<void> {
  const payload = {
    refusalId: newId(),
    enrollmentId: enrollment.id,
    participantId: enrollment.participantId,
    partnerId: enrollment.partnerId,
    courseId: enrollment.course.id,
    reason: 'COMPLETED_TOO_EARLY',
    reportedCompletedAt,
    refusedAt: new Date(),
  };
  await em.execute(`SELECT courses.outbox_emit('completion.refused', ?::jsonb)`, [JSON.stringify(payload)]);
}

/** Tells the participants subgraph (idempotent by enrollment id); on failure the reconciler retries. */
export async function recordCompletion(em: EntityManager, services: CoursesServices, enrollment: Enrollment): Promise<void> {
  try {
    await services.participants.completionRecord({
      participantId: enrollment.participantId,
      enrollmentId: enrollment.id,
      completedAt: enrollment.completedAt!,
    });
    await em.execute('update courses.enrollment set completion_recorded = true where id = ?', [enrollment.id]);
    enrollment.completionRecorded = true;
  } catch (error) {
    log.warn('completion record failed; the reconciler will retry', { enrollmentId: enrollment.id, error: String(error) });
  }
}
