import { buildFederatedSchema } from '../../common/federation';
import type { PartnersContext } from './context';
import { PartnerResolver } from './partner/partner.resolver';

/** Resolvers for federation `_entities` lookups: every one goes through a per-request DataLoader. */
const referenceResolvers = {
  Partner: { __resolveReference: (ref: { id: string }, ctx: PartnersContext) => ctx.loaders.partner.load(ref.id) },
};

export const buildPartnersSchema = () => buildFederatedSchema({ resolvers: [PartnerResolver] }, referenceResolvers);
