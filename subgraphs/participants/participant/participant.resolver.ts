import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { badInput, payloadUserError, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Connection, paginate } from '../../../common/pagination';
import type { ParticipantsContext } from '../context';
import { maskDigits } from '../nik/nik';
import { canSeePersonal, canSeeRecord } from './participant.access';
import { Participant } from './participant.entity';
import { ParticipantEducationSetInput, ParticipantsArgs, ParticipantRegisterInput } from './participant.inputs';
import { registerParticipant } from './participant.service';

@ObjectType({ description: 'A page of participants.' })
class ParticipantConnection extends Connection(Participant, 'Participant', 'participant') {}

/** What participantRegister can refuse with (the field checks are reported together). */
const PARTICIPANT_REGISTER_ERRORS = {
  INVALID_NIK: 'The NIK is not a valid Indonesian national identity number.',
  BIRTH_DATE_MISMATCH: 'The birth date does not match the one the NIK encodes.',
  NIK_ALREADY_REGISTERED: 'Another participant registered this NIK.',
  ALREADY_REGISTERED: 'The caller is already registered.',
  INVALID_FAMILY_CARD: 'The family card number (Kartu Keluarga) is not valid.',
  INVALID_EMAIL: 'Not an e-mail address.',
  INVALID_PHONE: 'Not an Indonesian mobile number.',
  INVALID_NAME: 'A full name of at most 200 characters is required.',
  INVALID_ADDRESS: 'An address of at most 500 characters is required.',
} as const;

const ParticipantRegisterUserError = payloadUserError('ParticipantRegister', PARTICIPANT_REGISTER_ERRORS);

@ObjectType({ description: 'Result of a registration.' })
class ParticipantRegisterPayload {
  @Field(() => Participant, { nullable: true, description: 'The new participant; null when refused.' })
  participant: Participant | null;

  @Field(() => [ParticipantRegisterUserError], {
    description: 'Why the registration was refused, one error per field at fault; empty on success.',
  })
  userErrors: UserError[];
}

/** A personal field: the participant's own, or the programme office's (recorded); FORBIDDEN for everyone else. */
const guarded = ({ personalData }: ParticipantsContext, p: Participant, field: keyof Participant & string) => {
  personalData.allow(p.id, field);
  return p[field] as string;
};

const ParticipantEducationSetUserError = payloadUserError('ParticipantEducationSet', {
  NOT_REGISTERED: 'The caller has no participant record yet (participantRegister first).',
} as const);

@ObjectType({ description: 'Result of participantEducationSet.' })
class ParticipantEducationSetPayload {
  @Field(() => Participant, { nullable: true, description: 'The caller’s record with the education declared; null when refused.' })
  participant: Participant | null;

  @Field(() => [ParticipantEducationSetUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver(() => Participant)
export class ParticipantResolver {
  @Query(() => Participant, {
    nullable: true,
    description: 'The calling participant; null when their registration is not found. Participants only.',
  })
  me(@Ctx() { identity, loaders }: ParticipantsContext) {
    requireRole(identity, 'participant');
    return identity.subject ? loaders.participant.load(identity.subject) : null;
  }

  @Query(() => Participant, {
    nullable: true,
    description: "One participant by id. The programme office, or the participant themself; another participant's id answers null.",
  })
  async participant(
    @Arg('id', () => ID, { description: 'Id of the participant.' }) id: string,
    @Ctx() { identity, loaders }: ParticipantsContext,
  ) {
    requireRole(identity, 'admin', 'participant');
    if (!canSeePersonal(identity, id)) return null;
    return loaders.participant.load(id);
  }

  @Query(() => ParticipantConnection, { nullable: true, description: 'Registered participants, oldest first. Programme office only.' })
  participants(@Args() { first, after, ...filter }: ParticipantsArgs, @Ctx() { identity, em }: ParticipantsContext) {
    requireRole(identity, 'admin');
    const where: Record<string, unknown> = {};
    if (filter?.provinceCode) where.provinceCode = filter.provinceCode;
    if (filter?.cohortId && !isUuid(filter.cohortId)) throw badInput('cohortId is not an id', 'cohortId');
    if (filter?.cohortId) where.applications = { cohort: filter.cohortId };
    return paginate(em, Participant, where, { first, after, sortBy: 'createdAt', direction: 'asc' });
  }

  @Mutation(() => ParticipantRegisterPayload, {
    nullable: true,
    description:
      "Registers a person (public: anyone may register). Validates the NIK against real region codes and the birth date, the family card, e-mail and phone. Called with a participant token whose subject has no record yet (someone who just signed up at the identity provider), the record takes the token's subject as its id, so the same token then reads it through `me`; a second registration answers ALREADY_REGISTERED.",
  })
  participantRegister(
    @Arg('input', () => ParticipantRegisterInput, { description: 'What the person declares.' }) input: ParticipantRegisterInput,
    @Ctx() { em, identity }: ParticipantsContext,
  ) {
    const self = identity.role === 'participant' && identity.subject && isUuid(identity.subject) ? identity.subject : undefined;
    return registerParticipant(em, input, new Date(), self);
  }

  @Mutation(() => ParticipantEducationSetPayload, {
    nullable: true,
    description:
      'Declares (or corrects) the caller’s highest education attained, which courses with a minimum education check at purchase. Participants only, for themselves.',
  })
  async participantEducationSet(
    @Arg('input', () => ParticipantEducationSetInput, { description: 'The education attained.' }) input: ParticipantEducationSetInput,
    @Ctx() { em, identity }: ParticipantsContext,
  ) {
    requireRole(identity, 'participant');
    const participant = identity.subject && isUuid(identity.subject) ? await em.findOne(Participant, { id: identity.subject }) : null;
    if (!participant) return { participant: null, userErrors: [UserError.of('NOT_REGISTERED', 'You are not registered yet')] };
    participant.educationLevel = input.educationLevel;
    await em.flush();
    return { participant, userErrors: [] };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'NIK (16 digits). Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  nik(@Root() p: Participant, @Ctx() ctx: ParticipantsContext) {
    return guarded(ctx, p, 'nik');
  }

  @FieldResolver(() => String, { description: 'NIK with its middle eight digits hidden, for example `3171********0001`.' })
  nikMasked(@Root() p: Participant) {
    return maskDigits(p.nik);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Family card (Kartu Keluarga) number. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  familyCardNumber(@Root() p: Participant, @Ctx() ctx: ParticipantsContext) {
    return guarded(ctx, p, 'familyCardNumber');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Full name as on the KTP. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  fullName(@Root() p: Participant, @Ctx() ctx: ParticipantsContext) {
    return guarded(ctx, p, 'fullName');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Date of birth, `YYYY-MM-DD`. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  birthDate(@Root() p: Participant, @Ctx() ctx: ParticipantsContext) {
    return guarded(ctx, p, 'birthDate');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'E-mail address. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  email(@Root() p: Participant, @Ctx() ctx: ParticipantsContext) {
    return guarded(ctx, p, 'email');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Mobile number. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  phone(@Root() p: Participant, @Ctx() ctx: ParticipantsContext) {
    return guarded(ctx, p, 'phone');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Home address. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  address(@Root() p: Participant, @Ctx() ctx: ParticipantsContext) {
    return guarded(ctx, p, 'address');
  }
}

/** Federation entity lookup: the same rule as the queries, through the per-request loader. */
export async function resolveParticipantReference(ref: { id: string }, ctx: ParticipantsContext): Promise<Participant | null> {
  if (!canSeeRecord(ctx.identity, ref.id)) return null;
  return ctx.loaders.participant.load(ref.id);
}
