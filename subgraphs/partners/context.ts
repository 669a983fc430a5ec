import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../../common/context';
import type { PartnersConfig } from './config';
import { credentialsByPartnerLoader, keysByCredentialLoader } from './credential/credential.loader';
import { evaluationsByPartnerLoader } from './evaluation/evaluation.loader';
import { institutionLoader, institutionsByPartnerLoader, partnersByInstitutionLoader } from './institution/institution.loader';
import { partnerLoader, statusHistoryByPartnerLoader } from './partner/partner.loader';
import { probationsByPartnerLoader } from './probation/probation.loader';
import { attemptsByDeliveryLoader, endpointByPartnerLoader } from './webhook/webhook.loader';

/** Per-request context of the partners subgraph: fresh DataLoaders for every request. */
export function createLoaders(em: EntityManager) {
  return {
    partner: partnerLoader(em),
    statusHistoryByPartner: statusHistoryByPartnerLoader(em),
    evaluationsByPartner: evaluationsByPartnerLoader(em),
    institution: institutionLoader(em),
    institutionsByPartner: institutionsByPartnerLoader(em),
    partnersByInstitution: partnersByInstitutionLoader(em),
    credentialsByPartner: credentialsByPartnerLoader(em),
    keysByCredential: keysByCredentialLoader(em),
    endpointByPartner: endpointByPartnerLoader(em),
    attemptsByDelivery: attemptsByDeliveryLoader(em),
    probationsByPartner: probationsByPartnerLoader(em),
  };
}

export interface PartnersContext extends SubgraphContext {
  loaders: ReturnType<typeof createLoaders>;
  /** Validated once at start-up. */
  config: PartnersConfig;
}
