import { Migration } from '@mikro-orm/migrations';

export class Migration20261128031814 extends Migration {
  override async up(): Promise<void> {
    // The schema exists before any migration runs (created by the administrator for its owner, or by migrate()):
    // the owner running this may not create schemas, and CREATE SCHEMA checks that right even when it exists.
    this.addSql(
      `create type "partners"."partner_status" as enum ('APPLIED', 'UNDER_EVALUATION', 'MOU_SIGNED', 'ACTIVE', 'SUSPENDED', 'TERMINATED');`,
    );
    this.addSql(`create type "partners"."evaluation_kind" as enum ('INITIAL', 'PERIODIC');`);
    this.addSql(
      `create table "partners"."partner" ("id" uuid not null, "slug" text not null, "name" text not null, "website" text not null, "status" "partners"."partner_status" not null default 'APPLIED', "created_at" timestamptz not null, "mou_number" text null, "mou_signed_at" timestamptz null, "next_review_at" timestamptz null, constraint "partner_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "partners"."partner" add constraint "partner_slug_unique" unique ("slug");`);
    this.addSql(`create index "partner_status_index" on "partners"."partner" ("status");`);
    this.addSql(`alter table "partners"."partner" add constraint "partner_mou_number_unique" unique ("mou_number");`);
    this.addSql(`create index "partner_next_review_at_index" on "partners"."partner" ("next_review_at");`);

    this.addSql(
      `create table "partners"."evaluation" ("id" uuid not null, "partner_id" uuid not null, "kind" "partners"."evaluation_kind" not null, "provinces_reached" smallint not null, "criteria" jsonb not null, "passed" boolean not null, "evaluator" text not null, "evaluated_at" timestamptz not null, constraint "evaluation_pkey" primary key ("id"), constraint evaluation_provinces_reached_check check (provinces_reached between 0 and 38));`,
    );
    this.addSql(`create index "evaluation_partner_id_evaluated_at_index" on "partners"."evaluation" ("partner_id", "evaluated_at");`);

    this.addSql(
      `create table "partners"."partner_credential" ("id" uuid not null, "partner_id" uuid not null, "client_id" text not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "partner_credential_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partner_credential_partner_id_index" on "partners"."partner_credential" ("partner_id");`);
    this.addSql(`alter table "partners"."partner_credential" add constraint "partner_credential_client_id_unique" unique ("client_id");`);

    this.addSql(
      `create table "partners"."partner_credential_key" ("id" uuid not null, "credential_id" uuid not null, "encrypted_key" text not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "partner_credential_key_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partner_credential_key_credential_id_index" on "partners"."partner_credential_key" ("credential_id");`);

    this.addSql(
      `create table "partners"."partner_status_change" ("id" uuid not null, "partner_id" uuid not null, "from_status" "partners"."partner_status" null, "to_status" "partners"."partner_status" not null, "actor" text not null, "reason" text not null, "changed_at" timestamptz not null, constraint "partner_status_change_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partner_status_change_partner_id_index" on "partners"."partner_status_change" ("partner_id");`);

    this.addSql(
      `create table "partners"."training_institution" ("id" uuid not null, "name" text not null, "city" text not null, "created_at" timestamptz not null, constraint "training_institution_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "training_institution_created_at_index" on "partners"."training_institution" ("created_at");`);

    this.addSql(
      `create table "partners"."institution_affiliation" ("id" uuid not null, "institution_id" uuid not null, "partner_id" uuid not null, "relationship" text not null, "created_at" timestamptz not null, constraint "institution_affiliation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "institution_affiliation_partner_id_index" on "partners"."institution_affiliation" ("partner_id");`);
    this.addSql(
      `alter table "partners"."institution_affiliation" add constraint "institution_affiliation_institution_id_partner_id_unique" unique ("institution_id", "partner_id");`,
    );

    this.addSql(
      `alter table "partners"."evaluation" add constraint "evaluation_partner_id_foreign" foreign key ("partner_id") references "partners"."partner" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "partners"."partner_credential" add constraint "partner_credential_partner_id_foreign" foreign key ("partner_id") references "partners"."partner" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "partners"."partner_credential_key" add constraint "partner_credential_key_credential_id_foreign" foreign key ("credential_id") references "partners"."partner_credential" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "partners"."partner_status_change" add constraint "partner_status_change_partner_id_foreign" foreign key ("partner_id") references "partners"."partner" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "partners"."institution_affiliation" add constraint "institution_affiliation_institution_id_foreign" foreign key ("institution_id") references "partners"."training_institution" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "partners"."institution_affiliation" add constraint "institution_affiliation_partner_id_foreign" foreign key ("partner_id") references "partners"."partner" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "partners"."evaluation" drop constraint "evaluation_partner_id_foreign";`);

    this.addSql(`alter table "partners"."partner_credential" drop constraint "partner_credential_partner_id_foreign";`);

    this.addSql(`alter table "partners"."partner_status_change" drop constraint "partner_status_change_partner_id_foreign";`);

    this.addSql(`alter table "partners"."institution_affiliation" drop constraint "institution_affiliation_partner_id_foreign";`);

    this.addSql(`alter table "partners"."partner_credential_key" drop constraint "partner_credential_key_credential_id_foreign";`);

    this.addSql(`alter table "partners"."institution_affiliation" drop constraint "institution_affiliation_institution_id_foreign";`);

    this.addSql(`drop table if exists "partners"."partner" cascade;`);

    this.addSql(`drop table if exists "partners"."evaluation" cascade;`);

    this.addSql(`drop table if exists "partners"."partner_credential" cascade;`);

    this.addSql(`drop table if exists "partners"."partner_credential_key" cascade;`);

    this.addSql(`drop table if exists "partners"."partner_status_change" cascade;`);

    this.addSql(`drop table if exists "partners"."training_institution" cascade;`);

    this.addSql(`drop table if exists "partners"."institution_affiliation" cascade;`);

    this.addSql(`drop type "partners"."partner_status";`);
    this.addSql(`drop type "partners"."evaluation_kind";`);
    this.addSql(`drop schema if exists "partners";`);
  }
}
