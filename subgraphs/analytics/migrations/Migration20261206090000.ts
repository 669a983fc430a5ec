import { Migration } from '@mikro-orm/migrations';

const A = '"analytics"';

/*
 * Rollups kept current by deltas: a cell holds additive parts (rollup/rollup.catalog.ts), each projected page
 * appends its participants' delta to rollup_delta, and a job folds the deltas into the cells (one cell per
 * base, grouping and key). rollup_state says whether pages write deltas (from the first build on). The facts
 * gain the participant (and course, card, wallet) indexes that a page's delta reads its participants' rows by.
 */
export class Migration20261206090000 extends Migration {
  override async up(): Promise<void> {
    // Cells of the old layout are rebuilt anyway (ROLLUP_LAYOUT changed).
    this.addSql(`delete from ${A}."rollup_cell"`);
    this.addSql(`delete from ${A}."rollup_source"`);
    this.addSql(`alter table ${A}."rollup_cell" drop column "participants"`);
    this.addSql(`alter table ${A}."rollup_cell" rename column "vals" to "parts"`);
    this.addSql(`drop index ${A}."rollup_cell_base_grouping_index"`);
    this.addSql(`create unique index "rollup_cell_base_grouping_key_index" on ${A}."rollup_cell" ("base", "grouping", "key")`);
    this.addSql(
      `create table ${A}."rollup_delta" ("base" text not null, "grouping" int not null, "key" text[] not null, "parts" float8[] not null)`,
    );
    // A table reads the deltas of two groupings; while a long build holds the folding off, they pile up.
    this.addSql(`create index on ${A}."rollup_delta" ("base", "grouping")`);
    this.addSql(
      `create table ${A}."rollup_state" ("id" boolean primary key default true check ("id"), "incremental" boolean not null default false)`,
    );
    this.addSql(`insert into ${A}."rollup_state" default values`);
    for (const [table, column] of [
      ['purchase_fact', 'participant_id'],
      ['purchase_fact', 'course_id'],
      ['application_fact', 'participant_id'],
      ['apply_refusal_fact', 'participant_id'],
      ['incentive_payout_fact', 'participant_id'],
      ['wallet_dim', 'card_id'],
      ['ledger_fact', 'wallet_id'],
    ])
      this.addSql(`create index on ${A}."${table}" ("${column}")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${A}."rollup_delta"`);
    this.addSql(`drop table if exists ${A}."rollup_state"`);
    this.addSql(`delete from ${A}."rollup_cell"`);
    this.addSql(`delete from ${A}."rollup_source"`);
    this.addSql(`drop index ${A}."rollup_cell_base_grouping_key_index"`);
    this.addSql(`create index "rollup_cell_base_grouping_index" on ${A}."rollup_cell" ("base", "grouping")`);
    this.addSql(`alter table ${A}."rollup_cell" rename column "parts" to "vals"`);
    this.addSql(`alter table ${A}."rollup_cell" add column "participants" int[] not null`);
  }
}
