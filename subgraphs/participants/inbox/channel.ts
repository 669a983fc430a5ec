import type { EntityManager } from '@mikro-orm/postgresql';
import { SCHEMA, sql } from '../sql';
import type { InboxMessageKind } from './inbox.entity';

export interface ChannelMessage {
  /** The message id: a channel deduplicates on it, so sending again after an unknown outcome is harmless. */
  id: string;
  participantId: string;
  kind: InboxMessageKind;
  subject: string;
  body: string;
}

/** How a notification reaches the participant beyond the in-app inbox. Production plugs SMS or push in here. */
export interface NotificationChannel {
  send(message: ChannelMessage): Promise<void>;
}

/** Development and default: the in-app inbox is the delivery, nothing further to send. */
export class InboxChannel implements NotificationChannel {
  async send(): Promise<void> {}
}

/**
 * Hands notifications the channel has not confirmed to it, oldest first, and records each confirmation. The
 * rows are locked (SKIP LOCKED) for the batch, so two processes never send the same message at once; a crash
 * after sending and before recording sends it again, with the same id, which the channel deduplicates.
 */
export async function deliverToChannel(em: EntityManager, channel: NotificationChannel, signal?: AbortSignal, batch = 100) {
  let total = 0;
  while (!signal?.aborted) {
    const sent = await em.transactional(async (txm) => {
      const tx = txm as EntityManager;
      const rows = await sql<{ id: string; participant_id: string; kind: InboxMessageKind; subject: string; body: string }>(
        tx,
        `SELECT id, participant_id, kind, subject, body FROM ${SCHEMA}.inbox_message
          WHERE channel_delivered_at IS NULL ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      for (const r of rows)
        await channel.send({ id: r.id, participantId: r.participant_id, kind: r.kind, subject: r.subject, body: r.body });
      if (rows.length)
        await sql(
          tx,
          `UPDATE ${SCHEMA}.inbox_message SET channel_delivered_at = now()
            WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
          [JSON.stringify(rows.map((r) => r.id))],
        );
      return rows.length;
    });
    total += sent;
    if (sent < batch) break;
  }
  return total;
}
