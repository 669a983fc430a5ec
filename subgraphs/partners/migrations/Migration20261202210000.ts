import { Migration } from '@mikro-orm/migrations';
import { outboxMigrationSql, outboxTriggerSql, type OutboxBackfill } from '../../../common/outbox-sql';

const S = '"partners"';

/* Payloads: ids and the platform's public facts; no actor, reason, criteria or credential (docs/events.md). */
const PAYLOADS = [
  `create function ${S}."outbox_partner_payload"(p ${S}."partner") returns jsonb language sql stable as $$
    select jsonb_build_object('partnerId', p.id, 'slug', p.slug, 'name', p.name, 'status', p.status, 'appliedAt', p.created_at) $$`,
  `create function ${S}."outbox_partner_status_change_payload"(c ${S}."partner_status_change") returns jsonb language sql stable as $$
    select jsonb_build_object('partnerId', c.partner_id, 'fromStatus', c.from_status, 'toStatus', c.to_status, 'changedAt', c.changed_at) $$`,
  `create function ${S}."outbox_evaluation_payload"(e ${S}."evaluation") returns jsonb language sql stable as $$
    select jsonb_build_object('evaluationId', e.id, 'partnerId', e.partner_id, 'kind', e.kind, 'passed', e.passed,
      'provincesReached', e.provinces_reached, 'evaluatedAt', e.evaluated_at) $$`,
  `create function ${S}."outbox_training_institution_payload"(i ${S}."training_institution") returns jsonb language sql stable as $$
    select jsonb_build_object('institutionId', i.id, 'name', i.name, 'city', i.city, 'registeredAt', i.created_at) $$`,
  `create function ${S}."outbox_institution_affiliation_payload"(a ${S}."institution_affiliation") returns jsonb language sql stable as $$
    select jsonb_build_object('affiliationId', a.id, 'institutionId', a.institution_id, 'partnerId', a.partner_id,
      'relationship', a.relationship) $$`,
];

const TRIGGERS = [
  ...outboxTriggerSql(
    'partners',
    'partner',
    `if tg_op = 'INSERT' then
       emit('partner.applied', ${S}.outbox_partner_payload(new), new.created_at);
     elsif (new.slug, new.name) is distinct from (old.slug, old.name) then
       emit('partner.updated', ${S}.outbox_partner_payload(new));
     end if;`,
  ),
  // The status history is the record of each transition: one event per row, with the partner's state.
  ...outboxTriggerSql(
    'partners',
    'partner_status_change',
    `if tg_op = 'INSERT' then
       emit('partner.status_changed', ${S}.outbox_partner_status_change_payload(new), new.changed_at);
     end if;`,
  ),
  ...outboxTriggerSql(
    'partners',
    'evaluation',
    `if tg_op = 'INSERT' then
       emit('partner.evaluated', ${S}.outbox_evaluation_payload(new), new.evaluated_at);
     end if;`,
  ),
  ...outboxTriggerSql(
    'partners',
    'training_institution',
    `if tg_op = 'INSERT' then
       emit('institution.registered', ${S}.outbox_training_institution_payload(new), new.created_at);
     elsif (new.name, new.city) is distinct from (old.name, old.city) then
       emit('institution.updated', ${S}.outbox_training_institution_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'partners',
    'institution_affiliation',
    `if tg_op = 'INSERT' then
       emit('institution.affiliated', ${S}.outbox_institution_affiliation_payload(new), new.created_at);
     end if;`,
  ),
];

/* Backfill: existing rows as events carrying their current state (partner.applied has the current status). */
export const BACKFILL: OutboxBackfill[] = [
  { type: 'partner.applied', table: 'partner', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'institution.registered', table: 'training_institution', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'institution.affiliated', table: 'institution_affiliation', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'partner.evaluated', table: 'evaluation', occurredAt: 'evaluated_at', orderBy: 'r.evaluated_at, r.id' },
];

const TABLES = ['partner', 'partner_status_change', 'evaluation', 'training_institution', 'institution_affiliation'];

const OUTBOX = outboxMigrationSql('partners', { payloads: PAYLOADS, triggers: TRIGGERS, backfill: BACKFILL, tables: TABLES });

/** Transactional outbox: every domain change writes its event in the same transaction (docs/events.md). */
export class Migration20261202210000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of OUTBOX.up) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of OUTBOX.down) this.addSql(statement);
  }
}
