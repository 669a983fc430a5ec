import { Migration } from '@mikro-orm/migrations';
import { outboxMigrationSql, outboxTriggerSql, type OutboxBackfill } from '../../../common/outbox-sql';

const S = '"participants"';

/*
 * Each event's payload, from the row: pseudonymous ids (the uuids) and coarse attributes only. Never NIK,
 * family card number, name, birth date, e-mail, phone, address or card number (docs/events.md).
 */
export const PAYLOADS = [
  `create function ${S}."outbox_participant_payload"(p ${S}."participant") returns jsonb language sql stable as $$
    select jsonb_build_object('participantId', p.id, 'provinceCode', p.province_code, 'regencyCode', left(p.district_code, 4),
      'birthYear', extract(year from p.birth_date)::int, 'sex', p.gender, 'education', p.education_status,
      'occupation', p.occupation, 'incentiveStatus', p.incentive_status, 'firstCompletedAt', p.first_completed_at,
      'registeredAt', p.created_at) $$`,
  `create function ${S}."outbox_cohort_payload"(c ${S}."cohort") returns jsonb language sql stable as $$
    select jsonb_build_object('cohortId', c.id, 'name', c.name, 'quota', c.quota, 'opensAt', c.opens_at, 'closesAt', c.closes_at,
      'trainingBalance', c.training_balance, 'purchaseWindowDays', c.purchase_window_days, 'selectedAt', c.selected_at) $$`,
  `create function ${S}."outbox_application_payload"(a ${S}."application") returns jsonb language sql stable as $$
    select jsonb_build_object('applicationId', a.id, 'cohortId', a.cohort_id, 'participantId', a.participant_id,
      'status', a.status, 'reasons', to_jsonb(a.reasons), 'appliedAt', a.created_at) $$`,
  `create function ${S}."outbox_card_payload"(c ${S}."card") returns jsonb language sql stable as $$
    select jsonb_build_object('cardId', c.id, 'participantId', c.participant_id, 'cohortId', c.cohort_id, 'status', c.status,
      'purchaseDeadline', c.purchase_deadline, 'firstPurchaseAt', c.first_purchase_at, 'revokedAt', c.revoked_at, 'issuedAt', c.created_at) $$`,
  `create function ${S}."outbox_wallet_payload"(w ${S}."wallet") returns jsonb language sql stable as $$
    select jsonb_build_object('walletId', w.id, 'cardId', w.card_id) $$`,
  `create function ${S}."outbox_ledger_entry_payload"(l ${S}."ledger_entry") returns jsonb language sql stable as $$
    select jsonb_build_object('entryId', l.id, 'walletId', l.wallet_id, 'kind', l.kind, 'amount', l.amount::text,
      'referenceId', l.reference_id, 'recordedAt', l.created_at) $$`,
];

const changed = (columns: string[]) =>
  `(${columns.map((c) => `new.${c}`).join(', ')}) is distinct from (${columns.map((c) => `old.${c}`).join(', ')})`;

const TRIGGERS = [
  ...outboxTriggerSql(
    'participants',
    'participant',
    `if tg_op = 'INSERT' then
       emit('participant.registered', ${S}.outbox_participant_payload(new), new.created_at);
     else
       if new.incentive_status = 'DUE' and old.incentive_status <> 'DUE' then
         emit('participant.incentive_due', ${S}.outbox_participant_payload(new));
       elsif ${changed(['province_code', 'district_code', 'birth_date', 'gender', 'education_status', 'occupation', 'first_completed_at'])} then
         emit('participant.updated', ${S}.outbox_participant_payload(new));
       end if;
     end if;`,
  ),
  ...outboxTriggerSql(
    'participants',
    'cohort',
    `if tg_op = 'INSERT' then
       emit('cohort.opened', ${S}.outbox_cohort_payload(new), new.created_at);
     elsif new.selected_at is not null and old.selected_at is null then
       emit('cohort.drawn', ${S}.outbox_cohort_payload(new));
     elsif ${changed(['name', 'quota', 'opens_at', 'closes_at', 'training_balance', 'purchase_window_days'])} then
       emit('cohort.updated', ${S}.outbox_cohort_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'participants',
    'application',
    `if tg_op = 'INSERT' then
       emit('application.applied', ${S}.outbox_application_payload(new), new.created_at);
     elsif new.status <> old.status then
       emit('application.' || lower(new.status::text), ${S}.outbox_application_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'participants',
    'card',
    `if tg_op = 'INSERT' then
       emit('card.issued', ${S}.outbox_card_payload(new), new.created_at);
     elsif new.status <> old.status then
       emit('card.' || lower(new.status::text), ${S}.outbox_card_payload(new));
     elsif new.first_purchase_at is distinct from old.first_purchase_at then
       emit('card.first_purchase', ${S}.outbox_card_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'participants',
    'wallet',
    `if tg_op = 'INSERT' then
       emit('wallet.opened', ${S}.outbox_wallet_payload(new));
     end if;`,
  ),
  ...outboxTriggerSql(
    'participants',
    'ledger_entry',
    `if tg_op = 'INSERT' then
       emit('ledger.entry_recorded', ${S}.outbox_ledger_entry_payload(new), new.created_at);
     end if;`,
  ),
];

/*
 * Backfill: one event per existing row, carrying its current state, in an order the projection can apply
 * (dimensions before facts), so starting analytics on a database that already holds data builds the same read
 * model. Payloads carry state, so an application already SELECTED arrives as applied with status SELECTED.
 */
export const BACKFILL: OutboxBackfill[] = [
  { type: 'cohort.opened', table: 'cohort', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'participant.registered', table: 'participant', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'application.applied', table: 'application', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'card.issued', table: 'card', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
  { type: 'wallet.opened', table: 'wallet', orderBy: 'r.id' },
  { type: 'ledger.entry_recorded', table: 'ledger_entry', occurredAt: 'created_at', orderBy: 'r.created_at, r.id' },
];

const OUTBOX = outboxMigrationSql('participants', {
  payloads: PAYLOADS,
  triggers: TRIGGERS,
  backfill: BACKFILL,
  tables: ['participant', 'cohort', 'application', 'card', 'wallet', 'ledger_entry'],
});

/** Transactional outbox: every domain change writes its event in the same transaction (docs/events.md). */
export class Migration20261202210000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of OUTBOX.up) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of OUTBOX.down) this.addSql(statement);
  }
}
