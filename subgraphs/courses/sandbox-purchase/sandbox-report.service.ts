import type { EntityManager } from '@mikro-orm/postgresql';
import { refuser, type UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Course } from '../course/course.entity';
import type { Enrollment } from '../enrollment/enrollment.entity';
import type { AttendanceReportErrorCode, CompletionReportErrorCode } from '../enrollment/enrollment.enums';
import type { AttendanceReportInput, CompletionReportInput } from '../enrollment/enrollment.inputs';
import { certificateOf, checkReportedTime, decideAttendance, decideCompletion, type ReportedEnrollment } from '../enrollment/report.rules';
import { SandboxAttendance, SandboxPurchase } from './sandbox-purchase.entity';
import { enrollmentView, sandboxStatus } from './sandbox-purchase.service';

/*
 * ReportAttendance and ReportCompletion in the sandbox (docs/partner-guide.md §8): the same rules as production
 * (enrollment/report.rules.ts) on a sandbox enrollment, written to sandbox_purchase and sandbox_attendance only:
 * no production enrollment, attendance, certificate, notification, event or participant record is touched.
 */

type Result = { enrollment: Enrollment | null; userErrors: UserError[] };
const refuseAttendance = refuser<Result, AttendanceReportErrorCode>({ enrollment: null });
const refuseCompletion = refuser<Result, CompletionReportErrorCode>({ enrollment: null });

const reported = (row: SandboxPurchase): ReportedEnrollment => ({
  status: sandboxStatus(row),
  enrolledAt: row.authorizedAt!,
  attendedSessions: row.attendedSessions,
  certificateNumber: row.certificateNumber,
  score: row.score,
});

/** The platform's sandbox enrollment with this id, locked for the report; null when it has none. */
async function lockedEnrollment(tx: EntityManager, partnerId: string, enrollmentId: string) {
  if (!isUuid(enrollmentId)) return null;
  const [row] = await tx.execute<Array<{ id: string }>>(
    `select id from courses.sandbox_purchase where enrollment_id = ? and partner_id = ? and status = 'AUTHORIZED' for update`,
    [enrollmentId, partnerId],
  );
  return row ? tx.findOneOrFail(SandboxPurchase, { id: row.id }, { refresh: true }) : null;
}

export async function sandboxAttendance(em: EntityManager, partnerId: string, input: AttendanceReportInput): Promise<Result> {
  checkReportedTime(input.attendedAt, 'attendedAt');
  return em.transactional(async (tx) => {
    const row = await lockedEnrollment(tx, partnerId, input.enrollmentId);
    if (!row) return refuseAttendance('NOT_FOUND', 'No such enrollment', { field: 'enrollmentId' });
    const course = await tx.findOneOrFail(Course, { id: row.courseId });
    const recorded = await tx.count(SandboxAttendance, { sandboxPurchaseId: row.id, session: input.session });
    const decision = decideAttendance(reported(row), input.session, course.sessionCount, Boolean(recorded), input.attendedAt);
    if (decision === 'NOOP') return { enrollment: enrollmentView(row), userErrors: [] };
    if (decision !== 'RECORD')
      return refuseAttendance(decision.code, decision.message, { field: decision.field, enrollment: enrollmentView(row) });
    tx.create(SandboxAttendance, { sandboxPurchaseId: row.id, session: input.session, attendedAt: input.attendedAt });
    row.attendedSessions += 1;
    return { enrollment: enrollmentView(row), userErrors: [] };
  });
}

export async function sandboxCompletion(em: EntityManager, partnerId: string, input: CompletionReportInput): Promise<Result> {
  const certificateNumber = certificateOf(input);
  checkReportedTime(input.completedAt, 'completedAt');
  return em.transactional(async (tx) => {
    const row = await lockedEnrollment(tx, partnerId, input.enrollmentId);
    if (!row) return refuseCompletion('NOT_FOUND', 'No such enrollment', { field: 'enrollmentId' });
    const course = await tx.findOneOrFail(Course, { id: row.courseId });
    const decision = decideCompletion(reported(row), { ...input, certificateNumber }, course);
    if (decision === 'NOOP') return { enrollment: enrollmentView(row), userErrors: [] };
    if (decision !== 'RECORD')
      return refuseCompletion(decision.code, decision.message, { field: decision.field, enrollment: enrollmentView(row) });
    Object.assign(row, { completedAt: input.completedAt, score: input.score, certificateNumber });
    return { enrollment: enrollmentView(row), userErrors: [] };
  });
}
