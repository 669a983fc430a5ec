import type { EntityManager } from '@mikro-orm/postgresql';
import { graphqlError, refuser, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { log } from '../../../common/logger';
import type { CoursesServices } from '../context';
import { Enrollment } from '../enrollment/enrollment.entity';
import { enrollmentInsertSql } from '../enrollment/enrollment.service';
import { otpMatches } from './otp';
import { Purchase } from './purchase.entity';
import { PurchaseEndReason, PurchaseStatus, type PurchaseAuthorizeErrorCode } from './purchase.enums';
import { stateOf } from './purchase.service';
import { releaseSeats, TAKE_SEAT_SQL } from './seats';
import { decideAuthorize, reissuesOtp } from './rules';

export interface AuthorizeResult {
  enrollment: Enrollment | null;
  userErrors: UserError[];
}

const refuse = refuser<AuthorizeResult, PurchaseAuthorizeErrorCode>({ enrollment: null });

/**
 * purchaseAuthorize. Under a row lock: check the OTP and move the purchase to CAPTURING (a short
 * transaction). Outside the lock: capture the hold (idempotent by purchase id), then create the enrollment
 * (idempotent by purchase id) and mark the purchase AUTHORIZED. A crash anywhere leaves CAPTURING, which a
 * retry or the reconciler completes; concurrent calls all end in the same enrollment and one debit.
 */
export async function authorizePurchase(
  em: EntityManager,
  services: CoursesServices,
  partnerId: string,
  purchaseId: string,
  otp: string,
): Promise<AuthorizeResult> {
  if (!isUuid(purchaseId)) return refuse('NOT_FOUND', 'No such purchase', { field: 'purchaseId' });
  const { config } = services;
  const step = await em.transactional(
    async (tx): Promise<{ result?: AuthorizeResult; release?: boolean; finish?: boolean; capturing?: Purchase }> => {
      // SQL mapped once rather than a locking findOne: the ORM's query building was most of this read's CPU.
      const [row] = await tx.execute<Array<Record<string, unknown>>>(
        'select * from courses.purchase where id = ? and partner_id = ? for update',
        [purchaseId, partnerId],
      );
      const purchase = row ? tx.map(Purchase, row) : null;
      if (!purchase) return { result: refuse('NOT_FOUND', 'No such purchase', { field: 'purchaseId' }) };
      const now = new Date();
      const correct = otpMatches(config.otpSecret, purchase.id, purchase.otpGeneration, otp, purchase.otpHash);
      const state = stateOf(purchase);
      const outcome = decideAuthorize(state, correct, now, config.otpMaxAttempts);
      switch (outcome.kind) {
        case 'LOCKED':
          return { result: refuse('OTP_LOCKED', 'Too many wrong OTPs: the purchase is locked; start again with a new invoice code') };
        case 'EXPIRED': {
          if (purchase.endReason === PurchaseEndReason.CARD_REVOKED)
            return { result: refuse('INSUFFICIENT_BALANCE', 'The card was revoked by the programme office; nothing was debited') };
          // Point the partner at the retry only when purchaseStart would really issue a new OTP.
          const message = reissuesOtp(state, now)
            ? 'The OTP has expired; call purchaseStart again with the same invoice code for a new one'
            : 'The OTP has expired and the hold on the balance has (almost) run out; start again with a new invoice code';
          return { result: refuse('OTP_EXPIRED', message, { field: 'otp' }) };
        }
        case 'INVALID':
          if (purchase.status === PurchaseStatus.AWAITING_OTP) purchase.otpAttempts = outcome.attempts;
          return { result: refuse('INVALID_OTP', 'The OTP is not correct', { field: 'otp' }) };
        case 'LOCK':
          Object.assign(purchase, { otpAttempts: outcome.attempts, status: PurchaseStatus.LOCKED, updatedAt: now });
          return {
            result: refuse('OTP_LOCKED', 'Too many wrong OTPs: the purchase is locked; start again with a new invoice code', {
              field: 'otp',
            }),
            release: true,
          };
        case 'ACCEPT': {
          // Serialise authorizations of one participant in one course, so two platforms cannot both enroll them.
          await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`enroll:${purchase.participantId}:${purchase.course.id}`]);
          const { taken, withdrawn } = await enrolledOrWithdrawn(tx, purchase);
          if (withdrawn) {
            // The platform was terminated while the participant held the OTP: no sale, the money and seat go back now.
            Object.assign(purchase, { status: PurchaseStatus.EXPIRED, endReason: PurchaseEndReason.COURSE_WITHDRAWN, updatedAt: now });
            return {
              result: refuse('COURSE_NOT_OFFERED', 'The platform no longer sells the course (its offering was withdrawn)'),
              release: true,
            };
          }
          if (taken) {
            // This purchase can never be authorized: end it and free the participant's money now, not at hold expiry.
            Object.assign(purchase, { status: PurchaseStatus.EXPIRED, endReason: PurchaseEndReason.ALREADY_ENROLLED, updatedAt: now });
            return {
              result: refuse('ALREADY_ENROLLED', 'The participant already holds an active enrollment in this course'),
              release: true,
            };
          }
          Object.assign(purchase, { status: PurchaseStatus.CAPTURING, updatedAt: now });
          return { finish: true, capturing: purchase };
        }
        case 'FINISH':
          return { finish: true };
      }
    },
  );
  if (step.release) await releaseHold(em, services, purchaseId);
  if (!step.finish) return step.result!;
  return finishCapture(em, services, purchaseId, true, step.capturing);
}

