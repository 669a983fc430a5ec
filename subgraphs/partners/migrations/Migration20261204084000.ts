import { Migration } from '@mikro-orm/migrations';

/** Probations after failed periodic reviews: at most one open per platform, found by deadline by the job. */
export class Migration20261204084000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "partners"."partner_probation" (
      "id" uuid not null primary key,
      "partner_id" uuid not null references "partners"."partner" ("id") on update cascade on delete cascade,
      "failed_evaluation_id" uuid not null references "partners"."evaluation" ("id") on update cascade,
      "started_at" timestamptz not null, "deadline" timestamptz not null,
      "ended_at" timestamptz null, "outcome" text null,
      "ending_evaluation_id" uuid null references "partners"."evaluation" ("id") on update cascade on delete set null,
      constraint "partner_probation_outcome_check" check ((ended_at is null) = (outcome is null)
        and (outcome is null or outcome in ('PASSED', 'SUSPENDED_DEADLINE', 'SUSPENDED_SECOND_FAILURE', 'LEFT_ACTIVE'))),
      constraint "partner_probation_deadline_check" check (deadline > started_at));`);
    this.addSql(
      `create unique index "partner_probation_one_open" on "partners"."partner_probation" ("partner_id") where ended_at is null;`,
    );
    this.addSql(`create index "partner_probation_open_idx" on "partners"."partner_probation" ("deadline") where ended_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "partners"."partner_probation";`);
  }
}
