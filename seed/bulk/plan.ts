import { luhnCheckDigit } from '../../common/luhn';
import { cutoffKey, planSelection, seedCommitment, type Applicant } from '../../subgraphs/participants/cohort/selection';
import type { EducationStatus, Occupation } from '../../subgraphs/participants/participant/participant.enums';
import { bulkId } from './ids';
import type { People } from './people';

/** The knobs of a seeded year; shares are of the rows the step before produced. */
export interface YearShape {
  cohorts: number;
  /** Of all participants: how many apply (each once, to the first cohort opening after they register). */
  applyShare: number;
  /** Of all participants: the cohorts' quotas together (the draw picks among the eligible applicants). */
  selectedShare: number;
  /** Of cards: those that buy a course before their deadline (the others are revoked, the balance debited back). */
  purchaseShare: number;
  /** Of buying cards: those that buy another course, when the balance covers it; asked again after each, up to `coursesPerCard`. */
  secondPurchaseShare: number;
  /** The most courses one card buys (2 by default: a first and maybe a second). */
  coursesPerCard: number;
  /** Of enrollments: voided and refunded while still ENROLLED. */
  voidShare: number;
  /** Of enrollments: completed with every session attended (the rest are in progress or not yet started). */
  completionShare: number;
}

export const DEFAULT_SHAPE: YearShape = {
  cohorts: 12,
  applyShare: 0.6,
  selectedShare: 0.2,
  purchaseShare: 0.85,
  secondPurchaseShare: 0.25,
  coursesPerCard: 2,
  voidShare: 0.05,
  completionShare: 0.6,
};

export interface Offering {
  courseId: string;
  partnerId: string;
  price: number;
  sessionCount: number;
  minimumDurationMinutes: number;
}

export interface PlannedCohort {
  id: string;
  name: string;
  quota: number;
  opensAt: Date;
  closesAt: Date;
  selectedAt: Date;
  seed: string;
  commitment: string;
  cutoffKey: string | null;
}

export interface PlannedApplication {
  id: string;
  cohort: number;
  participant: number;
  status: 'SELECTED' | 'NOT_SELECTED' | 'INELIGIBLE';
  reasons: string[];
  at: number;
}

export interface PlannedCard {
  id: string;
  number: string;
  participant: number;
  cohort: number;
  createdAt: number;
  deadline: number;
  /** The remaining balance after its purchases and refunds, or 0 once revoked. */
  balance: number;
  firstPurchaseAt: number | null;
  revokedAt: number | null;
}

export type Outcome = 'ENROLLED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';

export interface PlannedPurchase {
  n: number;
  id: string;
  card: PlannedCard;
  offering: Offering;
  at: number;
  outcome: Outcome;
  attended: number;
  /** Completion or void instant. */
  endedAt: number | null;
  score: number;
}

