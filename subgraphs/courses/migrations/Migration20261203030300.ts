import { Migration } from '@mikro-orm/migrations';

/* The partner sandbox's purchases with test cards: a table of their own, with no outbox trigger (docs/partner-guide.md §8). */
export class Migration20261203030300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "courses"."sandbox_purchase" ("id" uuid primary key, "partner_id" uuid not null, "invoice_code" text not null,
      "card_number" text not null, "course_id" uuid not null references "courses"."course" ("id"), "amount" bigint not null check (amount > 0),
      "status" "courses"."purchase_status" not null default 'AWAITING_OTP', "otp_attempts" int not null default 0,
      "otp_expires_at" timestamptz not null, "created_at" timestamptz not null, "authorized_at" timestamptz null,
      "enrollment_id" uuid null unique, "transaction_code" text null unique, "cancelled_at" timestamptz null, "cancel_reason" text null,
      constraint "sandbox_purchase_partner_id_invoice_code_unique" unique ("partner_id", "invoice_code"),
      constraint "sandbox_purchase_test_card" check (left("card_number", 4) = '0000'))`);
    this.addSql(
      `create index "sandbox_purchase_partner_id_authorized_at_index" on "courses"."sandbox_purchase" ("partner_id", "authorized_at")`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "courses"."sandbox_purchase"`);
  }
}
