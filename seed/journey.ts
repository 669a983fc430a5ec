import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CoursesConfig } from '../subgraphs/courses/config';
import type { CoursesServices } from '../subgraphs/courses/context';
import { InboxNotifier } from '../subgraphs/courses/purchase/notifier';
import { startPurchase } from '../subgraphs/courses/purchase/purchase.service';
import { recordCompletion } from '../subgraphs/participants/participant/completion.service';
import { attendSessions, authorizeSale, completeSale, markCompletionRecorded, reviewSale, startSale, voidSale } from './journey-courses';
import { captureSale, consumeCoursesFeed, inProcessParticipants, refundSale } from './journey-participants';
import { COMPLETED, planSales, readBuyers, readJourneyOfferings, type Sale } from './journey-plan';
import { seedIncentives } from './participants-incentives';

export interface JourneyResult {
  sales: number;
  attendance: number;
  completions: number;
  reviews: number;
  feedEvents: number;
}

/**
 * The programme's journey over the demo (README: What the demo holds): Gelombang 1 cardholders buy demo courses,
 * attend, complete, review, are paid their incentive (or not yet, or it failed), have a purchase voided and
 * refunded, or are entering their OTP now. Both schemas are written as production leaves them: each with its
 * own schema owner's ORM (`orms`), the courses rows before the participants side they call, and then the
 * courses feed consumed by the participants notifier's own code. Needs the demo participants and courses seeded.
 */
export async function seedJourney(
  orms: { participants: MikroORM; courses: MikroORM },
  coursesConfig: CoursesConfig,
  now = new Date(),
): Promise<JourneyResult> {
  const participants = orms.participants.em.fork() as EntityManager;
  const courses = orms.courses.em.fork() as EntityManager;
  const sales = planSales(await readBuyers(participants), await readJourneyOfferings(courses), now.getTime());
  for (const sale of sales.filter((s) => s.outcome !== 'AWAITING_OTP')) await pastSale(courses, participants, sale);
  await liveSales(
    courses,
    participants,
    coursesConfig,
    sales.filter((s) => s.outcome === 'AWAITING_OTP'),
  );
  const feedEvents = await consumeCoursesFeed(participants, courses);
  const ids = (outcome: Sale['outcome']) => sales.filter((s) => s.outcome === outcome).map((s) => s.buyer.participantId);
  await seedIncentives(participants, { paid: ids('PAID'), pending: ids('PENDING'), failed: ids('FAILED') });
  return {
    sales: sales.length,
    attendance: sales.reduce((n, s) => n + s.sessions.length, 0),
    completions: sales.filter((s) => COMPLETED.includes(s.outcome)).length,
    reviews: sales.filter((s) => s.review).length,
    feedEvents,
  };
}

/** One past sale, each step on the side that makes it and in the order the services call each other. */
async function pastSale(courses: EntityManager, participants: EntityManager, s: Sale): Promise<void> {
  await startSale(courses, s);
  await captureSale(participants, s);
  await authorizeSale(courses, s);
  if (s.voidedAt !== null) return voidSale(courses, s, () => refundSale(participants, s));
  await attendSessions(courses, s);
  if (s.completedAt === null) return;
  await completeSale(courses, s);
  // What the courses subgraph's participantCompletionRecord call runs (participants' internal API).
  await recordCompletion(participants.fork(), {
    participantId: s.buyer.participantId,
    enrollmentId: s.enrollmentId,
    completedAt: new Date(s.completedAt),
  });
  await markCompletionRecorded(courses, s);
  if (s.review) await reviewSale(courses, s);
}

/** Purchases started now through purchaseStart itself: the hold placed, the OTP issued and in the inbox, not entered. */
async function liveSales(courses: EntityManager, participants: EntityManager, config: CoursesConfig, sales: Sale[]): Promise<void> {
  const port = inProcessParticipants(participants);
  const services: CoursesServices = {
    config,
    participants: port,
    notifier: new InboxNotifier(port),
    partners: { partnerStatus: () => Promise.reject(new Error('unused')), institutionExists: () => Promise.reject(new Error('unused')) },
  };
  for (const s of sales) {
    const started = await startPurchase(courses.fork(), services, s.offering.partnerId, {
      cardNumber: s.buyer.cardNumber,
      courseId: s.offering.courseId,
      amount: s.offering.price,
      invoiceCode: s.invoiceCode,
    });
    if (!started.purchase) throw new Error(`journey seed: purchaseStart refused (${started.userErrors.map((e) => e.code).join()})`);
  }
}
