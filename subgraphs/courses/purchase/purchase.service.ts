import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, graphqlError, refuser, UserError } from '../../../common/errors';
import { isUuid, newId } from '../../../common/ids';
import { log } from '../../../common/logger';
import { isValidCardNumber } from '../../../common/luhn';
import type { CoursesServices } from '../context';
import { Course } from '../course/course.entity';
import { CurationStatus } from '../course/course.enums';
import { EnrollmentStatus } from '../enrollment/enrollment.enums';
import { deriveOtp, hashOtp, newOtpSeed } from './otp';
import { Purchase } from './purchase.entity';
import type { PurchaseStartErrorCode } from './purchase.enums';
import type { PurchaseStartInput } from './purchase.inputs';
import { CourseSchedule } from '../schedule/schedule.entity';
import { lockFreeSeat, seatCounts } from './seats';
import type { EducationLevel } from '../../../common/education';
import {
  ageRequirementRefusal,
  decideRetry,
  educationRequirementRefusal,
  otpExpiry,
  resendsOtp,
  scheduleRefusal,
  type PurchaseState,
  type StartRequest,
} from './rules';

export interface PurchaseResult {
  purchase: Purchase | null;
  userErrors: UserError[];
}

const refuse = refuser<PurchaseResult, PurchaseStartErrorCode>({ purchase: null });

/** Hold-placement refusals of the participants subgraph, as purchaseStart codes. */
const HOLD_REFUSALS: Record<string, [PurchaseStartErrorCode, string]> = {
  UNKNOWN_CARD: ['UNKNOWN_CARD', 'No Kartu Prakerja has this number'],
  NOT_ACTIVE: ['NOT_ELIGIBLE', 'The card cannot buy courses (not active)'],
  PURCHASE_DEADLINE_PASSED: ['NOT_ELIGIBLE', 'The card’s purchase deadline has passed'],
  INSUFFICIENT_BALANCE: ['INSUFFICIENT_BALANCE', 'The available balance is lower than the price'],
};

export const stateOf = (p: Purchase): PurchaseState => ({
  status: p.status,
  cardNumber: p.cardNumber,
  courseId: p.course.id,
  amount: p.amount,
  scheduleId: p.scheduleId,
  otpHash: p.otpHash,
  otpExpiresAt: p.otpExpiresAt,
  otpAttempts: p.otpAttempts,
  holdExpiresAt: p.holdExpiresAt,
  otpAwaitingDelivery: p.otpSeed !== null,
});

/**
 * purchaseStart. Checks that need no wallet come first (card format, course, offering, price), then the
 * card, an existing enrollment, the hold, and the OTP. The invoice code makes it idempotent: a retry gets the
 * same purchase, a different request under the same code INVOICE_CONFLICT, and concurrent identical starts
 * converge on one row (insert ... on conflict). A refused start leaves no purchase and no hold.
 */
