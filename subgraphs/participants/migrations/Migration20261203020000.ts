import { Migration } from '@mikro-orm/migrations';

const S = '"participants"';

/**
 * Notifications (the inbox gains kinds, read state and channel delivery), the cursor of the courses event feed
 * the notifier consumes, recycled quota of revoked cards, and complaint case records that an office read's
 * purpose can name.
 */
export class Migration20261203020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type ${S}."inbox_message_kind" as enum ('OTP', 'SELECTION_RESULT', 'CARD_ISSUED', 'PURCHASE_AUTHORIZED', 'ATTENDANCE_RECORDED', 'COURSE_COMPLETED', 'CERTIFICATE_ISSUED', 'INCENTIVE_PAID', 'PURCHASE_DEADLINE_REMINDER');`,
    );
    // Every message so far was an OTP, delivered by courses itself: nothing left to hand to a channel.
    this.addSql(
      `alter table ${S}."inbox_message" add column "kind" ${S}."inbox_message_kind" not null default 'OTP', add column "read_at" timestamptz null, add column "channel_delivered_at" timestamptz null;`,
    );
    this.addSql(`update ${S}."inbox_message" set "channel_delivered_at" = "created_at";`);
    this.addSql(`alter table ${S}."inbox_message" alter column "kind" drop default;`);
    this.addSql(`create index "inbox_message_unread_index" on ${S}."inbox_message" ("participant_id") where "read_at" is null;`);
    this.addSql(
      `create index "inbox_message_undelivered_index" on ${S}."inbox_message" ("created_at") where "channel_delivered_at" is null;`,
    );

    this.addSql(`create table ${S}."notice_feed_cursor" ("source" text not null primary key, "position" text not null default '0:0');`);
    this.addSql(`insert into ${S}."notice_feed_cursor" ("source") values ('courses');`);
    this.addSql(
      `create table ${S}."notice_enrollment" ("enrollment_id" uuid not null primary key, "participant_id" uuid not null references ${S}."participant" ("id") on delete cascade);`,
    );

    this.addSql(`alter table ${S}."cohort" add column "recycled_seats" int not null default 0;`);
    this.addSql(
      `create table ${S}."recycled_quota" ("card_id" uuid not null primary key references ${S}."card" ("id"), "source_cohort_id" uuid not null references ${S}."cohort" ("id"), "forfeited_balance" bigint not null check ("forfeited_balance" >= 0), "recycled_at" timestamptz not null, "reused_by_cohort_id" uuid null references ${S}."cohort" ("id"));`,
    );
    this.addSql(`create index "recycled_quota_source_cohort_id_index" on ${S}."recycled_quota" ("source_cohort_id");`);
    this.addSql(
      `create index "recycled_quota_pending_index" on ${S}."recycled_quota" ("recycled_at") where "reused_by_cohort_id" is null;`,
    );

    this.addSql(`create type ${S}."complaint_status" as enum ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'REJECTED');`);
    this.addSql(`create sequence ${S}."complaint_case_serial";`);
    this.addSql(
      `create table ${S}."complaint_case" ("id" uuid not null primary key, "number" text not null unique, "participant_id" uuid not null references ${S}."participant" ("id") on delete cascade, "subject" text not null, "status" ${S}."complaint_status" not null, "notes" text null, "resolution" text null, "opened_by" text null, "opened_at" timestamptz not null, "updated_at" timestamptz not null, "resolved_at" timestamptz null);`,
    );
    this.addSql(`create index "complaint_case_participant_id_index" on ${S}."complaint_case" ("participant_id");`);
    this.addSql(
      `alter table ${S}."personal_data_access" add column "complaint_case_id" uuid null references ${S}."complaint_case" ("id");`,
    );
    // The office finds a complainant by phone (stored normalised, 08…).
    this.addSql(`create index "participant_phone_index" on ${S}."participant" ("phone");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index ${S}."participant_phone_index";`);
    this.addSql(`alter table ${S}."personal_data_access" drop column "complaint_case_id";`);
    this.addSql(`drop table ${S}."complaint_case";`);
    this.addSql(`drop sequence ${S}."complaint_case_serial";`);
    this.addSql(`drop type ${S}."complaint_status";`);
    this.addSql(`drop table ${S}."recycled_quota";`);
    this.addSql(`alter table ${S}."cohort" drop column "recycled_seats";`);
    this.addSql(`drop table ${S}."notice_enrollment";`);
    this.addSql(`drop table ${S}."notice_feed_cursor";`);
    this.addSql(`drop index ${S}."inbox_message_undelivered_index";`);
    this.addSql(`drop index ${S}."inbox_message_unread_index";`);
    this.addSql(`alter table ${S}."inbox_message" drop column "kind", drop column "read_at", drop column "channel_delivered_at";`);
    this.addSql(`drop type ${S}."inbox_message_kind";`);
  }
}
