import { educationLabel, meetsEducation, type EducationLevel } from '../../../common/education';
import { PurchaseStatus } from './purchase.enums';

/*
 * The purchase state machine as pure decisions (no I/O), so each rule can be unit-tested; the services
 * apply them under a row lock.
 */

export interface StartRequest {
  cardNumber: string;
  courseId: string;
  amount: number;
  /** The schedule bought, for a course with schedules. */
  scheduleId?: string | null;
}

export interface PurchaseState {
  status: PurchaseStatus;
  cardNumber: string;
  courseId: string;
  amount: number;
  scheduleId?: string | null;
  otpHash: string | null;
  otpExpiresAt: Date | null;
  otpAttempts: number;
  holdExpiresAt: Date;
  /** The current OTP was stored but its delivery never confirmed (a crash or a failed call in between). */
  otpAwaitingDelivery: boolean;
}

/** Least time a re-issued OTP must have before the hold expires to be worth sending. */
export const REISSUE_MARGIN_MS = 30_000;

export type RetryDecision = 'CONFLICT' | 'RETURN' | 'ISSUE_OTP' | 'RESEND_OTP';

/**
 * purchaseStart on an invoice code the partner already used: the same card, course, amount and schedule is a retry
 * (answer the same purchase; send a new OTP only when none is valid any more and the hold still has time;
 * send the valid one again when its delivery was never confirmed); anything else is INVOICE_CONFLICT.
 */
export function decideRetry(existing: PurchaseState, request: StartRequest, now: Date): RetryDecision {
  if (
    existing.cardNumber !== request.cardNumber ||
    existing.courseId !== request.courseId ||
    existing.amount !== request.amount ||
    (existing.scheduleId ?? null) !== (request.scheduleId ?? null)
  )
    return 'CONFLICT';
  if (reissuesOtp(existing, now)) return 'ISSUE_OTP';
  return resendsOtp(existing, now) ? 'RESEND_OTP' : 'RETURN';
}

const otpValid = (s: PurchaseState, now: Date) => s.otpHash !== null && s.otpExpiresAt !== null && s.otpExpiresAt > now;

/** Whether a retry of purchaseStart would send a new OTP: still awaiting one, none valid, and the hold has time left. */
export function reissuesOtp(existing: PurchaseState, now: Date): boolean {
  if (existing.status !== PurchaseStatus.AWAITING_OTP) return false;
  return !otpValid(existing, now) && existing.holdExpiresAt.getTime() - now.getTime() > REISSUE_MARGIN_MS;
}

/** Whether the valid OTP must be sent again (same code, same delivery reference): it was stored, never confirmed delivered. */
export function resendsOtp(existing: PurchaseState, now: Date): boolean {
  return existing.status === PurchaseStatus.AWAITING_OTP && existing.otpAwaitingDelivery && otpValid(existing, now);
}

/** An OTP never outlives the hold it confirms. */
export function otpExpiry(now: Date, otpMinutes: number, holdExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + otpMinutes * 60_000, holdExpiresAt.getTime()));
}

export type OtpOutcome =
  /** Correct OTP in time: move to CAPTURING. */
  | { kind: 'ACCEPT' }
  /** Already accepted earlier (CAPTURING or AUTHORIZED) and the OTP matches: finish and answer the enrollment. */
  | { kind: 'FINISH' }
  /** Wrong OTP, still unlocked: store the new attempt count. */
  | { kind: 'INVALID'; attempts: number }
  /** Wrong OTP that uses up the attempts: store LOCKED and release the hold. */
  | { kind: 'LOCK'; attempts: number }
  | { kind: 'LOCKED' }
  | { kind: 'EXPIRED' };

/** What purchaseAuthorize does with an OTP, given the purchase as locked in the database. */
export function decideAuthorize(state: PurchaseState, otpIsCorrect: boolean, now: Date, maxAttempts: number): OtpOutcome {
  switch (state.status) {
    case PurchaseStatus.LOCKED:
      return { kind: 'LOCKED' };
    case PurchaseStatus.EXPIRED:
      return { kind: 'EXPIRED' };
    case PurchaseStatus.CAPTURING:
    case PurchaseStatus.AUTHORIZED:
      // A retry (or a concurrent twin) of an accepted authorize; a wrong OTP here counts for nothing.
      return otpIsCorrect ? { kind: 'FINISH' } : { kind: 'INVALID', attempts: state.otpAttempts };
    case PurchaseStatus.AWAITING_OTP: {
      if (state.otpAttempts >= maxAttempts) return { kind: 'LOCKED' };
      if (!state.otpExpiresAt || state.otpExpiresAt <= now || state.holdExpiresAt <= now) return { kind: 'EXPIRED' };
      if (otpIsCorrect) return { kind: 'ACCEPT' };
      const attempts = state.otpAttempts + 1;
      return attempts >= maxAttempts ? { kind: 'LOCK', attempts } : { kind: 'INVALID', attempts };
    }
  }
}

/** Why a holder of `ageYears` may not buy the course, or null when the course's age requirement (if any) is met. */
export function ageRequirementRefusal(course: { minimumAge: number | null; maximumAge: number | null }, ageYears: number): string | null {
  if (course.minimumAge !== null && ageYears < course.minimumAge) return `The course requires an age of at least ${course.minimumAge}`;
  if (course.maximumAge !== null && ageYears > course.maximumAge) return `The course requires an age of at most ${course.maximumAge}`;
  return null;
}

/** Why a course's schedule cannot be bought now, or null: one of the course's, not started, not full (seats held or taken). */
export function scheduleRefusal(schedule: { startsAt: Date; seatQuota: number; seatsInUse: number } | null, now: Date): string | null {
  if (!schedule) return 'The course has no schedule with this id';
  if (schedule.startsAt <= now) return 'The schedule has already started';
  if (schedule.seatsInUse >= schedule.seatQuota) return 'The schedule is full: no seat is left';
  return null;
}

/**
 * Why a participant with `attained` education may not buy the course, or null when its minimum (if any) is met.
 * Nothing declared is a refusal too, saying how to put it right.
 */
export function educationRequirementRefusal(
  course: { minimumEducation: EducationLevel | null },
  attained: EducationLevel | null,
): string | null {
  if (!course.minimumEducation) return null;
  const minimum = educationLabel(course.minimumEducation);
  if (!attained)
    return `The course requires an education of at least ${minimum}; the participant has not declared theirs: they complete their profile (participantEducationSet) and try again`;
  return meetsEducation(attained, course.minimumEducation)
    ? null
    : `The course requires an education of at least ${minimum} (the participant has ${educationLabel(attained)})`;
}
