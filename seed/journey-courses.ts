import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '../common/ids';
import type { Sale } from './journey-plan';

/*
 * The courses side of the demo's past sales, written step by step as the services write them (purchase started,
 * authorized with its enrollment, each attendance, the completion, the review, a void), so the outbox triggers
 * emit the events production would, in that order. SQL rather than the services: those stamp every row with
 * the clock of the call, and these sales happened days ago.
 */

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const hex = (namespace: string, n: number) => stableId(namespace, String(n)).replaceAll('-', '').slice(0, 16).toUpperCase();
const tx = <T>(em: EntityManager, work: (t: EntityManager) => Promise<T>) => em.transactional((t) => work(t as EntityManager));

/** purchaseStart as it left the row once the OTP was delivered; the hold lives ten minutes (COURSES_HOLD_MINUTES). */
export async function startSale(em: EntityManager, s: Sale): Promise<void> {
  await em.execute(
    `INSERT INTO courses.purchase (id, partner_id, invoice_code, card_number, participant_id, course_id, amount, status, otp_generation,
            otp_expires_at, otp_attempts, otp_delivered_at, hold_expires_at, hold_released, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'AWAITING_OTP', 1, ?, 0, ?, ?, false, ?, ?)`,
    [
      s.purchaseId,
      s.offering.partnerId,
      s.invoiceCode,
      s.buyer.cardNumber,
      s.buyer.participantId,
      s.offering.courseId,
      s.offering.price,
      iso(s.startedAt + 5 * MINUTE),
      iso(s.startedAt),
      iso(s.startedAt + 10 * MINUTE),
      iso(s.startedAt),
      iso(s.startedAt),
    ],
  );
}

/** purchaseAuthorize after the capture: AUTHORIZED and its enrollment, in one transaction. */
export async function authorizeSale(em: EntityManager, s: Sale): Promise<void> {
  const at = iso(s.enrolledAt);
  await tx(em, async (t) => {
    await t.execute(`UPDATE courses.purchase SET status = 'AUTHORIZED', authorized_at = ?, updated_at = ? WHERE id = ?`, [
      at,
      at,
      s.purchaseId,
    ]);
    await t.execute(
      `INSERT INTO courses.enrollment (id, purchase_id, partner_id, participant_id, course_id, invoice_code, transaction_code, amount, status,
              enrolled_at, attended_sessions, completion_recorded, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ENROLLED', ?, 0, false, ?)`,
      [
        s.enrollmentId,
        s.purchaseId,
        s.offering.partnerId,
        s.buyer.participantId,
        s.offering.courseId,
        s.invoiceCode,
        `PRJ-${at.slice(0, 10).replaceAll('-', '')}-${hex('journey-transaction', s.n)}`,
        s.offering.price,
        at,
        at,
      ],
    );
  });
}

/** attendanceReport for each attended session, each in its own transaction, recorded a few minutes after it. */
export async function attendSessions(em: EntityManager, s: Sale): Promise<void> {
  for (const [i, attendedAt] of s.sessions.entries())
    await tx(em, async (t) => {
      await t.execute(`INSERT INTO courses.attendance (id, enrollment_id, session, attended_at, recorded_at) VALUES (?, ?, ?, ?, ?)`, [
        stableId('journey-attendance', `${s.n}:${i + 1}`),
        s.enrollmentId,
        i + 1,
        iso(attendedAt),
        iso(attendedAt + 3 * MINUTE),
      ]);
      await t.execute(`UPDATE courses.enrollment SET attended_sessions = ?, status = 'IN_PROGRESS' WHERE id = ?`, [i + 1, s.enrollmentId]);
    });
}

/** completionReport: COMPLETED with a score and its certificate; completion_recorded once participants has it. */
export async function completeSale(em: EntityManager, s: Sale): Promise<void> {
  await em.execute(
    `UPDATE courses.enrollment SET status = 'COMPLETED', completed_at = ?, score = ?, certificate_number = ?, certificate_issued_at = ?
      WHERE id = ? AND status = 'IN_PROGRESS'`,
    [
      iso(s.completedAt!),
      70 + ((s.n * 7) % 30),
      `CERT-DEMO-${String(s.n + 1).padStart(4, '0')}`,
      iso(s.completedAt! + MINUTE),
      s.enrollmentId,
    ],
  );
}

export async function markCompletionRecorded(em: EntityManager, s: Sale): Promise<void> {
  await em.execute(`UPDATE courses.enrollment SET completion_recorded = true WHERE id = ?`, [s.enrollmentId]);
}

/** reviewSubmit by the participant. */
export async function reviewSale(em: EntityManager, s: Sale): Promise<void> {
  await em.execute(
    `INSERT INTO courses.review (id, enrollment_id, course_id, participant_id, rating, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      stableId('journey-review', String(s.n)),
      s.enrollmentId,
      s.offering.courseId,
      s.buyer.participantId,
      s.review!.rating,
      s.review!.text,
      iso(s.review!.at),
    ],
  );
}

/** enrollmentVoid: CANCELLING under the lock, then (after the refund) CANCELLED with the amount refunded. */
export async function voidSale(em: EntityManager, s: Sale, refund: () => Promise<void>): Promise<void> {
  await em.execute(
    `UPDATE courses.enrollment SET status = 'CANCELLING', cancel_reason = 'Dibatalkan atas permintaan peserta sebelum sesi pertama' WHERE id = ?`,
    [s.enrollmentId],
  );
  await refund();
  await em.execute(`UPDATE courses.enrollment SET status = 'CANCELLED', cancelled_at = ?, refunded_amount = amount WHERE id = ?`, [
    iso(s.voidedAt!),
    s.enrollmentId,
  ]);
}
