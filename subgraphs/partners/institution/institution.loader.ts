import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader, entityByIdLoader } from '../../../common/loaders';
import { Partner } from '../partner/partner.entity';
import { InstitutionAffiliation, TrainingInstitution } from './institution.entity';

/** Institutions by id, batched per request. */
export const institutionLoader = (em: EntityManager) => entityByIdLoader(em, TrainingInstitution);

/** Affiliated institutions of each partner (by name): one joined query for every partner of a response. */
export const institutionsByPartnerLoader = (em: EntityManager) =>
  childrenLoader(em, InstitutionAffiliation, {
    parentKey: 'partner',
    parentOf: (row) => row.partner.id,
    populate: ['institution'],
    orderBy: { institution: { name: 'asc' }, id: 'asc' },
    pick: (row): TrainingInstitution => row.institution,
  });

/** Affiliated platforms of each institution (by name): one joined query for every institution of a response. */
export const partnersByInstitutionLoader = (em: EntityManager) =>
  childrenLoader(em, InstitutionAffiliation, {
    parentKey: 'institution',
    parentOf: (row) => row.institution.id,
    populate: ['partner'],
    orderBy: { partner: { name: 'asc' }, id: 'asc' },
    pick: (row): Partner => row.partner,
  });
