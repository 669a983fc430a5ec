import { registerEnumType } from 'type-graphql';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: 'Sex as encoded in the NIK (day of birth + 40 for women).',
  valuesConfig: { MALE: { description: 'Laki-laki.' }, FEMALE: { description: 'Perempuan.' } },
});

export enum EducationStatus {
  NOT_IN_EDUCATION = 'NOT_IN_EDUCATION',
  IN_FORMAL_EDUCATION = 'IN_FORMAL_EDUCATION',
  IN_NON_FORMAL_EDUCATION = 'IN_NON_FORMAL_EDUCATION',
}
registerEnumType(EducationStatus, {
  name: 'EducationStatus',
  description: 'Whether the person is currently studying. Pupils and university students in formal education cannot join.',
  valuesConfig: {
    NOT_IN_EDUCATION: { description: 'Not enrolled in any education.' },
    IN_FORMAL_EDUCATION: { description: 'Enrolled in school or higher education (pendidikan formal).' },
    IN_NON_FORMAL_EDUCATION: { description: 'Taking non-formal courses or training only (pendidikan nonformal).' },
  },
});

export enum Occupation {
  UNEMPLOYED = 'UNEMPLOYED',
  LAID_OFF = 'LAID_OFF',
  PRIVATE_EMPLOYEE = 'PRIVATE_EMPLOYEE',
  SELF_EMPLOYED = 'SELF_EMPLOYED',
  MICRO_BUSINESS_OWNER = 'MICRO_BUSINESS_OWNER',
  FARMER = 'FARMER',
  FISHER = 'FISHER',
  INFORMAL_WORKER = 'INFORMAL_WORKER',
  OTHER = 'OTHER',
  CIVIL_SERVANT = 'CIVIL_SERVANT',
  MILITARY = 'MILITARY',
  POLICE = 'POLICE',
  STATE_OFFICIAL = 'STATE_OFFICIAL',
  LEGISLATOR = 'LEGISLATOR',
  VILLAGE_HEAD = 'VILLAGE_HEAD',
  VILLAGE_OFFICIAL = 'VILLAGE_OFFICIAL',
  SOE_EXECUTIVE = 'SOE_EXECUTIVE',
}
registerEnumType(Occupation, {
  name: 'Occupation',
  description:
    'Main occupation declared at registration. The state-paid occupations (ASN to SOE_EXECUTIVE) exclude a person from the programme.',
  valuesConfig: {
    UNEMPLOYED: { description: 'Looking for work.' },
    LAID_OFF: { description: 'Laid off or furloughed (korban PHK / dirumahkan).' },
    PRIVATE_EMPLOYEE: { description: 'Employee of a private company.' },
    SELF_EMPLOYED: { description: 'Self-employed (wiraswasta).' },
    MICRO_BUSINESS_OWNER: { description: 'Owner of a micro or small business (UMK).' },
    FARMER: { description: 'Farmer (petani).' },
    FISHER: { description: 'Fisher (nelayan).' },
    INFORMAL_WORKER: { description: 'Informal-sector worker.' },
    OTHER: { description: 'Any other occupation that does not exclude.' },
    CIVIL_SERVANT: { description: 'Civil servant (ASN: PNS or PPPK). Excluded.' },
    MILITARY: { description: 'Member of the armed forces (TNI). Excluded.' },
    POLICE: { description: 'Member of the national police (Polri). Excluded.' },
    STATE_OFFICIAL: { description: 'State official (pejabat negara). Excluded.' },
    LEGISLATOR: { description: 'Member of the DPR or a DPRD. Excluded.' },
    VILLAGE_HEAD: { description: 'Village head (kepala desa). Excluded.' },
    VILLAGE_OFFICIAL: { description: 'Village official (perangkat desa). Excluded.' },
    SOE_EXECUTIVE: { description: 'Director or commissioner of a BUMN or BUMD. Excluded.' },
  },
});

/** Occupations paid by the state that the programme excludes (Permenko 11/2020). */
export const EXCLUDED_OCCUPATIONS: ReadonlySet<Occupation> = new Set([
  Occupation.CIVIL_SERVANT,
  Occupation.MILITARY,
  Occupation.POLICE,
  Occupation.STATE_OFFICIAL,
  Occupation.LEGISLATOR,
  Occupation.VILLAGE_HEAD,
  Occupation.VILLAGE_OFFICIAL,
  Occupation.SOE_EXECUTIVE,
]);

export enum IncentiveStatus {
  NOT_DUE = 'NOT_DUE',
  AWAITING_REVIEW = 'AWAITING_REVIEW',
  DUE = 'DUE',
  PAID = 'PAID',
  FAILED = 'FAILED',
}
registerEnumType(IncentiveStatus, {
  name: 'IncentiveStatus',
  description: 'Where the post-training incentive stands: owed after a first completed course and its rating and review, then paid out.',
  valuesConfig: {
    NOT_DUE: { description: 'No course completed yet.' },
    AWAITING_REVIEW: { description: 'A first course was completed; the incentive is owed once the participant rates and reviews it.' },
    DUE: {
      description:
        'Owed: the first completed course was reviewed (or was completed before reviews were required); its payout is pending or under way.',
    },
    PAID: { description: 'The training incentive was paid to the participant’s payout account.' },
    FAILED: { description: 'Every attempt to pay it failed; the programme office can retry the payout.' },
  },
});
