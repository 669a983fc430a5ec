import type { EntityManager } from '@mikro-orm/postgresql';
import { refuser, UserError } from '../../../common/errors';
import { isUuid, newId } from '../../../common/ids';
import { Enrollment } from '../enrollment/enrollment.entity';
import { EnrollmentStatus } from '../enrollment/enrollment.enums';
import { Review, REVIEW_TEXT_MAX, REVIEW_TEXT_MIN } from './review.entity';
import type { ReviewSubmitErrorCode } from './review.enums';
import type { ReviewSubmitInput } from './review.inputs';

export interface ReviewResult {
  review: Review | null;
  userErrors: UserError[];
}

const refuse = refuser<ReviewResult, ReviewSubmitErrorCode>({ review: null });

/**
 * reviewSubmit. COMPLETED is final, so the status read needs no lock; the unique enrollment constraint
 * decides between concurrent submissions: exactly one inserts, the others answer ALREADY_REVIEWED.
 */
export async function submitReview(em: EntityManager, participantId: string, input: ReviewSubmitInput): Promise<ReviewResult> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    return refuse('INVALID_RATING', 'The rating must be 1 to 5 stars', { field: 'rating' });
  const text = input.text.trim();
  // Counted in code points, as PostgreSQL's char_length in the table's check does (an emoji is two UTF-16 units).
  const length = [...text].length;
  if (length < REVIEW_TEXT_MIN || length > REVIEW_TEXT_MAX)
    return refuse('INVALID_TEXT', `The review must be ${REVIEW_TEXT_MIN} to ${REVIEW_TEXT_MAX} characters`, { field: 'text' });
  // Someone else's enrollment answers exactly like a missing one.
  const enrollment = isUuid(input.enrollmentId)
    ? await em.findOne(Enrollment, { id: input.enrollmentId, participantId }, { refresh: true })
    : null;
  if (!enrollment) return refuse('NOT_FOUND', 'No such enrollment', { field: 'enrollmentId' });
  if (enrollment.status !== EnrollmentStatus.COMPLETED)
    return refuse('NOT_COMPLETED', `A ${enrollment.status} enrollment cannot be reviewed yet`, { field: 'enrollmentId' });
  const inserted = await em.execute<Array<{ id: string }>>(
    `insert into courses.review (id, enrollment_id, course_id, participant_id, rating, text, created_at)
     values (?, ?, ?, ?, ?, ?, ?) on conflict (enrollment_id) do nothing returning id`,
    [newId(), enrollment.id, enrollment.course.id, participantId, input.rating, text, new Date()],
  );
  const review = await em.findOneOrFail(Review, { enrollment: enrollment.id }, { refresh: true });
  if (!inserted.length) return refuse('ALREADY_REVIEWED', 'This enrollment was already reviewed', { field: 'enrollmentId', review });
  return { review, userErrors: [] };
}
