import { newId } from '../../../common/ids';

/** A domain event as a feed serves it (common/outbox-feed.ts). */
export interface SourceEvent {
  id: string;
  type: string;
  occurredAt: string | Date;
  payload: string;
}

/** A webhook to queue: for whom, and the exact body every attempt sends. */
export interface QueuedWebhook {
  id: string;
  partnerId: string;
  eventId: string;
  type: string;
  occurredAt: string;
  body: string;
}

type Payload = Record<string, unknown>;
type Shape = (p: Payload) => Payload;

// Only what the platform already knows or may know: never the participant id (the contract gives it none).
const purchase: Shape = (p) => ({
  purchaseId: p.purchaseId,
  courseId: p.courseId,
  amount: p.amount,
  status: p.status,
  // Why it expired (HOLD_EXPIRED, ALREADY_ENROLLED, COURSE_WITHDRAWN, CARD_REVOKED); null for a locked purchase.
  reason: p.endReason ?? null,
  startedAt: p.startedAt,
});
const enrollment: Shape = (p) => ({
  enrollmentId: p.enrollmentId,
  purchaseId: p.purchaseId,
  courseId: p.courseId,
  amount: p.amount,
  status: p.status,
  cancelledAt: p.cancelledAt,
  refundedAmount: p.refundedAmount,
});
const statusChange: Shape = (p) => ({ partnerId: p.partnerId, fromStatus: p.fromStatus, toStatus: p.toStatus, changedAt: p.changedAt });
const probation: Shape = (p) => ({
  partnerId: p.partnerId,
  probationId: p.probationId,
  startedAt: p.startedAt,
  deadline: p.deadline,
  endedAt: p.endedAt,
  outcome: p.outcome,
});

/**
 * The events a platform is told about, per source feed: its purchase that expired (the OTP/hold ran out, the
 * card was revoked before authorize, the course was withdrawn or taken meanwhile: `reason` says) or that was locked
 * by wrong OTPs, its enrollment voided (by itself or by the office), its own status changes (suspension,
 * reinstatement, termination, activation) and its probations (opened by a failed periodic review, and ended). Webhook types are the event types (docs/events.md).
 */
export const WEBHOOK_EVENTS: Record<string, Record<string, Shape>> = {
  courses: { 'purchase.expired': purchase, 'purchase.locked': purchase, 'enrollment.voided': enrollment },
  partners: { 'partner.status_changed': statusChange, 'partner.probation_started': probation, 'partner.probation_ended': probation },
};

/** The webhooks a page of a source's events makes, in feed order; events of no interest to a platform make none. */
export function webhooksOf(source: string, events: SourceEvent[]): QueuedWebhook[] {
  const shapes = WEBHOOK_EVENTS[source] ?? {};
  const out: QueuedWebhook[] = [];
  for (const event of events) {
    const shape = shapes[event.type];
    if (!shape) continue;
    const payload = JSON.parse(event.payload) as Payload;
    if (typeof payload.partnerId !== 'string') continue;
    const id = newId();
    const occurredAt = new Date(event.occurredAt).toISOString();
    const body = JSON.stringify({ id, type: event.type, eventId: event.id, occurredAt, data: shape(payload) });
    out.push({ id, partnerId: payload.partnerId, eventId: event.id, type: event.type, occurredAt, body });
  }
  return out;
}
