import type { EntityManager } from '@mikro-orm/postgresql';

/*
 * A purchase's seat on a schedule: HELD at purchaseStart, TAKEN at authorize, RELEASED when the purchase ends
 * without an enrollment (EXPIRED, LOCKED) or its enrollment is CANCELLED (void, refund). The seats of a schedule
 * are its purchases in HELD or TAKEN, counted, never a counter kept beside them: so a seat moves with its
 * purchase row, in the statement that moves the purchase, and nothing can drift.
 */

export type SeatStatus = 'HELD' | 'TAKEN' | 'RELEASED';

/** Seats held and taken per schedule, for a list of schedules: one grouped query. */
export async function seatCounts(em: EntityManager, scheduleIds: string[]): Promise<Map<string, { held: number; taken: number }>> {
  const rows = await em.execute<Array<{ schedule_id: string; held: number; taken: number }>>(
    `select schedule_id, count(*) filter (where seat_status = 'HELD')::int as held, count(*) filter (where seat_status = 'TAKEN')::int as taken
       from courses.purchase where schedule_id in (select value::uuid from jsonb_array_elements_text(?::jsonb)) and seat_status in ('HELD', 'TAKEN')
      group by schedule_id`,
    [JSON.stringify(scheduleIds)],
  );
  return new Map(rows.map((r) => [r.schedule_id, { held: r.held, taken: r.taken }]));
}

/**
 * Whether the schedule has a seat for one more purchase, under its row lock (held until the caller's
 * transaction ends): concurrent purchases of one schedule queue on it, and each counts after the previous one
 * committed its seat, so a quota of k gives exactly k seats. False when full or started.
 */
export async function lockFreeSeat(tx: EntityManager, scheduleId: string, now: Date): Promise<boolean> {
  const [schedule] = await tx.execute<Array<{ seat_quota: number; started: boolean }>>(
    `select seat_quota, starts_at <= ? as started from courses.course_schedule where id = ? for update`,
    [now, scheduleId],
  );
  if (!schedule || schedule.started) return false;
  const seats = (await seatCounts(tx, [scheduleId])).get(scheduleId) ?? { held: 0, taken: 0 };
  return seats.held + seats.taken < schedule.seat_quota;
}

/** The SQL that turns the held seat of a purchase being AUTHORIZED into a taken one (in the same update). */
export const TAKE_SEAT_SQL = `seat_status = case when schedule_id is null then null else 'TAKEN' end`;

/**
 * Releases the seats of purchases that ended without an enrollment and of CANCELLED enrollments: one
 * purchase's, or every one still holding a seat (the reconciler's sweep). Returns how many.
 */
export async function releaseSeats(em: EntityManager, purchaseId?: string): Promise<number> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update courses.purchase p set seat_status = 'RELEASED'
      where p.seat_status in ('HELD', 'TAKEN') ${purchaseId ? 'and p.id = ?' : ''}
        and (p.status in ('EXPIRED', 'LOCKED')
             or exists (select 1 from courses.enrollment e where e.purchase_id = p.id and e.status = 'CANCELLED'))
      returning p.id`,
    purchaseId ? [purchaseId] : [],
  );
  return rows.length;
}