export interface YearPlan {
  trainingBalance: number;
  cohorts: PlannedCohort[];
  applications: PlannedApplication[];
  cards: PlannedCard[];
  purchases: PlannedPurchase[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const TRAINING_BALANCE = 3_500_000;
export const PURCHASE_WINDOW_DAYS = 15;

/**
 * A programme year over the people generated: cohorts every few weeks, each drawn by the real selection
 * (`planSelection`: eligibility at the draw, draw keys from the cohort's seed, quota, family-card cap across
 * cohorts), cards with their balance, purchases of real offerings, then attendance, completion or a void.
 * Everything happens before `now`.
 */
export function planYear(people: People, offerings: Offering[], shape: YearShape, rng: () => number, now: Date): YearPlan {
  if (!offerings.length) throw new Error('bulk seed: the courses schema has no active offering to buy');
  const n = people.count;
  const span = 300 / shape.cohorts;
  const cohorts: PlannedCohort[] = [];
  for (let c = 0; c < shape.cohorts; c++) {
    const opensAt = new Date(now.getTime() - 330 * DAY + c * span * DAY);
    const closesAt = new Date(opensAt.getTime() + 7 * DAY);
    const seed = `bulk-year-cohort-${c + 1}`;
    cohorts.push({
      id: bulkId('cohort', c),
      name: `Gelombang ${c + 1}`,
      quota: Math.max(1, Math.round((n * shape.selectedShare) / shape.cohorts)),
      opensAt,
      closesAt,
      selectedAt: new Date(closesAt.getTime() + DAY),
      seed,
      commitment: seedCommitment(seed),
      cutoffKey: null,
    });
  }
  const applicantsOf: number[][] = cohorts.map(() => []);
  for (let i = 0; i < n; i++) {
    if (rng() >= shape.applyShare) continue;
    const c = Math.min(shape.cohorts - 1, Math.floor((i / n) * shape.cohorts));
    applicantsOf[c].push(i);
  }

  const applications: PlannedApplication[] = [];
  const cards: PlannedCard[] = [];
  const selectedByFamilyCard = new Map<string, number>();
  const indexOf = new Map<string, number>();
  for (const [c, cohort] of cohorts.entries()) {
    const applicants: Applicant[] = applicantsOf[c].map((i) => {
      const id = bulkId('participant', i);
      indexOf.set(id, i);
      return {
        applicationId: bulkId('application', i),
        participantId: id,
        citizen: people.citizen[i] === 1,
        birthDate: people.birthDate[i],
        educationStatus: people.education[i] as EducationStatus,
        occupation: people.occupation[i] as Occupation,
        familyCardNumber: people.familyCard[i],
        everSelected: false, // each person applies once
      };
    });
    const decisions = planSelection(applicants, selectedByFamilyCard, cohort.seed, cohort.quota, cohort.selectedAt);
    cohort.cutoffKey = cutoffKey(cohort.seed, decisions);
    for (const d of decisions) {
      const i = indexOf.get(d.participantId)!;
      const at = cohort.opensAt.getTime() + Math.floor(rng() * 7 * DAY);
      applications.push({ id: d.applicationId, cohort: c, participant: i, status: d.status, reasons: d.reasons, at });
      if (d.status !== 'SELECTED') continue;
      const kk = people.familyCard[i];
      selectedByFamilyCard.set(kk, (selectedByFamilyCard.get(kk) ?? 0) + 1);
      const payload = `7${String(cards.length).padStart(14, '0')}`;
      cards.push({
        id: bulkId('card', cards.length),
        number: payload + luhnCheckDigit(payload),
        participant: i,
        cohort: c,
        createdAt: cohort.selectedAt.getTime(),
        deadline: cohort.selectedAt.getTime() + PURCHASE_WINDOW_DAYS * DAY,
        balance: TRAINING_BALANCE,
        firstPurchaseAt: null,
        revokedAt: null,
      });
    }
    indexOf.clear();
  }

  const purchases: PlannedPurchase[] = [];
  const buy = (card: PlannedCard, at: number): boolean => {
    const offering = offerings[Math.floor(rng() * offerings.length)];
    if (offering.price > card.balance) return false;
    const draw = rng();
    const outcome: Outcome =
      draw < shape.voidShare
        ? 'CANCELLED'
        : draw < shape.voidShare + shape.completionShare
          ? 'COMPLETED'
          : draw < shape.voidShare + shape.completionShare + (1 - shape.voidShare - shape.completionShare) / 2
            ? 'IN_PROGRESS'
            : 'ENROLLED';
    const latest = now.getTime() - HOUR;
    let attended = 0;
    let endedAt: number | null = null;
    if (outcome === 'CANCELLED') endedAt = Math.min(latest, at + Math.floor(rng() * 2 * DAY));
    if (outcome === 'COMPLETED') {
      attended = offering.sessionCount;
      const earliest = at + offering.minimumDurationMinutes * 60_000;
      endedAt = Math.max(earliest, Math.min(latest, at + 2 * DAY + Math.floor(rng() * 18 * DAY)));
    }
    if (outcome === 'IN_PROGRESS') attended = Math.max(1, Math.floor(rng() * offering.sessionCount));
    purchases.push({
      n: purchases.length,
      id: bulkId('purchase', purchases.length),
      card,
      offering,
      at,
      outcome,
      attended,
      endedAt,
      score: 60 + Math.floor(rng() * 41),
    });
    card.firstPurchaseAt ??= at;
    if (outcome !== 'CANCELLED') card.balance -= offering.price;
    return true;
  };
  for (const card of cards) {
    if (rng() < shape.purchaseShare) {
      const first = card.createdAt + Math.floor(rng() * (PURCHASE_WINDOW_DAYS - 1) * DAY);
      // Each further course one to five days after the one before, while the balance covers it and before now.
      let at = first;
      for (let k = 1, bought = buy(card, first); bought && k < shape.coursesPerCard && rng() < shape.secondPurchaseShare; k++) {
        at += DAY + Math.floor(rng() * 4 * DAY);
        bought = at < now.getTime() - HOUR && buy(card, at);
      }
    }
    // The revocation job's work, done: past its deadline with nothing bought, the card is revoked, its balance debited.
    if (card.firstPurchaseAt === null && card.deadline <= now.getTime()) card.revokedAt = card.deadline + 5 * 60_000;
  }
  return { trainingBalance: TRAINING_BALANCE, cohorts, applications, cards, purchases };
}
