import { Migration } from '@mikro-orm/migrations';

const A = '"analytics"';

/*
 * Eligibility reasons on participants (their own details, at registration) and on applications (at the draw),
 * and completions a platform reported before the course's minimum duration (each refused attempt).
 */
export class Migration20261204090100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table ${A}."participant_dim" add column "eligibility_reasons" text[] not null default '{}'`);
    this.addSql(`alter table ${A}."application_fact" add column "reasons" text[] not null default '{}'`);
    this.addSql(`create table ${A}."completion_refusal_fact" ("refusal_id" uuid primary key, "enrollment_id" uuid not null,
      "participant_id" uuid not null, "partner_id" uuid not null, "course_id" uuid not null, "reason" text not null,
      "refused_at" timestamptz not null)`);
    this.addSql(`create index on ${A}."completion_refusal_fact" ("enrollment_id")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${A}."completion_refusal_fact"`);
    this.addSql(`alter table ${A}."application_fact" drop column "reasons"`);
    this.addSql(`alter table ${A}."participant_dim" drop column "eligibility_reasons"`);
  }
}
