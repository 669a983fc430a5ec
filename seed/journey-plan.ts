import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '../common/ids';
import { PLATFORMS, partnerIdOf } from './catalog';

/** Where each demo buyer's journey stands (README: What the demo holds). Counts in this order, one buyer each. */
export const JOURNEY = {
  /** Completed, reviewed, the incentive paid. */
  PAID: 3,
  /** Completed, reviewed, the incentive DUE: no payout account yet. */
  PENDING: 3,
  /** Completed, reviewed, the payout failed after every attempt. */
  FAILED: 2,
  /** Completed, not reviewed yet. */
  AWAITING_REVIEW: 2,
  /** Some sessions attended. */
  IN_PROGRESS: 20,
  /** Enrolled, no session attended. */
  ENROLLED: 4,
  /** Voided by the platform before any session, refunded. */
  VOIDED: 2,
  /** Started just now, the OTP not entered yet: a live hold on the balance. */
  AWAITING_OTP: 2,
} as const;

export type Outcome = keyof typeof JOURNEY;
export const JOURNEY_BUYERS = Object.values(JOURNEY).reduce((a, b) => a + b, 0);
const REVIEWED: readonly Outcome[] = ['PAID', 'PENDING', 'FAILED'];
export const COMPLETED: readonly Outcome[] = [...REVIEWED, 'AWAITING_REVIEW'];

export interface Buyer {
  participantId: string;
  cardId: string;
  cardNumber: string;
}

export interface JourneyOffering {
  courseId: string;
  partnerId: string;
  title: string;
  price: number;
  sessionCount: number;
  minimumDurationMinutes: number;
}

