import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, refuser, type UserError } from '../../../common/errors';
import { paginate, type PageArgs } from '../../../common/pagination';
import { isUuid } from '../../../common/ids';
import { isTestCardNumber, isValidCardNumber } from '../../../common/luhn';
import type { CoursesServices } from '../context';
import { Course } from '../course/course.entity';
import { CurationStatus } from '../course/course.enums';
import { Enrollment } from '../enrollment/enrollment.entity';
import { EnrollmentStatus } from '../enrollment/enrollment.enums';
import { Offering } from '../offering/offering.entity';
import { Purchase } from '../purchase/purchase.entity';
import type { EnrollmentVoidErrorCode } from '../enrollment/enrollment.enums';
import { PurchaseStatus, type PurchaseAuthorizeErrorCode, type PurchaseStartErrorCode } from '../purchase/purchase.enums';
import type { PurchaseStartInput } from '../purchase/purchase.inputs';
import { scheduleCheck } from '../purchase/purchase.service';
import { SandboxPurchase } from './sandbox-purchase.entity';

/*
 * The partner sandbox's purchase flow (docs/partner-guide.md §8): the same documents and codes as production,
 * against test cards only. No hold: the test card's balance is checked at start and debited once at authorize
 * (participants' sandbox_card, keyed by this purchase's id). The OTP is the test card's last six digits.
 */

const refuseStart = refuser<{ purchase: Purchase | null; userErrors: UserError[] }, PurchaseStartErrorCode>({ purchase: null });
const refuseAuthorize = refuser<{ enrollment: Enrollment | null; userErrors: UserError[] }, PurchaseAuthorizeErrorCode>({
  enrollment: null,
});

export const testCardOtp = (cardNumber: string) => cardNumber.slice(-6);

/** A sandbox enrollment's status, as production's would be after the same reports. */
export function sandboxStatus(row: Pick<SandboxPurchase, 'cancelledAt' | 'completedAt' | 'attendedSessions'>): EnrollmentStatus {
  if (row.cancelledAt) return EnrollmentStatus.CANCELLED;
  if (row.completedAt) return EnrollmentStatus.COMPLETED;
  return row.attendedSessions > 0 ? EnrollmentStatus.IN_PROGRESS : EnrollmentStatus.ENROLLED;
}

/** A sandbox enrollment as the Enrollment type answers it: the authorized sandbox purchase. */
export function enrollmentView(row: SandboxPurchase): Enrollment | null {
  if (row.status !== PurchaseStatus.AUTHORIZED || !row.enrollmentId) return null;
  return Object.assign(new Enrollment(), {
    id: row.enrollmentId,
    partnerId: row.partnerId,
    participantId: '',
    course: { id: row.courseId } as Course,
    invoiceCode: row.invoiceCode,
    transactionCode: row.transactionCode!,
    amount: row.amount,
    status: sandboxStatus(row),
    enrolledAt: row.authorizedAt!,
    attendedSessions: row.attendedSessions,
    completedAt: row.completedAt,
    score: row.score,
    certificateNumber: row.certificateNumber,
    certificateIssuedAt: row.completedAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    refundedAmount: row.cancelledAt ? row.amount : null,
  });
}

/** A sandbox purchase as the Purchase type answers it, carrying its enrollment (not in the production table). */
export type SandboxPurchaseView = Purchase & { sandboxEnrollment: Enrollment | null };
export function purchaseView(row: SandboxPurchase): SandboxPurchaseView {
  return Object.assign(new Purchase(), {
    id: row.id,
    partnerId: row.partnerId,
    invoiceCode: row.invoiceCode,
    cardNumber: row.cardNumber,
    participantId: '',
    course: { id: row.courseId } as Course,
    amount: row.amount,
    status: row.status,
    otpExpiresAt: row.status === PurchaseStatus.AWAITING_OTP ? row.otpExpiresAt : null,
    holdExpiresAt: row.otpExpiresAt,
    createdAt: row.createdAt,
    updatedAt: row.authorizedAt ?? row.createdAt,
    authorizedAt: row.authorizedAt,
    sandboxEnrollment: enrollmentView(row),
  });
}

export const isSandboxView = (p: Purchase): p is SandboxPurchaseView => 'sandboxEnrollment' in p;

