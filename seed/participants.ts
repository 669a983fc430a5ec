import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { stableId } from '../common/ids';
import { luhnCheckDigit } from '../common/luhn';
import { selectCohort } from '../subgraphs/participants/cohort/cohort.service';
import { seedCommitment } from '../subgraphs/participants/cohort/selection';
import { allDistricts, allProvinces } from '../subgraphs/participants/nik/regions';
import { nikDateDigits } from '../subgraphs/participants/nik/nik';
import { EXCLUDED_OCCUPATIONS, Occupation } from '../subgraphs/participants/participant/participant.enums';
import { json, SCHEMA, sql } from '../subgraphs/participants/sql';
import { SANDBOX_PLATFORM, partnerIdOf, seededRandom } from './catalog';
import { seedNoticesAndCases } from './participants-cases';

export const FIRST_MALE = [
  'Budi',
  'Agus',
  'Andi',
  'Rudi',
  'Dedi',
  'Joko',
  'Bambang',
  'Eko',
  'Hendra',
  'Rizky',
  'Fajar',
  'Dimas',
  'Yusuf',
  'Made',
  'Wayan',
  'Teguh',
  'Arif',
  'Ilham',
  'Putra',
  'Bayu',
];
export const FIRST_FEMALE = [
  'Siti',
  'Dewi',
  'Sri',
  'Rina',
  'Nur',
  'Putri',
  'Ayu',
  'Wulan',
  'Indah',
  'Fitri',
  'Lestari',
  'Ratna',
  'Nia',
  'Yuni',
  'Kadek',
  'Intan',
  'Dian',
  'Maya',
  'Tika',
  'Rahma',
];
export const LAST = [
  'Santoso',
  'Wijaya',
  'Saputra',
  'Hidayat',
  'Nugroho',
  'Kurniawan',
  'Setiawan',
  'Pratama',
  'Siregar',
  'Nasution',
  'Harahap',
  'Simanjuntak',
  'Lubis',
  'Sembiring',
  'Wibowo',
  'Susanto',
  'Rahmawati',
  'Handayani',
  'Permana',
  'Gunawan',
  'Pangaribuan',
  'Tanjung',
  'Manurung',
  'Halim',
  'Syahputra',
];
export const STREETS = [
  'Jl. Merdeka',
  'Jl. Sudirman',
  'Jl. Diponegoro',
  'Jl. Gajah Mada',
  'Jl. Ahmad Yani',
  'Jl. Pahlawan',
  'Jl. Kartini',
  'Jl. Pemuda',
];
export const ORDINARY = [
  Occupation.UNEMPLOYED,
  Occupation.LAID_OFF,
  Occupation.PRIVATE_EMPLOYEE,
  Occupation.SELF_EMPLOYED,
  Occupation.MICRO_BUSINESS_OWNER,
  Occupation.FARMER,
  Occupation.FISHER,
  Occupation.INFORMAL_WORKER,
  Occupation.OTHER,
];
export const EXCLUDED = [...EXCLUDED_OCCUPATIONS];

// Fixed demo seeds, committed like real ones (a real cohort's seed is random: see openCohort).
export const GELOMBANG_1_SEED = 'gelombang-1-2020-04-11';
export const GELOMBANG_2_SEED = 'gelombang-2-2020-04-25';
export const cohortIdOf = (name: string) => stableId('cohort', name);
export const participantIdOf = (index: number) => stableId('participant', String(index));

const DAY = 86_400_000;

/**
 * Seeds about 3,000 participants over all 38 provinces (real district codes, valid NIKs), ~15% ineligible
 * (minors and over-64s, excluded occupations, students, non-citizens, families of three or more on one KK),
 * "Gelombang 1" closed and selected with a recorded seed, and "Gelombang 2" open with applications.
 * Deterministic apart from the instants, which are relative to now. Call it on an empty schema only. Purchases,
 * completions and incentives come with the journey (seed/journey.ts), once the courses are seeded too.
 */
