import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { payloadUserError, UserError } from '../../../common/errors';
import { PageArgs, paginate } from '../../../common/pagination';
import type { PartnersContext } from '../context';
import { Partner, PartnerStatus } from '../partner/partner.entity';
import { requireStaffOrOwnPartner } from '../partner/partner.access';
import { PartnerConnection } from '../partner/partner.resolver';
import { Evaluation } from './evaluation.entity';
import { PartnerEvaluationRecordInput } from './evaluation.inputs';
import { recordEvaluation } from './evaluation.service';

/** What partnerEvaluationRecord can refuse with (the input checks are reported together). */
const PARTNER_EVALUATION_RECORD_ERRORS = {
  INVALID_PROVINCES_REACHED: 'provincesReached is not between 0 and the number of provinces.',
  CRITERION_MISSING: 'A criterion has no verdict.',
  CRITERION_DUPLICATED: 'A criterion has more than one verdict.',
  NATIONAL_REACH_MISMATCH: 'The NATIONAL_REACH verdict contradicts provincesReached.',
  NOT_FOUND: 'There is no platform with this id.',
  NOT_EVALUABLE: 'The platform is in a status that takes no evaluation.',
} as const;

const PartnerEvaluationRecordUserError = payloadUserError('PartnerEvaluationRecord', PARTNER_EVALUATION_RECORD_ERRORS);

@ObjectType({ description: 'Result of recording an evaluation.' })
class PartnerEvaluationPayload {
  @Field(() => Evaluation, { nullable: true, description: 'The recorded evaluation; null when refused.' })
  evaluation: Evaluation | null;

  @Field(() => Partner, { nullable: true, description: 'The platform after the evaluation (its next review date may have moved).' })
  partner: Partner | null;

  @Field(() => [PartnerEvaluationRecordUserError], { description: 'Why the evaluation was refused; empty on success.' })
  userErrors: UserError[];
}

@ArgsType()
class PartnerReviewsDueArgs extends PageArgs {
  @Field(() => Date, { nullable: true, description: 'The moment to check against; now when omitted.' })
  asOf?: Date | null;
}

@Resolver(() => Partner)
export class EvaluationResolver {
  @FieldResolver(() => [Evaluation], {
    nullable: true,
    description: 'Evaluations of the platform, newest first. Admin, analyst, or the platform itself.',
  })
  evaluations(@Root() partner: Partner, @Ctx() { identity, loaders }: PartnersContext) {
    requireStaffOrOwnPartner(identity, partner.id, 'admin', 'analyst');
    return loaders.evaluationsByPartner.load(partner.id);
  }

  @Mutation(() => PartnerEvaluationPayload, {
    nullable: true,
    description:
      'Records an evaluation against the four Permenko 3/2020 criteria: admission (UNDER_EVALUATION) or periodic review (ACTIVE, SUSPENDED). Every criterion exactly once; NATIONAL_REACH must pass exactly when provincesReached ≥ 26. A passing review of an ACTIVE platform moves its next review date forward. A failed periodic review of an ACTIVE platform puts it on probation (a second failure during it suspends the platform at once); a passing one ends the probation. Admin only.',
  })
  partnerEvaluationRecord(
    @Arg('input', () => PartnerEvaluationRecordInput, { description: 'The platform, its reach and the verdicts.' })
    input: PartnerEvaluationRecordInput,
    @Ctx() { em, identity, config }: PartnersContext,
  ) {
    requireRole(identity, 'admin');
    return recordEvaluation(em, input, identity.subject ?? 'admin', config.reviewIntervalMonths, config.probationDays);
  }

  @Query(() => PartnerConnection, {
    nullable: true,
    description: 'ACTIVE and SUSPENDED platforms whose periodic review is due by `asOf`, most overdue first. Admin only.',
  })
  partnerReviewsDue(@Args() { first, after, asOf }: PartnerReviewsDueArgs, @Ctx() { em, identity }: PartnersContext) {
    requireRole(identity, 'admin');
    return paginate(
      em,
      Partner,
      { status: { $in: [PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED] }, nextReviewAt: { $lte: asOf ?? new Date() } },
      { first, after, sortBy: 'nextReviewAt', direction: 'asc' },
    );
  }
}
