import { allDistricts, allProvinces } from '../../subgraphs/participants/nik/regions';
import { nikDateDigits } from '../../subgraphs/participants/nik/nik';
import type { EducationStatus, Occupation } from '../../subgraphs/participants/participant/participant.enums';
import { EXCLUDED, FIRST_FEMALE, FIRST_MALE, LAST, ORDINARY, STREETS, weightedProvinces } from '../participants';
import type { CopyValue } from './copy';
import { bulkId } from './ids';

/** What the draw needs of each person, kept for the whole seed (the rest of a row is written and dropped). */
export interface People {
  count: number;
  birthDate: string[];
  familyCard: string[];
  citizen: Uint8Array;
  education: string[];
  occupation: string[];
  createdAt: Float64Array;
}

export const PARTICIPANT_COLUMNS = [
  'id',
  'nik',
  'family_card_number',
  'full_name',
  'birth_date',
  'gender',
  'province_code',
  'province_name',
  'district_code',
  'email',
  'phone',
  'address',
  'citizen',
  'education_status',
  'occupation',
  'incentive_status',
  'created_at',
] as const;

const DAY = 86_400_000;

/**
 * Generates `count` participants as COPY rows (the same mix as the demo: provinces by population, real
 * district codes, valid unique NIKs and family cards, ~15% ineligible) and fills `people` as it goes.
 * Registration times spread over the year before `now`.
 */
export function* participantRows(people: People, rng: () => number, now: Date): Generator<CopyValue[]> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
  const provinces = allProvinces();
  const districtsOf = new Map<string, string[]>();
  for (const d of allDistricts()) districtsOf.set(d.slice(0, 2), [...(districtsOf.get(d.slice(0, 2)) ?? []), d]);
  const provinceAt = weightedProvinces(provinces, rng);
  const niks = new Set<string>();
  const thisYear = now.getUTCFullYear();
  const yearStart = now.getTime() - 380 * DAY;
  let sharedKk = '';
  for (let i = 0; i < people.count; i++) {
    const [provinceCode, provinceName] = provinceAt(i);
    const district = pick(districtsOf.get(provinceCode)!);
    const female = rng() < 0.5;
    const kind = i % 20; // 0: too young/old, 1: excluded occupation, 2: student (with KK groups and non-citizens, ~15%)
    let year = thisYear - 60 + Math.floor(rng() * 38);
    if (kind === 0) year = rng() < 0.5 ? thisYear - 16 : thisYear - 76 + Math.floor(rng() * 5);
    const month = 1 + Math.floor(rng() * 12);
    const day = 1 + Math.floor(rng() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const dateDigits = nikDateDigits(birthDate, female ? 'FEMALE' : 'MALE');
    let nik = '';
    for (let serial = 1 + Math.floor(rng() * 50); !nik || niks.has(nik); serial++)
      nik = `${district}${dateDigits}${String(serial).padStart(4, '0')}`;
    niks.add(nik);
    // Every 25th person starts a family card shared with the next two: three on one KK, over the cap of two.
    if (i % 25 === 0) sharedKk = `${district}${String(1_000_000_000 + i).slice(-10)}`;
    const familyCard = i % 25 < 3 ? sharedKk : `${district}${String(5_000_000_000 + i).slice(-10)}`;
    const first = pick(female ? FIRST_FEMALE : FIRST_MALE);
    const last = pick(LAST);
    const citizen = i % 97 !== 5;
    const education: EducationStatus = (
      kind === 2 ? 'IN_FORMAL_EDUCATION' : rng() < 0.1 ? 'IN_NON_FORMAL_EDUCATION' : 'NOT_IN_EDUCATION'
    ) as EducationStatus;
    const occupation: Occupation = kind === 1 ? pick(EXCLUDED) : pick(ORDINARY);
    const createdAt = yearStart + Math.floor((i / people.count) * 300 * DAY);
    people.birthDate[i] = birthDate;
    people.familyCard[i] = familyCard;
    people.citizen[i] = citizen ? 1 : 0;
    people.education[i] = education;
    people.occupation[i] = occupation;
    people.createdAt[i] = createdAt;
    yield [
      bulkId('participant', i),
      nik,
      familyCard,
      `${first} ${last}`,
      birthDate,
      female ? 'FEMALE' : 'MALE',
      provinceCode,
      provinceName,
      district,
      `${first}.${last}.${i}@example.id`.toLowerCase(),
      `08${String(1_100_000_000 + i * 7)}`,
      `${pick(STREETS)} No. ${1 + Math.floor(rng() * 200)}, ${provinceName}`,
      citizen,
      education,
      occupation,
      'NOT_DUE',
      new Date(createdAt).toISOString(),
    ];
  }
}

export const emptyPeople = (count: number): People => ({
  count,
  birthDate: new Array<string>(count),
  familyCard: new Array<string>(count),
  citizen: new Uint8Array(count),
  education: new Array<string>(count),
  occupation: new Array<string>(count),
  createdAt: new Float64Array(count),
});
