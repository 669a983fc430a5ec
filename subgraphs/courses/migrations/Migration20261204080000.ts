import { Migration } from '@mikro-orm/migrations';

/** Course schedules with seat quotas, and each purchase's seat on one (held at start, taken at authorize, released). */
export class Migration20261204080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "courses"."course_schedule" (
      "id" uuid not null primary key,
      "course_id" uuid not null references "courses"."course" ("id") on update cascade on delete cascade,
      "starts_at" timestamptz not null, "ends_at" timestamptz not null,
      "seat_quota" int not null, "seats_held" int not null default 0, "seats_taken" int not null default 0,
      "created_at" timestamptz not null, "updated_at" timestamptz not null,
      constraint "course_schedule_time_check" check (ends_at > starts_at),
      constraint "course_schedule_seats_check" check (seats_held >= 0 and seats_taken >= 0 and seats_held + seats_taken <= seat_quota and seat_quota between 1 and 100000));`);
    this.addSql(`create index "course_schedule_course_idx" on "courses"."course_schedule" ("course_id", "starts_at", "id");`);
    this.addSql(`alter table "courses"."purchase"
      add column "schedule_id" uuid null references "courses"."course_schedule" ("id") on update cascade on delete restrict,
      add column "seat_status" text null,
      add constraint "purchase_seat_status_check" check ((schedule_id is null and seat_status is null) or seat_status in ('HELD', 'TAKEN', 'RELEASED'));`);
    this.addSql(`create index "purchase_seat_idx" on "courses"."purchase" ("seat_status") where seat_status in ('HELD', 'TAKEN');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "courses"."purchase" drop column "schedule_id", drop column "seat_status";`);
    this.addSql(`drop table "courses"."course_schedule";`);
  }
}
