import { Field, ID, InputType, Int } from 'type-graphql';
import { EducationLevel } from '../../../common/education';
import { CourseCategory, CourseMode, CurationDecision } from './course.enums';

@InputType({ description: 'A course submitted for curation on behalf of a training institution.' })
export class CourseSubmitInput {
  @Field(() => ID, { description: 'The owning training institution; it must be registered.' })
  institutionId: string;

  @Field({ description: 'Title, 3 to 200 characters.' })
  title: string;

  @Field({ description: 'What the course teaches and for whom.' })
  description: string;

  @Field(() => CourseCategory, { description: 'Programme category.' })
  category: CourseCategory;

  @Field(() => CourseMode, { description: 'Delivery mode.' })
  mode: CourseMode;

  @Field(() => Int, { description: 'Number of sessions, 1 to 100.' })
  sessionCount: number;

  @Field(() => Int, { description: 'Least minutes between enrolment and completion, 0 to 525600 (a year).' })
  minimumDurationMinutes: number;

  @Field(() => Int, { nullable: true, description: 'Least age of a buyer in full years, 0 to 120; omitted: none.' })
  minimumAge?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Greatest age of a buyer in full years, 0 to 120, not below minimumAge; omitted: none.',
  })
  maximumAge?: number | null;

  @Field(() => EducationLevel, {
    nullable: true,
    description: 'Least education a buyer must have attained (for example SMA_SMK or D3); omitted: none.',
  })
  minimumEducation?: EducationLevel | null;
}

@InputType({ description: 'The curator’s decision on a submitted course.' })
export class CourseCurateInput {
  @Field(() => ID, { description: 'The course to curate.' })
  courseId: string;

  @Field(() => CurationDecision, { description: 'APPROVED or REJECTED.' })
  decision: CurationDecision;

  @Field({ description: 'Why; required when rejecting.' })
  note: string;
}
