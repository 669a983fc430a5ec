import { Migration } from '@mikro-orm/migrations';

const A = '"analytics"';

/*
 * Incentives paid (one row per payout, from `incentive.paid`: training or survey, in rupiah) and applications
 * refused at cohortApply (one row per refused attempt, from `apply.refused`: the measures count each
 * participant once per cohort).
 */
export class Migration20261205040100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${A}."incentive_payout_fact" ("payout_id" uuid primary key, "participant_id" uuid not null,
      "kind" text not null, "survey" text null, "amount" bigint not null, "paid_at" timestamptz not null)`);
    this.addSql(`create table ${A}."apply_refusal_fact" ("refusal_id" uuid primary key, "cohort_id" uuid not null,
      "participant_id" uuid not null, "reason" text not null, "reasons" text[] not null default '{}', "refused_at" timestamptz not null)`);
    this.addSql(`create index on ${A}."apply_refusal_fact" ("cohort_id")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${A}."apply_refusal_fact"`);
    this.addSql(`drop table if exists ${A}."incentive_payout_fact"`);
  }
}
