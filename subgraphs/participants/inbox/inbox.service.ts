import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { NOW_MS, SCHEMA, sql } from '../sql';

/** One message per referenceId, however often the sender retries. */
export async function deliverInboxMessage(
  em: EntityManager,
  input: { participantId: string; referenceId: string; subject: string; body: string },
): Promise<boolean> {
  if (!isUuid(input.participantId)) throw badInput('participantId is not an id', 'participantId');
  if (!input.referenceId.trim()) throw badInput('referenceId is required', 'referenceId');
  const rows = await sql(
    em,
    `INSERT INTO ${SCHEMA}.inbox_message (id, participant_id, reference_id, subject, body, created_at)
     SELECT gen_random_uuid(), p.id, ?, ?, ?, ${NOW_MS} FROM ${SCHEMA}.participant p WHERE p.id = ?::uuid
     ON CONFLICT (reference_id) DO NOTHING RETURNING id`,
    [input.referenceId, input.subject, input.body, input.participantId],
  );
  if (rows.length) return true;
  const [existing] = await sql<{ participant_id: string }>(
    em,
    `SELECT participant_id FROM ${SCHEMA}.inbox_message WHERE reference_id = ?`,
    [input.referenceId],
  );
  if (!existing) throw notFound('No such participant');
  // A replay is fine; the same referenceId for someone else is a sender bug, not a delivery.
  if (existing.participant_id !== input.participantId)
    throw badInput('referenceId was already used for another participant', 'referenceId');
  return true;
}
