import { buildFederatedSchema } from '../../common/federation';
import type { ParticipantsContext } from './context';
import { ParticipantResolver } from './participant/participant.resolver';
import { Participant } from './participant/participant.entity';

/** Resolvers for federation `_entities` lookups. */
const referenceResolvers = {
  Participant: { __resolveReference: (ref: { id: string }, ctx: ParticipantsContext) => ctx.em.findOne(Participant, { id: ref.id }) },
};

export const buildParticipantsSchema = () => buildFederatedSchema({ resolvers: [ParticipantResolver] }, referenceResolvers);
