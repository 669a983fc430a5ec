import { Migration } from '@mikro-orm/migrations';

/** A course's minimum education, checked at purchaseStart against what the participants subgraph reports. */
export class Migration20261204082000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "courses"."course" add column "minimum_education" text null,
      add constraint "course_minimum_education_check" check ("minimum_education" in ('SD', 'SMP', 'SMA_SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "courses"."course" drop column "minimum_education";`);
  }
}
