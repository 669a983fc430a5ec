import { Migration } from '@mikro-orm/migrations';

/** The office's participant list pages by (created_at, id): an index instead of a sort of the whole table. */
export class Migration20261202202206 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "participant_created_at_id_index" on "participants"."participant" ("created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "participants"."participant_created_at_id_index";`);
  }
}
