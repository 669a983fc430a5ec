import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { entityByIdLoader } from '../../../common/loaders';
import { Partner } from '../partner/partner.entity';
import { InstitutionAffiliation, TrainingInstitution } from './institution.entity';

/** Institutions by id, batched per request. */
export const institutionLoader = (em: EntityManager) => entityByIdLoader(em, TrainingInstitution);

/** Affiliated institutions of each partner (by name): one joined query for every partner of a response. */
export function institutionsByPartnerLoader(em: EntityManager) {
  return new DataLoader<string, TrainingInstitution[]>(async (partnerIds) => {
    const rows = await em.find(InstitutionAffiliation, { partner: { $in: [...partnerIds] } }, { populate: ['institution'], orderBy: { institution: { name: 'asc' }, id: 'asc' } });
    const byPartner = new Map<string, TrainingInstitution[]>(partnerIds.map((id) => [id, []]));
    for (const row of rows) byPartner.get(row.partner.id)?.push(row.institution);
    return partnerIds.map((id) => byPartner.get(id)!);
  });
}

/** Affiliated platforms of each institution (by name): one joined query for every institution of a response. */
export function partnersByInstitutionLoader(em: EntityManager) {
  return new DataLoader<string, Partner[]>(async (institutionIds) => {
    const rows = await em.find(InstitutionAffiliation, { institution: { $in: [...institutionIds] } }, { populate: ['partner'], orderBy: { partner: { name: 'asc' }, id: 'asc' } });
    const byInstitution = new Map<string, Partner[]>(institutionIds.map((id) => [id, []]));
    for (const row of rows) byInstitution.get(row.institution.id)?.push(row.partner);
    return institutionIds.map((id) => byInstitution.get(id)!);
  });
}
