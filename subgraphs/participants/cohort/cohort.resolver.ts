import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isAdmin, requireRole } from '../../../common/auth';
import { badInput, payloadUserError, unauthenticated, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Connection, paginate } from '../../../common/pagination';
import { Money } from '../../../common/scalars';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { ParticipantsContext } from '../context';
import { EligibilityReason, reasonsOf } from '../eligibility/eligibility.types';
import { Application, ApplicationStatus, Cohort, CohortStatus } from './cohort.entity';
import { CohortApplyInput, CohortOpenInput, CohortSelectInput, CohortsArgs } from './cohort.inputs';
import { applyToCohort, isOpen, openCohort, selectCohort } from './cohort.service';
import { drawKey } from './selection';

/** What cohortOpen can refuse with. */
const COHORT_OPEN_ERRORS = {
  COHORT_NAME_TAKEN: 'A cohort with this name exists.',
} as const;

/** What cohortApply can refuse with. */
const COHORT_APPLY_ERRORS = {
  COHORT_NOT_FOUND: 'There is no cohort with this id.',
  COHORT_NOT_OPEN: 'The cohort is not accepting applications (not yet open, or closed).',
  ALREADY_APPLIED: 'The participant already applied to this cohort; the payload carries that application.',
  PARTICIPANT_NOT_FOUND: 'The caller has no registration; register before applying.',
  NOT_ELIGIBLE: 'A programme rule excludes the participant; `reasons` lists every one.',
} as const;

/** What cohortSelect can refuse with. */
const COHORT_SELECT_ERRORS = {
  COHORT_NOT_FOUND: 'There is no cohort with this id.',
  COHORT_NOT_CLOSED: 'Applications are still open; the draw runs after the cohort closes.',
  ALREADY_SELECTED: 'The selection of this cohort already ran.',
} as const;

const CohortOpenUserError = payloadUserError('CohortOpen', COHORT_OPEN_ERRORS);
const CohortApplyUserError = payloadUserError('CohortApply', COHORT_APPLY_ERRORS);
const CohortSelectUserError = payloadUserError('CohortSelect', COHORT_SELECT_ERRORS);

@ObjectType({ description: 'Result of opening a cohort.' })
class CohortOpenPayload {
  @Field(() => Cohort, { nullable: true, description: 'The new cohort; null when refused.' })
  cohort: Cohort | null;