/**
 * Whether another purchase of this participant in this course is being captured or an enrollment is active
 * (`taken`), and whether the platform's offering was withdrawn since the start: one query.
 */
async function enrolledOrWithdrawn(tx: EntityManager, purchase: Purchase): Promise<{ taken: boolean; withdrawn: boolean }> {
  const [row] = await tx.execute<Array<{ taken: boolean; withdrawn: boolean }>>(
    `select exists (select 1 from courses.purchase where participant_id = ? and course_id = ? and status = 'CAPTURING' and id <> ?)
         or exists (select 1 from courses.enrollment where participant_id = ? and course_id = ? and status <> 'CANCELLED') as taken,
            exists (select 1 from courses.offering where course_id = ? and partner_id = ? and withdrawn_at is not null) as withdrawn`,
    [
      purchase.participantId,
      purchase.course.id,
      purchase.id,
      purchase.participantId,
      purchase.course.id,
      purchase.course.id,
      purchase.partnerId,
    ],
  );
  return row;
}

/**
 * Completes a CAPTURING purchase: capture, enrollment, AUTHORIZED. Every step is idempotent, so a request
 * retry, a concurrent twin and the reconciler may all run it.
 */
export async function finishCapture(
  em: EntityManager,
  services: CoursesServices,
  purchaseId: string,
  fromRequest: boolean,
  /** The purchase this request just moved to CAPTURING under its lock: no need to read it again. */
  capturing?: Purchase,
): Promise<AuthorizeResult> {
  const purchase = capturing ?? (await em.findOneOrFail(Purchase, { id: purchaseId }, { refresh: true }));
  if (purchase.status === PurchaseStatus.AUTHORIZED) return { enrollment: await enrollmentOf(em, purchaseId), userErrors: [] };
  if (purchase.status !== PurchaseStatus.CAPTURING)
    return refuse('INSUFFICIENT_BALANCE', 'The hold on the balance is gone; start again with a new invoice code');

  const capture = await services.participants.holdCapture(purchaseId);
  const refusal = capture.userErrors[0];
  if (refusal) {
    if (refusal.code === 'HOLD_EXPIRED' || refusal.code === 'HOLD_NOT_FOUND') {
      await em.execute(
        `update courses.purchase set status = 'EXPIRED', end_reason = 'HOLD_EXPIRED', hold_released = true, updated_at = now() where id = ? and status = 'CAPTURING'`,
        [purchaseId],
      );
      await releaseSeats(em, purchaseId);
      return refuse(
        'INSUFFICIENT_BALANCE',
        'The hold on the balance expired before it could be debited; start again with a new invoice code',
      );
    }
    log.error('hold capture refused', { purchaseId, code: refusal.code });
    throw graphqlError('INTERNAL_SERVER_ERROR', 'The debit could not be made; retry purchaseAuthorize');
  }
  if (fromRequest && services.config.faultAfterCapture) {
    log.error('COURSES_FAULT_AFTER_CAPTURE: exiting after capture (crash test)', { purchaseId });
    process.exit(86);
  }

  const enrolled = await enrollAndAuthorize(em, purchase, new Date());
  return { enrollment: enrolled ?? (await enrollmentOf(em, purchaseId)), userErrors: [] };
}

/**
 * One statement, so one round trip and no transaction to open: it locks the purchase row, and only while the
 * purchase is still CAPTURING inserts the enrollment, marks the purchase AUTHORIZED and turns its held seat (if
 * it bought a schedule) into a taken one. Finishers that queued
 * on the lock see the AUTHORIZED row and write nothing (undefined), then read the winner's enrollment.
 * (`on conflict (purchase_id)` alone was not enough: two racing inserts can collide first on the (partner,
 * invoice) unique index, which is not the arbiter, and one of them fails.)
 */
async function enrollAndAuthorize(em: EntityManager, purchase: Purchase, now: Date): Promise<Enrollment | undefined> {
  const insert = enrollmentInsertSql('locked', purchase, now);
  const [row] = await em.execute<Array<Record<string, unknown>>>(
    `with locked as (select id from courses.purchase where id = ? and status = 'CAPTURING' for update),
     enrolled as (${insert.sql}),
     authorized as (
       update courses.purchase set status = 'AUTHORIZED', authorized_at = ?, updated_at = ?, ${TAKE_SEAT_SQL}
        where id in (select purchase_id from enrolled) returning id)
     select enrolled.* from enrolled join authorized on authorized.id = enrolled.purchase_id`,
    [purchase.id, ...insert.params, now, now] as never[],
  );
  return row ? em.map(Enrollment, row) : undefined;
}

async function enrollmentOf(em: EntityManager, purchaseId: string): Promise<Enrollment> {
  return em.findOneOrFail(Enrollment, { purchase: purchaseId }, { refresh: true });
}

/** Releases the seat and the hold of a LOCKED or EXPIRED purchase; the reconciler retries when this fails. */
export async function releaseHold(em: EntityManager, services: CoursesServices, purchaseId: string): Promise<void> {
  try {
    await releaseSeats(em, purchaseId);
    const result = await services.participants.holdRelease(purchaseId);
    const code = result.userErrors[0]?.code;
    if (code && code !== 'HOLD_NOT_FOUND' && code !== 'HOLD_EXPIRED') {
      log.error('hold release refused', { purchaseId, code });
      return;
    }
    await em.execute(`update courses.purchase set hold_released = true where id = ? and status in ('LOCKED', 'EXPIRED')`, [purchaseId]);
  } catch (error) {
    log.warn('hold release failed; the reconciler will retry', { purchaseId, error: String(error) });
  }
}
