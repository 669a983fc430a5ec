import { Check, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { EducationLevel } from '../../../common/education';
import { newId } from '../../../common/ids';
import { CourseCategory, CourseMode, CurationStatus } from './course.enums';

@ObjectType({
  description: 'A training course owned by a training institution, curated by the programme office before platforms may sell it.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'course' })
@Check({ name: 'course_session_count_check', expression: 'session_count >= 1' })
@Check({ name: 'course_minimum_duration_check', expression: 'minimum_duration_minutes >= 0' })
@Check({ name: 'course_age_range_check', expression: 'minimum_age is null or maximum_age is null or minimum_age <= maximum_age' })
@Index({ name: 'course_catalog_idx', properties: ['curationStatus', 'createdAt', 'id'] })
export class Course {
  [OptionalProps]?:
    'id' | 'curationStatus' | 'createdAt' | 'curationNote' | 'curatedAt' | 'curatedBy' | 'minimumAge' | 'maximumAge' | 'minimumEducation';

  @Field(() => ID, { description: 'Opaque id of the course.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** Owner, a TrainingInstitution of the partners subgraph (exposed as `provider`). */
  @Property({ type: 'uuid' })
  @Index()
  institutionId: string;

  @Field({ description: 'Title of the course.' })
  @Property({ type: 'text' })
  title: string;

  @Field({ description: 'What the course teaches and for whom.' })
  @Property({ type: 'text' })
  description: string;

  @Field(() => CourseCategory, { description: 'Programme category.' })
  @Enum({ items: () => CourseCategory, nativeEnumName: 'course_category' })
  category: CourseCategory;

  @Field(() => CourseMode, { description: 'How the course is delivered.' })
  @Enum({ items: () => CourseMode, nativeEnumName: 'course_mode' })
  mode: CourseMode;

  @Field(() => Int, { description: 'Number of sessions; attendance is reported per session, 1..sessionCount.' })
  @Property({ type: 'integer' })
  sessionCount: number;

  @Field(() => Int, { description: 'Least time, in minutes after enrolment, before a completion may be reported.' })
  @Property({ type: 'integer' })
  minimumDurationMinutes: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Least age in full years on the day of purchase; purchaseStart refuses younger participants (NOT_ELIGIBLE). Null: none.',
  })
  @Property({ type: 'integer', nullable: true })
  minimumAge: number | null = null;

  @Field(() => Int, {
    nullable: true,
    description: 'Greatest age in full years on the day of purchase; purchaseStart refuses older participants (NOT_ELIGIBLE). Null: none.',
  })
  @Property({ type: 'integer', nullable: true })
  maximumAge: number | null = null;

  @Field(() => EducationLevel, {
    nullable: true,
    description:
      'Least education attained a buyer needs (for example SMA_SMK, D3); purchaseStart refuses a participant below it, or who has declared none, with NOT_ELIGIBLE. Null: none.',
  })
  @Enum({ items: () => EducationLevel, nullable: true })
  minimumEducation: EducationLevel | null = null;

  @Field(() => CurationStatus, { description: 'Curation status; only APPROVED courses are public and sellable.' })
  @Enum({ items: () => CurationStatus, nativeEnumName: 'curation_status' })
  curationStatus: CurationStatus = CurationStatus.SUBMITTED;

  @Field(() => String, { nullable: true, description: 'Why the curator decided as they did; null before curation.' })
  @Property({ type: 'text', nullable: true })
  curationNote: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the course was curated; null before curation.' })
  @Property({ type: 'timestamptz', nullable: true })
  curatedAt: Date | null = null;

  /** Staff user id of the curator. */
  @Property({ type: 'text', nullable: true })
  curatedBy: string | null = null;

  @Field({ description: 'When the course was submitted.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
