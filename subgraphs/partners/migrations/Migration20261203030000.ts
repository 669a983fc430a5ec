import { Migration } from '@mikro-orm/migrations';

const S = '"partners"';

/*
 * Webhooks: each platform's endpoint, the durable delivery queue (one row per event and platform, `seq` is the
 * per-platform delivery order), the append-only attempt log, and the cursors of the event feeds it is fed from.
 */
export class Migration20261203030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type ${S}."webhook_delivery_status" as enum ('PENDING', 'DELIVERED', 'FAILED')`);
    this.addSql(`create table ${S}."webhook_endpoint" ("id" uuid primary key, "partner_id" uuid not null unique
      references ${S}."partner" ("id") on delete cascade, "url" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null)`);
    this.addSql(`create table ${S}."webhook_delivery" ("id" uuid primary key, "seq" bigserial not null,
      "partner_id" uuid not null references ${S}."partner" ("id") on delete cascade, "event_id" uuid not null, "event_type" text not null,
      "occurred_at" timestamptz not null, "body" text not null, "status" ${S}."webhook_delivery_status" not null default 'PENDING',
      "attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_status_code" int null, "last_error" text null,
      "delivered_at" timestamptz null, "created_at" timestamptz not null, unique ("partner_id", "event_id"))`);
    this.addSql(`create index "webhook_delivery_partner_id_created_at_index" on ${S}."webhook_delivery" ("partner_id", "created_at")`);
    // The dispatcher's scans: what is due, and each platform's oldest pending delivery.
    this.addSql(
      `create index "webhook_delivery_pending_index" on ${S}."webhook_delivery" ("partner_id", "seq") where "status" = 'PENDING'`,
    );
    this.addSql(`create table ${S}."webhook_attempt" ("id" uuid primary key, "delivery_id" uuid not null
      references ${S}."webhook_delivery" ("id") on delete cascade, "attempted_at" timestamptz not null, "status_code" int null,
      "error" text null, "duration_ms" int not null)`);
    this.addSql(`create index "webhook_attempt_delivery_id_index" on ${S}."webhook_attempt" ("delivery_id")`);
    this.addSql(`create table ${S}."webhook_feed_cursor" ("source" text primary key, "position" text not null default '0:0')`);
    this.addSql(`insert into ${S}."webhook_feed_cursor" ("source") values ('partners'), ('courses')`);
  }

  override async down(): Promise<void> {
    for (const table of ['webhook_feed_cursor', 'webhook_attempt', 'webhook_delivery', 'webhook_endpoint'])
      this.addSql(`drop table if exists ${S}."${table}"`);
    this.addSql(`drop type if exists ${S}."webhook_delivery_status"`);
  }
}
