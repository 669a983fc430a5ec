import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Course } from '../course/course.entity';

/** Most seats of one session: a large webinar. */
export const MAX_SEAT_QUOTA = 100_000;

/**
 * A dated session of a course (a live webinar, an offline class) with a seat quota. The seat counters change
 * only in the statements that move a purchase's seat (schedule.seats.ts), under this row's lock, and the check
 * keeps them within the quota whatever the concurrency.
 */
@ObjectType({ description: 'A dated session of a course (webinar, live or offline class) with a limited number of seats.' })
@Entity({ tableName: 'course_schedule' })
@Index({ name: 'course_schedule_course_idx', properties: ['course', 'startsAt', 'id'] })
@Check({ name: 'course_schedule_time_check', expression: 'ends_at > starts_at' })
@Check({
  name: 'course_schedule_seats_check',
  expression: `seats_held >= 0 and seats_taken >= 0 and seats_held + seats_taken <= seat_quota and seat_quota between 1 and ${MAX_SEAT_QUOTA}`,
})
export class CourseSchedule {
  [OptionalProps]?: 'id' | 'seatsHeld' | 'seatsTaken' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Opaque id of the schedule; pass it as `scheduleId` to purchaseStart.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  course: Course;

  @Field({ description: 'When the session starts; it can no longer be bought from then on.' })
  @Property({ type: 'timestamptz' })
  startsAt: Date;

  @Field({ description: 'When the session ends.' })
  @Property({ type: 'timestamptz' })
  endsAt: Date;

  @Field(() => Int, { description: 'Seats offered.' })
  @Property({ type: 'integer' })
  seatQuota: number;

  /** Seats of purchases awaiting their OTP: they count against the quota until authorized or released. */
  @Field(() => Int, { description: 'Seats held by purchases awaiting their OTP.' })
  @Property({ type: 'integer' })
  seatsHeld: number = 0;

  @Field(() => Int, { description: 'Seats of authorized purchases (enrollments), released again by a void or refund.' })
  @Property({ type: 'integer' })
  seatsTaken: number = 0;

  @Field({ description: 'When the schedule was created.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field({ description: 'When the schedule last changed (quota, times or seats).' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
