import { Migration } from '@mikro-orm/migrations';

/** Attendance and completion of sandbox enrollments: their own table and columns, never the production ones. */
export class Migration20261204085000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "courses"."sandbox_purchase" add column "attended_sessions" int not null default 0,
      add column "completed_at" timestamptz null, add column "score" int null, add column "certificate_number" text null,
      add constraint "sandbox_purchase_score_check" check (score is null or score between 0 and 100);`);
    this.addSql(`create table "courses"."sandbox_attendance" (
      "sandbox_purchase_id" uuid not null references "courses"."sandbox_purchase" ("id") on delete cascade,
      "session" int not null, "attended_at" timestamptz not null,
      primary key ("sandbox_purchase_id", "session"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "courses"."sandbox_attendance";`);
    this.addSql(
      `alter table "courses"."sandbox_purchase" drop column "attended_sessions", drop column "completed_at", drop column "score", drop column "certificate_number";`,
    );
  }
}