export async function seedParticipants(orm: MikroORM, options: { count?: number } = {}): Promise<void> {
  const count = options.count ?? 3000;
  const rng = seededRandom(20200411);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
  const em = orm.em.fork() as EntityManager;
  const now = new Date();

  const provinces = allProvinces();
  const districtsOf = new Map<string, string[]>();
  for (const d of allDistricts()) districtsOf.set(d.slice(0, 2), [...(districtsOf.get(d.slice(0, 2)) ?? []), d]);

  const niks = new Set<string>();
  const rows: Array<Record<string, unknown>> = [];
  let sharedKk = '';
  const provinceAt = weightedProvinces(provinces, rng);
  for (let i = 0; i < count; i++) {
    const [provinceCode, provinceName] = provinceAt(i);
    const district = pick(districtsOf.get(provinceCode)!);
    const female = rng() < 0.5;
    const kind = i % 20; // 0: too young/old, 1: excluded occupation, 2: student (~15% with the KK groups and non-citizens)
    let year = 1966 + Math.floor(rng() * 38); // 22..60 years old around 2026
    if (kind === 0) year = rng() < 0.5 ? new Date().getUTCFullYear() - 16 : 1950 + Math.floor(rng() * 5);
    const month = 1 + Math.floor(rng() * 12);
    const day = 1 + Math.floor(rng() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    let nik = '';
    for (let serial = 1 + Math.floor(rng() * 50); !nik || niks.has(nik); serial++)
      nik = `${district}${nikDateDigits(birthDate, female ? 'FEMALE' : 'MALE')}${String(serial).padStart(4, '0')}`;
    niks.add(nik);
    // Every 25th person starts a family card shared with the next two: three or more people on one KK.
    if (i % 25 === 0) sharedKk = `${district}${String(1_000_000 + i).padStart(10, '0')}`;
    const familyCardNumber = i % 25 < 3 ? sharedKk : `${district}${String(5_000_000 + i).padStart(10, '0')}`;
    const first = pick(female ? FIRST_FEMALE : FIRST_MALE);
    const last = pick(LAST);
    rows.push({
      id: participantIdOf(i),
      nik,
      family_card_number: familyCardNumber,
      full_name: `${first} ${last}`,
      birth_date: birthDate,
      gender: female ? 'FEMALE' : 'MALE',
      province_code: provinceCode,
      province_name: provinceName,
      district_code: district,
      email: `${first}.${last}.${i}@example.id`.toLowerCase(),
      phone: `08${String(1_100_000_000 + i * 7919).slice(0, 10)}`,
      address: `${pick(STREETS)} No. ${1 + Math.floor(rng() * 200)}, ${provinceName}`,
      citizen: i % 97 !== 5,
      education_status: kind === 2 ? 'IN_FORMAL_EDUCATION' : rng() < 0.1 ? 'IN_NON_FORMAL_EDUCATION' : 'NOT_IN_EDUCATION',
      occupation: kind === 1 ? pick(EXCLUDED) : pick(ORDINARY),
      created_at: new Date(now.getTime() - 90 * DAY + i * 60_000).toISOString(),
    });
  }
  for (let start = 0; start < rows.length; start += 1000) {
    await sql(
      em,
      `INSERT INTO ${SCHEMA}.participant (id, nik, family_card_number, full_name, birth_date, gender, province_code, province_name, district_code,
              email, phone, address, citizen, education_status, occupation, incentive_status, created_at)
       SELECT x.id, x.nik, x.family_card_number, x.full_name, x.birth_date, x.gender::${SCHEMA}.gender, x.province_code, x.province_name, x.district_code,
              x.email, x.phone, x.address, x.citizen, x.education_status::${SCHEMA}.education_status, x.occupation::${SCHEMA}.occupation, 'NOT_DUE', x.created_at
       FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, nik text, family_card_number text, full_name text, birth_date date, gender text, province_code text,
              province_name text, district_code text, email text, phone text, address text, citizen boolean, education_status text, occupation text, created_at timestamptz)`,
      [json(rows.slice(start, start + 1000))],
    );
  }

  // Gelombang 1: closed; 60% applied (eligible or not: the selection sorts them out); selected with a recorded seed.
  const g1 = cohortIdOf('Gelombang 1');
  const g2 = cohortIdOf('Gelombang 2');
  await sql(
    em,
    `INSERT INTO ${SCHEMA}.cohort (id, name, quota, opens_at, closes_at, training_balance, purchase_window_days, created_at, selection_seed, selection_seed_commitment) VALUES
       (?, 'Gelombang 1', ?, ?, ?, 3500000, 15, ?, ?, ?), (?, 'Gelombang 2', ?, ?, ?, 3500000, 15, ?, ?, ?)`,
    [
      g1,
      Math.max(1, Math.round(count / 3)),
      new Date(now.getTime() - 20 * DAY),
      new Date(now.getTime() - 13 * DAY),
      new Date(now.getTime() - 21 * DAY),
      GELOMBANG_1_SEED,
      seedCommitment(GELOMBANG_1_SEED),
      g2,
      Math.max(1, Math.round(count / 3)),
      new Date(now.getTime() - 2 * DAY),
      new Date(now.getTime() + 12 * DAY),
      new Date(now.getTime() - 3 * DAY),
      GELOMBANG_2_SEED,
      seedCommitment(GELOMBANG_2_SEED),
    ],
  );
  const applicationsOf = (cohortId: string, ids: string[], at: Date) =>
    sql(
      em,
      `INSERT INTO ${SCHEMA}.application (id, cohort_id, participant_id, status, reasons, created_at)
       SELECT x.id, ?, x.participant_id, 'APPLIED', '{}', ? FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, participant_id uuid)`,
      [cohortId, at, json(ids.map((p) => ({ id: stableId(`application:${cohortId}`, p), participant_id: p })))],
    );
  const g1Applicants = rows.slice(0, Math.round(count * 0.6)).map((r) => r.id as string);
  await applicationsOf(g1, g1Applicants, new Date(now.getTime() - 15 * DAY));
  let cardSerial = 0;
  // Drawn two days after it closed: the cards are 11 days old, so the journey's purchases (seed/journey.ts) follow them.
  const result = await selectCohort(em, g1, {
    now: new Date(now.getTime() - 11 * DAY),
    cardNumber: () => {
      const payload = `5${String(20_200_411_000_000 + cardSerial++ * 7_919 + Math.floor(rng() * 7_000)).padStart(14, '0')}`;
      return payload + luhnCheckDigit(payload);
    },
    cardId: (participantId) => stableId('card', participantId),
  });
  if (result.userErrors.length) throw new Error(`seed selection failed: ${result.userErrors.map((e) => e.code).join()}`);

  // Gelombang 2: open now; the eligible people who did not apply to Gelombang 1 applied.
  const rest = rows
    .slice(Math.round(count * 0.6))
    .filter((r) => r.education_status !== 'IN_FORMAL_EDUCATION' && !EXCLUDED.includes(r.occupation as Occupation) && r.citizen);
  await applicationsOf(
    g2,
    rest.map((r) => r.id as string),
    new Date(now.getTime() - DAY),
  );
  await seedNoticesAndCases(em, now);
}

/** Population in millions (BPS 2023, the 2022 Papua provinces estimated), so Java dominates as in the programme. */
const POPULATION: Record<string, number> = {
  '11': 5.5,
  '12': 15.4,
  '13': 5.7,
  '14': 6.7,
  '15': 3.7,
  '16': 8.7,
  '17': 2.1,
  '18': 9.3,
  '19': 1.5,
  '21': 2.2,
  '31': 10.7,
  '32': 49.9,
  '33': 37.5,
  '34': 3.7,
  '35': 41.5,
  '36': 12.3,
  '51': 4.4,
  '52': 5.6,
  '53': 5.6,
  '61': 5.6,
  '62': 2.8,
  '63': 4.2,
  '64': 3.9,
  '65': 0.7,
  '71': 2.7,
  '72': 3.1,
  '73': 9.4,
  '74': 2.7,
  '75': 1.2,
  '76': 1.5,
  '81': 1.9,
  '82': 1.3,
  '91': 1.0,
  '92': 0.6,
  '93': 0.5,
  '94': 1.4,
  '95': 1.4,
  '96': 0.6,
};

/** The i-th participant's province: each province once first, then drawn in proportion to its population. */
export function weightedProvinces(provinces: Array<[string, string]>, rng: () => number): (i: number) => [string, string] {
  const total = provinces.reduce((sum, [code]) => sum + (POPULATION[code] ?? 1), 0);
  return (i) => {
    if (i < provinces.length) return provinces[i];
    let draw = rng() * total;
    for (const province of provinces) {
      draw -= POPULATION[province[0]] ?? 1;
      if (draw <= 0) return province;
    }
    return provinces[provinces.length - 1];
  };
}

/** The sandbox platform's test cards (seed/catalog.ts): fixed numbers, the programme's balance, in their own table. */
export async function seedSandboxCards(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  const partnerId = partnerIdOf(SANDBOX_PLATFORM.slug);
  for (const number of SANDBOX_PLATFORM.testCards)
    await em.execute(
      `INSERT INTO ${SCHEMA}.sandbox_card (id, partner_id, number, balance, created_at) VALUES (?, ?, ?, 3500000, now()) ON CONFLICT (number) DO NOTHING`,
      [stableId('sandbox-card', number), partnerId, number],
    );
}
