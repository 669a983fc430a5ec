import { Migration } from '@mikro-orm/migrations';

const S = '"participants"';

/*
 * The programme office revokes a card (cardRevoke): why is recorded on the card. Cards revoked before this
 * were revoked by the deadline rule, the only way there was. The event payload follows in Migration20261206010100.
 */
export class Migration20261206010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type ${S}."card_revocation_reason" as enum ('PURCHASE_DEADLINE', 'INELIGIBLE', 'FALSE_DATA')`);
    this.addSql(
      `alter table ${S}."card" add column "revocation_reason" ${S}."card_revocation_reason" null, add column "revocation_note" text null`,
    );
    this.addSql(`update ${S}."card" set revocation_reason = 'PURCHASE_DEADLINE' where status = 'REVOKED'`);
    this.addSql(
      `alter table ${S}."card" add constraint "card_revocation_reason_check" check ((status = 'REVOKED') = (revocation_reason is not null))`,
    );
    this.addSql(`alter type ${S}."inbox_message_kind" add value if not exists 'CARD_REVOKED'`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table ${S}."card" drop constraint "card_revocation_reason_check"`);
    this.addSql(`alter table ${S}."card" drop column "revocation_reason", drop column "revocation_note"`);
    this.addSql(`drop type ${S}."card_revocation_reason"`);
    // An enum value cannot be dropped; CARD_REVOKED stays in inbox_message_kind, unused.
  }
}
