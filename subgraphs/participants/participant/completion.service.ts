import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { SCHEMA, sql } from '../sql';

/** The first completion makes the incentive due and is kept; later completions change nothing. */
export async function recordCompletion(
  em: EntityManager,
  input: { participantId: string; enrollmentId: string; completedAt: Date },
): Promise<boolean> {
  if (!isUuid(input.participantId)) throw badInput('participantId is not an id', 'participantId');
  const [row] = await sql<{ id: string }>(
    em,
    `UPDATE ${SCHEMA}.participant SET first_completed_at = ?, incentive_status = 'DUE', incentive_enrollment_id = ?
     WHERE id = ?::uuid AND first_completed_at IS NULL RETURNING id`,
    [input.completedAt, input.enrollmentId, input.participantId],
  );
  if (row) return true;
  const [exists] = await sql(em, `SELECT 1 FROM ${SCHEMA}.participant WHERE id = ?::uuid`, [input.participantId]);
  if (!exists) throw notFound('No such participant');
  return true;
}