export async function startPurchase(
  em: EntityManager,
  services: CoursesServices,
  partnerId: string,
  input: PurchaseStartInput,
): Promise<PurchaseResult> {
  const invoiceCode = input.invoiceCode.trim();
  if (!invoiceCode || invoiceCode.length > 100) throw badInput('`invoiceCode` must be 1 to 100 characters', 'invoiceCode');
  if (!isValidCardNumber(input.cardNumber))
    return refuse('INVALID_CARD_NUMBER', 'A card number is 16 digits with a valid check digit', { field: 'cardNumber' });
  const request = { cardNumber: input.cardNumber, courseId: input.courseId, amount: input.amount, scheduleId: input.scheduleId ?? null };

  const existing = await purchaseByInvoice(em, partnerId, invoiceCode);
  if (existing) return retryStart(em, services, existing, request);

  if (!isUuid(input.courseId)) return refuse('COURSE_NOT_FOUND', 'No such course', { field: 'courseId' });
  const offer = await courseOffer(em, input.courseId, partnerId);
  const course = offer?.course;
  if (!course || course.curationStatus !== CurationStatus.APPROVED)
    return refuse('COURSE_NOT_FOUND', 'No such course', { field: 'courseId' });
  if (offer.price === null) return refuse('COURSE_NOT_OFFERED', 'This platform does not sell the course', { field: 'courseId' });
  if (offer.price !== input.amount)
    return refuse('PRICE_MISMATCH', `The amount must equal this platform’s price, ${offer.price}`, { field: 'amount' });
  // Most courses have no schedules: the offer's read says so, and only the others ask about seats.
  const seatRefusal = offer.scheduled || request.scheduleId ? await scheduleCheck(em, course.id, request.scheduleId, new Date()) : null;
  if (seatRefusal) return refuse('NOT_ELIGIBLE', seatRefusal, { field: 'scheduleId' });

  const card = await services.participants.walletCard(input.cardNumber);
  if (!card) return refuse('UNKNOWN_CARD', 'No Kartu Prakerja has this number', { field: 'cardNumber' });
  const now = new Date();
  if (card.status !== 'ACTIVE') return refuse('NOT_ELIGIBLE', `The card cannot buy courses (${card.status})`, { field: 'cardNumber' });
  if (card.purchaseDeadline && card.purchaseDeadline <= now)
    return refuse('NOT_ELIGIBLE', 'The card’s purchase deadline has passed', { field: 'cardNumber' });
  const ageRefusal = ageRequirementRefusal(course, card.ageYears);
  if (ageRefusal) return refuse('NOT_ELIGIBLE', ageRefusal, { field: 'cardNumber' });
  const educationRefusal = educationRequirementRefusal(course, (card.educationLevel as EducationLevel | null) ?? null);
  if (educationRefusal) return refuse('NOT_ELIGIBLE', educationRefusal, { field: 'cardNumber' });
  if (await hasActiveEnrollment(em, card.participantId, course.id)) {
    return refuse('ALREADY_ENROLLED', 'The participant already holds an active enrollment in this course', { field: 'courseId' });
  }

  const holdExpiresAt = new Date(now.getTime() + services.config.holdMinutes * 60_000);
  const inserted = await insertPurchase(
    em,
    [partnerId, invoiceCode, input.cardNumber, card.participantId, course.id, input.amount, holdExpiresAt],
    request.scheduleId,
    now,
  );
  if (inserted === 'FULL') return refuse('NOT_ELIGIBLE', 'The schedule is full: no seat is left', { field: 'scheduleId' });
  // A concurrent start with the same invoice code won the insert: this call is its twin (or a conflict).
  if (!inserted.length)
    return retryStart(em, services, await em.findOneOrFail(Purchase, { partnerId, invoiceCode }, { refresh: true }), request);
  return holdAndSendOtp(em, services, em.map(Purchase, inserted[0]), course.title, true);
}

/** Why the schedule asked for cannot be bought (a course with schedules needs one, a course without takes none). */
export async function scheduleCheck(em: EntityManager, courseId: string, scheduleId: string | null, now: Date): Promise<string | null> {
  if (!scheduleId) {
    const scheduled = await em.count(CourseSchedule, { course: courseId });
    return scheduled ? 'The course is held on dates: choose one of its schedules (`scheduleId`)' : null;
  }
  const schedule = isUuid(scheduleId) ? await em.findOne(CourseSchedule, { id: scheduleId, course: courseId }) : null;
  const seats = schedule ? ((await seatCounts(em, [schedule.id])).get(schedule.id) ?? { held: 0, taken: 0 }) : null;
  return scheduleRefusal(
    schedule && seats && { startsAt: schedule.startsAt, seatQuota: schedule.seatQuota, seatsInUse: seats.held + seats.taken },
    now,
  );
}

/** Class for the rollback of a seat whose purchase lost the insert to a concurrent twin. */
class TwinWon extends Error {}

/**
 * Inserts the purchase (insert ... on conflict: a concurrent twin's row wins and this answers no row). With a
 * schedule, its seat is held in the same transaction, so a refused or lost insert holds no seat; 'FULL' when
 * the last seat went to another purchase since the check.
 */
async function insertPurchase(em: EntityManager, values: unknown[], scheduleId: string | null, now: Date) {
  const insert = (tx: EntityManager) =>
    tx.execute<Array<Record<string, unknown>>>(
      `insert into courses.purchase (id, partner_id, invoice_code, card_number, participant_id, course_id, amount, hold_expires_at, schedule_id, seat_status, status, otp_generation, otp_attempts, hold_released, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AWAITING_OTP', 0, 0, false, ?, ?)
       on conflict (partner_id, invoice_code) do nothing returning *`,
      [newId(), ...values, scheduleId, scheduleId ? 'HELD' : null, now, now],
    );
  if (!scheduleId) return insert(em);
  try {
    return await em.transactional(async (tx) => {
      if (!(await lockFreeSeat(tx, scheduleId, now))) return 'FULL' as const;
      const rows = await insert(tx);
      if (!rows.length) throw new TwinWon();
      return rows;
    });
  } catch (error) {
    if (error instanceof TwinWon) return [];
    throw error;
  }
}