export async function sandboxStart(em: EntityManager, services: CoursesServices, partnerId: string, input: PurchaseStartInput) {
  const invoiceCode = input.invoiceCode.trim();
  if (!invoiceCode || invoiceCode.length > 100) throw badInput('`invoiceCode` must be 1 to 100 characters', 'invoiceCode');
  if (!isValidCardNumber(input.cardNumber))
    return refuseStart('INVALID_CARD_NUMBER', 'A card number is 16 digits with a valid check digit', { field: 'cardNumber' });
  if (!isTestCardNumber(input.cardNumber))
    return refuseStart('UNKNOWN_CARD', 'Sandbox credentials accept only your own test cards (0000…)', { field: 'cardNumber' });
  const existing = await em.findOne(SandboxPurchase, { partnerId, invoiceCode });
  if (existing) return sameOrConflict(existing, input);

  if (!isUuid(input.courseId)) return refuseStart('COURSE_NOT_FOUND', 'No such course', { field: 'courseId' });
  const course = await em.findOne(Course, { id: input.courseId });
  if (!course || course.curationStatus !== CurationStatus.APPROVED)
    return refuseStart('COURSE_NOT_FOUND', 'No such course', { field: 'courseId' });
  const offering = await em.findOne(Offering, { course: course.id, partnerId, active: true });
  if (!offering) return refuseStart('COURSE_NOT_OFFERED', 'This platform does not sell the course', { field: 'courseId' });
  if (offering.price !== input.amount)
    return refuseStart('PRICE_MISMATCH', `The amount must equal this platform’s price, ${offering.price}`, { field: 'amount' });
  // The same schedule rules as production; a sandbox purchase takes no seat (it is not real).
  const seatRefusal = await scheduleCheck(em, course.id, input.scheduleId ?? null, new Date());
  if (seatRefusal) return refuseStart('NOT_ELIGIBLE', seatRefusal, { field: 'scheduleId' });

  const balance = await services.participants.sandboxCardBalance(input.cardNumber, partnerId);
  if (balance === null) return refuseStart('UNKNOWN_CARD', 'No test card of yours has this number', { field: 'cardNumber' });
  if (balance < input.amount)
    return refuseStart('INSUFFICIENT_BALANCE', 'The test card’s balance is lower than the price', { field: 'amount' });
  const otpExpiresAt = new Date(Date.now() + services.config.otpMinutes * 60_000);
  await em.execute(
    `insert into courses.sandbox_purchase (id, partner_id, invoice_code, card_number, course_id, amount, status, otp_attempts, otp_expires_at, created_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, 'AWAITING_OTP', 0, ?, now()) on conflict (partner_id, invoice_code) do nothing`,
    [partnerId, invoiceCode, input.cardNumber, course.id, input.amount, otpExpiresAt],
  );
  // A concurrent twin may have won the insert: answer whichever row holds the invoice code.
  return sameOrConflict(await em.findOneOrFail(SandboxPurchase, { partnerId, invoiceCode }, { refresh: true }), input);
}

function sameOrConflict(row: SandboxPurchase, input: PurchaseStartInput) {
  if (row.cardNumber !== input.cardNumber || row.courseId !== input.courseId || row.amount !== input.amount)
    return refuseStart('INVOICE_CONFLICT', 'This invoice code was already used for another card, course or amount', {
      field: 'invoiceCode',
    });
  return { purchase: purchaseView(row), userErrors: [] };
}

export async function sandboxAuthorize(em: EntityManager, services: CoursesServices, partnerId: string, purchaseId: string, otp: string) {
  const row = isUuid(purchaseId) ? await em.findOne(SandboxPurchase, { id: purchaseId, partnerId }) : null;
  if (!row) return refuseAuthorize('NOT_FOUND', 'No such purchase', { field: 'purchaseId' });
  if (row.status === PurchaseStatus.AUTHORIZED) return { enrollment: enrollmentView(row), userErrors: [] };
  if (row.status === PurchaseStatus.LOCKED)
    return refuseAuthorize('OTP_LOCKED', 'Too many wrong OTPs; start again with a new invoice code');
  if (row.status === PurchaseStatus.EXPIRED || row.otpExpiresAt <= new Date())
    return refuseAuthorize('OTP_EXPIRED', 'The OTP has expired; start the purchase again with the same invoice code', { field: 'otp' });
  if (otp !== testCardOtp(row.cardNumber)) {
    // Counted in the row itself, so concurrent wrong tries cannot skip the lock.
    const [counted] = await em.execute<Array<{ otp_attempts: number }>>(
      `update courses.sandbox_purchase set otp_attempts = otp_attempts + 1,
         status = case when otp_attempts + 1 >= ? then 'LOCKED'::courses.purchase_status else status end
       where id = ? and status = 'AWAITING_OTP' returning otp_attempts`,
      [services.config.otpMaxAttempts, row.id],
    );
    if (!counted || counted.otp_attempts >= services.config.otpMaxAttempts)
      return refuseAuthorize('OTP_LOCKED', 'Too many wrong OTPs; start again with a new invoice code');
    return refuseAuthorize('INVALID_OTP', 'The OTP is wrong', { field: 'otp' });
  }
  const debit = await services.participants.sandboxCardDebit({
    referenceId: row.id,
    cardNumber: row.cardNumber,
    partnerId,
    amount: row.amount,
  });
  if (debit !== 'DEBITED')
    return refuseAuthorize('INSUFFICIENT_BALANCE', 'The test card’s balance no longer covers the price; start again');
  const now = new Date();
  const code = `SBX-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(8).toString('hex').toUpperCase()}`;
  await em.execute(
    `update courses.sandbox_purchase set status = 'AUTHORIZED', authorized_at = ?, enrollment_id = gen_random_uuid(), transaction_code = ?
      where id = ? and status = 'AWAITING_OTP'`,
    [now, code, row.id],
  );
  const done = await em.findOneOrFail(SandboxPurchase, { id: row.id }, { refresh: true });
  return { enrollment: enrollmentView(done), userErrors: [] };
}

