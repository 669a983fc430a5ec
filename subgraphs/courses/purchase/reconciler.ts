import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { everyInterval, type Job } from '../../../common/jobs';
import { log } from '../../../common/logger';
import type { CoursesServices } from '../context';
import { Enrollment } from '../enrollment/enrollment.entity';
import { EnrollmentStatus } from '../enrollment/enrollment.enums';
import { finishRefund, recordCompletion } from '../enrollment/enrollment.service';
import { finishCapture, releaseHold } from './authorize.service';
import { measureBacklog } from './reconciler-backlog';
import { releaseSeats } from './seats';
import { redeliverOtp } from './purchase.service';

const BATCH = 100;

/**
 * One pass of the reconciler: expires unconfirmed purchases and releases their seats and holds, and completes work a
 * crash or an unreachable participants subgraph left half done (OTPs stored but never delivered, CAPTURING
 * purchases, CANCELLING enrollments, unrecorded completions). Every step is idempotent, so passes may overlap
 * requests and each other. `settleMs` leaves alone rows a request is probably still finishing. An aborted
 * `signal` (shutdown) stops the pass between steps; what is left waits for the next pass, in this process or another.
 */
async function reconcileOnce(em: EntityManager, services: CoursesServices, settleMs: number, signal: AbortSignal): Promise<void> {
  const now = new Date();
  const settled = new Date(now.getTime() - settleMs);
  await em.execute(
    `update courses.purchase set status = 'EXPIRED', end_reason = 'HOLD_EXPIRED', updated_at = ? where status = 'AWAITING_OTP' and hold_expires_at <= ?`,
    [now, now],
  );
  // Seats of purchases that ended (expired, locked) or whose enrollment was cancelled, in one statement.
  await releaseSeats(em);

  const step = async (what: string, id: string, work: () => Promise<unknown>) => {
    if (signal.aborted) return;
    try {
      await work();
    } catch (error) {
      log.warn(`reconciler: ${what} failed; retrying next pass`, { id, error: String(error) });
    }
  };
  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

  for (const id of ids(
    await em.execute(
      `select id from courses.purchase where status in ('EXPIRED', 'LOCKED') and not hold_released order by updated_at limit ${BATCH}`,
    ),
  )) {
    await step('hold release', id, () => releaseHold(em, services, id));
  }
  for (const id of ids(
    await em.execute(
      `select id from courses.purchase where status = 'AWAITING_OTP' and otp_seed is not null and otp_expires_at > ? and updated_at <= ? order by updated_at limit ${BATCH}`,
      [now, settled],
    ),
  )) {
    await step('OTP delivery', id, () => redeliverOtp(em.fork(), services, id));
  }
  for (const id of ids(
    await em.execute(`select id from courses.purchase where status = 'CAPTURING' and updated_at <= ? order by updated_at limit ${BATCH}`, [
      settled,
    ]),
  )) {
    await step('capture', id, () => finishCapture(em.fork(), services, id, false));
  }
  for (const id of ids(
    await em.execute(`select id from courses.enrollment where status = 'CANCELLING' order by created_at limit ${BATCH}`),
  )) {
    await step('refund', id, () => finishRefund(em.fork(), services, id, false));
  }
  const unrecorded = await em.find(
    Enrollment,
    { status: EnrollmentStatus.COMPLETED, completionRecorded: false },
    { limit: BATCH, orderBy: { completedAt: 'asc' } },
  );
  for (const enrollment of unrecorded) await step('completion record', enrollment.id, () => recordCompletion(em, services, enrollment));
  await measureBacklog(em, now, settled);
}

/** The reconciler as a runSubgraph job: a pass at start-up (crash recovery, nothing left to settle) and then every interval. */
export function reconcilerJob(orm: MikroORM, services: CoursesServices): Job {
  let settleMs = 0;
  return everyInterval('reconciler pass', services.config.reconcileIntervalMs, (signal) => {
    const settle = settleMs;
    settleMs = 5_000;
    return reconcileOnce(orm.em.fork(), services, settle, signal);
  });
}