/** purchaseStart again under an invoice code already used by this platform. */
async function retryStart(em: EntityManager, services: CoursesServices, existing: Purchase, request: StartRequest) {
  const decision = decideRetry(stateOf(existing), request, new Date());
  if (decision === 'CONFLICT')
    return refuse('INVOICE_CONFLICT', 'This invoice code was already used for another card, course, amount or schedule', {
      field: 'invoiceCode',
    });
  if (decision === 'RETURN') return { purchase: existing, userErrors: [] };
  const course = await em.findOneOrFail(Course, { id: existing.course.id });
  if (decision === 'ISSUE_OTP') return holdAndSendOtp(em, services, existing, course.title, false);
  // Stored, never confirmed delivered: the same code again (the hold was placed before the OTP was issued).
  const delivered = await deliverOtp(em, services, existing, course.title);
  return { purchase: delivered ?? (await em.findOneOrFail(Purchase, { id: existing.id }, { refresh: true })), userErrors: [] };
}

export async function hasActiveEnrollment(em: EntityManager, participantId: string, courseId: string): Promise<boolean> {
  const [row] = await em.execute<Array<{ enrolled: boolean }>>(
    `select exists (select 1 from courses.enrollment where participant_id = ? and course_id = ? and status <> ?) as enrolled`,
    [participantId, courseId, EnrollmentStatus.CANCELLED],
  );
  return row.enrolled;
}

/*
 * The purchase path's reads are written as SQL and mapped once: MikroORM's query building (criteria, query
 * builder, knex) cost more CPU than the statements themselves, on the busiest path of the programme.
 */

/** This platform's purchase under an invoice code, or null. */
async function purchaseByInvoice(em: EntityManager, partnerId: string, invoiceCode: string): Promise<Purchase | null> {
  const [row] = await em.execute<Array<Record<string, unknown>>>(
    `select * from courses.purchase where partner_id = ? and invoice_code = ?`,
    [partnerId, invoiceCode],
  );
  return row ? em.map(Purchase, row) : null;
}

/** A course with this platform's price for it (null when the platform has no active offering of it) and whether it has schedules: one query. */
async function courseOffer(
  em: EntityManager,
  courseId: string,
  partnerId: string,
): Promise<{ course: Course; price: number | null; scheduled: boolean } | undefined> {
  const [row] = await em.execute<Array<Record<string, unknown>>>(
    `select c.*, o.price as offer_price, exists (select 1 from courses.course_schedule s where s.course_id = c.id) as scheduled
       from courses.course c
       left join courses.offering o on o.course_id = c.id and o.partner_id = ? and o.active
      where c.id = ?`,
    [partnerId, courseId],
  );
  if (!row) return undefined;
  const { offer_price: price, scheduled, ...course } = row;
  return { course: em.map(Course, course), price: price === null ? null : Number(price), scheduled: scheduled === true };
}

/**
 * Places the hold (idempotent by purchase id, so a retry after a crash re-places nothing twice) and, when
 * no valid OTP exists, issues one. A refused or failed hold undoes the purchase row so that nothing remains,
 * but only in the call that inserted it (`created`): a concurrent twin or a retry works on a copy that may be
 * stale, and undoing from it could delete the winner's row or release the winner's hold.
 */
async function holdAndSendOtp(
  em: EntityManager,
  services: CoursesServices,
  purchase: Purchase,
  courseTitle: string,
  created: boolean,
): Promise<PurchaseResult> {
  let hold;
  try {
    hold = await services.participants.holdPlace({
      referenceId: purchase.id,
      cardNumber: purchase.cardNumber,
      amount: purchase.amount,
      expiresAt: purchase.holdExpiresAt,
    });
  } catch (error) {
    if (created) await undoStart(em, services, purchase);
    throw error;
  }
  const refusal = hold.userErrors[0];
  if (refusal) {
    // Only a purchase that never sent an OTP is undone: a later one may still be authorized with its hold.
    if (created) await undoStart(em, services, purchase);
    const [code, message] = HOLD_REFUSALS[refusal.code] ?? [];
    if (!code) throw graphqlError('INTERNAL_SERVER_ERROR', `The wallet refused the hold (${refusal.code})`);
    return refuse(code, message, { field: code === 'INSUFFICIENT_BALANCE' ? 'amount' : 'cardNumber' });
  }
  // The row as the delivery left it, or as a concurrent twin did when this call issued nothing.
  const issued = await issueOtp(em, services, purchase, courseTitle);
  return { purchase: issued ?? (await em.findOneOrFail(Purchase, { id: purchase.id }, { refresh: true })), userErrors: [] };
}

/**
 * Removes a purchase that never got an OTP (so nothing of a refused start remains, its seat included) and releases its hold,
 * only if the row was still there to delete: otherwise an OTP was issued meanwhile and the hold is live.
 */
