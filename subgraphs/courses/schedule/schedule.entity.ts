import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Course } from '../course/course.entity';

/** Most seats of one session: a large webinar. */
export const MAX_SEAT_QUOTA = 100_000;

/**
 * A dated session of a course (a live webinar, an offline class) with a seat quota. Its seats are its purchases
 * holding or having taken one (purchase/seats.ts), counted under this row's lock whenever one more is held.
 */
@ObjectType({ description: 'A dated session of a course (webinar, live or offline class) with a limited number of seats.' })
@Entity({ tableName: 'course_schedule' })
@Index({ name: 'course_schedule_course_idx', properties: ['course', 'startsAt', 'id'] })
@Check({ name: 'course_schedule_time_check', expression: 'ends_at > starts_at' })
@Check({ name: 'course_schedule_quota_check', expression: `seat_quota between 1 and ${MAX_SEAT_QUOTA}` })
export class CourseSchedule {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt';

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

  @Field({ description: 'When the schedule was created.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field({ description: 'When the schedule last changed (quota or times).' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
