import type { EntityManager } from '@mikro-orm/postgresql';

/*
 * A purchase's seat on a schedule: HELD at purchaseStart, TAKEN at authorize, RELEASED when the purchase ends
 * without an enrollment (EXPIRED, LOCKED) or its enrollment is CANCELLED (void, refund). The purchase row's
 * `seat_status` and the schedule's counters move in one statement each, and every statement moves a seat only
 * from the state it expects, so a retry, a concurrent twin or the reconciler moves it once.
 */

export type SeatStatus = 'HELD' | 'TAKEN' | 'RELEASED';

/**
 * Takes one seat of the schedule for a new purchase, or none when the schedule is full or has started. The
 * update locks the schedule row: concurrent purchases queue on it and each sees the count the previous one
 * left, so a quota of k gives exactly k seats.
 */
export async function holdSeat(tx: EntityManager, scheduleId: string, now: Date): Promise<boolean> {
  const rows = await tx.execute<Array<{ id: string }>>(
    `update courses.course_schedule set seats_held = seats_held + 1, updated_at = ?
      where id = ? and starts_at > ? and seats_held + seats_taken < seat_quota returning id`,
    [now, scheduleId, now],
  );
  return rows.length > 0;
}

/** The CTE that turns the seat of a purchase just AUTHORIZED (CTE `authorized` with columns id, schedule_id) from held to taken. */
export const takeSeatCte = `seated as (
  update courses.course_schedule s set seats_held = s.seats_held - 1, seats_taken = s.seats_taken + 1, updated_at = now()
   where s.id in (select schedule_id from authorized where schedule_id is not null))`;

/**
 * Releases the seats of purchases that ended without an enrollment (held seats) and of CANCELLED enrollments
 * (taken seats): one purchase's, or every one still holding a seat (the reconciler's sweep). Returns how many.
 */
export async function releaseSeats(em: EntityManager, purchaseId?: string): Promise<number> {
  const rows = await em.execute<Array<{ released: number }>>(
    `with released as (
       update courses.purchase p set seat_status = 'RELEASED'
        where p.seat_status in ('HELD', 'TAKEN') ${purchaseId ? 'and p.id = ?' : ''}
          and (p.status in ('EXPIRED', 'LOCKED')
               or exists (select 1 from courses.enrollment e where e.purchase_id = p.id and e.status = 'CANCELLED'))
        returning p.schedule_id, p.status),
     counts as (
       select schedule_id, count(*) filter (where status <> 'AUTHORIZED') as held, count(*) filter (where status = 'AUTHORIZED') as taken
         from released group by schedule_id),
     moved as (
       update courses.course_schedule s set seats_held = s.seats_held - c.held, seats_taken = s.seats_taken - c.taken, updated_at = now()
         from counts c where s.id = c.schedule_id returning s.id)
     select (select count(*) from released)::int as released`,
    purchaseId ? [purchaseId] : [],
  );
  return rows[0]?.released ?? 0;
}
