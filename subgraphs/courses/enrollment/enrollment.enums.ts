import { registerEnumType } from 'type-graphql';

export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLING = 'CANCELLING',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EnrollmentStatus, {
  name: 'EnrollmentStatus',
  description:
    'Where an enrollment is: ENROLLED → IN_PROGRESS (first attendance) → COMPLETED, or ENROLLED → CANCELLING → CANCELLED (void).',
  valuesConfig: {
    ENROLLED: { description: 'Paid; no session attended yet. The only status that can be voided.' },
    IN_PROGRESS: { description: 'At least one session attended.' },
    COMPLETED: { description: 'All sessions attended and completion reported with a certificate.' },
    CANCELLING: {
      description:
        'Void accepted and the refund is being finalised. Transient: a retry of enrollmentVoid, or the server’s reconciler on its next run, makes it CANCELLED.',
    },
    CANCELLED: { description: 'Voided; the amount was refunded to the balance once.' },
  },
});

/** What enrollmentVoid can refuse with. */
export const ENROLLMENT_VOID_ERRORS = {
  NOT_FOUND: 'This platform has no enrollment with this invoice code.',
  ALREADY_CANCELLED: 'The enrollment was already voided; its refund happened once.',
  NOT_CANCELLABLE: 'Only an enrollment with no attendance and no completion can be voided.',
} as const;
export type EnrollmentVoidErrorCode = keyof typeof ENROLLMENT_VOID_ERRORS;

/** What attendanceReport can refuse with. */
export const ATTENDANCE_REPORT_ERRORS = {
  NOT_FOUND: 'This platform has no enrollment with this id.',
  INVALID_SESSION: 'The session is not between 1 and the course’s session count.',
  INVALID_STATE: 'A cancelled or completed enrollment takes no attendance.',
} as const;
export type AttendanceReportErrorCode = keyof typeof ATTENDANCE_REPORT_ERRORS;

/** What completionReport can refuse with. */
export const COMPLETION_REPORT_ERRORS = {
  NOT_FOUND: 'This platform has no enrollment with this id.',
  INVALID_SCORE: 'The score is not between 0 and 100.',
  INVALID_STATE: 'The enrollment is cancelled, or completed with another certificate.',
  SESSIONS_MISSING: 'Not every session was attended (none attended yet included).',
  COMPLETED_TOO_EARLY: 'The completion time is earlier than the course’s minimum duration after enrolment.',
} as const;
export type CompletionReportErrorCode = keyof typeof COMPLETION_REPORT_ERRORS;
