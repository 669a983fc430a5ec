import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionLoader } from '../../../common/batched-connection';
import { valueByKeyLoader } from '../../../common/loaders';
import { Review } from './review.entity';

export interface RatingSummary {
  count: number;
  /** Mean of the stars; null without reviews. */
  average: number | null;
}

const NO_RATING: RatingSummary = { count: 0, average: null };

/** Course.rating of many courses in one grouped query. */
export const courseRatingLoader = (em: EntityManager) =>
  valueByKeyLoader<{ course_id: string; n: number; average: number }, RatingSummary>(
    NO_RATING,
    (ids) =>
      em.execute(
        `select course_id, count(*)::int as n, avg(rating)::float8 as average from courses.review
         where course_id in (${ids.map(() => '?').join(', ')}) group by course_id`,
        ids,
      ),
    (row) => row.course_id,
    (row) => ({ count: row.n, average: row.average }),
  );

/** Course.reviews: one page per course, newest first, in two queries however many courses. */
export const courseReviewsLoader = (em: EntityManager) =>
  connectionLoader(em, {
    entity: Review,
    table: 'courses.review',
    parentColumn: 'course_id',
    sortColumn: 'created_at',
    sortProperty: 'createdAt',
    direction: 'desc',
  });

/** Enrollment.review: the review of each enrollment, if any. */
export const enrollmentReviewLoader = (em: EntityManager) =>
  valueByKeyLoader<Review, Review | null>(
    null,
    (ids) => em.find(Review, { enrollment: { $in: ids } }),
    (row) => row.enrollment.id,
    (row) => row,
  );
