import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new dated session of a course.' })
export class CourseScheduleCreateInput {
  @Field(() => ID, { description: 'The course.' })
  courseId: string;

  @Field({ description: 'When the session starts (in the future).' })
  startsAt: Date;

  @Field({ description: 'When the session ends (after it starts).' })
  endsAt: Date;

  @Field(() => Int, { description: 'Seats offered, 1 to 100,000.' })
  seatQuota: number;
}

@InputType({ description: 'Changes to a schedule; omitted fields stay as they are.' })
export class CourseScheduleUpdateInput {
  @Field(() => ID, { description: 'The schedule.' })
  scheduleId: string;

  @Field({ nullable: true, description: 'New start.' })
  startsAt?: Date;

  @Field({ nullable: true, description: 'New end.' })
  endsAt?: Date;

  @Field(() => Int, { nullable: true, description: 'New seat quota: not below the seats held and taken now.' })
  seatQuota?: number;
}
