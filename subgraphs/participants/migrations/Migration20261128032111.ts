import { Migration } from '@mikro-orm/migrations';

export class Migration20261128032111 extends Migration {
  override async up(): Promise<void> {
    // The schema exists before any migration runs (created by the administrator for its owner, or by migrate()):
    // the owner running this may not create schemas, and CREATE SCHEMA checks that right even when it exists.
    this.addSql(`create type "participants"."gender" as enum ('MALE', 'FEMALE');`);
    this.addSql(
      `create type "participants"."education_status" as enum ('NOT_IN_EDUCATION', 'IN_FORMAL_EDUCATION', 'IN_NON_FORMAL_EDUCATION');`,
    );
    this.addSql(
      `create type "participants"."occupation" as enum ('UNEMPLOYED', 'LAID_OFF', 'PRIVATE_EMPLOYEE', 'SELF_EMPLOYED', 'MICRO_BUSINESS_OWNER', 'FARMER', 'FISHER', 'INFORMAL_WORKER', 'OTHER', 'CIVIL_SERVANT', 'MILITARY', 'POLICE', 'STATE_OFFICIAL', 'LEGISLATOR', 'VILLAGE_HEAD', 'VILLAGE_OFFICIAL', 'SOE_EXECUTIVE');`,
    );
    this.addSql(`create type "participants"."incentive_status" as enum ('NOT_DUE', 'DUE');`);
    this.addSql(`create type "participants"."card_status" as enum ('ACTIVE', 'REVOKED', 'FINISHED');`);
    this.addSql(`create type "participants"."application_status" as enum ('APPLIED', 'SELECTED', 'NOT_SELECTED', 'INELIGIBLE');`);
    this.addSql(
      `create type "participants"."ledger_kind" as enum ('CREDIT_COHORT', 'DEBIT_PURCHASE', 'CREDIT_REFUND', 'DEBIT_REVOCATION');`,
    );
    this.addSql(`create type "participants"."wallet_hold_status" as enum ('ACTIVE', 'CAPTURED', 'RELEASED', 'EXPIRED', 'REFUNDED');`);
    this.addSql(
      `create table "participants"."cohort" ("id" uuid not null, "name" text not null, "quota" int not null, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "training_balance" bigint not null, "purchase_window_days" int not null, "selection_seed" text null, "selected_at" timestamptz null, "created_at" timestamptz not null, constraint "cohort_pkey" primary key ("id"), constraint cohort_balance_positive check (training_balance > 0), constraint cohort_dates_ordered check (closes_at > opens_at), constraint cohort_quota_positive check (quota > 0));`,
    );
    this.addSql(`alter table "participants"."cohort" add constraint "cohort_name_unique" unique ("name");`);

    this.addSql(
      `create table "participants"."participant" ("id" uuid not null, "nik" text not null, "family_card_number" text not null, "full_name" text not null, "birth_date" date not null, "gender" "participants"."gender" not null, "province_code" text not null, "province_name" text not null, "district_code" text not null, "email" text not null, "phone" text not null, "address" text not null, "citizen" boolean not null, "education_status" "participants"."education_status" not null, "occupation" "participants"."occupation" not null, "incentive_status" "participants"."incentive_status" not null default 'NOT_DUE', "first_completed_at" timestamptz null, "incentive_enrollment_id" text null, "created_at" timestamptz not null, constraint "participant_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "participants"."participant" add constraint "participant_nik_unique" unique ("nik");`);
    this.addSql(`create index "participant_family_card_number_index" on "participants"."participant" ("family_card_number");`);
    this.addSql(
      `create index "participant_province_code_created_at_index" on "participants"."participant" ("province_code", "created_at");`,
    );

    this.addSql(
      `create table "participants"."inbox_message" ("id" uuid not null, "participant_id" uuid not null, "reference_id" text not null, "subject" text not null, "body" text not null, "created_at" timestamptz not null, constraint "inbox_message_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "participants"."inbox_message" add constraint "inbox_message_reference_id_unique" unique ("reference_id");`);
    this.addSql(
      `create index "inbox_message_participant_id_created_at_index" on "participants"."inbox_message" ("participant_id", "created_at");`,
    );

    this.addSql(
      `create table "participants"."card" ("id" uuid not null, "number" text not null, "participant_id" uuid not null, "cohort_id" uuid not null, "status" "participants"."card_status" not null default 'ACTIVE', "purchase_deadline" timestamptz not null, "first_purchase_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, constraint "card_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "participants"."card" add constraint "card_number_unique" unique ("number");`);
    this.addSql(`create index "card_cohort_id_index" on "participants"."card" ("cohort_id");`);
    this.addSql(`create index "card_status_purchase_deadline_index" on "participants"."card" ("status", "purchase_deadline");`);
    this.addSql(`alter table "participants"."card" add constraint "card_participant_id_unique" unique ("participant_id");`);

    this.addSql(
      `create table "participants"."application" ("id" uuid not null, "cohort_id" uuid not null, "participant_id" uuid not null, "status" "participants"."application_status" not null default 'APPLIED', "reasons" text[] not null, "created_at" timestamptz not null, constraint "application_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "application_participant_id_index" on "participants"."application" ("participant_id");`);
    this.addSql(
      `alter table "participants"."application" add constraint "application_cohort_id_participant_id_unique" unique ("cohort_id", "participant_id");`,
    );

    this.addSql(
      `create table "participants"."wallet" ("id" uuid not null, "card_id" uuid not null, "balance" bigint not null default 0, "held" bigint not null default 0, constraint "wallet_pkey" primary key ("id"), constraint wallet_held_within_balance check (held >= 0 AND held <= balance), constraint wallet_balance_nonnegative check (balance >= 0));`,
    );
    this.addSql(`alter table "participants"."wallet" add constraint "wallet_card_id_unique" unique ("card_id");`);

    this.addSql(
      `create table "participants"."ledger_entry" ("id" uuid not null, "wallet_id" uuid not null, "kind" "participants"."ledger_kind" not null, "amount" bigint not null, "reference_id" text not null, "created_at" timestamptz not null, constraint "ledger_entry_pkey" primary key ("id"), constraint ledger_amount_sign check ((kind IN ('CREDIT_COHORT', 'CREDIT_REFUND') AND amount > 0) OR (kind IN ('DEBIT_PURCHASE', 'DEBIT_REVOCATION') AND amount < 0)));`,
    );
    this.addSql(`create index "ledger_entry_wallet_id_created_at_index" on "participants"."ledger_entry" ("wallet_id", "created_at");`);
    this.addSql(
      `alter table "participants"."ledger_entry" add constraint "ledger_entry_kind_reference_id_unique" unique ("kind", "reference_id");`,
    );

    this.addSql(
      `create table "participants"."wallet_hold" ("id" uuid not null, "reference_id" text not null, "wallet_id" uuid not null, "amount" bigint not null, "status" "participants"."wallet_hold_status" not null default 'ACTIVE', "expires_at" timestamptz not null, "created_at" timestamptz not null, constraint "wallet_hold_pkey" primary key ("id"), constraint wallet_hold_amount_positive check (amount > 0));`,
    );
    this.addSql(`alter table "participants"."wallet_hold" add constraint "wallet_hold_reference_id_unique" unique ("reference_id");`);
    this.addSql(
      `create index "wallet_hold_wallet_id_status_expires_at_index" on "participants"."wallet_hold" ("wallet_id", "status", "expires_at");`,
    );

    this.addSql(
      `alter table "participants"."inbox_message" add constraint "inbox_message_participant_id_foreign" foreign key ("participant_id") references "participants"."participant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "participants"."card" add constraint "card_participant_id_foreign" foreign key ("participant_id") references "participants"."participant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "participants"."card" add constraint "card_cohort_id_foreign" foreign key ("cohort_id") references "participants"."cohort" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "participants"."application" add constraint "application_cohort_id_foreign" foreign key ("cohort_id") references "participants"."cohort" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "participants"."application" add constraint "application_participant_id_foreign" foreign key ("participant_id") references "participants"."participant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "participants"."wallet" add constraint "wallet_card_id_foreign" foreign key ("card_id") references "participants"."card" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "participants"."ledger_entry" add constraint "ledger_entry_wallet_id_foreign" foreign key ("wallet_id") references "participants"."wallet" ("id") on update cascade on delete no action;`,
    );

    this.addSql(
      `alter table "participants"."wallet_hold" add constraint "wallet_hold_wallet_id_foreign" foreign key ("wallet_id") references "participants"."wallet" ("id") on update cascade on delete cascade;`,
    );

    // The ledger is append-only: no code path, and no one with a SQL prompt, can rewrite money history.
    this.addSql(`create function "participants"."ledger_entry_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'ledger_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger "ledger_entry_no_update_delete" before update or delete on "participants"."ledger_entry"
      for each row execute function "participants"."ledger_entry_append_only"();`);
    this.addSql(`create trigger "ledger_entry_no_truncate" before truncate on "participants"."ledger_entry"
      for each statement execute function "participants"."ledger_entry_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "participants"."card" drop constraint "card_cohort_id_foreign";`);

    this.addSql(`alter table "participants"."application" drop constraint "application_cohort_id_foreign";`);

    this.addSql(`alter table "participants"."inbox_message" drop constraint "inbox_message_participant_id_foreign";`);

    this.addSql(`alter table "participants"."card" drop constraint "card_participant_id_foreign";`);

    this.addSql(`alter table "participants"."application" drop constraint "application_participant_id_foreign";`);

    this.addSql(`alter table "participants"."wallet" drop constraint "wallet_card_id_foreign";`);

    this.addSql(`alter table "participants"."ledger_entry" drop constraint "ledger_entry_wallet_id_foreign";`);

    this.addSql(`alter table "participants"."wallet_hold" drop constraint "wallet_hold_wallet_id_foreign";`);

    this.addSql(`drop table if exists "participants"."cohort" cascade;`);

    this.addSql(`drop table if exists "participants"."participant" cascade;`);

    this.addSql(`drop table if exists "participants"."inbox_message" cascade;`);

    this.addSql(`drop table if exists "participants"."card" cascade;`);

    this.addSql(`drop table if exists "participants"."application" cascade;`);

    this.addSql(`drop table if exists "participants"."wallet" cascade;`);

    this.addSql(`drop table if exists "participants"."ledger_entry" cascade;`);
    this.addSql(`drop function if exists "participants"."ledger_entry_append_only"();`);

    this.addSql(`drop table if exists "participants"."wallet_hold" cascade;`);

    this.addSql(`drop type "participants"."gender";`);
    this.addSql(`drop type "participants"."education_status";`);
    this.addSql(`drop type "participants"."occupation";`);
    this.addSql(`drop type "participants"."incentive_status";`);
    this.addSql(`drop type "participants"."card_status";`);
    this.addSql(`drop type "participants"."application_status";`);
    this.addSql(`drop type "participants"."ledger_kind";`);
    this.addSql(`drop type "participants"."wallet_hold_status";`);
    this.addSql(`drop schema if exists "participants";`);
  }
}
