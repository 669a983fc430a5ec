import { Migration } from '@mikro-orm/migrations';

export class Migration20261128032127 extends Migration {
  override async up(): Promise<void> {
    // The schema exists before any migration runs (created by the administrator for its owner, or by migrate()):
    // the owner running this may not create schemas, and CREATE SCHEMA checks that right even when it exists.
    this.addSql(
      `create type "courses"."course_category" as enum ('SALES_AND_MARKETING', 'FOOD_AND_BEVERAGE', 'TECHNOLOGY', 'PERSONAL_DEVELOPMENT', 'LANGUAGE', 'AGRICULTURE', 'FINANCE', 'ENTREPRENEURSHIP', 'FASHION_AND_CRAFT', 'AUTOMOTIVE', 'HOSPITALITY', 'OFFICE_AND_ADMINISTRATION', 'CREATIVE_AND_DESIGN', 'HEALTH_AND_BEAUTY', 'CONSTRUCTION', 'EDUCATION');`,
    );
    this.addSql(`create type "courses"."course_mode" as enum ('WEBINAR', 'SELF_PACED', 'OFFLINE');`);
    this.addSql(`create type "courses"."curation_status" as enum ('SUBMITTED', 'APPROVED', 'REJECTED');`);
    this.addSql(`create type "courses"."purchase_status" as enum ('AWAITING_OTP', 'CAPTURING', 'AUTHORIZED', 'EXPIRED', 'LOCKED');`);
    this.addSql(`create type "courses"."enrollment_status" as enum ('ENROLLED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLING', 'CANCELLED');`);
    this.addSql(
      `create table "courses"."course" ("id" uuid not null, "institution_id" uuid not null, "title" text not null, "description" text not null, "category" "courses"."course_category" not null, "mode" "courses"."course_mode" not null, "session_count" int not null, "minimum_duration_minutes" int not null, "curation_status" "courses"."curation_status" not null default 'SUBMITTED', "curation_note" text null, "curated_at" timestamptz null, "curated_by" text null, "created_at" timestamptz not null, constraint "course_pkey" primary key ("id"), constraint course_minimum_duration_check check (minimum_duration_minutes >= 0), constraint course_session_count_check check (session_count >= 1));`,
    );
    this.addSql(`create index "course_institution_id_index" on "courses"."course" ("institution_id");`);
    this.addSql(`create index "course_catalog_idx" on "courses"."course" ("curation_status", "created_at", "id");`);

    this.addSql(
      `create table "courses"."offering" ("id" uuid not null, "course_id" uuid not null, "partner_id" uuid not null, "price" bigint not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "offering_pkey" primary key ("id"), constraint offering_price_check check (price between 1 and 3500000));`,
    );
    this.addSql(`create index "offering_partner_idx" on "courses"."offering" ("partner_id", "created_at", "id");`);
    this.addSql(`alter table "courses"."offering" add constraint "offering_course_partner_unique" unique ("course_id", "partner_id");`);

    this.addSql(
      `create table "courses"."purchase" ("id" uuid not null, "partner_id" uuid not null, "invoice_code" text not null, "card_number" text not null, "participant_id" uuid not null, "course_id" uuid not null, "amount" bigint not null, "status" "courses"."purchase_status" not null default 'AWAITING_OTP', "otp_hash" text null, "otp_generation" int not null default 0, "otp_expires_at" timestamptz null, "otp_attempts" int not null default 0, "hold_expires_at" timestamptz not null, "hold_released" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "authorized_at" timestamptz null, constraint "purchase_pkey" primary key ("id"), constraint purchase_otp_attempts_check check (otp_attempts >= 0), constraint purchase_amount_check check (amount > 0));`,
    );
    this.addSql(`create index "purchase_participant_id_index" on "courses"."purchase" ("participant_id");`);
    this.addSql(`create index "purchase_status_hold_idx" on "courses"."purchase" ("status", "hold_expires_at");`);
    this.addSql(`create index "purchase_partner_created_idx" on "courses"."purchase" ("partner_id", "created_at", "id");`);
    this.addSql(`alter table "courses"."purchase" add constraint "purchase_partner_invoice_unique" unique ("partner_id", "invoice_code");`);

    this.addSql(
      `create table "courses"."enrollment" ("id" uuid not null, "purchase_id" uuid not null, "partner_id" uuid not null, "participant_id" uuid not null, "course_id" uuid not null, "invoice_code" text not null, "transaction_code" text not null, "amount" bigint not null, "status" "courses"."enrollment_status" not null default 'ENROLLED', "enrolled_at" timestamptz not null, "attended_sessions" int not null default 0, "completed_at" timestamptz null, "score" int null, "certificate_number" text null, "certificate_issued_at" timestamptz null, "completion_recorded" boolean not null default false, "cancel_reason" text null, "cancelled_at" timestamptz null, "refunded_amount" bigint null, "created_at" timestamptz not null, constraint "enrollment_pkey" primary key ("id"), constraint enrollment_attended_check check (attended_sessions >= 0), constraint enrollment_score_check check (score is null or score between 0 and 100));`,
    );
    this.addSql(`alter table "courses"."enrollment" add constraint "enrollment_purchase_unique" unique ("purchase_id");`);
    this.addSql(`create index "enrollment_course_id_index" on "courses"."enrollment" ("course_id");`);
    this.addSql(`alter table "courses"."enrollment" add constraint "enrollment_transaction_code_unique" unique ("transaction_code");`);
    this.addSql(`create index "enrollment_participant_course_idx" on "courses"."enrollment" ("participant_id", "course_id");`);
    this.addSql(`create index "enrollment_partner_enrolled_idx" on "courses"."enrollment" ("partner_id", "enrolled_at", "id");`);
    this.addSql(
      `alter table "courses"."enrollment" add constraint "enrollment_partner_invoice_unique" unique ("partner_id", "invoice_code");`,
    );
    // Hand-written: what the reconciler looks for (unfinished voids, completions not yet recorded) stays a tiny index.
    this.addSql(
      `create index "enrollment_reconcile_idx" on "courses"."enrollment" ("created_at") where status = 'CANCELLING' or (status = 'COMPLETED' and not completion_recorded);`,
    );

    this.addSql(
      `create table "courses"."attendance" ("id" uuid not null, "enrollment_id" uuid not null, "session" int not null, "attended_at" timestamptz not null, "recorded_at" timestamptz not null, constraint "attendance_pkey" primary key ("id"), constraint attendance_session_check check (session >= 1));`,
    );
    this.addSql(
      `alter table "courses"."attendance" add constraint "attendance_enrollment_session_unique" unique ("enrollment_id", "session");`,
    );

    this.addSql(
      `alter table "courses"."offering" add constraint "offering_course_id_foreign" foreign key ("course_id") references "courses"."course" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "courses"."purchase" add constraint "purchase_course_id_foreign" foreign key ("course_id") references "courses"."course" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "courses"."enrollment" add constraint "enrollment_purchase_id_foreign" foreign key ("purchase_id") references "courses"."purchase" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "courses"."enrollment" add constraint "enrollment_course_id_foreign" foreign key ("course_id") references "courses"."course" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "courses"."attendance" add constraint "attendance_enrollment_id_foreign" foreign key ("enrollment_id") references "courses"."enrollment" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "courses"."offering" drop constraint "offering_course_id_foreign";`);

    this.addSql(`alter table "courses"."purchase" drop constraint "purchase_course_id_foreign";`);

    this.addSql(`alter table "courses"."enrollment" drop constraint "enrollment_course_id_foreign";`);

    this.addSql(`alter table "courses"."enrollment" drop constraint "enrollment_purchase_id_foreign";`);

    this.addSql(`alter table "courses"."attendance" drop constraint "attendance_enrollment_id_foreign";`);

    this.addSql(`drop table if exists "courses"."course" cascade;`);

    this.addSql(`drop table if exists "courses"."offering" cascade;`);

    this.addSql(`drop table if exists "courses"."purchase" cascade;`);

    this.addSql(`drop table if exists "courses"."enrollment" cascade;`);

    this.addSql(`drop table if exists "courses"."attendance" cascade;`);

    this.addSql(`drop type "courses"."course_category";`);
    this.addSql(`drop type "courses"."course_mode";`);
    this.addSql(`drop type "courses"."curation_status";`);
    this.addSql(`drop type "courses"."purchase_status";`);
    this.addSql(`drop type "courses"."enrollment_status";`);
    this.addSql(`drop schema if exists "courses";`);
  }
}
