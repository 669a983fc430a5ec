import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { isSelf, requireRole } from '../../../common/auth';
import { forbidden, payloadUserError, UserError } from '../../../common/errors';
import type { ParticipantsContext } from '../context';
import { Participant } from '../participant/participant.entity';
import { InboxMessage } from './inbox.entity';
import { InboxMessageMarkReadInput } from './inbox.inputs';
import { markAllRead, markRead } from './inbox.service';

const InboxMessageMarkReadUserError = payloadUserError('InboxMessageMarkRead', {
  MESSAGE_NOT_FOUND: 'There is no message with this id in the caller’s inbox.',
} as const);
// Marking everything read cannot be refused; the enum keeps the payload convention.
const InboxMarkAllReadUserError = payloadUserError('InboxMarkAllRead', {
  PARTICIPANT_NOT_FOUND: 'The caller has no registration.',
} as const);

@ObjectType({ description: 'Result of marking one message read.' })
class InboxMessageMarkReadPayload {
  @Field(() => InboxMessage, { nullable: true, description: 'The message, now read; null when refused.' })
  message: InboxMessage | null;

  @Field(() => Int, { nullable: true, description: 'Messages of the caller still unread.' })
  unreadCount: number | null;

  @Field(() => [InboxMessageMarkReadUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of marking the whole inbox read.' })
class InboxMarkAllReadPayload {
  @Field(() => Int, { description: 'How many messages were unread and are now read.' })
  markedCount: number;

  @Field(() => Participant, { nullable: true, description: 'The caller, whose unread count is now zero.' })
  participant: Participant | null;

  @Field(() => [InboxMarkAllReadUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

/** Read state of the caller's own inbox: nobody else, not even the office, can read or mark it. */
@Resolver(() => Participant)
export class InboxResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Inbox messages not marked read yet. Readable only by the participant themself; FORBIDDEN for anyone else.',
  })
  inboxUnreadCount(@Root() p: Participant, @Ctx() { identity, loaders }: ParticipantsContext) {
    if (!isSelf(identity, p.id)) throw forbidden('The inbox is readable only by the participant');
    return loaders.unreadCount.load(p.id);
  }

  @Mutation(() => InboxMessageMarkReadPayload, {
    nullable: true,
    description: 'Marks one message of the caller’s inbox read (again: no change). Participants only.',
  })
  async inboxMessageMarkRead(
    @Arg('input', () => InboxMessageMarkReadInput, { description: 'The message.' }) input: InboxMessageMarkReadInput,
    @Ctx() { identity, em, loaders }: ParticipantsContext,
  ): Promise<InboxMessageMarkReadPayload> {
    requireRole(identity, 'participant');
    const id = identity.subject ? await markRead(em, identity.subject, input.id) : null;
    if (!id)
      return {
        message: null,
        unreadCount: null,
        userErrors: [UserError.of('MESSAGE_NOT_FOUND', 'No such message in your inbox', ['input', 'id'])],
      };
    return {
      message: await em.findOneOrFail(InboxMessage, { id }, { refresh: true }),
      unreadCount: await loaders.unreadCount.load(identity.subject!),
      userErrors: [],
    };
  }

  @Mutation(() => InboxMarkAllReadPayload, {
    nullable: true,
    description: 'Marks every message of the caller’s inbox read. Participants only.',
  })
  async inboxMarkAllRead(@Ctx() { identity, em, loaders }: ParticipantsContext): Promise<InboxMarkAllReadPayload> {
    requireRole(identity, 'participant');
    const participant = identity.subject ? await loaders.participant.load(identity.subject) : null;
    if (!participant) return { markedCount: 0, participant: null, userErrors: [UserError.of('PARTICIPANT_NOT_FOUND', 'Register first')] };
    return { markedCount: await markAllRead(em, participant.id), participant, userErrors: [] };
  }
}
