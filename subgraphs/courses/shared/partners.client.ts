import { internalClient } from '../../../common/internal-client';
import { PARTNERS_OPERATIONS as OPS } from './partners.operations';
import type {
  InstitutionExistsQuery,
  InstitutionExistsQueryVariables,
  PartnerStatus,
  PartnerStatusQuery,
  PartnerStatusQueryVariables,
} from './partners.operations.generated';

/*
 * What the courses subgraph asks the partners subgraph: whether the platform and the training institution an
 * admin names exist, before a course or an offering is written for them. Behind one interface so that the
 * service logic can be exercised without it. Reads only, through the partners subgraph's public queries.
 */

/** A platform's lifecycle status, generated from the partners subgraph's SDL (the courses subgraph does not import its enum). */
export type { PartnerStatus };

export interface PartnersPort {
  /** The platform's status; null when there is no such platform. */
  partnerStatus(partnerId: string): Promise<PartnerStatus | null>;
  /** Whether a training institution with this id is registered. */
  institutionExists(institutionId: string): Promise<boolean>;
}

/** The partners subgraph's public queries, called as the signed `courses` service. */
export class PartnersClient implements PartnersPort {
  private readonly call: ReturnType<typeof internalClient>;

  constructor(url: string) {
    this.call = internalClient(url, 'courses');
  }

  async partnerStatus(partnerId: string): Promise<PartnerStatus | null> {
    const data = await this.call<PartnerStatusQuery, PartnerStatusQueryVariables>(OPS.PartnerStatus, { id: partnerId });
    return data.partner?.status ?? null;
  }

  async institutionExists(institutionId: string): Promise<boolean> {
    const data = await this.call<InstitutionExistsQuery, InstitutionExistsQueryVariables>(OPS.InstitutionExists, { id: institutionId });
    return data.trainingInstitution !== null;
  }
}
