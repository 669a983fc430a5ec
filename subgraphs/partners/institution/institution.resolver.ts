import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { payloadUserError, UserError } from '../../../common/errors';
import { Connection, PageArgs, paginate } from '../../../common/pagination';
import type { PartnersContext } from '../context';
import { Partner } from '../partner/partner.entity';
import { TrainingInstitution } from './institution.entity';
import { TrainingInstitutionAffiliationAddInput, TrainingInstitutionRegisterInput } from './institution.inputs';
import { addAffiliation, registerInstitution } from './institution.service';

@ObjectType({ description: 'A page of training institutions.' })
class TrainingInstitutionConnection extends Connection(TrainingInstitution, 'TrainingInstitution', 'training institution') {}

/** What trainingInstitutionRegister can refuse with (both checks are reported together). */
const TRAINING_INSTITUTION_REGISTER_ERRORS = {
  NAME_REQUIRED: 'A name is required.',
  CITY_REQUIRED: 'A city is required.',
} as const;

/** What trainingInstitutionAffiliationAdd can refuse with. */
const TRAINING_INSTITUTION_AFFILIATION_ADD_ERRORS = {
  RELATIONSHIP_REQUIRED: 'Describe the relationship between the institution and the platform.',
  NOT_FOUND: 'There is no institution, or no platform, with this id (`field` says which).',
  ALREADY_AFFILIATED: 'The institution is already affiliated with this platform.',
} as const;

const TrainingInstitutionRegisterUserError = payloadUserError('TrainingInstitutionRegister', TRAINING_INSTITUTION_REGISTER_ERRORS);
const TrainingInstitutionAffiliationAddUserError = payloadUserError(
  'TrainingInstitutionAffiliationAdd',
  TRAINING_INSTITUTION_AFFILIATION_ADD_ERRORS,
);

@ObjectType({ description: 'Result of trainingInstitutionRegister.' })
class TrainingInstitutionRegisterPayload {
  @Field(() => TrainingInstitution, { nullable: true, description: 'The new institution; null when refused.' })
  trainingInstitution: TrainingInstitution | null;

  @Field(() => [TrainingInstitutionRegisterUserError], { description: 'Why the registration was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of trainingInstitutionAffiliationAdd.' })
class TrainingInstitutionAffiliationAddPayload {
  @Field(() => TrainingInstitution, {
    nullable: true,
    description: 'The institution after the change; null when refused before one was found.',
  })
  trainingInstitution: TrainingInstitution | null;

  @Field(() => [TrainingInstitutionAffiliationAddUserError], { description: 'Why the affiliation was refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver(() => TrainingInstitution)
export class TrainingInstitutionResolver {
  @Query(() => TrainingInstitutionConnection, { nullable: true, description: 'Training institutions, oldest registration first. Public.' })
  trainingInstitutions(@Args() { first, after }: PageArgs, @Ctx() { em }: PartnersContext) {
    return paginate(em, TrainingInstitution, {}, { first, after, sortBy: 'createdAt', direction: 'asc' });
  }

  @Query(() => TrainingInstitution, { nullable: true, description: 'One training institution by id. Public.' })
  trainingInstitution(@Arg('id', () => ID, { description: 'Id of the institution.' }) id: string, @Ctx() { loaders }: PartnersContext) {
    return loaders.institution.load(id);
  }

  @FieldResolver(() => [Partner], { description: 'Platforms in the same group of companies as this institution, by name. Public.' })
  affiliatedPlatforms(@Root() institution: TrainingInstitution, @Ctx() { loaders }: PartnersContext) {
    return loaders.partnersByInstitution.load(institution.id);
  }

  @Mutation(() => TrainingInstitutionRegisterPayload, { nullable: true, description: 'Registers a training institution. Admin only.' })
  trainingInstitutionRegister(
    @Arg('input', () => TrainingInstitutionRegisterInput, { description: 'Name and city.' }) input: TrainingInstitutionRegisterInput,
    @Ctx() { em, identity }: PartnersContext,
  ) {
    requireRole(identity, 'admin');
    return registerInstitution(em, input);
  }

  @Mutation(() => TrainingInstitutionAffiliationAddPayload, {
    nullable: true,
    description:
      'Records that an institution belongs to the same group as a platform (userError ALREADY_AFFILIATED when it is already recorded). Admin only.',
  })
  trainingInstitutionAffiliationAdd(
    @Arg('input', () => TrainingInstitutionAffiliationAddInput, { description: 'Institution, platform and relationship.' })
    input: TrainingInstitutionAffiliationAddInput,
    @Ctx() { em, identity }: PartnersContext,
  ) {
    requireRole(identity, 'admin');
    return addAffiliation(em, input);
  }
}

@Resolver(() => Partner)
export class PartnerInstitutionResolver {
  @FieldResolver(() => [TrainingInstitution], {
    description: "Training institutions in the platform's own group of companies, by name. Public.",
  })
  affiliatedInstitutions(@Root() partner: Partner, @Ctx() { loaders }: PartnersContext) {
    return loaders.institutionsByPartner.load(partner.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether the platform has affiliated training institutions, i.e. could sell its own group's courses (the conflict of interest the 2020 KPK review found on 5 of 8 platforms). Which of those courses it actually sells is on `Partner.offerings` (courses subgraph): offerings whose `course.provider` is one of `affiliatedInstitutions`. Public.",
  })
  async conflictOfInterest(@Root() partner: Partner, @Ctx() { loaders }: PartnersContext) {
    return (await loaders.institutionsByPartner.load(partner.id)).length > 0;
  }
}
