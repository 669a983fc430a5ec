import { Args, Ctx, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { isSelf } from '../../../common/auth';
import { forbidden } from '../../../common/errors';
import { Connection, paginate } from '../../../common/pagination';
import { Money } from '../../../common/scalars';
import { Card } from '../card/card.entity';
import { Application } from '../cohort/cohort.entity';
import type { ParticipantsContext } from '../context';
import { ParticipantEligibility, reasonsOf } from '../eligibility/eligibility.types';
import { InboxMessage } from '../inbox/inbox.entity';
import { InboxArgs } from '../inbox/inbox.inputs';
import { WalletView } from '../wallet/wallet.entity';
import { Participant } from './participant.entity';
import { IncentiveStatus } from './participant.enums';

@ObjectType({ description: "A page of the participant's inbox." })
class InboxMessageConnection extends Connection(InboxMessage, 'InboxMessage', 'inbox message') {}

/** Fields of Participant computed from other tables; all batched through per-request loaders. */
@Resolver(() => Participant)
export class ParticipantFieldsResolver {
  @FieldResolver(() => ParticipantEligibility, {
    nullable: true,
    description:
      'Eligibility under the programme rules, evaluated now. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  async eligibility(@Root() p: Participant, @Ctx() { personalData, loaders }: ParticipantsContext) {
    personalData.allow(p.id, 'eligibility');
    const codes = (await loaders.eligibility.load(p.id)) ?? [];
    return Object.assign(new ParticipantEligibility(), { eligible: codes.length === 0, reasons: reasonsOf(codes) });
  }

  @FieldResolver(() => Card, {
    nullable: true,
    description:
      'The Kartu Prakerja issued at selection; null before. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  card(@Root() p: Participant, @Ctx() { personalData, loaders }: ParticipantsContext) {
    personalData.allow(p.id, 'card');
    return loaders.cardByParticipant.load(p.id);
  }

  @FieldResolver(() => WalletView, {
    nullable: true,
    description: "The card's training balance; null before selection. Self and programme office only.",
  })
  async wallet(@Root() p: Participant, @Ctx() { personalData, loaders }: ParticipantsContext) {
    personalData.allow(p.id, 'wallet');
    const card = await loaders.cardByParticipant.load(p.id);
    if (!card) return null;
    const w = await loaders.wallet.load(card.id);
    if (!w) return null;
    return Object.assign(new WalletView(), {
      id: card.id,
      balance: Money.idr(w.balance),
      availableBalance: Money.idr(w.available),
      purchaseDeadline: card.purchaseDeadline,
    });
  }

  @FieldResolver(() => [Application], {
    nullable: true,
    description:
      'Applications to cohorts, newest first. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  applications(@Root() p: Participant, @Ctx() { personalData, loaders }: ParticipantsContext) {
    personalData.allow(p.id, 'applications');
    return loaders.applicationsByParticipant.load(p.id);
  }

  @FieldResolver(() => InboxMessageConnection, {
    nullable: true,
    description:
      'In-app messages, newest first: programme notifications (selection, card, purchases, attendance, completion, certificate, incentive, deadline reminder) and OTPs in development. Readable only by the participant themself, not even by the programme office; FORBIDDEN for anyone else.',
  })
  inbox(@Root() p: Participant, @Args() { first, after, unreadOnly, kind }: InboxArgs, @Ctx() { identity, em }: ParticipantsContext) {
    if (!isSelf(identity, p.id)) throw forbidden('The inbox is readable only by the participant');
    const where = { participant: p.id, ...(unreadOnly ? { readAt: null } : {}), ...(kind ? { kind } : {}) };
    return paginate(em, InboxMessage, where, { first, after, sortBy: 'createdAt', direction: 'desc' });
  }

  @FieldResolver(() => IncentiveStatus, {
    nullable: true,
    description:
      'Where the post-training incentive stands (owed after a first completed course and its review; see `incentive` for its payouts). Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  incentiveStatus(@Root() p: Participant, @Ctx() { personalData }: ParticipantsContext) {
    personalData.allow(p.id, 'incentiveStatus');
    return p.incentiveStatus;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When the first course was completed; null before. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  firstCompletedAt(@Root() p: Participant, @Ctx() { personalData }: ParticipantsContext) {
    personalData.allow(p.id, 'firstCompletedAt');
    return p.firstCompletedAt;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      'The enrollment whose completion makes the incentive owed (once reviewed). Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  incentiveEnrollmentId(@Root() p: Participant, @Ctx() { personalData }: ParticipantsContext) {
    personalData.allow(p.id, 'incentiveEnrollmentId');
    return p.incentiveEnrollmentId;
  }
}
