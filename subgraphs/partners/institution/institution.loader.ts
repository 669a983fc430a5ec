import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '../../../common/ids';
import { Partner } from '../partner/partner.entity';
import { InstitutionAffiliation, TrainingInstitution } from './institution.entity';

/** Institutions by id, batched per request. */
export function institutionLoader(em: EntityManager) {
  return new DataLoader<string, TrainingInstitution | null>(async (ids) => {
    // A malformed id names nothing; sent to PostgreSQL it would fail the whole batch (every entity of the response).
    const rows = await em.find(TrainingInstitution, { id: { $in: ids.filter(isUuid) } });
    const byId = new Map(rows.map((i) => [i.id, i]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

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