export interface Sale {
  n: number;
  outcome: Outcome;
  buyer: Buyer;
  offering: JourneyOffering;
  purchaseId: string;
  enrollmentId: string;
  invoiceCode: string;
  /** Instants (ms): the start of the purchase, the enrolment a minute later, each attended session's time. */
  startedAt: number;
  enrolledAt: number;
  sessions: number[];
  completedAt: number | null;
  review: { at: number; rating: number; text: string } | null;
  voidedAt: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const REVIEWS: Array<[number, string]> = [
  [5, 'Materinya jelas dan praktis, langsung saya pakai untuk usaha.'],
  [4, 'Pengajarnya sabar, hanya saja beberapa video kurang tajam.'],
  [5, 'Sangat membantu, latihan soalnya relevan dengan pekerjaan.'],
  [3, 'Cukup baik, tapi tempo sesi terlalu cepat untuk pemula.'],
  [4, 'Contoh kasusnya nyata; sertifikatnya terbit tepat waktu.'],
  [2, 'Materi terlalu umum dan sesi tanya jawab sering terpotong.'],
  [5, 'Terima kasih, sekarang saya percaya diri melamar kerja.'],
  [1, 'Koneksi webinar sering putus dan materi tidak sesuai judul.'],
];

/**
 * Gelombang 1's first ACTIVE cardholders by participant id (they were drawn, so they meet the programme's
 * eligibility; their cards have their whole balance).
 */
export async function readBuyers(em: EntityManager): Promise<Buyer[]> {
  const rows = await em.execute<Array<{ participant_id: string; id: string; number: string }>>(
    `SELECT c.participant_id, c.id, c.number FROM participants.card c JOIN participants.cohort co ON co.id = c.cohort_id
      WHERE co.name = 'Gelombang 1' AND c.status = 'ACTIVE' AND c.first_purchase_at IS NULL ORDER BY c.participant_id LIMIT ?`,
    [JOURNEY_BUYERS],
  );
  if (rows.length < JOURNEY_BUYERS) throw new Error(`journey seed: ${rows.length} Gelombang 1 cardholders, ${JOURNEY_BUYERS} needed`);
  return rows.map((r) => ({ participantId: r.participant_id, cardId: r.id, cardNumber: r.number }));
}

/**
 * What the buyers may buy under the platform rules: active, not withdrawn offerings of approved courses on the
 * ACTIVE platforms of the catalogue (not the suspended Kelas Kilat, the probation or sandbox ones), without
 * schedules (no seat to hold) and without age or education requirements (any cardholder meets them). The
 * three platforms with the most such offerings sell them all, so the analytics cells per platform reach k.
 */
export async function readJourneyOfferings(em: EntityManager): Promise<JourneyOffering[][]> {
  const active = PLATFORMS.filter((p) => p.status === 'ACTIVE').map((p) => partnerIdOf(p.slug));
  const rows = await em.execute<
    Array<{ course_id: string; partner_id: string; title: string; price: string; session_count: number; minimum_duration_minutes: number }>
  >(
    `SELECT o.course_id, o.partner_id, c.title, o.price, c.session_count, c.minimum_duration_minutes
       FROM courses.offering o JOIN courses.course c ON c.id = o.course_id
      WHERE o.active AND o.withdrawn_at IS NULL AND c.curation_status = 'APPROVED'
        AND c.minimum_education IS NULL AND c.minimum_age IS NULL AND c.maximum_age IS NULL
        AND NOT EXISTS (SELECT 1 FROM courses.course_schedule s WHERE s.course_id = c.id)
        AND o.partner_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))
      ORDER BY o.id`,
    [JSON.stringify(active)],
  );
  const byPlatform = new Map<string, JourneyOffering[]>();
  for (const r of rows)
    byPlatform.set(r.partner_id, [
      ...(byPlatform.get(r.partner_id) ?? []),
      {
        courseId: r.course_id,
        partnerId: r.partner_id,
        title: r.title,
        price: Number(r.price),
        sessionCount: r.session_count,
        minimumDurationMinutes: r.minimum_duration_minutes,
      },
    ]);
  const sellers = [...byPlatform.values()].sort((a, b) => b.length - a.length || a[0].partnerId.localeCompare(b[0].partnerId));
  if (sellers.length < 3) throw new Error('journey seed: fewer than three ACTIVE platforms sell an unrestricted course');
  return sellers.slice(0, 3);
}

/**
 * Every buyer's sale, deterministic but for `now`: purchases from 10½ days ago, three hours apart (the cards were
 * issued 11 days ago); sessions ten hours apart; completion an hour after the last session (always past the
 * course's minimum duration), its review a day later; a void a day after the enrolment.
 */
export function planSales(buyers: Buyer[], sellers: JourneyOffering[][], now: number): Sale[] {
  const outcomes = (Object.entries(JOURNEY) as Array<[Outcome, number]>).flatMap(([outcome, count]) => Array<Outcome>(count).fill(outcome));
  let reviews = 0;
  return outcomes.map((outcome, n) => {
    const offerings = sellers[n % sellers.length];
    const offering = offerings[Math.floor(n / sellers.length) % offerings.length];
    const startedAt = outcome === 'AWAITING_OTP' ? now : now - 10.5 * DAY + n * 3 * HOUR;
    const enrolledAt = startedAt + MINUTE;
    const completed = COMPLETED.includes(outcome);
    const attended = completed ? offering.sessionCount : outcome === 'IN_PROGRESS' ? Math.max(1, Math.floor(offering.sessionCount / 2)) : 0;
    const sessions = Array.from({ length: attended }, (_, i) => enrolledAt + (i + 1) * 10 * HOUR);
    const completedAt = completed ? sessions[sessions.length - 1] + HOUR : null;
    if (completedAt !== null && completedAt < enrolledAt + offering.minimumDurationMinutes * MINUTE)
      throw new Error(`journey seed: ${offering.title} would be completed too early`);
    const [rating, text] = REVIEWS[reviews % REVIEWS.length];
    const review = REVIEWED.includes(outcome) ? { at: completedAt! + DAY, rating, text } : null;
    if (review) reviews++;
    return {
      n,
      outcome,
      buyer: buyers[n],
      offering,
      purchaseId: stableId('journey-purchase', String(n)),
      enrollmentId: stableId('journey-enrollment', String(n)),
      invoiceCode: `DEMO-${String(n + 1).padStart(4, '0')}`,
      startedAt,
      enrolledAt,
      sessions,
      completedAt,
      review,
      voidedAt: outcome === 'VOIDED' ? enrolledAt + DAY : null,
    };
  });
}
