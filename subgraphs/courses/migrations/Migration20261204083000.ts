import { Migration } from '@mikro-orm/migrations';

/** Offerings withdrawn when their platform is terminated (when and why), and the cursor of the partners feed that says so. */
export class Migration20261204083000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "courses"."offering" add column "withdrawn_at" timestamptz null, add column "withdrawal_reason" text null,
      add constraint "offering_withdrawal_check" check ((withdrawn_at is null) = (withdrawal_reason is null) and (withdrawn_at is null or not active));`);
    this.addSql(`create table "courses"."partner_feed_cursor" ("source" text primary key, "position" text not null default '0:0');`);
    this.addSql(`insert into "courses"."partner_feed_cursor" ("source") values ('partners');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "courses"."partner_feed_cursor";`);
    this.addSql(`alter table "courses"."offering" drop column "withdrawn_at", drop column "withdrawal_reason";`);
  }
}