async function undoStart(em: EntityManager, services: CoursesServices, purchase: Purchase): Promise<void> {
  const deleted = await em.execute<Array<{ id: string }>>(
    `delete from courses.purchase where id = ? and otp_generation = 0 and status = 'AWAITING_OTP' returning id`,
    [purchase.id],
  );
  if (!deleted.length) return;
  await services.participants.holdRelease(purchase.id).catch((error: unknown) => {
    // The hold (if one was placed at all) expires by itself within the hold time.
    log.warn('could not release the hold of a refused purchase', { purchaseId: purchase.id, error: String(error) });
  });
}

/**
 * Issues a new OTP unless a valid one exists, then delivers it. The conditional update on the generation makes
 * concurrent retries issue one OTP. It is stored with its seed and no delivery time: until the delivery is
 * confirmed, a retry or the reconciler sends the same code again (deliverOtp), so neither a crash nor a
 * failed call nor a database outage between storing and sending leaves a valid OTP nobody received.
 */
async function issueOtp(
  em: EntityManager,
  services: CoursesServices,
  purchase: Purchase,
  courseTitle: string,
): Promise<Purchase | undefined> {
  const now = new Date();
  const generation = purchase.otpGeneration + 1;
  const seed = newOtpSeed();
  const otp = deriveOtp(services.config.otpSecret, purchase.id, generation, seed);
  const expiresAt = otpExpiry(now, services.config.otpMinutes, purchase.holdExpiresAt);
  const updated = await em.execute<Array<{ id: string }>>(
    `update courses.purchase set otp_generation = ?, otp_hash = ?, otp_seed = ?, otp_delivered_at = null, otp_expires_at = ?, updated_at = ?
     where id = ? and status = 'AWAITING_OTP' and otp_generation = ? and (otp_hash is null or otp_expires_at <= ?) returning id`,
    [
      generation,
      hashOtp(services.config.otpSecret, purchase.id, generation, otp),
      seed,
      expiresAt,
      now,
      purchase.id,
      purchase.otpGeneration,
      now,
    ],
  );
  if (!updated.length) return undefined; // a concurrent twin issued it
  if (services.config.faultAfterOtpStored) {
    log.error('COURSES_FAULT_AFTER_OTP_STORED: exiting before the OTP is sent (crash test)', { purchaseId: purchase.id });
    process.exit(1);
  }
  return deliverOtp(em, services, { ...purchase, otpGeneration: generation, otpSeed: seed, otpExpiresAt: expiresAt }, courseTitle);
}

type Delivery = Pick<Purchase, 'id' | 'participantId' | 'amount' | 'invoiceCode' | 'otpGeneration' | 'otpSeed' | 'otpExpiresAt'>;

/**
 * Sends the purchase's current OTP, derived again from its seed, and records that it arrived. The delivery is
 * idempotent by (purchase, generation), so sending again after an unknown outcome never gives the participant
 * a second, different code. Until the record is written the OTP counts as undelivered.
 */
async function deliverOtp(em: EntityManager, services: CoursesServices, p: Delivery, courseTitle: string): Promise<Purchase | undefined> {
  if (!p.otpSeed || !p.otpExpiresAt) return undefined;
  try {
    await services.notifier.sendOtp({
      purchaseId: p.id,
      generation: p.otpGeneration,
      participantId: p.participantId,
      otp: deriveOtp(services.config.otpSecret, p.id, p.otpGeneration, p.otpSeed),
      courseTitle,
      amount: p.amount,
      partnerInvoiceCode: p.invoiceCode,
      expiresAt: p.otpExpiresAt,
    });
  } catch (error) {
    log.error('OTP delivery failed; a retry or the reconciler sends it again', { purchaseId: p.id, error: String(error) });
    throw graphqlError('INTERNAL_SERVER_ERROR', 'The OTP could not be delivered; retry purchaseStart with the same invoice code');
  }
  const [row] = await em.execute<Array<Record<string, unknown>>>(
    `update courses.purchase set otp_delivered_at = ?, otp_seed = null where id = ? and otp_generation = ? and otp_seed = ? returning *`,
    [new Date(), p.id, p.otpGeneration, p.otpSeed],
  );
  return row ? em.map(Purchase, row) : undefined;
}

/** The reconciler's step: delivers a purchase's stored, unconfirmed OTP while it is still valid. */
export async function redeliverOtp(em: EntityManager, services: CoursesServices, purchaseId: string): Promise<void> {
  const purchase = await em.findOne(Purchase, { id: purchaseId }, { refresh: true });
  if (!purchase || !resendsOtp(stateOf(purchase), new Date())) return;
  const course = await em.findOneOrFail(Course, { id: purchase.course.id });
  await deliverOtp(em, services, purchase, course.title);
}
