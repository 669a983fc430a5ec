import { Migration } from '@mikro-orm/migrations';

/** The highest education a participant attained (optional), which courses with a minimum education check at purchase. */
export class Migration20261204081000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "participants"."participant" add column "education_level" text null,
      add constraint "participant_education_level_check" check ("education_level" in ('SD', 'SMP', 'SMA_SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "participants"."participant" drop column "education_level";`);
  }
}
