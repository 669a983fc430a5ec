import { Migration } from '@mikro-orm/migrations';
import { outboxTriggerSql } from '../../../common/outbox-sql';

const S = '"participants"';

const changed = (columns: string[]) =>
  `(${columns.map((c) => `new.${c}`).join(', ')}) is distinct from (${columns.map((c) => `old.${c}`).join(', ')})`;

/** The participant trigger of Migration20261202210000, with `columns` as the changes that make `participant.updated`. */
const participantTrigger = (
  columns: string[],
) => `create or replace function ${S}."outbox_participant"() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      perform ${S}."outbox_emit"('participant.registered', ${S}.outbox_participant_payload(new), new.created_at);
    else
      if new.incentive_status = 'DUE' and old.incentive_status <> 'DUE' then
        perform ${S}."outbox_emit"('participant.incentive_due', ${S}.outbox_participant_payload(new));
      elsif ${changed(columns)} then
        perform ${S}."outbox_emit"('participant.updated', ${S}.outbox_participant_payload(new));
      end if;
    end if;
    return null;
  end $$`;

const PERSON = ['province_code', 'district_code', 'birth_date', 'gender', 'education_status', 'occupation', 'first_completed_at'];

/*
 * The incentive's events: analytics hears of every incentive status (AWAITING_REVIEW, PAID, FAILED too, as
 * `participant.updated`), and each payout's PAID state is `incentive.paid`, written by a trigger like every
 * other event, so it commits with the payment whichever code path recorded it.
 */
export class Migration20261204070100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(participantTrigger([...PERSON, 'incentive_status']));
    this.addSql(`create function ${S}."outbox_payout_payload"(o ${S}."payout") returns jsonb language sql stable as $$
      select jsonb_build_object('payoutId', o.id, 'participantId', o.participant_id, 'kind', o.kind, 'survey', o.survey,
        'amount', o.amount::text, 'attempts', o.attempts, 'paidAt', o.paid_at) $$`);
    for (const statement of outboxTriggerSql(
      'participants',
      'payout',
      `if tg_op = 'UPDATE' and new.status = 'PAID' and old.status <> 'PAID' then
         emit('incentive.paid', ${S}.outbox_payout_payload(new), new.paid_at);
       end if;`,
    ))
      this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "outbox_payout" on ${S}."payout"`);
    this.addSql(`drop function ${S}."outbox_payout"()`);
    this.addSql(`drop function ${S}."outbox_payout_payload"(${S}."payout")`);
    this.addSql(participantTrigger(PERSON));
  }
}