  @Field(() => [CohortOpenUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of applying to a cohort.' })
class CohortApplyPayload {
  @Field(() => Application, { nullable: true, description: 'The application (the existing one with ALREADY_APPLIED).' })
  application: Application | null;

  @Field(() => [EligibilityReason], { description: 'With NOT_ELIGIBLE: every rule that excludes the participant.' })
  reasons: EligibilityReason[];

  @Field(() => [CohortApplyUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of a selection.' })
class CohortSelectPayload {
  @Field(() => Cohort, { nullable: true, description: 'The cohort, its selection seed now revealed.' })
  cohort: Cohort | null;

  @Field(() => Int, { description: 'Applicants selected (cards issued).' })
  selectedCount: number;

  @Field(() => Int, { description: 'Eligible applicants not drawn (quota or family card cap).' })
  notSelectedCount: number;

  @Field(() => Int, { description: 'Applicants no longer eligible at selection time.' })
  ineligibleCount: number;

  @Field(() => [CohortSelectUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'A page of cohorts.' })
class CohortConnection extends Connection(Cohort, 'Cohort', 'cohort') {}

/** The rows whose derived status (the `status` field below) is `status` at `now`. */
function whereStatus(status: CohortStatus, now: Date): FilterQuery<Cohort> {
  switch (status) {
    case CohortStatus.SELECTED:
      return { selectedAt: { $ne: null } };
    case CohortStatus.OPEN:
      return { selectedAt: null, opensAt: { $lte: now }, closesAt: { $gt: now } };
    case CohortStatus.UPCOMING:
      return { selectedAt: null, opensAt: { $gt: now } };
    case CohortStatus.CLOSED:
      return { selectedAt: null, closesAt: { $lte: now } };
  }
}

@Resolver(() => Cohort)
export class CohortResolver {
  @Query(() => CohortConnection, {
    nullable: true,
    description: 'Every cohort, newest (latest opening) first, optionally by status. Public.',
  })
  cohorts(@Args() { first, after, status }: CohortsArgs, @Ctx() { em }: ParticipantsContext) {
    // opens_at may be written by SQL (microseconds); the table holds a few cohorts a year.
    return paginate(em, Cohort, status ? whereStatus(status, new Date()) : {}, {
      first,
      after,
      sortBy: 'opensAt',
      direction: 'desc',
      microseconds: true,
    });
  }

  @Query(() => Cohort, { nullable: true, description: 'One cohort by id. Public.' })
  cohort(@Arg('id', () => ID, { description: 'Id of the cohort.' }) id: string, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.cohort.load(id);
  }

  @FieldResolver(() => Money, { description: 'Credited to each selected participant.' })
  trainingBalance(@Root() cohort: Cohort) {
    return Money.idr(cohort.trainingBalance);
  }

  @FieldResolver(() => Money, { description: 'Post-training incentive of each participant who completes and reviews a first course.' })
  incentiveAmount(@Root() cohort: Cohort) {
    return Money.idr(cohort.incentiveAmount);
  }

  @FieldResolver(() => Money, { description: 'Paid for each survey a participant answers (zero: surveys pay nothing).' })
  surveyAmount(@Root() cohort: Cohort) {
    return Money.idr(cohort.surveyAmount);
  }

  @FieldResolver(() => CohortStatus, { description: 'Derived from the dates and whether the selection ran.' })
  status(@Root() cohort: Cohort) {
    const now = new Date();
    if (cohort.selectedAt) return CohortStatus.SELECTED;
    if (isOpen(cohort, now)) return CohortStatus.OPEN;
    return now < cohort.opensAt ? CohortStatus.UPCOMING : CohortStatus.CLOSED;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Seed of the draw, revealed once the selection ran (null before, for everyone). Its SHA-256 must equal `selectionSeedCommitment`; each eligible applicant's draw key is HMAC-SHA256(key: seed, message: participant id) in hex, and the draw takes the lowest keys first within the quota and the family card cap.",
  })
  selectionSeed(@Root() cohort: Cohort) {
    return cohort.selectedAt ? cohort.selectionSeed : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Number of applications. Programme office only (null for others).' })
  applicationCount(@Root() cohort: Cohort, @Ctx() { identity, loaders }: ParticipantsContext) {
    if (!isAdmin(identity)) return null;
    return loaders.applicationCount.load(cohort.id);
  }

  @Mutation(() => CohortOpenPayload, { nullable: true, description: 'Opens a cohort (gelombang). Programme office only.' })
  cohortOpen(
    @Arg('input', () => CohortOpenInput, { description: 'The cohort.' }) input: CohortOpenInput,
    @Ctx() { identity, em, config }: ParticipantsContext,
  ) {
    requireRole(identity, 'admin');
    return openCohort(em, {
      name: input.name,
      quota: input.quota,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      trainingBalance: input.trainingBalance ?? config.trainingBalance,
      purchaseWindowDays: input.purchaseWindowDays ?? config.purchaseWindowDays,
      incentiveAmount: input.incentiveAmount ?? config.incentiveAmount,
      surveyAmount: input.surveyAmount ?? config.surveyAmount,
      includeRecycledQuota: input.includeRecycledQuota,
    });
  }

  @Mutation(() => CohortApplyPayload, {
    nullable: true,
    description:
      'Applies the calling participant to an open cohort. Idempotent: a second call returns the same application with ALREADY_APPLIED. Participants only.',
  })
  async cohortApply(
    @Arg('input', () => CohortApplyInput, { description: 'Which cohort.' }) input: CohortApplyInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'participant');
    if (!identity.subject) throw unauthenticated();
    if (!isUuid(input.cohortId)) throw badInput('cohortId is not an id', 'cohortId');
    const result = await applyToCohort(em, identity.subject, input.cohortId);
    return Object.assign(new CohortApplyPayload(), { ...result, reasons: reasonsOf(result.reasons) });
  }

  @Mutation(() => CohortSelectPayload, {
    nullable: true,
    description:
      'Runs the draw of a closed cohort, once, with the seed committed when it opened (then revealed): re-checks eligibility, applies the family card cap, issues cards and credits balances. Programme office only.',
  })
  cohortSelect(
    @Arg('input', () => CohortSelectInput, { description: 'Which cohort.' }) input: CohortSelectInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'admin');
    if (!isUuid(input.cohortId)) throw badInput('cohortId is not an id', 'cohortId');
    return selectCohort(em, input.cohortId);
  }
}

@Resolver(() => Application)
export class ApplicationResolver {
  @FieldResolver(() => Cohort, { description: 'The cohort applied to.' })
  cohort(@Root() application: Application, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.cohort.load(application.cohort.id);
  }

  @FieldResolver(() => [EligibilityReason], {
    description:
      'For INELIGIBLE: the rules that excluded the participant at selection; for NOT_SELECTED: FAMILY_CARD_LIMIT when the cap, not the quota, stopped it.',
  })
  reasons(@Root() application: Application) {
    return reasonsOf(application.reasons);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "This applicant's place in the draw, once it ran: HMAC-SHA256(key: the cohort's revealed selectionSeed, message: participant id), hex; lower keys were drawn first. Compare with the cohort's drawCutoffKey. Null before the selection and for INELIGIBLE applications (they were not in the draw).",
  })
  async drawKey(@Root() application: Application, @Ctx() { loaders }: ParticipantsContext) {
    if (application.status !== ApplicationStatus.SELECTED && application.status !== ApplicationStatus.NOT_SELECTED) return null;
    const cohort = await loaders.cohort.load(application.cohort.id);
    return cohort?.selectedAt && cohort.selectionSeed ? drawKey(cohort.selectionSeed, application.participant.id) : null;
  }
}
