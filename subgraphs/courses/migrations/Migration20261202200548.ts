import { Migration } from '@mikro-orm/migrations';

/**
 * OTP delivery state: the seed of an OTP not yet confirmed delivered (so it can be sent again, same code) and
 * when its delivery was confirmed. OTPs stored before this migration were sent or withdrawn by the old code,
 * so they count as delivered.
 */
export class Migration20261202200548 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "courses"."purchase" add column "otp_seed" text null, add column "otp_delivered_at" timestamptz null;`);
    this.addSql(`update "courses"."purchase" set "otp_delivered_at" = "updated_at" where "otp_hash" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "courses"."purchase" drop column "otp_seed", drop column "otp_delivered_at";`);
  }
}
