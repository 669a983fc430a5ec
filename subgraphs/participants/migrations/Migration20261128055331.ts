import { Migration } from '@mikro-orm/migrations';

/** The published hash of a cohort's selection seed (commit-reveal); null for cohorts opened before. */
export class Migration20261128055331 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "participants"."cohort" add column "selection_seed_commitment" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "participants"."cohort" drop column "selection_seed_commitment";`);
  }
}
