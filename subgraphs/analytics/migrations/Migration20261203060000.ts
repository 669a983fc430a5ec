import { Migration } from '@mikro-orm/migrations';

const A = '"analytics"';

/*
 * Rollups: each base's measures pre-aggregated by the CUBE of a few dimensions (rollup/rollup.catalog.ts),
 * rebuilt periodically from the facts, and the feed cursors they were built at (their freshness).
 */
export class Migration20261203060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${A}."rollup_cell" ("base" text not null, "grouping" int not null, "key" text[] not null,
      "vals" float8[] not null, "participants" int[] not null)`);
    this.addSql(`create index "rollup_cell_base_grouping_index" on ${A}."rollup_cell" ("base", "grouping")`);
    this.addSql(`create table ${A}."rollup_source" ("source" text primary key, "events_projected" bigint not null,
      "caught_up_at" timestamptz null, "built_at" timestamptz not null, "layout" text not null)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${A}."rollup_cell"`);
    this.addSql(`drop table if exists ${A}."rollup_source"`);
  }
}
