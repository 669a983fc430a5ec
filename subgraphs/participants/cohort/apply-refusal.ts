import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../../common/ids';
import type { EligibilityCode } from '../eligibility/eligibility.rules';
import { SCHEMA, sql } from '../sql';

/** The cohortApply refusals an evaluator counts: the person and the cohort exist, and no application was written. */
export type ApplyRefusalReason = 'NOT_ELIGIBLE' | 'COHORT_NOT_OPEN';

/**
 * A refused application writes no row, so no trigger tells analytics: each refusal is an `apply.refused` event
 * of its own (docs/events.md), ids, codes and the time only. Written only for a registered participant (the
 * join), so an unregistered caller adds nothing; a participant who tries again writes another one, and the
 * measures count each participant once per cohort.
 */
export async function recordApplyRefusal(
  em: EntityManager,
  cohortId: string,
  participantId: string,
  reason: ApplyRefusalReason,
  reasons: EligibilityCode[] = [],
): Promise<void> {
  const payload = { refusalId: newId(), cohortId, participantId, reason, reasons, refusedAt: new Date() };
  await sql(em, `SELECT ${SCHEMA}.outbox_emit('apply.refused', ?::jsonb) FROM ${SCHEMA}.participant WHERE id = ?`, [
    JSON.stringify(payload),
    participantId,
  ]);
}