export async function sandboxPurchaseByInvoice(em: EntityManager, partnerId: string, invoiceCode: string) {
  const row = await em.findOne(SandboxPurchase, { partnerId, invoiceCode: invoiceCode.trim() });
  return row && purchaseView(row);
}

const refuseVoid = refuser<{ enrollment: Enrollment | null; userErrors: UserError[] }, EnrollmentVoidErrorCode>({ enrollment: null });

/** VoidPurchase in the sandbox: cancels the sandbox enrollment and credits the test card back, once. */
export async function sandboxVoid(em: EntityManager, services: CoursesServices, partnerId: string, invoiceCode: string, reason: string) {
  const row = await em.findOne(SandboxPurchase, { partnerId, invoiceCode: invoiceCode.trim(), status: PurchaseStatus.AUTHORIZED });
  if (!row) return refuseVoid('NOT_FOUND', 'No enrollment has this invoice code', { field: 'invoiceCode' });
  if (row.cancelledAt) return refuseVoid('ALREADY_CANCELLED', 'The enrollment is already cancelled', { enrollment: enrollmentView(row) });
  if (row.attendedSessions > 0 || row.completedAt)
    return refuseVoid('NOT_CANCELLABLE', 'Only an enrollment with no attendance and no completion can be voided', {
      field: 'invoiceCode',
      enrollment: enrollmentView(row),
    });
  // Credit first (idempotent by the purchase id), then record the void: a failure in between is repaired by a retry.
  await services.participants.sandboxCardRefund(row.id);
  await em.execute(
    `update courses.sandbox_purchase set cancelled_at = now(), cancel_reason = ? where id = ? and cancelled_at is null and attended_sessions = 0`,
    [reason, row.id],
  );
  return { enrollment: enrollmentView(await em.findOneOrFail(SandboxPurchase, { id: row.id }, { refresh: true })), userErrors: [] };
}

/** The sandbox rows of each enrollment status (the conditions of sandboxStatus). */
const SANDBOX_STATUS_WHERE: Record<EnrollmentStatus, object> = {
  [EnrollmentStatus.CANCELLED]: { cancelledAt: { $ne: null } },
  [EnrollmentStatus.CANCELLING]: { id: null }, // a sandbox void is one step: never CANCELLING
  [EnrollmentStatus.COMPLETED]: { cancelledAt: null, completedAt: { $ne: null } },
  [EnrollmentStatus.IN_PROGRESS]: { cancelledAt: null, completedAt: null, attendedSessions: { $gt: 0 } },
  [EnrollmentStatus.ENROLLED]: { cancelledAt: null, completedAt: null, attendedSessions: 0 },
};

/** PartnerEnrollments in the sandbox: the authorized sandbox purchases as enrollments, newest first. */
export async function sandboxEnrollments(em: EntityManager, partnerId: string, args: PageArgs, status?: EnrollmentStatus | null) {
  const where = status ? SANDBOX_STATUS_WHERE[status] : {};
  const page = await paginate(em, SandboxPurchase, { partnerId, status: PurchaseStatus.AUTHORIZED, ...where } as never, {
    first: args.first,
    after: args.after,
    sortBy: 'authorizedAt',
    direction: 'desc',
  });
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: enrollmentView(e.node)! })) };
}
