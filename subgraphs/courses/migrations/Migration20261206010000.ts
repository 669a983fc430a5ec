import { Migration } from '@mikro-orm/migrations';

const S = '"courses"';

const purchasePayload = (
  withReason: boolean,
) => `create or replace function ${S}."outbox_purchase_payload"(p ${S}."purchase") returns jsonb language sql stable as $$
  select jsonb_build_object('purchaseId', p.id, 'participantId', p.participant_id, 'partnerId', p.partner_id, 'courseId', p.course_id,
    'amount', p.amount::text, 'status', p.status, 'startedAt', p.created_at, 'authorizedAt', p.authorized_at${
      withReason ? `, 'endReason', p.end_reason` : ''
    }) $$`;

/*
 * Why a purchase EXPIRED, on the purchase and in `purchase.expired` (so a platform's webhook says it), and the
 * courses subgraph's cursor in the participants feed, whose `card.revoked` ends the purchases awaiting an OTP.
 */
export class Migration20261206010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type ${S}."purchase_end_reason" as enum ('HOLD_EXPIRED', 'ALREADY_ENROLLED', 'COURSE_WITHDRAWN', 'CARD_REVOKED')`);
    this.addSql(
      `alter table ${S}."purchase" add column "end_reason" ${S}."purchase_end_reason" null, add constraint "purchase_end_reason_check" check (end_reason is null or status = 'EXPIRED')`,
    );
    this.addSql(purchasePayload(true));
    this.addSql(`create table ${S}."participant_feed_cursor" ("source" text primary key, "position" text not null default '0:0')`);
    this.addSql(`insert into ${S}."participant_feed_cursor" ("source") values ('participants')`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table ${S}."participant_feed_cursor"`);
    this.addSql(purchasePayload(false));
    this.addSql(`alter table ${S}."purchase" drop constraint "purchase_end_reason_check", drop column "end_reason"`);
    this.addSql(`drop type ${S}."purchase_end_reason"`);
  }
}
