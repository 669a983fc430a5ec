import { Migration } from '@mikro-orm/migrations';

/** Sandbox credentials: each credential works in one environment; every existing one is a production credential. */
export class Migration20261203030100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "partners"."credential_environment" as enum ('PRODUCTION', 'SANDBOX')`);
    this.addSql(
      `alter table "partners"."partner_credential" add column "environment" "partners"."credential_environment" not null default 'PRODUCTION'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "partners"."partner_credential" drop column "environment"`);
    this.addSql(`drop type "partners"."credential_environment"`);
  }
}
