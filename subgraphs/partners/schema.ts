import { outboxFeedResolver } from '../../common/outbox-feed';
import { buildFederatedSchema } from '../../common/federation';
import type { PartnersContext } from './context';
import { PartnerCredentialResolver, PartnerCredentialsFieldResolver } from './credential/credential.resolver';
import { EvaluationResolver } from './evaluation/evaluation.resolver';
import { PartnerInstitutionResolver, TrainingInstitutionResolver } from './institution/institution.resolver';
import { PartnerResolver } from './partner/partner.resolver';
import { PartnerProbationResolver } from './probation/probation.resolver';
import { PartnerWebhookFieldResolver, WebhookResolver } from './webhook/webhook.resolver';

/** Resolvers for federation `_entities` lookups: every one goes through a per-request DataLoader. */
const referenceResolvers = {
  Partner: { __resolveReference: (ref: { id: string }, ctx: PartnersContext) => ctx.loaders.partner.load(ref.id) },
  TrainingInstitution: { __resolveReference: (ref: { id: string }, ctx: PartnersContext) => ctx.loaders.institution.load(ref.id) },
};

export const buildPartnersSchema = () =>
  buildFederatedSchema(
    {
      resolvers: [
        // Courses withdraws a terminated platform's offerings from this feed.
        outboxFeedResolver('partners', ['analytics', 'courses']),
        PartnerResolver,
        EvaluationResolver,
        TrainingInstitutionResolver,
        PartnerInstitutionResolver,
        PartnerCredentialResolver,
        PartnerCredentialsFieldResolver,
        WebhookResolver,
        PartnerWebhookFieldResolver,
        PartnerProbationResolver,
      ],
    },
    referenceResolvers,
  );
