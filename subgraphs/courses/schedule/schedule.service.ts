import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, refuser, type UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import type { Identity } from '../../../common/identity';
import { requireRole } from '../../../common/auth';
import { Course } from '../course/course.entity';
import { Offering } from '../offering/offering.entity';
import { seatCounts } from '../purchase/seats';
import { CourseSchedule, MAX_SEAT_QUOTA } from './schedule.entity';
import type { CourseScheduleCreateInput, CourseScheduleUpdateInput } from './schedule.inputs';

export interface ScheduleResult {
  schedule: CourseSchedule | null;
  userErrors: UserError[];
}

const TIME_AND_QUOTA_ERRORS = {
  INVALID_TIME: 'The session must start in the future (a new start) and end after it starts.',
  INVALID_QUOTA: `The seat quota must be 1 to ${MAX_SEAT_QUOTA}.`,
} as const;

/** What courseScheduleCreate can refuse with. */
export const SCHEDULE_CREATE_ERRORS = { COURSE_NOT_FOUND: 'There is no course with this id.', ...TIME_AND_QUOTA_ERRORS } as const;

/** What courseScheduleUpdate can refuse with. */
export const SCHEDULE_UPDATE_ERRORS = {
  NOT_FOUND: 'There is no schedule with this id.',
  ...TIME_AND_QUOTA_ERRORS,
  QUOTA_BELOW_SEATS: 'The new quota is below the seats already held and taken.',
} as const;
const SCHEDULE_ERRORS = { ...SCHEDULE_CREATE_ERRORS, ...SCHEDULE_UPDATE_ERRORS };
type ScheduleErrorCode = keyof typeof SCHEDULE_ERRORS;

const refuse = refuser<ScheduleResult, ScheduleErrorCode>({ schedule: null });

/**
 * Schedules are the office's, and a platform's staff's for the courses their platform sells (like the
 * offerings that make them sellable): anyone else is refused before anything is read.
 */
async function requireScheduleManager(em: EntityManager, identity: Identity, courseId: string): Promise<void> {
  requireRole(identity, 'admin', 'partnerStaff');
  if (identity.role === 'admin') return;
  if (!(await em.count(Offering, { course: courseId, partnerId: identity.partnerId!, active: true })))
    throw forbidden("A platform's staff may only schedule the courses their platform sells");
}

/** A new start must lie ahead; a start left unchanged may be past (a running session can still grow its quota). */
function timeOrQuotaRefusal(startsAt: Date, endsAt: Date, seatQuota: number, now: Date | null): ScheduleResult | null {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || (now && startsAt <= now) || endsAt <= startsAt)
    return refuse('INVALID_TIME', SCHEDULE_ERRORS.INVALID_TIME, { field: 'startsAt' });
  if (!Number.isInteger(seatQuota) || seatQuota < 1 || seatQuota > MAX_SEAT_QUOTA)
    return refuse('INVALID_QUOTA', SCHEDULE_ERRORS.INVALID_QUOTA, { field: 'seatQuota' });
  return null;
}

export async function createSchedule(em: EntityManager, identity: Identity, input: CourseScheduleCreateInput): Promise<ScheduleResult> {
  if (!isUuid(input.courseId)) return refuse('COURSE_NOT_FOUND', SCHEDULE_ERRORS.COURSE_NOT_FOUND, { field: 'courseId' });
  await requireScheduleManager(em, identity, input.courseId);
  const course = await em.findOne(Course, { id: input.courseId });
  if (!course) return refuse('COURSE_NOT_FOUND', SCHEDULE_ERRORS.COURSE_NOT_FOUND, { field: 'courseId' });
  const now = new Date();
  const refusal = timeOrQuotaRefusal(input.startsAt, input.endsAt, input.seatQuota, now);
  if (refusal) return refusal;
  const schedule = em.create(CourseSchedule, {
    course,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    seatQuota: input.seatQuota,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  return { schedule, userErrors: [] };
}

/** Changes a schedule under its row lock, so a quota never drops below the seats purchases hold or took meanwhile. */
export async function updateSchedule(em: EntityManager, identity: Identity, input: CourseScheduleUpdateInput): Promise<ScheduleResult> {
  if (!isUuid(input.scheduleId)) return refuse('NOT_FOUND', SCHEDULE_ERRORS.NOT_FOUND, { field: 'scheduleId' });
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<Array<{ course_id: string }>>(`select course_id from courses.course_schedule where id = ? for update`, [
      input.scheduleId,
    ]);
    if (!row) return refuse('NOT_FOUND', SCHEDULE_ERRORS.NOT_FOUND, { field: 'scheduleId' });
    await requireScheduleManager(tx, identity, row.course_id);
    const schedule = await tx.findOneOrFail(CourseSchedule, { id: input.scheduleId }, { refresh: true });
    const next = {
      startsAt: input.startsAt ?? schedule.startsAt,
      endsAt: input.endsAt ?? schedule.endsAt,
      seatQuota: input.seatQuota ?? schedule.seatQuota,
    };
    const now = new Date();
    const refusal = timeOrQuotaRefusal(next.startsAt, next.endsAt, next.seatQuota, input.startsAt ? now : null);
    if (refusal) return refusal;
    const seats = (await seatCounts(tx, [schedule.id])).get(schedule.id) ?? { held: 0, taken: 0 };
    if (next.seatQuota < seats.held + seats.taken)
      return refuse('QUOTA_BELOW_SEATS', `${seats.held + seats.taken} seats are held or taken: the quota cannot be lower`, {
        field: 'seatQuota',
      });
    Object.assign(schedule, next, { updatedAt: now });
    return { schedule, userErrors: [] };
  });
}
