import type { EntityManager } from '@mikro-orm/postgresql';
import { createTrainingPayouts } from '../payout/payout.service';
import { json, SCHEMA, sql } from '../sql';

export interface ReviewFact {
  reviewId: string;
  participantId: string;
  enrollmentId: string;
  submittedAt: string;
}

/**
 * The reviews of a page of the courses feed (`review.submitted`), in the transaction that moves the feed
 * cursor. The participants subgraph reads that feed already, in order, for notifications; the reviews ride
 * on the same page and cursor instead of a new internal call from courses, which would need its own
 * "recorded" flag and reconciler pass there to survive a failed call. A participant waiting for the review
 * of the course whose completion made the incentive owed becomes DUE, and the training payout is created.
 */
export async function recordReviews(tx: EntityManager, reviews: ReviewFact[]): Promise<number> {
  if (!reviews.length) return 0;
  await sql(
    tx,
    `INSERT INTO ${SCHEMA}.incentive_review (review_id, participant_id, enrollment_id, reviewed_at)
     SELECT x."reviewId", p.id, x."enrollmentId", x."submittedAt"
       FROM jsonb_to_recordset(?::jsonb) AS x("reviewId" uuid, "participantId" uuid, "enrollmentId" text, "submittedAt" timestamptz)
       JOIN ${SCHEMA}.participant p ON p.id = x."participantId"
     ON CONFLICT (review_id) DO NOTHING`,
    [json(reviews)],
  );
  const due = await sql<{ id: string }>(
    tx,
    `UPDATE ${SCHEMA}.participant p SET incentive_status = 'DUE'
       FROM ${SCHEMA}.incentive_review r
      WHERE r.participant_id = p.id AND r.enrollment_id = p.incentive_enrollment_id AND p.incentive_status = 'AWAITING_REVIEW'
        AND r.review_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))
     RETURNING p.id`,
    [json(reviews.map((r) => r.reviewId))],
  );
  return createTrainingPayouts(
    tx,
    due.map((r) => r.id),
  );
}
