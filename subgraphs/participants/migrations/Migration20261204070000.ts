import { Migration } from '@mikro-orm/migrations';

const S = '"participants"';

/*
 * The post-training incentive: due only after completion and a review (reviews arrive from the courses feed),
 * an amount per cohort, paid surveys, a verified payout account, one payout per incentive keyed by its
 * reference, and the incentive ledger (separate from the training wallet's). Participants already DUE stay
 * DUE: their completion was recorded before a review was asked for, and the reviews already read from the
 * feed were not kept. Its events come with Migration20261204070100 (the seed writes these tables before the
 * outbox exists in tests/analytics/backfill.test.ts).
 */
export class Migration20261204070000 extends Migration {
  override async up(): Promise<void> {
    // New values are not used in this transaction (PostgreSQL refuses that), only compared as text by triggers.
    for (const value of ['AWAITING_REVIEW', 'PAID', 'FAILED'])
      this.addSql(`alter type ${S}."incentive_status" add value if not exists '${value}'`);
    this.addSql(`alter table ${S}."cohort" add column "incentive_amount" bigint not null default 600000,
      add column "survey_amount" bigint not null default 50000,
      add constraint "cohort_incentive_positive" check (incentive_amount > 0 and survey_amount >= 0)`);
    // The reviews the courses feed reported, by review id: a redelivered event adds nothing.
    this.addSql(`create table ${S}."incentive_review" ("review_id" uuid primary key,
      "participant_id" uuid not null references ${S}."participant" ("id") on delete cascade,
      "enrollment_id" text not null, "reviewed_at" timestamptz not null)`);
    this.addSql(`create index "incentive_review_enrollment_id_index" on ${S}."incentive_review" ("enrollment_id")`);
    this.addSql(`create table ${S}."survey_response" ("id" uuid primary key,
      "participant_id" uuid not null references ${S}."participant" ("id") on delete cascade,
      "survey" text not null, "answers" jsonb not null, "created_at" timestamptz not null,
      constraint "survey_response_participant_survey_unique" unique ("participant_id", "survey"))`);
    // Only a verified account is kept (one per participant), with when its holder's NIK was checked; never the provider's NIK.
    this
      .addSql(`create table ${S}."payout_account" ("participant_id" uuid primary key references ${S}."participant" ("id") on delete cascade,
      "kind" text not null check (kind in ('EWALLET', 'BANK')), "provider" text not null, "account_number" text not null,
      "holder_name" text not null, "nik_matched" boolean not null check (nik_matched), "checked_at" timestamptz not null,
      "created_at" timestamptz not null)`);
    this.addSql(`create table ${S}."payout" ("id" uuid primary key,
      "participant_id" uuid not null references ${S}."participant" ("id") on delete cascade,
      "kind" text not null check (kind in ('TRAINING', 'SURVEY')), "survey" text null, "reference" text not null unique,
      "amount" bigint not null check (amount > 0),
      "status" text not null default 'PENDING' check (status in ('PENDING', 'SENDING', 'PAID', 'FAILED_RETRYING', 'FAILED')),
      "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz not null,
      "lease_until" timestamptz null, "account_provider" text null, "account_number" text null,
      "provider_transfer_id" text null, "paid_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null,
      constraint "payout_survey_kind" check ((kind = 'SURVEY') = (survey is not null)),
      constraint "payout_paid_at" check ((status = 'PAID') = (paid_at is not null)))`);
    this.addSql(`create index "payout_participant_id_index" on ${S}."payout" ("participant_id", "created_at")`);
    // The sender's claim reads the due rows in order; PAID rows are most of the table and never claimed.
    this.addSql(`create index "payout_due_index" on ${S}."payout" ("next_attempt_at") where status <> 'PAID'`);
    this.addSql(`create index "payout_status_index" on ${S}."payout" ("status", "created_at", "id")`);
    // Append-only (the serving role gets no UPDATE or DELETE): one entry per payout paid, never two.
    this.addSql(`create table ${S}."incentive_ledger_entry" ("id" uuid primary key,
      "participant_id" uuid not null references ${S}."participant" ("id") on delete no action,
      "payout_id" uuid not null unique references ${S}."payout" ("id") on delete no action,
      "kind" text not null, "amount" bigint not null check (amount > 0), "reference" text not null, "created_at" timestamptz not null)`);
    this.addSql(
      `create index "incentive_ledger_entry_participant_id_index" on ${S}."incentive_ledger_entry" ("participant_id", "created_at")`,
    );
  }

  override async down(): Promise<void> {
    for (const table of ['incentive_ledger_entry', 'payout', 'payout_account', 'survey_response', 'incentive_review'])
      this.addSql(`drop table ${S}."${table}"`);
    this.addSql(`alter table ${S}."cohort" drop column "incentive_amount", drop column "survey_amount"`);
    // PostgreSQL cannot drop enum values; the three new ones stay unused.
  }
}
