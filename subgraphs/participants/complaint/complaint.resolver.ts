import { Arg, Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { badInput, payloadUserError, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Connection, paginate } from '../../../common/pagination';
import type { ParticipantsContext } from '../context';
import { Participant } from '../participant/participant.entity';
import { SCHEMA, sql } from '../sql';
import { ComplaintCase } from './complaint.entity';
import { ComplaintCaseOpenInput, ComplaintCasesArgs, ComplaintCaseUpdateInput, ParticipantLookupArgs } from './complaint.inputs';
import { openCase, updateCase } from './complaint.service';

const ComplaintCaseOpenUserError = payloadUserError('ComplaintCaseOpen', {
  PARTICIPANT_NOT_FOUND: 'There is no participant with this id.',
} as const);
const ComplaintCaseUpdateUserError = payloadUserError('ComplaintCaseUpdate', {
  CASE_NOT_FOUND: 'There is no complaint case with this number.',
  INVALID_TRANSITION: 'A closed case can only be reopened (IN_PROGRESS).',
  RESOLUTION_REQUIRED: 'RESOLVED and REJECTED need a resolution text.',
} as const);

@ObjectType({ description: 'Result of opening a complaint case.' })
class ComplaintCaseOpenPayload {
  @Field(() => ComplaintCase, { nullable: true, description: 'The new case; null when refused.' })
  complaintCase: ComplaintCase | null;

  @Field(() => [ComplaintCaseOpenUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of updating a complaint case.' })
class ComplaintCaseUpdatePayload {
  @Field(() => ComplaintCase, { nullable: true, description: 'The case (also on some refusals, unchanged).' })
  complaintCase: ComplaintCase | null;

  @Field(() => [ComplaintCaseUpdateUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'A page of complaint cases.' })
class ComplaintCaseConnection extends Connection(ComplaintCase, 'ComplaintCase', 'complaint case') {}

const DIGITS16 = /^\d{16}$/;

/** Complaint case records and finding a complainant: the programme office only. */
@Resolver(() => ComplaintCase)
export class ComplaintCaseResolver {
  @Query(() => ComplaintCase, {
    nullable: true,
    description: 'One complaint case by number; null when there is none. Programme office only.',
  })
  complaintCase(
    @Arg('number', { description: 'Case number, for example `ADU-2026-000117`.' }) number: string,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'admin');
    return em.findOne(ComplaintCase, { number: number.trim().toUpperCase() });
  }

  @Query(() => ComplaintCaseConnection, { nullable: true, description: 'Complaint cases, newest first. Programme office only.' })
  complaintCases(@Args() { first, after, status, participantId }: ComplaintCasesArgs, @Ctx() { identity, em }: ParticipantsContext) {
    requireRole(identity, 'admin');
    if (participantId && !isUuid(participantId)) throw badInput('participantId is not an id', 'participantId');
    const where = { ...(status ? { status } : {}), ...(participantId ? { participant: participantId } : {}) };
    return paginate(em, ComplaintCase, where, { first, after, sortBy: 'openedAt', direction: 'desc', microseconds: true });
  }

  @Query(() => [Participant], {
    nullable: true,
    description:
      'Finds the participant a complaint is about by exactly one of card number, NIK or phone (a phone may match several people). Programme office only, with an `x-purpose`: each match is recorded in that person’s access history.',
  })
  async participantLookup(@Args() { cardNumber, nik, phone }: ParticipantLookupArgs, @Ctx() ctx: ParticipantsContext) {
    requireRole(ctx.identity, 'admin');
    const given = [cardNumber, nik, phone].filter((v) => v != null);
    if (given.length !== 1) throw badInput('give exactly one of cardNumber, nik, phone');
    let where: string;
    let value: string;
    if (cardNumber != null) {
      value = cardNumber.replace(/[\s-]/g, '');
      if (!DIGITS16.test(value)) throw badInput('cardNumber must be 16 digits', 'cardNumber');
      where = `p.id = (SELECT participant_id FROM ${SCHEMA}.card WHERE number = ?)`;
    } else if (nik != null) {
      value = nik.trim();
      if (!DIGITS16.test(value)) throw badInput('nik must be 16 digits', 'nik');
      where = 'p.nik = ?';
    } else {
      // Stored as registration normalises it: 08…
      value = phone!.replace(/[\s-]/g, '').replace(/^(?:\+62|62)/, '0');
      if (!/^08\d{8,11}$/.test(value)) throw badInput('phone is not an Indonesian mobile number', 'phone');
      where = 'p.phone = ?';
    }
    const rows = await sql<{ id: string }>(
      ctx.em,
      `SELECT p.id FROM ${SCHEMA}.participant p WHERE ${where} ORDER BY p.created_at LIMIT 20`,
      [value],
    );
    for (const r of rows) ctx.personalData.allow(r.id, 'lookup');
    return (await ctx.loaders.participant.loadMany(rows.map((r) => r.id))).filter((p): p is Participant => p instanceof Participant);
  }

  @Mutation(() => ComplaintCaseOpenPayload, {
    nullable: true,
    description: 'Opens a complaint case about a participant. Programme office only.',
  })
  complaintCaseOpen(
    @Arg('input', () => ComplaintCaseOpenInput, { description: 'The case.' }) input: ComplaintCaseOpenInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'admin');
    return openCase(em, input, identity.subject ?? null);
  }

  @Mutation(() => ComplaintCaseUpdatePayload, {
    nullable: true,
    description: 'Changes a complaint case’s status, notes or resolution. Programme office only.',
  })
  complaintCaseUpdate(
    @Arg('input', () => ComplaintCaseUpdateInput, { description: 'The change.' }) input: ComplaintCaseUpdateInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'admin');
    return updateCase(em, input);
  }

  @FieldResolver(() => Participant, { nullable: true, description: 'The participant the complaint concerns.' })
  participant(@Root() c: ComplaintCase, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.participant.load(c.participant.id);
  }
}
