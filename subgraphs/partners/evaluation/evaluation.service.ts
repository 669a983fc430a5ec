import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { UserError } from '../../../common/errors';
import { Partner, PartnerStatus } from '../partner/partner.entity';
import { addMonths, afterLatest } from '../partner/partner.service';
import {
  EvaluationCriterion,
  EvaluationKind,
  Evaluation,
  NATIONAL_REACH_MIN_PROVINCES,
  PROVINCE_COUNT,
  type CriterionResult,
} from './evaluation.entity';
import type { PartnerEvaluationRecordInput } from './evaluation.inputs';
import { isUuid } from '../../../common/ids';
import { applyProbationRule } from '../probation/probation.service';

export interface EvaluationResult {
  evaluation: Evaluation | null;
  partner: Partner | null;
  userErrors: UserError[];
}

/** Statuses in which a platform can be evaluated, and what kind of evaluation that is. */
const KIND_BY_STATUS: Partial<Record<PartnerStatus, EvaluationKind>> = {
  UNDER_EVALUATION: EvaluationKind.INITIAL,
  ACTIVE: EvaluationKind.PERIODIC,
  SUSPENDED: EvaluationKind.PERIODIC,
};

/** The input's rule violations: each criterion exactly once, reach within 0..38 and consistent with NATIONAL_REACH. */
function validateEvaluation(input: Pick<PartnerEvaluationRecordInput, 'provincesReached' | 'criteria'>): UserError[] {
  const errors: UserError[] = [];
  if (!Number.isInteger(input.provincesReached) || input.provincesReached < 0 || input.provincesReached > PROVINCE_COUNT) {
    errors.push(
      UserError.of('INVALID_PROVINCES_REACHED', `provincesReached must be between 0 and ${PROVINCE_COUNT}`, ['input', 'provincesReached']),
    );
  }
  for (const criterion of Object.values(EvaluationCriterion)) {
    const count = input.criteria.filter((c) => c.criterion === criterion).length;
    if (count === 0) errors.push(UserError.of('CRITERION_MISSING', `No verdict for ${criterion}`, ['input', 'criteria']));
    if (count > 1) errors.push(UserError.of('CRITERION_DUPLICATED', `More than one verdict for ${criterion}`, ['input', 'criteria']));
  }
  const reach = input.criteria.find((c) => c.criterion === EvaluationCriterion.NATIONAL_REACH);
  if (reach && errors.length === 0 && reach.passed !== input.provincesReached >= NATIONAL_REACH_MIN_PROVINCES) {
    errors.push(
      UserError.of(
        'NATIONAL_REACH_MISMATCH',
        `NATIONAL_REACH passes exactly when the platform reaches at least ${NATIONAL_REACH_MIN_PROVINCES} of ${PROVINCE_COUNT} provinces (it reaches ${input.provincesReached})`,
        ['input', 'criteria'],
      ),
    );
  }
  return errors;
}

/**
 * Records an admission (UNDER_EVALUATION) or periodic (ACTIVE/SUSPENDED) evaluation. A passing periodic
 * evaluation of an ACTIVE platform moves its next review `reviewIntervalMonths` forward; a periodic review of an
 * ACTIVE platform also applies the probation rule (probation/probation.service.ts).
 */
export async function recordEvaluation(
  em: EntityManager,
  input: PartnerEvaluationRecordInput,
  evaluator: string,
  reviewIntervalMonths: number,
  probationDays: number,
): Promise<EvaluationResult> {
  const invalid = validateEvaluation(input);
  if (invalid.length) return { evaluation: null, partner: null, userErrors: invalid };
  return em.transactional(async (tx) => {
    const partner = isUuid(input.partnerId)
      ? await tx.findOne(Partner, { id: input.partnerId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!partner)
      return { evaluation: null, partner: null, userErrors: [UserError.of('NOT_FOUND', 'No such partner', ['input', 'partnerId'])] };
    const kind = KIND_BY_STATUS[partner.status];
    if (!kind) {
      return {
        evaluation: null,
        partner,
        userErrors: [UserError.of('NOT_EVALUABLE', `A ${partner.status} partner cannot be evaluated`, ['input', 'partnerId'])],
      };
    }
    const criteria: CriterionResult[] = Object.values(EvaluationCriterion).map((criterion) => {
      const given = input.criteria.find((c) => c.criterion === criterion)!;
      return { criterion, passed: given.passed, note: given.note?.trim() || null };
    });
    const passed = criteria.every((c) => c.passed);
    const evaluatedAt = await nextEvaluationTime(tx, partner.id);
    const evaluation = tx.create(Evaluation, {
      partner,
      kind,
      provincesReached: input.provincesReached,
      criteria,
      passed,
      evaluator,
      evaluatedAt,
    });
    if (passed && kind === EvaluationKind.PERIODIC && partner.status === PartnerStatus.ACTIVE) {
      // An early review stands for the scheduled one (next = due + interval); a late one restarts the clock from
      // today. Either way the date only moves forward.
      const due = partner.nextReviewAt && partner.nextReviewAt > evaluatedAt ? partner.nextReviewAt : evaluatedAt;
      partner.nextReviewAt = addMonths(due, reviewIntervalMonths);
    }
    if (kind === EvaluationKind.PERIODIC && partner.status === PartnerStatus.ACTIVE)
      await applyProbationRule(tx, partner, evaluation, probationDays);
    return { evaluation, partner, userErrors: [] };
  });
}

/** Now, or just after the partner's latest evaluation, so "latest" is never ambiguous. */
async function nextEvaluationTime(em: EntityManager, partnerId: string): Promise<Date> {
  const last = await em.findOne(Evaluation, { partner: partnerId }, { orderBy: { evaluatedAt: 'desc' }, fields: ['evaluatedAt'] });
  return afterLatest(last?.evaluatedAt);
}

/** Refuses an MoU unless the platform's latest evaluation passed. */
export async function requirePassingEvaluation(em: EntityManager, partner: Partner): Promise<UserError | null> {
  const latest = await em.findOne(Evaluation, { partner: partner.id }, { orderBy: { evaluatedAt: 'desc' } });
  if (latest?.passed) return null;
  return UserError.of(
    'EVALUATION_NOT_PASSED',
    latest ? 'The latest evaluation did not pass every criterion' : 'The platform has not been evaluated yet',
  );
}
