import { Migration } from '@mikro-orm/migrations';

const S = '"participants"';

/*
 * Sandbox test cards, in a table of their own that no production path reads and no outbox trigger watches.
 * Test numbers begin with 0000; a production card number never does, and the card table now refuses one.
 */
export class Migration20261203030200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table ${S}."card" add constraint "card_number_not_test" check (left("number", 4) <> '0000')`);
    this.addSql(`create table ${S}."sandbox_card" ("id" uuid primary key, "partner_id" uuid not null, "number" text not null unique,
      "balance" bigint not null, "created_at" timestamptz not null,
      constraint "sandbox_card_balance_nonnegative" check (balance >= 0), constraint "sandbox_card_number_test" check (left("number", 4) = '0000'))`);
    this.addSql(`create index "sandbox_card_partner_id_index" on ${S}."sandbox_card" ("partner_id")`);
    // One debit per sandbox purchase (its id): the key that makes a repeated authorize debit once.
    this.addSql(`create table ${S}."sandbox_debit" ("reference_id" uuid primary key, "card_id" uuid not null
      references ${S}."sandbox_card" ("id") on delete cascade, "amount" bigint not null check (amount > 0), "created_at" timestamptz not null,
      "refunded_at" timestamptz null)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table ${S}."sandbox_debit"`);
    this.addSql(`drop table ${S}."sandbox_card"`);
    this.addSql(`alter table ${S}."card" drop constraint "card_number_not_test"`);
  }
}
