import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '../common/ids';
import { parsePosition, readOutboxFeed, type FeedPage } from '../common/outbox-feed';
import type { ParticipantsPort, WalletCard, WalletResult } from '../subgraphs/courses/shared/participants.client';
import { courseEventsOnce } from '../subgraphs/participants/inbox/course-events';
import { deliverInboxMessage } from '../subgraphs/participants/inbox/inbox.service';
import { cardState, placeHold, releaseHold, type HoldPayload } from '../subgraphs/participants/wallet/wallet.service';
import type { Sale } from './journey-plan';

/*
 * The participants side of the demo's sales: what the wallet's hold, capture and refund leave behind. For the
 * past sales it is written at their instants, in one statement each as captureHold and refundHold do (placeHold
 * takes only an expiry within the hour ahead, and the services stamp now()); the live purchases go through the
 * services themselves (inProcessParticipants).
 */

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A hold placed at the start and captured at authorization: CAPTURED hold, DEBIT_PURCHASE, balance, first purchase. */
export async function captureSale(em: EntityManager, s: Sale): Promise<void> {
  const { cardId } = s.buyer;
  const amount = s.offering.price;
  await em.execute(
    `WITH locked AS (SELECT id FROM participants.wallet WHERE id = ? AND balance - held >= ?::bigint FOR UPDATE),
     hold AS (
       INSERT INTO participants.wallet_hold (id, reference_id, wallet_id, amount, status, expires_at, created_at)
       SELECT ?, ?, id, ?::bigint, 'CAPTURED', ?, ? FROM locked RETURNING wallet_id),
     debit AS (
       INSERT INTO participants.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at)
       SELECT ?, wallet_id, 'DEBIT_PURCHASE', ?::bigint, ?, ? FROM hold),
     debited AS (UPDATE participants.wallet SET balance = balance - ?::bigint WHERE id IN (SELECT wallet_id FROM hold))
     UPDATE participants.card SET first_purchase_at = coalesce(first_purchase_at, ?) WHERE id IN (SELECT wallet_id FROM hold)`,
    [
      cardId,
      amount,
      stableId('journey-hold', String(s.n)),
      s.purchaseId,
      amount,
      iso(s.startedAt + 10 * MINUTE),
      iso(s.startedAt),
      stableId('journey-debit', String(s.n)),
      -amount,
      s.purchaseId,
      iso(s.enrolledAt),
      amount,
      iso(s.enrolledAt),
    ],
  );
  const [captured] = await em.execute<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM participants.wallet_hold WHERE reference_id = ? AND status = 'CAPTURED'`,
    [s.purchaseId],
  );
  if (captured.n !== 1) throw new Error(`journey seed: the balance of card ${cardId} does not cover ${amount}`);
}

/** The void's refund: the hold REFUNDED, a CREDIT_REFUND of the amount, the balance back. */
export async function refundSale(em: EntityManager, s: Sale): Promise<void> {
  await em.execute(
    `WITH refunded AS (
       UPDATE participants.wallet_hold SET status = 'REFUNDED' WHERE reference_id = ? AND status = 'CAPTURED' RETURNING wallet_id, amount),
     credit AS (
       INSERT INTO participants.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at)
       SELECT ?, wallet_id, 'CREDIT_REFUND', amount, ?, ? FROM refunded)
     UPDATE participants.wallet w SET balance = w.balance + r.amount FROM refunded r WHERE w.id = r.wallet_id`,
    [s.purchaseId, stableId('journey-refund', String(s.n)), s.purchaseId, iso(s.voidedAt!)],
  );
}

const unused = () => Promise.reject(new Error('not called by the journey seed'));
const toResult = (payload: HoldPayload): WalletResult => ({ hold: payload.hold, userErrors: payload.userErrors });

/**
 * The courses subgraph's port to the participants subgraph, answered in this process by the participants
 * services themselves (the card read, the hold placement, the OTP's inbox delivery) instead of over HTTP.
 */
export function inProcessParticipants(em: EntityManager): ParticipantsPort {
  return {
    async walletCard(cardNumber: string): Promise<WalletCard | null> {
      const state = await cardState(em.fork(), cardNumber);
      return state && { ...state, status: state.status as WalletCard['status'], educationLevel: state.educationLevel };
    },
    holdPlace: async (input) => toResult(await placeHold(em.fork(), input)),
    holdRelease: async (referenceId) => toResult(await releaseHold(em.fork(), referenceId)),
    inboxMessageDeliver: (input) => deliverInboxMessage(em.fork(), input),
    holdCapture: unused,
    refund: unused,
    completionRecord: unused,
    sandboxCardBalance: unused,
    sandboxCardDebit: unused,
    sandboxCardRefund: unused,
  };
}

/**
 * What the participants subgraph's notifier job does with the courses feed (inbox/course-events.ts), page by page
 * until caught up: the purchase, attendance and completion notifications, and the reviews that make incentives
 * DUE with their payouts. Its cursor moves with them, so the running job starts after these events.
 */
export async function consumeCoursesFeed(participants: EntityManager, courses: EntityManager): Promise<number> {
  const read = async (after: string): Promise<FeedPage> => {
    const page = await readOutboxFeed(courses.fork(), 'courses', parsePosition(after), 1000);
    return { caughtUp: page.caughtUp, events: page.events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })) };
  };
  let consumed = 0;
  for (;;) {
    const page = await courseEventsOnce(participants.fork(), read);
    consumed += page.consumed;
    if (page.caughtUp) return consumed;
  }
}
