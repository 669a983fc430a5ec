import type { Identity } from '../../common/identity';
import { db, subgraphQuery } from '../support/client';

let serial = 1 + Math.floor(Math.random() * 5000);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A valid NIK issued in Gambir (317101) for this birth date and sex, unique within the test run. */
export function makeNik(birthDate: string, gender: 'MALE' | 'FEMALE' = 'MALE', district = '317101'): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  return `${district}${pad(gender === 'FEMALE' ? d + 40 : d)}${pad(m)}${pad(y % 100)}${pad(serial++, 4)}`;
}

let kkSerial = 1 + Math.floor(Math.random() * 1_000_000);
/** A fresh family card number. */
export const makeKk = () => `317101${pad(kkSerial++, 10)}`;

export const REGISTER = `mutation Register($input: ParticipantRegisterInput!) {
  participantRegister(input: $input) { participant { id nikMasked gender provinceCode provinceName } userErrors { code message field } }
}`;

export interface PersonOptions {
  birthDate?: string;
  gender?: 'MALE' | 'FEMALE';
  familyCardNumber?: string;
  citizen?: boolean;
  educationStatus?: string;
  occupation?: string;
}

/**
 * Registers a person (anonymously, as the public form does) and returns their id. Test files draw NIK serials
 * independently, so a serial another file already used is skipped (the next serial is tried).
 */
export async function registerPerson(options: PersonOptions = {}): Promise<string> {
  const birthDate = options.birthDate ?? '1990-05-17';
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await subgraphQuery(
      'participants',
      REGISTER,
      {
        input: {
          nik: makeNik(birthDate, options.gender),
          familyCardNumber: options.familyCardNumber ?? makeKk(),
          fullName: 'Siti Rahmawati',
          birthDate,
          email: 'siti@example.co.id',
          phone: '081234567890',
          address: 'Jl. Kebon Sirih No. 1, Jakarta Pusat',
          citizen: options.citizen ?? true,
          educationStatus: options.educationStatus ?? 'NOT_IN_EDUCATION',
          occupation: options.occupation ?? 'UNEMPLOYED',
        },
      },
      { role: 'anonymous' },
    );
    const payload = res.data?.participantRegister;
    if (payload?.participant) return payload.participant.id;
    if (payload?.userErrors?.[0]?.code !== 'NIK_ALREADY_REGISTERED')
      throw new Error(`registration failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  }
  throw new Error('registration failed: no free NIK serial in 50 tries');
}

export const ADMIN: Identity = { role: 'admin', subject: 'test-admin', purpose: 'automated test' };
export const SERVICE: Identity = { role: 'service', subject: 'courses' };
export const asParticipant = (id: string): Identity => ({ role: 'participant', subject: id });

let cohortSerial = 0;
/** Opens a cohort (as admin) that accepts applications now; returns its id. */
export async function openCohort(quota: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await subgraphQuery(
    'participants',
    `mutation Open($input: CohortOpenInput!) { cohortOpen(input: $input) { cohort { id } userErrors { code } } }`,
    {
      input: {
        name: `Test ${Date.now()}-${cohortSerial++}`,
        quota,
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        ...extra,
      },
    },
    ADMIN,
  );
  const id = res.data?.cohortOpen?.cohort?.id;
  if (!id) throw new Error(`cohortOpen failed: ${JSON.stringify(res.errors ?? res.data)}`);
  return id;
}

export const APPLY = `mutation Apply($input: CohortApplyInput!) { cohortApply(input: $input) { application { id status } reasons { code } userErrors { code } } }`;

export async function apply(cohortId: string, participantId: string) {
  return subgraphQuery('participants', APPLY, { input: { cohortId } }, asParticipant(participantId));
}

/** Ends the application period (fixture arrangement: time cannot be moved otherwise). */
export async function closeCohort(cohortId: string): Promise<void> {
  await db().query(
    `UPDATE participants.cohort SET opens_at = now() - interval '2 hours', closes_at = now() - interval '1 second' WHERE id = $1`,
    [cohortId],
  );
}

export const SELECT = `mutation Select($input: CohortSelectInput!) {
  cohortSelect(input: $input) { cohort { id selectionSeed status } selectedCount notSelectedCount ineligibleCount userErrors { code } }
}`;

export async function select(cohortId: string) {
  return subgraphQuery('participants', SELECT, { input: { cohortId } }, ADMIN);
}

/** Registers a person, selects them alone in a fresh cohort, and returns their id and card number. */
export async function personWithCard(
  options: PersonOptions & { balance?: number } = {},
): Promise<{ participantId: string; cardNumber: string }> {
  const participantId = await registerPerson(options);
  const cohortId = await openCohort(1, options.balance ? { trainingBalance: options.balance } : {});
  await apply(cohortId, participantId);
  await closeCohort(cohortId);
  const res = await select(cohortId);
  if (res.data?.cohortSelect?.selectedCount !== 1) throw new Error(`selection failed: ${JSON.stringify(res)}`);
  const { rows } = await db().query(`SELECT number FROM participants.card WHERE participant_id = $1`, [participantId]);
  return { participantId, cardNumber: rows[0].number };
}

/** Sum of the ledger entries of a card's wallet and its stored balance/held. */
export async function walletState(cardNumber: string) {
  const { rows } = await db().query(
    `SELECT w.balance::bigint AS balance, w.held::bigint AS held, (SELECT coalesce(sum(amount), 0) FROM participants.ledger_entry l WHERE l.wallet_id = w.id)::bigint AS ledger
     FROM participants.wallet w JOIN participants.card c ON c.id = w.id WHERE c.number = $1`,
    [cardNumber],
  );
  return { balance: Number(rows[0].balance), held: Number(rows[0].held), ledger: Number(rows[0].ledger) };
}
