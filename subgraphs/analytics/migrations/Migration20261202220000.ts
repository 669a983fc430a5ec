import { Migration } from '@mikro-orm/migrations';

const A = '"analytics"';

/*
 * The read model: one row per source entity, holding its latest projected state (dimensions and facts), plus
 * each source's cursor. No personal data arrives here: the events carry pseudonymous ids and coarse attributes.
 */
export class Migration20261202220000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${A}."feed_cursor" ("source" text primary key, "position" text not null default '0:0',
      "events_projected" bigint not null default 0, "last_event_at" timestamptz null, "caught_up_at" timestamptz null)`);
    this.addSql(`insert into ${A}."feed_cursor" ("source") values ('participants'), ('partners'), ('courses')`);
    // Events per source, type and day (Asia/Jakarta): activity at a glance, and a count that only exactly-once projection keeps right.
    this.addSql(`create table ${A}."event_rollup" ("source" text not null, "type" text not null, "day" date not null,
      "events" bigint not null, primary key ("source", "type", "day"))`);
    this.addSql(`create table ${A}."participant_dim" ("participant_id" uuid primary key, "province_code" text not null,
      "regency_code" text not null, "birth_year" int not null, "sex" text not null, "education" text not null, "occupation" text not null,
      "incentive_status" text not null, "first_completed_at" timestamptz null, "registered_at" timestamptz not null)`);
    this.addSql(`create table ${A}."cohort_dim" ("cohort_id" uuid primary key, "name" text not null, "quota" int not null,
      "opens_at" timestamptz not null, "closes_at" timestamptz not null, "training_balance" bigint not null, "selected_at" timestamptz null)`);
    this.addSql(`create table ${A}."application_fact" ("application_id" uuid primary key, "cohort_id" uuid not null,
      "participant_id" uuid not null, "status" text not null, "applied_at" timestamptz not null)`);
    this.addSql(`create index on ${A}."application_fact" ("cohort_id")`);
    this.addSql(`create table ${A}."card_fact" ("card_id" uuid primary key, "participant_id" uuid not null, "cohort_id" uuid not null,
      "status" text not null, "issued_at" timestamptz not null, "first_purchase_at" timestamptz null, "revoked_at" timestamptz null)`);
    this.addSql(`create index on ${A}."card_fact" ("participant_id", "issued_at")`);
    this.addSql(`create table ${A}."wallet_dim" ("wallet_id" uuid primary key, "card_id" uuid not null)`);
    this.addSql(`create table ${A}."ledger_fact" ("entry_id" uuid primary key, "wallet_id" uuid not null, "kind" text not null,
      "amount" bigint not null, "reference_id" text not null, "recorded_at" timestamptz not null)`);
    this.addSql(
      `create table ${A}."partner_dim" ("partner_id" uuid primary key, "slug" text not null, "name" text not null, "status" text not null)`,
    );
    this.addSql(`create table ${A}."institution_dim" ("institution_id" uuid primary key, "name" text not null, "city" text not null)`);
    this.addSql(`create table ${A}."course_dim" ("course_id" uuid primary key, "institution_id" uuid not null, "title" text not null,
      "category" text not null, "mode" text not null, "session_count" int not null, "curation_status" text not null)`);
    this
      .addSql(`create table ${A}."purchase_fact" ("purchase_id" uuid primary key, "participant_id" uuid not null, "partner_id" uuid not null,
      "course_id" uuid not null, "amount" bigint not null, "status" text not null, "started_at" timestamptz not null, "authorized_at" timestamptz null)`);
    this.addSql(`create index on ${A}."purchase_fact" ("authorized_at") where "status" = 'AUTHORIZED'`);
    this.addSql(`create table ${A}."enrollment_fact" ("enrollment_id" uuid primary key, "purchase_id" uuid not null unique,
      "participant_id" uuid not null, "partner_id" uuid not null, "course_id" uuid not null, "amount" bigint not null, "status" text not null,
      "enrolled_at" timestamptz not null, "attended_sessions" int not null, "completed_at" timestamptz null, "score" int null,
      "cancelled_at" timestamptz null, "refunded_amount" bigint null)`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'feed_cursor',
      'event_rollup',
      'participant_dim',
      'cohort_dim',
      'application_fact',
      'card_fact',
      'wallet_dim',
      'ledger_fact',
      'partner_dim',
      'institution_dim',
      'course_dim',
      'purchase_fact',
      'enrollment_fact',
    ])
      this.addSql(`drop table if exists ${A}."${table}"`);
  }
}
