import { Migration } from '@mikro-orm/migrations';
import { outboxTriggerSql } from '../../../common/outbox-sql';

const S = '"partners"';

/** Probation events in the outbox (started, ended), which the webhooks send to the platform on probation. */
export class Migration20261204084500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function ${S}."outbox_partner_probation_payload"(p ${S}."partner_probation") returns jsonb language sql stable as $$
      select jsonb_build_object('probationId', p.id, 'partnerId', p.partner_id, 'startedAt', p.started_at, 'deadline', p.deadline,
        'endedAt', p.ended_at, 'outcome', p.outcome) $$`);
    for (const statement of outboxTriggerSql(
      'partners',
      'partner_probation',
      `if tg_op = 'INSERT' then
         emit('partner.probation_started', ${S}.outbox_partner_probation_payload(new), new.started_at);
       elsif new.ended_at is not null and old.ended_at is null then
         emit('partner.probation_ended', ${S}.outbox_partner_probation_payload(new), new.ended_at);
       end if;`,
    ))
      this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "outbox_partner_probation" on ${S}."partner_probation"`);
    this.addSql(`drop function if exists ${S}."outbox_partner_probation"()`);
    this.addSql(`drop function if exists ${S}."outbox_partner_probation_payload"(${S}."partner_probation")`);
  }
}
