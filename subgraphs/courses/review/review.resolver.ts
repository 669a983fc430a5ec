import { Arg, Args, Ctx, Field, FieldResolver, Float, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { isAdmin, isSelf, requireRole } from '../../../common/auth';
import { payloadUserError, UserError } from '../../../common/errors';
import { Connection, PageArgs } from '../../../common/pagination';
import type { CoursesContext } from '../context';
import { Course } from '../course/course.entity';
import { Enrollment } from '../enrollment/enrollment.entity';
import { Review } from './review.entity';
import { REVIEW_SUBMIT_ERRORS } from './review.enums';
import { ReviewSubmitInput } from './review.inputs';
import { submitReview } from './review.service';

@ObjectType({ description: 'A page of reviews.' })
class ReviewConnection extends Connection(Review, 'Review', 'review') {}

@ObjectType({ description: 'The aggregate of a course’s ratings.' })
class CourseRating {
  @Field(() => Int, { description: 'Number of reviews.' })
  count: number;

  @Field(() => Float, { nullable: true, description: 'Mean stars, 1 to 5; null without reviews.' })
  average: number | null;
}

const ReviewSubmitUserError = payloadUserError('ReviewSubmit', REVIEW_SUBMIT_ERRORS);

@ObjectType({ description: 'Result of reviewSubmit.' })
class ReviewSubmitPayload {
  @Field(() => Review, {
    nullable: true,
    description: 'The review (the existing one when ALREADY_REVIEWED; null when otherwise refused).',
  })
  review: Review | null;

  @Field(() => [ReviewSubmitUserError], { description: 'Why the review was refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver(() => Review)
export class ReviewResolver {
  @Mutation(() => ReviewSubmitPayload, {
    nullable: true,
    description: 'Rates (1 to 5 stars) and reviews one of the caller’s COMPLETED enrollments, once. Participants only.',
  })
  reviewSubmit(
    @Arg('input', () => ReviewSubmitInput, { description: 'Enrollment, stars and text.' }) input: ReviewSubmitInput,
    @Ctx() { em, identity }: CoursesContext,
  ) {
    requireRole(identity, 'participant');
    return submitReview(em, identity.subject!, input);
  }
}

@Resolver(() => Course)
export class CourseReviewsResolver {
  @FieldResolver(() => CourseRating, { nullable: true, description: 'Count and mean of the course’s ratings. Public.' })
  async rating(@Root() course: Course, @Ctx() { loaders }: CoursesContext): Promise<CourseRating> {
    return Object.assign(new CourseRating(), await loaders.courseRating.load(course.id));
  }

  @FieldResolver(() => ReviewConnection, {
    nullable: true,
    description: 'The course’s reviews, newest first, without their authors. Public.',
  })
  reviews(@Root() course: Course, @Args() { first, after }: PageArgs, @Ctx() { loaders }: CoursesContext) {
    return loaders.courseReviews.load({ parentId: course.id, first, after });
  }
}

@Resolver(() => Enrollment)
export class EnrollmentReviewResolver {
  @FieldResolver(() => Review, {
    nullable: true,
    description: 'The participant’s review of this enrollment; null when none, or when the caller is not the participant or an admin.',
  })
  async review(@Root() enrollment: Enrollment, @Ctx() { loaders, identity }: CoursesContext) {
    // The selling platform sees the enrollment with its participant: the review must not be tied to them there.
    if (!isSelf(identity, enrollment.participantId) && !isAdmin(identity)) return null;
    return loaders.enrollmentReview.load(enrollment.id);
  }
}
