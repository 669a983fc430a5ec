import { Migration } from '@mikro-orm/migrations';
import { outboxBackfillSql } from '../../../common/outbox-sql';

const S = '"participants"';

const cardPayload = (
  withReason: boolean,
) => `create or replace function ${S}."outbox_card_payload"(c ${S}."card") returns jsonb language sql stable as $$
  select jsonb_build_object('cardId', c.id, 'participantId', c.participant_id, 'cohortId', c.cohort_id, 'status', c.status,
    'purchaseDeadline', c.purchase_deadline, 'firstPurchaseAt', c.first_purchase_at, 'revokedAt', c.revoked_at, 'issuedAt', c.created_at${
      withReason ? `,\n    'revocationReason', c.revocation_reason` : ''
    }) $$`;

/**
 * Card events carry the revocation reason; every existing card gets a `card.updated` carrying it, as
 * Migration20261204090000 did for participants, so each card's latest event is its current state.
 */
export class Migration20261206010100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(cardPayload(true));
    this.addSql(outboxBackfillSql('participants', { type: 'card.updated', table: 'card', orderBy: 'r.created_at, r.id' }));
  }

  override async down(): Promise<void> {
    this.addSql(cardPayload(false));
  }
}
