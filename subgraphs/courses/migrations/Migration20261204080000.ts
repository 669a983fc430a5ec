import { Migration } from '@mikro-orm/migrations';

/** Course schedules with seat quotas, and each purchase's seat on one (held at start, taken at authorize, released): the seats are counted from the purchases. */
export class Migration20261204080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "courses"."course_schedule" (
      "id" uuid not null primary key,
      "course_id" uuid not null references "courses"."course" ("id") on update cascade on delete cascade,
      "starts_at" timestamptz not null, "ends_at" timestamptz not null,
      "seat_quota" int not null,
      "created_at" timestamptz not null, "updated_at" timestamptz not null,
      constraint "course_schedule_time_check" check (ends_at > starts_at),
      constraint "course_schedule_quota_check" check (seat_quota between 1 and 100000));`);
    this.addSql(`create index "course_schedule_course_idx" on "courses"."course_schedule" ("course_id", "starts_at", "id");`);
    this.addSql(`alter table "courses"."purchase"
      add column "schedule_id" uuid null references "courses"."course_schedule" ("id") on update cascade on delete restrict,
      add column "seat_status" text null,
      add constraint "purchase_seat_status_check" check ((schedule_id is null and seat_status is null) or seat_status in ('HELD', 'TAKEN', 'RELEASED'));`);
    // A schedule's seats are counted from its purchases: the ones holding or having taken a seat, by schedule.
    this.addSql(
      `create index "purchase_schedule_seat_idx" on "courses"."purchase" ("schedule_id", "seat_status") where seat_status in ('HELD', 'TAKEN');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "courses"."purchase" drop column "schedule_id", drop column "seat_status";`);
    this.addSql(`drop table "courses"."course_schedule";`);
  }
}
