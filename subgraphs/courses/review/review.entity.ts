import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Course } from '../course/course.entity';
import { Enrollment } from '../enrollment/enrollment.entity';

/** Bounds of a review's text, after trimming: long enough to say something, short enough to read. */
export const REVIEW_TEXT_MIN = 10;
export const REVIEW_TEXT_MAX = 2000;

@ObjectType({
  description: 'A participant’s rating and review of a course they completed. Public, and never says who wrote it.',
})
@Entity({ tableName: 'review' })
// Course.reviews pages newest first per course.
@Index({ name: 'review_course_created_idx', properties: ['course', 'createdAt', 'id'] })
@Check({ name: 'review_rating_check', expression: 'rating between 1 and 5' })
@Check({ name: 'review_text_check', expression: `char_length(text) between ${REVIEW_TEXT_MIN} and ${REVIEW_TEXT_MAX}` })
export class Review {
  [OptionalProps]?: 'id' | 'createdAt';

  @Field(() => ID, { description: 'Opaque id of the review.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** One review per enrollment: the constraint makes a second (or concurrent) submission a no-op. */
  @ManyToOne(() => Enrollment, { unique: 'review_enrollment_unique' })
  enrollment: Enrollment;

  @ManyToOne(() => Course)
  course: Course;

  /** Author, for the incentive (participants subgraph); never exposed in the graph. */
  @Property({ type: 'uuid' })
  participantId: string;

  @Field(() => Int, { description: 'Stars, 1 to 5.' })
  @Property({ type: 'smallint' })
  rating: number;

  @Field({ description: `What the participant wrote, ${REVIEW_TEXT_MIN} to ${REVIEW_TEXT_MAX} characters.` })
  @Property({ type: 'text' })
  text: string;

  @Field({ description: 'When the review was submitted.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
