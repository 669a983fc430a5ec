import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { badInput, refuser, UserError } from '../../../common/errors';
import { newId } from '../../../common/ids';
import type { EligibilityCode } from '../eligibility/eligibility.rules';
import { ELIGIBILITY_MESSAGES } from '../eligibility/eligibility.rules';
import { eligibilityFor, PERSON_FACTS_SQL, toPersonFacts } from '../eligibility/eligibility.service';
import { json, NOW_MS, type Row, SCHEMA, sql, transactional } from '../sql';
import { writeNotices } from '../inbox/inbox.service';
import { recordApplyRefusal } from './apply-refusal';
import { Application, ApplicationStatus, Cohort } from './cohort.entity';
import { claimRecycledSeats } from './recycling';
import { selectionNotices } from './selection-notices';
import { cutoffKey, newCardNumber, newSeed, planSelection, seedCommitment, type Applicant } from './selection';

export interface CohortOpenInput {
  name: string;
  quota: number;
  opensAt: Date;
  closesAt: Date;
  trainingBalance: number;
  purchaseWindowDays: number;
  incentiveAmount: number;
  surveyAmount: number;
  /** Adds every pending recycled seat (cards revoked at their deadline, cohort/recycling.ts) to the quota. */
  includeRecycledQuota?: boolean | null;
}

