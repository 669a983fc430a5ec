import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { json, NOW_MS, SCHEMA, sql } from '../sql';
import { InboxMessageKind } from './inbox.entity';

/** One message per referenceId, however often the sender retries. */
export async function deliverInboxMessage(
  em: EntityManager,
  input: { participantId: string; referenceId: string; subject: string; body: string },
): Promise<boolean> {
  if (!isUuid(input.participantId)) throw badInput('participantId is not an id', 'participantId');
  if (!input.referenceId.trim()) throw badInput('referenceId is required', 'referenceId');
  // OTPs: the courses subgraph's notifier is their channel, so they are delivered on arrival.
  const rows = await sql(
    em,
    `INSERT INTO ${SCHEMA}.inbox_message (id, participant_id, reference_id, kind, subject, body, created_at, channel_delivered_at)
     SELECT gen_random_uuid(), p.id, ?, 'OTP', ?, ?, ${NOW_MS}, ${NOW_MS} FROM ${SCHEMA}.participant p WHERE p.id = ?::uuid
     ON CONFLICT (reference_id) DO NOTHING RETURNING id`,
    [input.referenceId, input.subject, input.body, input.participantId],
  );
  if (rows.length) return true;
  const [existing] = await sql<{ participant_id: string }>(
    em,
    `SELECT participant_id FROM ${SCHEMA}.inbox_message WHERE reference_id = ?`,
    [input.referenceId],
  );
  if (!existing) throw notFound('No such participant');
  // A replay is fine; the same referenceId for someone else is a sender bug, not a delivery.
  if (existing.participant_id !== input.participantId)
    throw badInput('referenceId was already used for another participant', 'referenceId');
  return true;
}

/** A notification to write; `referenceId` names the fact or event it reports, so it is written once. */
export interface Notice {
  participantId: string;
  referenceId: string;
  kind: InboxMessageKind;
  subject: string;
  body: string;
}

/**
 * Writes notifications in one statement, in the caller's transaction (so with the fact they report, or with
 * the feed cursor that consumed it). A referenceId already written is skipped: a replay adds nothing.
 * Returns how many were new. The channel delivery job hands them on afterwards (channel.ts).
 */
export async function writeNotices(em: EntityManager, notices: Notice[]): Promise<number> {
  if (!notices.length) return 0;
  const rows = await sql(
    em,
    `INSERT INTO ${SCHEMA}.inbox_message (id, participant_id, reference_id, kind, subject, body, created_at)
     SELECT gen_random_uuid(), p.id, x."referenceId", x.kind::${SCHEMA}.inbox_message_kind, x.subject, x.body, ${NOW_MS}
       FROM jsonb_to_recordset(?::jsonb) AS x("participantId" uuid, "referenceId" text, kind text, subject text, body text)
       JOIN ${SCHEMA}.participant p ON p.id = x."participantId"
     ON CONFLICT (reference_id) DO NOTHING RETURNING id`,
    [json(notices)],
  );
  return rows.length;
}

/** Rupiah as the notifications write it, `Rp3.500.000` (amounts arrive as numbers or, from events, as decimal text). */
export const rupiah = (amount: number | string | null) => `Rp${Number(amount ?? 0).toLocaleString('id-ID')}`;

/**
 * The incentive payout's notification, keyed by the payout's reference: to be called with the `payout.paid`
 * fact, in its transaction (or by the consumer of that event with its cursor).
 */
export function notifyIncentivePaid(em: EntityManager, participantId: string, amount: number, reference: string): Promise<number> {
  return writeNotices(em, [
    {
      participantId,
      referenceId: `incentive-paid:${reference}`,
      kind: InboxMessageKind.INCENTIVE_PAID,
      subject: 'Insentif pasca pelatihan Kartu Prakerja telah dibayarkan',
      body: `Insentif sebesar ${rupiah(amount)} telah ditransfer ke rekening Anda (referensi ${reference}).`,
    },
  ]);
}

/** Marks one message of this participant read; null when it is not theirs (or does not exist). Idempotent. */
export async function markRead(em: EntityManager, participantId: string, messageId: string): Promise<string | null> {
  if (!isUuid(messageId)) throw badInput('id is not an id', 'id');
  const [row] = await sql<{ id: string }>(
    em,
    `UPDATE ${SCHEMA}.inbox_message SET read_at = coalesce(read_at, ${NOW_MS}) WHERE id = ? AND participant_id = ? RETURNING id`,
    [messageId, participantId],
  );
  return row?.id ?? null;
}

/** Marks every unread message of this participant read; returns how many were unread. */
export async function markAllRead(em: EntityManager, participantId: string): Promise<number> {
  const rows = await sql(
    em,
    `UPDATE ${SCHEMA}.inbox_message SET read_at = ${NOW_MS} WHERE participant_id = ? AND read_at IS NULL RETURNING id`,
    [participantId],
  );
  return rows.length;
}
