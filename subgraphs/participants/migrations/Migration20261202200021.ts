import { Migration } from '@mikro-orm/migrations';

/** The platform behind a recorded read, so a participant sees which platforms checked their card. */
export class Migration20261202200021 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "participants"."personal_data_access" add column "accessor_partner_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "participants"."personal_data_access" drop column "accessor_partner_id";`);
  }
}
