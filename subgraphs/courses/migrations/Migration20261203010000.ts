import { Migration } from '@mikro-orm/migrations';
import { outboxTriggerSql } from '../../../common/outbox-sql';

const S = '"courses"';

/** Ratings and reviews of completed enrollments (append-only), and their `review.submitted` outbox event. */
export class Migration20261203010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table ${S}."review" ("id" uuid not null, "enrollment_id" uuid not null, "course_id" uuid not null, "participant_id" uuid not null, "rating" smallint not null, "text" text not null, "created_at" timestamptz not null, constraint "review_pkey" primary key ("id"), constraint review_rating_check check (rating between 1 and 5), constraint review_text_check check (char_length(text) between 10 and 2000));`,
    );
    this.addSql(`alter table ${S}."review" add constraint "review_enrollment_unique" unique ("enrollment_id");`);
    this.addSql(`create index "review_course_created_idx" on ${S}."review" ("course_id", "created_at", "id");`);
    this.addSql(
      `alter table ${S}."review" add constraint "review_enrollment_id_foreign" foreign key ("enrollment_id") references ${S}."enrollment" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table ${S}."review" add constraint "review_course_id_foreign" foreign key ("course_id") references ${S}."course" ("id") on update cascade;`,
    );
    // The text stays out of the event: consumers need the fact and the stars, not the prose.
    this.addSql(`create function ${S}."outbox_review_payload"(r ${S}."review") returns jsonb language sql stable as $$
      select jsonb_build_object('reviewId', r.id, 'enrollmentId', r.enrollment_id, 'courseId', r.course_id,
        'participantId', r.participant_id, 'rating', r.rating, 'submittedAt', r.created_at) $$`);
    for (const statement of outboxTriggerSql(
      'courses',
      'review',
      `if tg_op = 'INSERT' then
         emit('review.submitted', ${S}.outbox_review_payload(new), new.created_at);
       end if;`,
    ))
      this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "outbox_review" on ${S}."review"`);
    this.addSql(`drop function if exists ${S}."outbox_review"()`);
    this.addSql(`drop function if exists ${S}."outbox_review_payload"(${S}."review")`);
    this.addSql(`drop table if exists ${S}."review" cascade;`);
  }
}