export async function openCohort(em: EntityManager, input: CohortOpenInput): Promise<{ cohort: Cohort | null; userErrors: UserError[] }> {
  const name = input.name.trim();
  if (!name) throw badInput('name is required', 'name');
  if (!Number.isInteger(input.quota) || input.quota <= 0) throw badInput('quota must be a positive integer', 'quota');
  if (input.closesAt.getTime() <= input.opensAt.getTime()) throw badInput('closesAt must be after opensAt', 'closesAt');
  if (!Number.isSafeInteger(input.trainingBalance) || input.trainingBalance <= 0)
    throw badInput('trainingBalance must be a positive number of rupiah', 'trainingBalance');
  if (!Number.isSafeInteger(input.incentiveAmount) || input.incentiveAmount <= 0)
    throw badInput('incentiveAmount must be a positive number of rupiah', 'incentiveAmount');
  if (!Number.isSafeInteger(input.surveyAmount) || input.surveyAmount < 0)
    throw badInput('surveyAmount must be zero or a positive number of rupiah', 'surveyAmount');
  if (!Number.isInteger(input.purchaseWindowDays) || input.purchaseWindowDays < 1 || input.purchaseWindowDays > 365)
    throw badInput('purchaseWindowDays must be 1..365', 'purchaseWindowDays');
  // Commit-reveal: the seed is fixed now, before any application, and only its hash is published until the draw.
  const selectionSeed = newSeed();
  const { includeRecycledQuota, ...fields } = input;
  const cohort = Object.assign(new Cohort(), { ...fields, name, selectionSeed, selectionSeedCommitment: seedCommitment(selectionSeed) });
  try {
    await em.transactional(async (tx) => {
      await tx.insert(cohort);
      if (!includeRecycledQuota) return;
      // The seats are claimed with the opening, so the quota published from the start is the one drawn.
      cohort.recycledSeats = await claimRecycledSeats(tx as EntityManager, cohort.id);
      cohort.quota += cohort.recycledSeats;
      await tx.nativeUpdate(Cohort, { id: cohort.id }, { quota: cohort.quota, recycledSeats: cohort.recycledSeats });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      return { cohort: null, userErrors: [UserError.of('COHORT_NAME_TAKEN', 'A cohort with this name exists', ['input', 'name'])] };
    throw error;
  }
  return { cohort, userErrors: [] };
}

export const isOpen = (cohort: Cohort, now: Date) => !cohort.selectedAt && cohort.opensAt <= now && now < cohort.closesAt;

export interface ApplyResult {
  application: Application | null;
  reasons: EligibilityCode[];
  userErrors: UserError[];
}

/** Applies a participant to an open cohort; the unique (cohort, participant) index makes retries and races harmless. */
export async function applyToCohort(em: EntityManager, participantId: string, cohortId: string, now = new Date()): Promise<ApplyResult> {
  const cohort = await em.findOne(Cohort, { id: cohortId });
  if (!cohort)
    return { application: null, reasons: [], userErrors: [UserError.of('COHORT_NOT_FOUND', 'No such cohort', ['input', 'cohortId'])] };
  const existing = await em.findOne(Application, { cohort: cohortId, participant: participantId });
  if (existing)
    return { application: existing, reasons: [], userErrors: [UserError.of('ALREADY_APPLIED', 'You already applied to this cohort')] };
  if (!isOpen(cohort, now)) {
    await recordApplyRefusal(em, cohortId, participantId, 'COHORT_NOT_OPEN');
    return { application: null, reasons: [], userErrors: [UserError.of('COHORT_NOT_OPEN', 'The cohort is not accepting applications')] };
  }
  const [eligibility] = await eligibilityFor(em, [participantId], now);
  if (!eligibility)
    return { application: null, reasons: [], userErrors: [UserError.of('PARTICIPANT_NOT_FOUND', 'Register before applying')] };
  if (eligibility.length) {
    await recordApplyRefusal(em, cohortId, participantId, 'NOT_ELIGIBLE', eligibility);
    const message = `Not eligible: ${eligibility.map((c) => ELIGIBILITY_MESSAGES[c]).join(' ')}`;
    return { application: null, reasons: eligibility, userErrors: [UserError.of('NOT_ELIGIBLE', message)] };
  }
  const id = newId();
  const inserted = await sql(
    em,
    `INSERT INTO ${SCHEMA}.application (id, cohort_id, participant_id, status, reasons, created_at) VALUES (?, ?, ?, 'APPLIED', '{}', ${NOW_MS})
     ON CONFLICT (cohort_id, participant_id) DO NOTHING RETURNING id`,
    [id, cohortId, participantId],
  );
  const application = await em.fork().findOneOrFail(Application, { cohort: cohortId, participant: participantId });
  if (!inserted.length)
    return { application, reasons: [], userErrors: [UserError.of('ALREADY_APPLIED', 'You already applied to this cohort')] };
  return { application, reasons: [], userErrors: [] };
}

export interface SelectionResult {
  cohort: Cohort | null;
  selectedCount: number;
  notSelectedCount: number;
  ineligibleCount: number;
  userErrors: UserError[];
}

const refuse = refuser<SelectionResult>({ cohort: null, selectedCount: 0, notSelectedCount: 0, ineligibleCount: 0 });

export interface SelectOptions {
  now?: Date;
  /** Card number and card id generators; the seed script passes deterministic ones. */
  cardNumber?: () => string;
  cardId?: (participantId: string) => string;
}

/**
 * Runs a closed cohort's selection once: selections are serialised programme-wide by an advisory lock (so
 * concurrent selections of two cohorts see each other's cards), and a second call for the same cohort waits
 * and then sees ALREADY_SELECTED. Reads applicants in one query, decides in memory (planSelection), and writes
 * cards, wallets, ledger credits and outcomes in four set-based statements.
 */
export function selectCohort(em: EntityManager, cohortId: string, options: SelectOptions = {}): Promise<SelectionResult> {
  const now = options.now ?? new Date();
  const nextNumber = options.cardNumber ?? newCardNumber;
  const cardId = options.cardId ?? (() => newId());
  return transactional(em, async (tx) => {
    // Selections of different cohorts read each other's cards (family-card cap, one card per person):
    // one selection at a time programme-wide, taken before any read so every selection sees the last one's cards.
    await sql(tx, `SELECT pg_advisory_xact_lock(hashtext('participants:selection'))`);
    const cohort = await tx.findOne(Cohort, { id: cohortId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!cohort) return refuse('COHORT_NOT_FOUND', 'No such cohort');
    if (cohort.selectedAt) return refuse('ALREADY_SELECTED', 'The selection of this cohort already ran', { cohort });
    if (now < cohort.closesAt) return refuse('COHORT_NOT_CLOSED', 'Applications are still open', { cohort });
    // The seed committed at opening; a cohort opened before seeds were committed draws with a fresh one.
    const seed = cohort.selectionSeed ?? newSeed();

    const applicants = (
      await sql<Row>(
        tx,
        `SELECT a.id AS application_id, ${PERSON_FACTS_SQL}
         FROM ${SCHEMA}.application a JOIN ${SCHEMA}.participant p ON p.id = a.participant_id
         WHERE a.cohort_id = ? AND a.status = 'APPLIED'`,
        [cohortId],
      )
    ).map((r): Applicant => ({ applicationId: r.application_id, ...toPersonFacts(r) }));
    const familyCards = [...new Set(applicants.map((a) => a.familyCardNumber))];
    const counts = await sql<{ kk: string; n: string }>(
      tx,
      `SELECT p.family_card_number AS kk, count(*) AS n FROM ${SCHEMA}.card c JOIN ${SCHEMA}.participant p ON p.id = c.participant_id
       WHERE p.family_card_number IN (SELECT value FROM jsonb_array_elements_text(?::jsonb)) GROUP BY 1`,
      [json(familyCards)],
    );
    const decisions = planSelection(applicants, new Map(counts.map((c) => [c.kk, Number(c.n)])), seed, cohort.quota, now);

    const numbers = new Set<string>();
    const cards = decisions
      .filter((d) => d.status === 'SELECTED')
      .map((d) => {
        let number = nextNumber();
        while (numbers.has(number)) number = nextNumber();
        numbers.add(number);
        return { id: cardId(d.participantId), number, participant_id: d.participantId };
      });
    const deadline = new Date(now.getTime() + cohort.purchaseWindowDays * 86_400_000);
    const cardRows = `jsonb_to_recordset(?::jsonb) AS x(id uuid, number text, participant_id uuid)`;
    if (cards.length) {
      await sql(
        tx,
        `INSERT INTO ${SCHEMA}.card (id, number, participant_id, cohort_id, status, purchase_deadline, created_at)
         SELECT x.id, x.number, x.participant_id, ?, 'ACTIVE', ?, ? FROM ${cardRows}`,
        [cohortId, deadline, now, json(cards)],
      );
      await sql(tx, `INSERT INTO ${SCHEMA}.wallet (id, card_id, balance, held) SELECT x.id, x.id, ?, 0 FROM ${cardRows}`, [
        cohort.trainingBalance,
        json(cards),
      ]);
      await sql(
        tx,
        `INSERT INTO ${SCHEMA}.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at)
         SELECT gen_random_uuid(), x.id, 'CREDIT_COHORT', ?, x.id::text, ? FROM ${cardRows}`,
        [cohort.trainingBalance, now, json(cards)],
      );
    }
    if (decisions.length) {
      await sql(
        tx,
        `UPDATE ${SCHEMA}.application a SET status = x.status::${SCHEMA}.application_status,
                reasons = ARRAY(SELECT jsonb_array_elements_text(x.reasons))
         FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, status text, reasons jsonb) WHERE a.id = x.id`,
        [json(decisions.map((d) => ({ id: d.applicationId, status: d.status, reasons: d.reasons })))],
      );
    }
    // The results reach the applicants with the draw itself: same transaction.
    await writeNotices(tx, selectionNotices(cohort, decisions, cards, deadline));
    cohort.selectionSeed = seed;
    cohort.drawCutoffKey = cutoffKey(seed, decisions);
    cohort.selectedAt = now;
    await tx.flush();
    const count = (s: ApplicationStatus) => decisions.filter((d) => d.status === s).length;
    return {
      cohort,
      selectedCount: count(ApplicationStatus.SELECTED),
      notSelectedCount: count(ApplicationStatus.NOT_SELECTED),
      ineligibleCount: count(ApplicationStatus.INELIGIBLE),
      userErrors: [],
    };
  });
}
