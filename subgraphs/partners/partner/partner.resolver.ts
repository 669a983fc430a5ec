import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import { requirePartner, requireRole } from '../../../common/auth';
import { payloadUserError, UserError } from '../../../common/errors';
import { Connection, PageArgs, paginate } from '../../../common/pagination';
import type { PartnersContext } from '../context';
import { revokeAllCredentials } from '../credential/credential.service';
import { requirePassingEvaluation } from '../evaluation/evaluation.service';
import { MoU, Partner, PartnerStatus, PartnerStatusChange } from './partner.entity';
import { PartnerApplyInput, PartnerMouSignInput, PartnerTransitionInput } from './partner.inputs';
import {
  applyPartner,
  PARTNER_APPLY_ERRORS,
  PARTNER_MOU_SIGN_ERRORS,
  PARTNER_TRANSITION_ERRORS,
  signMou,
  transitionPartner,
  type TransitionHooks,
} from './partner.service';

@ObjectType({ description: 'A page of partner platforms.' })
export class PartnerConnection extends Connection(Partner, 'Partner', 'partner platform') {}

const PartnerTransitionUserError = payloadUserError('PartnerTransition', PARTNER_TRANSITION_ERRORS);

/** The payload of one lifecycle mutation: the platform and that mutation's refusals. */
function partnerPayload(mutation: string, userError: ClassType) {
  @ObjectType(`${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Payload`, { description: `Result of ${mutation}.` })
  class PartnerPayload {
    @Field(() => Partner, { nullable: true, description: 'The platform after the change (unchanged when refused; null when not found).' })
    partner: Partner | null;

    @Field(() => [userError], { description: 'Why the change was refused; empty on success.' })
    userErrors: UserError[];
  }
  return PartnerPayload;
}

const PartnerApplyPayload = partnerPayload('partnerApply', payloadUserError('PartnerApply', PARTNER_APPLY_ERRORS));
const PartnerEvaluationStartPayload = partnerPayload('partnerEvaluationStart', PartnerTransitionUserError);
const PartnerMouSignPayload = partnerPayload('partnerMouSign', payloadUserError('PartnerMouSign', PARTNER_MOU_SIGN_ERRORS));
const PartnerActivatePayload = partnerPayload('partnerActivate', PartnerTransitionUserError);
const PartnerSuspendPayload = partnerPayload('partnerSuspend', PartnerTransitionUserError);
const PartnerReinstatePayload = partnerPayload('partnerReinstate', PartnerTransitionUserError);
const PartnerTerminatePayload = partnerPayload('partnerTerminate', PartnerTransitionUserError);

@ArgsType()
class PartnersArgs extends PageArgs {
  @Field(() => PartnerStatus, { nullable: true, description: 'Only platforms in this status.' })
  status?: PartnerStatus | null;
}

