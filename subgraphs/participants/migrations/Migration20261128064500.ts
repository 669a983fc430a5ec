import { Migration } from '@mikro-orm/migrations';

/** The published draw cut-off of a selected cohort (the last selected applicant's draw key). */
export class Migration20261128064500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "participants"."cohort" add column "draw_cutoff_key" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "participants"."cohort" drop column "draw_cutoff_key";`);
  }
}
