import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ParticipantsContext } from '../context';
import { Participant } from './participant.entity';

@Resolver(() => Participant)
export class ParticipantResolver {
  @Query(() => Participant, { nullable: true, description: 'One participant by id.' })
  participant(@Arg('id', () => ID, { description: 'Id of the participant.' }) id: string, @Ctx() { em }: ParticipantsContext) {
    return em.findOne(Participant, { id });
  }
}
