import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { createTrainingPayouts } from '../payout/payout.service';
import { SCHEMA, sql } from '../sql';

/**
 * The first completion is kept and makes the incentive owed once that course is reviewed: DUE at once when
 * its review already arrived from the courses feed (the two travel separately), AWAITING_REVIEW otherwise.
 * Later completions change nothing.
 */
export async function recordCompletion(
  em: EntityManager,
  input: { participantId: string; enrollmentId: string; completedAt: Date },
): Promise<boolean> {
  if (!isUuid(input.participantId)) throw badInput('participantId is not an id', 'participantId');
  const recorded = await em.transactional(async (tx) => {
    const [row] = await sql<{ id: string; incentive_status: string }>(
      tx as EntityManager,
      `UPDATE ${SCHEMA}.participant p SET first_completed_at = ?, incentive_enrollment_id = ?,
              incentive_status = (CASE WHEN EXISTS (SELECT 1 FROM ${SCHEMA}.incentive_review r WHERE r.participant_id = p.id AND r.enrollment_id = ?)
                                  THEN 'DUE' ELSE 'AWAITING_REVIEW' END)::${SCHEMA}.incentive_status
        WHERE id = ?::uuid AND first_completed_at IS NULL RETURNING id, incentive_status`,
      [input.completedAt, input.enrollmentId, input.enrollmentId, input.participantId],
    );
    if (row?.incentive_status === 'DUE') await createTrainingPayouts(tx as EntityManager, [row.id]);
    return Boolean(row);
  });
  if (recorded) return true;
  const [exists] = await sql(em, `SELECT 1 FROM ${SCHEMA}.participant WHERE id = ?::uuid`, [input.participantId]);
  if (!exists) throw notFound('No such participant');
  return true;
}