const transitionArg = () => Arg('input', () => PartnerTransitionInput, { description: 'Which platform and why.' });

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => PartnerConnection, { nullable: true, description: 'Partner platforms, oldest application first. Public.' })
  partners(@Args() { first, after, status }: PartnersArgs, @Ctx() { em }: PartnersContext) {
    return paginate(em, Partner, status ? { status } : {}, { first, after, sortBy: 'createdAt', direction: 'asc' });
  }

  @Query(() => Partner, { nullable: true, description: 'One platform by id. Public.' })
  partner(@Arg('id', () => ID, { description: 'Id of the platform.' }) id: string, @Ctx() { loaders }: PartnersContext) {
    return loaders.partner.load(id);
  }

  @Query(() => Partner, { nullable: true, description: 'One platform by slug, for example `tokopedia`. Public.' })
  partnerBySlug(@Arg('slug', () => String, { description: 'Slug of the platform.' }) slug: string, @Ctx() { em }: PartnersContext) {
    return em.findOne(Partner, { slug });
  }

  @Query(() => Partner, {
    nullable: true,
    description:
      'The calling platform itself (role partner): its record, MoU and evaluations. Status history and credentials stay admin only.',
  })
  partnerViewer(@Ctx() { identity, loaders }: PartnersContext) {
    return loaders.partner.load(requirePartner(identity));
  }

  @FieldResolver(() => MoU, { nullable: true, description: 'The signed MoU and its next periodic review; null before signing. Public.' })
  mou(@Root() partner: Partner): MoU | null {
    if (!partner.mouNumber || !partner.mouSignedAt) return null;
    return Object.assign(new MoU(), { number: partner.mouNumber, signedAt: partner.mouSignedAt, nextReviewAt: partner.nextReviewAt });
  }

  @FieldResolver(() => [PartnerStatusChange], { nullable: true, description: 'Every lifecycle transition, oldest first. Admin only.' })
  statusHistory(@Root() partner: Partner, @Ctx() { identity, loaders }: PartnersContext) {
    requireRole(identity, 'admin');
    return loaders.statusHistoryByPartner.load(partner.id);
  }

  @Mutation(() => PartnerApplyPayload, {
    nullable: true,
    description: "Records a platform's application: a new platform in APPLIED. Admin only (the programme office registers applications).",
  })
  partnerApply(
    @Arg('input', () => PartnerApplyInput, { description: 'The applying platform.' }) input: PartnerApplyInput,
    @Ctx() { em, identity }: PartnersContext,
  ) {
    requireRole(identity, 'admin');
    return applyPartner(em, { ...input, note: input.note ?? '' }, actorOf(identity));
  }

  @Mutation(() => PartnerEvaluationStartPayload, {
    nullable: true,
    description: 'APPLIED → UNDER_EVALUATION: starts the evaluation against the Permenko 3/2020 criteria. Admin only.',
  })
  partnerEvaluationStart(@transitionArg() input: PartnerTransitionInput, @Ctx() ctx: PartnersContext) {
    return this.move(ctx, input, PartnerStatus.UNDER_EVALUATION);
  }

  @Mutation(() => PartnerMouSignPayload, {
    nullable: true,
    description:
      'UNDER_EVALUATION → MOU_SIGNED: records the signed MoU (number, date, first review). Refused with EVALUATION_NOT_PASSED unless the latest evaluation passed. Admin only.',
  })
  partnerMouSign(
    @Arg('input', () => PartnerMouSignInput, { description: 'The platform and its MoU.' }) input: PartnerMouSignInput,
    @Ctx() { em, identity, config }: PartnersContext,
  ) {
    requireRole(identity, 'admin');
    return signMou(em, input, actorOf(identity), config.reviewIntervalMonths, requirePassingEvaluation);
  }

  @Mutation(() => PartnerActivatePayload, {
    nullable: true,
    description: 'MOU_SIGNED → ACTIVE: integration done, the platform may sell. Admin only.',
  })
  partnerActivate(@transitionArg() input: PartnerTransitionInput, @Ctx() ctx: PartnersContext) {
    return this.move(ctx, input, PartnerStatus.ACTIVE, { from: PartnerStatus.MOU_SIGNED });
  }

  @Mutation(() => PartnerSuspendPayload, { nullable: true, description: 'Suspends an ACTIVE platform: it can no longer sell. Admin only.' })
  partnerSuspend(@transitionArg() input: PartnerTransitionInput, @Ctx() ctx: PartnersContext) {
    return this.move(ctx, input, PartnerStatus.SUSPENDED);
  }

  @Mutation(() => PartnerReinstatePayload, { nullable: true, description: 'SUSPENDED → ACTIVE: the platform may sell again. Admin only.' })
  partnerReinstate(@transitionArg() input: PartnerTransitionInput, @Ctx() ctx: PartnersContext) {
    return this.move(ctx, input, PartnerStatus.ACTIVE, { from: PartnerStatus.SUSPENDED });
  }

  @Mutation(() => PartnerTerminatePayload, {
    nullable: true,
    description:
      'Ends the cooperation for good, from any status but TERMINATED, and revokes every credential of the platform in the same transaction. Admin only.',
  })
  partnerTerminate(@transitionArg() input: PartnerTransitionInput, @Ctx() ctx: PartnersContext) {
    // A terminated platform never signs again: its keys go with the status, not by a later hand.
    return this.move(ctx, input, PartnerStatus.TERMINATED, { effect: (tx, partner, at) => revokeAllCredentials(tx, partner.id, at) });
  }

  /** `from` pins the source status where two mutations lead to the same target (activate vs reinstate). */
  private move({ em, identity }: PartnersContext, input: PartnerTransitionInput, to: PartnerStatus, hooks: TransitionHooks = {}) {
    requireRole(identity, 'admin');
    return transitionPartner(em, input.partnerId, to, actorOf(identity), input.reason, hooks);
  }
}

const actorOf = (identity: PartnersContext['identity']) => identity.subject ?? identity.role;
