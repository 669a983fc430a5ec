import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, refuser, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { writeNotices } from '../inbox/inbox.service';
import { InboxMessageKind } from '../inbox/inbox.entity';
import { NOW_MS, SCHEMA, sql, transactional } from '../sql';
import { Card, CardRevocationReason, CardStatus } from './card.entity';
import type { CardRevokeInput } from './card.inputs';

export interface CardRevokePayload {
  card: Card | null;
  userErrors: UserError[];
}

/** What cardRevoke can refuse with. */
export const CARD_REVOKE_ERRORS = {
  NOT_FOUND: 'There is no card with this id.',
  NOT_ACTIVE: 'The card is already revoked or finished; the payload carries it as it is.',
} as const;

const refuse = refuser<CardRevokePayload, keyof typeof CARD_REVOKE_ERRORS>({ card: null });

const REASON_TEXT: Record<CardRevocationReason, string> = {
  [CardRevocationReason.PURCHASE_DEADLINE]: 'no course was bought before the purchase deadline',
  [CardRevocationReason.INELIGIBLE]: 'you were found not eligible for the programme',
  [CardRevocationReason.FALSE_DATA]: 'your registration data was found to be false',
};

/**
 * The office revokes an ACTIVE card, in one transaction under the wallet lock (the lock order of every money
 * path): holds in flight are released (so no authorize can capture them afterwards), the balance goes back
 * to the state (DEBIT_REVOCATION, the card's id as reference, as the deadline rule does), and the participant
 * is told why. Purchases already made stay; a later refund of one is forfeited (refundHold). `card.revoked`
 * carries the reason to the courses subgraph, which ends the purchases awaiting their OTP and tells the platforms.
 */
export async function revokeCard(em: EntityManager, input: CardRevokeInput): Promise<CardRevokePayload> {
  if (!isUuid(input.cardId)) throw badInput('cardId is not an id', 'cardId');
  if (input.reason === CardRevocationReason.PURCHASE_DEADLINE)
    throw badInput('PURCHASE_DEADLINE is applied by the deadline rule, not by hand', 'reason');
  const note = input.note.trim();
  if (!note || note.length > 1000) throw badInput('note must be 1 to 1000 characters', 'note');
  return transactional(em, async (tx) => {
    const [wallet] = await sql<{ id: string }>(tx, `SELECT id FROM ${SCHEMA}.wallet WHERE id = ? FOR UPDATE`, [input.cardId]);
    if (!wallet) return refuse('NOT_FOUND', 'No card has this id', { field: 'cardId' });
    const [card] = await sql<{ status: CardStatus; participant_id: string }>(
      tx,
      `SELECT status, participant_id FROM ${SCHEMA}.card WHERE id = ? FOR UPDATE`,
      [input.cardId],
    );
    if (card.status !== CardStatus.ACTIVE)
      return refuse('NOT_ACTIVE', `The card is ${card.status}`, { card: await tx.findOneOrFail(Card, input.cardId) });
    await sql(tx, `UPDATE ${SCHEMA}.wallet_hold SET status = 'RELEASED' WHERE wallet_id = ? AND status = 'ACTIVE'`, [input.cardId]);
    await sql(
      tx,
      `INSERT INTO ${SCHEMA}.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at)
       SELECT gen_random_uuid(), id, 'DEBIT_REVOCATION', -balance, id::text, ${NOW_MS} FROM ${SCHEMA}.wallet WHERE id = ? AND balance > 0`,
      [input.cardId],
    );
    await sql(tx, `UPDATE ${SCHEMA}.wallet SET balance = 0, held = 0 WHERE id = ?`, [input.cardId]);
    await sql(
      tx,
      `UPDATE ${SCHEMA}.card SET status = 'REVOKED', revoked_at = now(), revocation_reason = ?, revocation_note = ? WHERE id = ?`,
      [input.reason, note, input.cardId],
    );
    await writeNotices(tx, [
      {
        participantId: card.participant_id,
        referenceId: `card-revoked:${input.cardId}`,
        kind: InboxMessageKind.CARD_REVOKED,
        subject: 'Your Kartu Prakerja was revoked',
        body: `The programme office revoked your card because ${REASON_TEXT[input.reason]}: ${note} The remaining balance was withdrawn; purchases awaiting their OTP were cancelled. Courses already bought stay yours.`,
      },
    ]);
    return { card: await tx.findOneOrFail(Card, input.cardId, { refresh: true }), userErrors: [] };
  });
}
