import { Migration } from '@mikro-orm/migrations';

/** Certificate numbers are looked up by anyone who checks one: an index instead of a scan of every enrollment. */
export class Migration20261202213500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "enrollment_certificate_number_idx" on "courses"."enrollment" ("certificate_number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "courses"."enrollment_certificate_number_idx";`);
  }
}
