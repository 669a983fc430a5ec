import { Migration } from '@mikro-orm/migrations';

/** Course-level age requirements, checked at purchaseStart against the age the participants subgraph reports. */
export class Migration20261203040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "courses"."course" add column "minimum_age" int null, add column "maximum_age" int null;`);
    this.addSql(
      `alter table "courses"."course" add constraint "course_age_range_check" check (minimum_age is null or maximum_age is null or minimum_age <= maximum_age);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "courses"."course" drop constraint "course_age_range_check";`);
    this.addSql(`alter table "courses"."course" drop column "minimum_age", drop column "maximum_age";`);
  }
}
