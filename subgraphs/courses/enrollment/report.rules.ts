import { badInput } from '../../../common/errors';
import { EnrollmentStatus, type AttendanceReportErrorCode, type CompletionReportErrorCode } from './enrollment.enums';

/*
 * The attendance and completion rules as decisions over an enrollment's state, shared by production
 * (enrollment.service.ts) and the sandox (sandbox-purchase/sandbox-report.service.ts), so a platform's tests
 * against test cards meet exactly the checks its live reports will.
 */

/** Clock difference tolerated between a platform and the programme for reported times. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface ReportedEnrollment {
  status: EnrollmentStatus;
  enrolledAt: Date;
  attendedSessions: number;
  certificateNumber: string | null;
  score: number | null;
}

export type Refusal<C> = { code: C; message: string; field: string };
/** RECORD: write it; NOOP: already recorded as asked (a retry); otherwise why it is refused. */
export type Decision<C> = 'RECORD' | 'NOOP' | Refusal<C>;

/** A reported time must be a real time, not ahead of the programme's clock (beyond the skew). */
export function checkReportedTime(at: Date, field: string): void {
  if (Number.isNaN(at.getTime()) || at.getTime() > Date.now() + CLOCK_SKEW_MS) throw badInput(`\`${field}\` is in the future`, field);
}

export function decideAttendance(
  e: ReportedEnrollment,
  session: number,
  sessionCount: number,
  alreadyRecorded: boolean,
  attendedAt: Date,
): Decision<AttendanceReportErrorCode> {
  if (!Number.isInteger(session) || session < 1 || session > sessionCount)
    return { code: 'INVALID_SESSION', message: `The session must be 1 to ${sessionCount}`, field: 'session' };
  if (alreadyRecorded) return 'NOOP';
  if (e.status !== EnrollmentStatus.ENROLLED && e.status !== EnrollmentStatus.IN_PROGRESS)
    return { code: 'INVALID_STATE', message: `A ${e.status} enrollment takes no attendance`, field: 'enrollmentId' };
  if (attendedAt.getTime() < e.enrolledAt.getTime() - CLOCK_SKEW_MS) throw badInput('`attendedAt` is before the enrolment', 'attendedAt');
  return 'RECORD';
}

export function decideCompletion(
  e: ReportedEnrollment,
  input: { score: number; certificateNumber: string; completedAt: Date },
  course: { sessionCount: number; minimumDurationMinutes: number },
): Decision<CompletionReportErrorCode> {
  if (!Number.isInteger(input.score) || input.score < 0 || input.score > 100)
    return { code: 'INVALID_SCORE', message: 'The score must be 0 to 100', field: 'score' };
  if (e.status === EnrollmentStatus.COMPLETED && e.certificateNumber === input.certificateNumber && e.score === input.score) return 'NOOP';
  // An ENROLLED enrollment is one with no session attended yet: the contract calls that SESSIONS_MISSING.
  if (e.status !== EnrollmentStatus.IN_PROGRESS && e.status !== EnrollmentStatus.ENROLLED)
    return { code: 'INVALID_STATE', message: `A ${e.status} enrollment cannot be completed`, field: 'enrollmentId' };
  if (e.attendedSessions < course.sessionCount)
    return {
      code: 'SESSIONS_MISSING',
      message: `${e.attendedSessions} of ${course.sessionCount} sessions were attended`,
      field: 'enrollmentId',
    };
  const earliest = e.enrolledAt.getTime() + course.minimumDurationMinutes * 60_000;
  if (input.completedAt.getTime() < earliest)
    return {
      code: 'COMPLETED_TOO_EARLY',
      message: `The course cannot be completed before ${new Date(earliest).toISOString()}`,
      field: 'completedAt',
    };
  return 'RECORD';
}

/** The reported certificate number, trimmed, or a malformed-input error. */
export function certificateOf(input: { certificateNumber: string }): string {
  const certificateNumber = input.certificateNumber.trim();
  if (!certificateNumber || certificateNumber.length > 100)
    throw badInput('`certificateNumber` must be 1 to 100 characters', 'certificateNumber');
  return certificateNumber;
}
