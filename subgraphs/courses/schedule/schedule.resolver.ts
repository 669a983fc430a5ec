import { Arg, Args, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { payloadUserError, UserError } from '../../../common/errors';
import { Connection, PageArgs } from '../../../common/pagination';
import type { CoursesContext } from '../context';
import { Course } from '../course/course.entity';
import { CourseSchedule } from './schedule.entity';
import { CourseScheduleCreateInput, CourseScheduleUpdateInput } from './schedule.inputs';
import { createSchedule, SCHEDULE_CREATE_ERRORS, SCHEDULE_UPDATE_ERRORS, updateSchedule } from './schedule.service';

@ObjectType({ description: 'A page of course schedules.' })
export class CourseScheduleConnection extends Connection(CourseSchedule, 'CourseSchedule', 'schedule') {}

/** The payload of one schedule mutation, with its own user-error type. */
function schedulePayload<C extends string>(name: string, codes: Record<C, string>) {
  const SchedulePayloadUserError = payloadUserError(name, codes);
  @ObjectType(`${name}Payload`, { description: `Result of ${name.charAt(0).toLowerCase()}${name.slice(1)}.` })
  class SchedulePayload {
    @Field(() => CourseSchedule, { nullable: true, description: 'The schedule after the change (null when refused).' })
    schedule: CourseSchedule | null;

    @Field(() => [SchedulePayloadUserError], { description: 'Why the change was refused; empty on success.' })
    userErrors: UserError[];
  }
  return SchedulePayload;
}
const CourseScheduleCreatePayload = schedulePayload('CourseScheduleCreate', SCHEDULE_CREATE_ERRORS);
const CourseScheduleUpdatePayload = schedulePayload('CourseScheduleUpdate', SCHEDULE_UPDATE_ERRORS);

@Resolver(() => CourseSchedule)
export class CourseScheduleResolver {
  @FieldResolver(() => Course, { description: 'The course of the session.' })
  async course(@Root() schedule: CourseSchedule, @Ctx() { loaders }: CoursesContext) {
    return (await loaders.course.load(schedule.course.id))!;
  }

  @FieldResolver(() => Int, { description: 'Seats held by purchases awaiting their OTP (they count against the quota).' })
  async seatsHeld(@Root() schedule: CourseSchedule, @Ctx() { loaders }: CoursesContext) {
    return (await loaders.scheduleSeats.load(schedule.id)).held;
  }

  @FieldResolver(() => Int, { description: 'Seats of authorized purchases (enrollments); a void or refund gives one back.' })
  async seatsTaken(@Root() schedule: CourseSchedule, @Ctx() { loaders }: CoursesContext) {
    return (await loaders.scheduleSeats.load(schedule.id)).taken;
  }

  @FieldResolver(() => Int, { description: 'Seats still purchasable: the quota less the seats held and taken.' })
  async seatsAvailable(@Root() schedule: CourseSchedule, @Ctx() { loaders }: CoursesContext) {
    const { held, taken } = await loaders.scheduleSeats.load(schedule.id);
    return Math.max(0, schedule.seatQuota - held - taken);
  }

  @Mutation(() => CourseScheduleCreatePayload, {
    nullable: true,
    description:
      'Adds a dated session with a seat quota to a course. A course with schedules is bought for one of them (purchaseStart `scheduleId`). The office, or the staff of a platform selling the course.',
  })
  courseScheduleCreate(
    @Arg('input', () => CourseScheduleCreateInput, { description: 'Course, times and seats.' }) input: CourseScheduleCreateInput,
    @Ctx() { em, identity }: CoursesContext,
  ) {
    return createSchedule(em, identity, input);
  }

  @Mutation(() => CourseScheduleUpdatePayload, {
    nullable: true,
    description:
      'Moves a session or changes its seat quota (never below the seats held and taken). The office, or the staff of a platform selling the course.',
  })
  courseScheduleUpdate(
    @Arg('input', () => CourseScheduleUpdateInput, { description: 'The schedule and what changes.' }) input: CourseScheduleUpdateInput,
    @Ctx() { em, identity }: CoursesContext,
  ) {
    return updateSchedule(em, identity, input);
  }
}

@Resolver(() => Course)
export class CourseSchedulesResolver {
  @FieldResolver(() => CourseScheduleConnection, {
    description: 'The course’s dated sessions, earliest first, with their seats. Empty for a course bought without a schedule.',
  })
  schedules(@Root() course: Course, @Args() { first, after }: PageArgs, @Ctx() { loaders }: CoursesContext) {
    return loaders.courseSchedules.load({ parentId: course.id, first, after });
  }
}
