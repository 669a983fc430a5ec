import { Migration } from '@mikro-orm/migrations';

/** The UU PDP record of processing: every read of a participant's personal data by someone else. */
export class Migration20261128034539 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "participants"."personal_data_access" ("id" uuid not null, "participant_id" uuid not null, "accessor_role" text not null, "accessor_subject" text null, "fields" text[] not null, "purpose" text null, "operation" text null, "accessed_at" timestamptz not null, constraint "personal_data_access_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "personal_data_access_participant_id_accessed_at_index" on "participants"."personal_data_access" ("participant_id", "accessed_at");`,
    );
    // Append-only, like the ledger: the record of who read whose data cannot be rewritten or erased.
    this.addSql(`create function "participants"."personal_data_access_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'personal_data_access is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger "personal_data_access_no_update_delete" before update or delete on "participants"."personal_data_access"
      for each row execute function "participants"."personal_data_access_append_only"();`);
    this.addSql(`create trigger "personal_data_access_no_truncate" before truncate on "participants"."personal_data_access"
      for each statement execute function "participants"."personal_data_access_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "participants"."personal_data_access" cascade;`);
    this.addSql(`drop function if exists "participants"."personal_data_access_append_only"();`);
  }
}
