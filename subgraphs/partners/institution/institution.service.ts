import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { UserError } from '../../../common/errors';
import { isUuid, newId } from '../../../common/ids';
import { Partner } from '../partner/partner.entity';
import { InstitutionAffiliation, TrainingInstitution } from './institution.entity';
import type { TrainingInstitutionAffiliationAddInput, TrainingInstitutionRegisterInput } from './institution.inputs';

export interface InstitutionResult {
  trainingInstitution: TrainingInstitution | null;
  userErrors: UserError[];
}

export async function registerInstitution(em: EntityManager, input: TrainingInstitutionRegisterInput): Promise<InstitutionResult> {
  const errors: UserError[] = [];
  if (!input.name.trim()) errors.push(UserError.of('NAME_REQUIRED', 'A name is required', ['input', 'name']));
  if (!input.city.trim()) errors.push(UserError.of('CITY_REQUIRED', 'A city is required', ['input', 'city']));
  if (errors.length) return { trainingInstitution: null, userErrors: errors };
  const institution = em.create(TrainingInstitution, { name: input.name.trim(), city: input.city.trim() });
  await em.flush();
  return { trainingInstitution: institution, userErrors: [] };
}

export async function addAffiliation(em: EntityManager, input: TrainingInstitutionAffiliationAddInput): Promise<InstitutionResult> {
  if (!input.relationship.trim())
    return {
      trainingInstitution: null,
      userErrors: [UserError.of('RELATIONSHIP_REQUIRED', 'Describe the relationship', ['input', 'relationship'])],
    };
  // A malformed id names nothing (and must not reach PostgreSQL, which would reject the cast).
  const [institution, partner] = await Promise.all([
    isUuid(input.institutionId) ? em.findOne(TrainingInstitution, { id: input.institutionId }) : null,
    isUuid(input.partnerId) ? em.findOne(Partner, { id: input.partnerId }) : null,
  ]);
  if (!institution)
    return { trainingInstitution: null, userErrors: [UserError.of('NOT_FOUND', 'No such institution', ['input', 'institutionId'])] };
  if (!partner)
    return { trainingInstitution: institution, userErrors: [UserError.of('NOT_FOUND', 'No such partner', ['input', 'partnerId'])] };
  try {
    await em.insert(InstitutionAffiliation, {
      id: newId(),
      institution: institution.id,
      partner: partner.id,
      relationship: input.relationship.trim(),
      createdAt: new Date(),
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      return {
        trainingInstitution: institution,
        userErrors: [UserError.of('ALREADY_AFFILIATED', 'The institution is already affiliated with this platform')],
      };
    }
    throw error;
  }
  return { trainingInstitution: institution, userErrors: [] };
}
