import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { UserError } from '../../../common/errors';
import { familyCardProblems, parseNik } from '../nik/nik';
import { Participant } from './participant.entity';
import { Gender } from './participant.enums';
import type { ParticipantRegisterInput } from './participant.inputs';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** Indonesian mobile numbers: 08xx or +628xx, 10 to 13 digits in national form. */
const PHONE = /^(?:\+62|62|0)8\d{8,11}$/;

export interface RegisterResult {
  participant: Participant | null;
  userErrors: UserError[];
}

/**
 * Validates everything in memory, then one INSERT; the unique index on nik is the duplicate check (no scan).
 * `id` is the signed-in person's token subject when they register themselves (the web client's sign-up), so
 * that their token names their record from then on; without it the id is new.
 */
export async function registerParticipant(
  em: EntityManager,
  input: ParticipantRegisterInput,
  now = new Date(),
  id?: string,
): Promise<RegisterResult> {
  if (id && (await em.count(Participant, { id }))) {
    return { participant: null, userErrors: [UserError.of('ALREADY_REGISTERED', 'You are already registered', ['input'])] };
  }
  const errors: UserError[] = [];
  const nik = input.nik.trim();
  const parsed = parseNik(nik, now);
  if (!parsed.ok) errors.push(UserError.of('INVALID_NIK', `Invalid NIK: ${parsed.reasons.join('; ')}`, ['input', 'nik']));
  else if (parsed.value.birthDate !== input.birthDate.trim()) {
    errors.push(UserError.of('BIRTH_DATE_MISMATCH', 'The birth date does not match the NIK', ['input', 'birthDate']));
  }
  const kk = input.familyCardNumber.trim();
  const kkProblems = familyCardProblems(kk);
  if (kkProblems.length)
    errors.push(UserError.of('INVALID_FAMILY_CARD', `Invalid family card number: ${kkProblems.join('; ')}`, ['input', 'familyCardNumber']));
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) errors.push(UserError.of('INVALID_EMAIL', 'Not an e-mail address', ['input', 'email']));
  const phone = input.phone.replace(/[\s-]/g, '');
  if (!PHONE.test(phone)) errors.push(UserError.of('INVALID_PHONE', 'Not an Indonesian mobile number', ['input', 'phone']));
  const fullName = input.fullName.trim().replace(/\s+/g, ' ');
  if (!fullName || fullName.length > 200)
    errors.push(UserError.of('INVALID_NAME', 'A full name of at most 200 characters is required', ['input', 'fullName']));
  const address = input.address.trim();
  if (!address || address.length > 500)
    errors.push(UserError.of('INVALID_ADDRESS', 'An address of at most 500 characters is required', ['input', 'address']));
  if (errors.length || !parsed.ok) return { participant: null, userErrors: errors };

  const participant = Object.assign(new Participant(), {
    ...(id ? { id } : {}),
    nik,
    familyCardNumber: kk,
    fullName,
    birthDate: parsed.value.birthDate,
    gender: parsed.value.gender === 'FEMALE' ? Gender.FEMALE : Gender.MALE,
    provinceCode: parsed.value.provinceCode,
    provinceName: parsed.value.provinceName,
    districtCode: parsed.value.districtCode,
    email,
    phone: phone.replace(/^(?:\+62|62)/, '0'),
    address,
    citizen: input.citizen,
    educationStatus: input.educationStatus,
    educationLevel: input.educationLevel ?? null,
    occupation: input.occupation,
    createdAt: now,
  });
  try {
    await em.insert(participant);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      // The same person registering twice at once: the primary key, not the NIK, is what clashed.
      if (id && (await em.fork().count(Participant, { id }))) {
        return { participant: null, userErrors: [UserError.of('ALREADY_REGISTERED', 'You are already registered', ['input'])] };
      }
      return {
        participant: null,
        userErrors: [UserError.of('NIK_ALREADY_REGISTERED', 'This NIK is already registered', ['input', 'nik'])],
      };
    }
    throw error;
  }
  return { participant, userErrors: [] };
}
