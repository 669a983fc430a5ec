import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { UserError } from '../../../common/errors';
import { log } from '../../../common/logger';
import type { Evaluation } from '../evaluation/evaluation.entity';
import { PartnerStatus, type Partner } from '../partner/partner.entity';
import { recordTransition, transitionPartner } from '../partner/partner.service';
import { PartnerProbation, ProbationOutcome } from './probation.entity';

/** Who the status history names for the rule's own suspensions. */
export const PROBATION_ACTOR = 'system:probation';

const DAY_MS = 86_400_000;

/**
 * The probation rule, applied to a PERIODIC review of an ACTIVE platform inside recordEvaluation's transaction
 * (the platform row is locked): a failure opens a probation with a deadline `probationDays` ahead, or, while one
 * is open, suspends the platform at once; a pass ends an open probation. The suspension is a recorded status
 * change like the office's, so its partner.status_changed event (and webhook) goes out the same way.
 */
export async function applyProbationRule(
  tx: EntityManager,
  partner: Partner,
  evaluation: Evaluation,
  probationDays: number,
): Promise<void> {
  const open = await tx.findOne(PartnerProbation, { partner: partner.id, endedAt: null });
  const at = evaluation.evaluatedAt;
  if (evaluation.passed) {
    if (open) Object.assign(open, { endedAt: at, outcome: ProbationOutcome.PASSED, endingEvaluation: evaluation });
    return;
  }
  if (!open) {
    tx.create(PartnerProbation, {
      partner,
      failedEvaluation: evaluation,
      startedAt: at,
      deadline: new Date(at.getTime() + probationDays * DAY_MS),
    });
    return;
  }
  Object.assign(open, { endedAt: at, outcome: ProbationOutcome.SUSPENDED_SECOND_FAILURE, endingEvaluation: evaluation });
  await recordTransition(tx, partner, PartnerStatus.SUSPENDED, PROBATION_ACTOR, 'A second periodic review failed during probation');
}

/**
 * The job's unit: every open probation past its deadline. An ACTIVE platform is suspended (through the same
 * locked transition as the office's, which re-checks the probation inside the lock, so a pass recorded meanwhile
 * wins); one the office moved out of ACTIVE meanwhile just closes its probation. Returns how many it ended.
 */
export async function enforceProbationDeadlines(em: EntityManager, now = new Date(), signal?: AbortSignal): Promise<number> {
  const due = await em.find(PartnerProbation, { endedAt: null, deadline: { $lte: now } }, { orderBy: { deadline: 'asc' }, limit: 100 });
  let ended = 0;
  for (const probation of due) {
    if (signal?.aborted) break;
    const partnerId = probation.partner.id;
    try {
      const stillDue = async (tx: EntityManager) =>
        tx.findOne(PartnerProbation, { id: probation.id, endedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const result = await transitionPartner(
        em.fork(),
        partnerId,
        PartnerStatus.SUSPENDED,
        PROBATION_ACTOR,
        'Probation deadline passed without a passing periodic review',
        {
          from: PartnerStatus.ACTIVE,
          precondition: async (tx) => ((await stillDue(tx)) ? null : UserError.of('PROBATION_ENDED', 'The probation ended meanwhile')),
          effect: async (tx, _partner, changedAt) => {
            Object.assign((await stillDue(tx))!, { endedAt: changedAt, outcome: ProbationOutcome.SUSPENDED_DEADLINE });
          },
        },
      );
      if (result.userErrors[0]?.code === 'INVALID_TRANSITION') {
        // No longer ACTIVE (the office suspended or terminated it): the probation lapses with that status.
        await em
          .fork()
          .nativeUpdate(PartnerProbation, { id: probation.id, endedAt: null }, { endedAt: now, outcome: ProbationOutcome.LEFT_ACTIVE });
      }
      if (!result.userErrors.length || result.userErrors[0].code === 'INVALID_TRANSITION') ended++;
    } catch (error) {
      log.warn('probation: suspending a platform failed; retrying next run', { partnerId, error: String(error) });
    }
  }
  return ended;
}
