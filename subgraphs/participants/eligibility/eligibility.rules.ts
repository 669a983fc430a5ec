import { ageOn } from '../nik/nik';
import { EducationStatus, EXCLUDED_OCCUPATIONS, type Occupation } from '../participant/participant.enums';

export type EligibilityCode =
  'NOT_CITIZEN' | 'AGE_OUT_OF_RANGE' | 'IN_FORMAL_EDUCATION' | 'EXCLUDED_OCCUPATION' | 'FAMILY_CARD_LIMIT' | 'ALREADY_PARTICIPATED';

export const ELIGIBILITY_CODES: readonly EligibilityCode[] = [
  'NOT_CITIZEN',
  'AGE_OUT_OF_RANGE',
  'IN_FORMAL_EDUCATION',
  'EXCLUDED_OCCUPATION',
  'FAMILY_CARD_LIMIT',
  'ALREADY_PARTICIPATED',
];

export const MIN_AGE = 18;
export const MAX_AGE = 64;
/** At most this many people of one family card are ever selected. */
export const FAMILY_CARD_CAP = 2;

export const ELIGIBILITY_MESSAGES: Record<EligibilityCode, string> = {
  NOT_CITIZEN: 'Only Indonesian citizens (WNI) can join.',
  AGE_OUT_OF_RANGE: `Participants must be ${MIN_AGE} to ${MAX_AGE} years old.`,
  IN_FORMAL_EDUCATION: 'People in formal education (school or university) cannot join.',
  EXCLUDED_OCCUPATION:
    'ASN, TNI, Polri, state officials, DPR/DPRD members, village heads and officials, and BUMN/BUMD directors or commissioners cannot join.',
  FAMILY_CARD_LIMIT: `At most ${FAMILY_CARD_CAP} people of one family card (KK) can become participants.`,
  ALREADY_PARTICIPATED: 'A person can be selected only once in the programme.',
};

/** Everything the rules need about one person; the two counts come from batched queries. */
export interface EligibilityFacts {
  citizen: boolean;
  birthDate: string;
  educationStatus: EducationStatus;
  occupation: Occupation;
  /** Other people with the same family card who were ever selected. */
  familyCardSelectedOthers: number;
  /** Whether this person was ever selected (holds a card in any status). */
  everSelected: boolean;
}

/** The programme's rules, as reason codes; an empty list means eligible. Pure, so selection and display agree. */
export function eligibilityReasons(facts: EligibilityFacts, reference: Date): EligibilityCode[] {
  const reasons: EligibilityCode[] = [];
  if (!facts.citizen) reasons.push('NOT_CITIZEN');
  const age = ageOn(facts.birthDate, reference);
  if (age < MIN_AGE || age > MAX_AGE) reasons.push('AGE_OUT_OF_RANGE');
  if (facts.educationStatus === EducationStatus.IN_FORMAL_EDUCATION) reasons.push('IN_FORMAL_EDUCATION');
  if (EXCLUDED_OCCUPATIONS.has(facts.occupation)) reasons.push('EXCLUDED_OCCUPATION');
  if (facts.familyCardSelectedOthers >= FAMILY_CARD_CAP) reasons.push('FAMILY_CARD_LIMIT');
  if (facts.everSelected) reasons.push('ALREADY_PARTICIPATED');
  return reasons;
}
