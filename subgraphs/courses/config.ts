import { createHmac } from 'node:crypto';
import { ConfigError, envReader, readSecret } from '../../common/config';
import { subgraphDatabaseOf } from '../../common/database-roles';
import { subgraphPort, subgraphUrl } from '../../common/topology';

/** The courses subgraph's configuration, read and validated once at start-up. */
export function loadConfig(env = process.env) {
  const read = envReader(env);
  const faultAfterCapture = read.bool('COURSES_FAULT_AFTER_CAPTURE', false);
  const faultAfterRefund = read.bool('COURSES_FAULT_AFTER_REFUND', false);
  const faultAfterOtpStored = read.bool('COURSES_FAULT_AFTER_OTP_STORED', false);
  if ((faultAfterCapture || faultAfterRefund || faultAfterOtpStored) && env.NODE_ENV === 'production') {
    throw new ConfigError('COURSES_FAULT_* variables are for crash tests only and are refused in production');
  }
  return {
    port: subgraphPort('courses', env),
    /** Its serving role (`COURSES_DATABASE_URL`) and its schema owner for migrations (`COURSES_MIGRATION_DATABASE_URL`). */
    database: subgraphDatabaseOf('courses', env),
    participantsUrl: subgraphUrl('participants', env),
    /** Asked whether the platforms and institutions an admin names exist before a course or offering is written. */
    partnersUrl: subgraphUrl('partners', env),
    /**
     * Key of the OTP hashes. OTP_HASH_SECRET when set; otherwise derived (HMAC with a fixed label) from
     * CREDENTIAL_ENCRYPTION_KEY so that no new secret has to be provisioned and the two never coincide.
     */
    otpSecret:
      read.optional('OTP_HASH_SECRET') ??
      createHmac('sha256', readSecret('CREDENTIAL_ENCRYPTION_KEY', env)).update('courses:otp-hash').digest('hex'),
    /**
     * Key of the per-platform participant references (Enrollment.participantReference). PARTICIPANT_REFERENCE_SECRET
     * when set; otherwise derived like the OTP key. Changing it changes every platform's references.
     */
    participantReferenceSecret:
      read.optional('PARTICIPANT_REFERENCE_SECRET') ??
      createHmac('sha256', readSecret('CREDENTIAL_ENCRYPTION_KEY', env)).update('courses:participant-reference').digest('hex'),
    /** How long a placed hold (and so an unconfirmed purchase) lives; well under the wallet's one-hour ceiling. */
    holdMinutes: read.int('COURSES_HOLD_MINUTES', 10, 1, 30),
    /** How long one OTP is valid (never beyond the hold). */
    otpMinutes: read.int('COURSES_OTP_MINUTES', 5, 1, 30),
    /** Wrong OTPs after which a purchase locks. */
    otpMaxAttempts: read.int('COURSES_OTP_MAX_ATTEMPTS', 3, 1, 10),
    /** Period of the reconciler (expiry of holds, unfinished captures and refunds, completion records). */
    reconcileIntervalMs: read.int('COURSES_RECONCILE_INTERVAL_MS', 15_000, 100, 3_600_000),
    /** How often the partners feed is read for terminations, whose platforms' offerings are withdrawn. */
    partnerFeedPollMs: read.int('COURSES_PARTNER_FEED_POLL_MS', 1_000, 10, 600_000),
    participantFeedPollMs: read.int('COURSES_PARTICIPANT_FEED_POLL_MS', 1_000, 10, 600_000),
    /**
     * TEST ONLY. Makes the process exit right after a successful wallet capture (before the enrollment is
     * written), so a crash test can prove that a retry or the reconciler completes the purchase.
     */
    faultAfterCapture,
    /** TEST ONLY. Same, right after a successful refund (before the enrollment is marked CANCELLED). */
    faultAfterRefund,
    /** TEST ONLY. Same, right after an OTP is stored (before it is sent). */
    faultAfterOtpStored,
  };
}
export type CoursesConfig = ReturnType<typeof loadConfig>;
