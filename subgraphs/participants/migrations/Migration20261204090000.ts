import { Migration } from '@mikro-orm/migrations';
import { outboxBackfillSql } from '../../../common/outbox-sql';
import { PAYLOADS } from './Migration20261202210000';

const S = '"participants"';

/*
 * The participant's events carry the eligibility rules that exclude the person by their own details, so that
 * analysts can count ineligible registrations by reason. The same rules as eligibility.rules.ts (fixed here as
 * they stood when this migration was written), age on the registration day in UTC like ageOn. The two rules
 * that depend on the programme's draws (FAMILY_CARD_LIMIT, ALREADY_PARTICIPATED) are decided at selection and
 * travel on the application's `reasons`; a new registration cannot have participated yet.
 */
const REASONS = `create function ${S}."outbox_registration_reasons"(p ${S}."participant") returns text[] language sql stable as $$
  select array_remove(array[
    case when not p.citizen then 'NOT_CITIZEN' end,
    case when p.birth_date > (p.created_at at time zone 'UTC')::date - interval '18 years'
           or p.birth_date <= (p.created_at at time zone 'UTC')::date - interval '65 years' then 'AGE_OUT_OF_RANGE' end,
    case when p.education_status = 'IN_FORMAL_EDUCATION' then 'IN_FORMAL_EDUCATION' end,
    case when p.occupation in ('CIVIL_SERVANT', 'MILITARY', 'POLICE', 'STATE_OFFICIAL', 'LEGISLATOR', 'VILLAGE_HEAD', 'VILLAGE_OFFICIAL',
                               'SOE_EXECUTIVE') then 'EXCLUDED_OCCUPATION' end
  ], null) $$`;

const PAYLOAD = `create or replace function ${S}."outbox_participant_payload"(p ${S}."participant") returns jsonb language sql stable as $$
    select jsonb_build_object('participantId', p.id, 'provinceCode', p.province_code, 'regencyCode', left(p.district_code, 4),
      'birthYear', extract(year from p.birth_date)::int, 'sex', p.gender, 'education', p.education_status,
      'occupation', p.occupation, 'incentiveStatus', p.incentive_status, 'firstCompletedAt', p.first_completed_at,
      'registeredAt', p.created_at, 'eligibilityReasons', to_jsonb(${S}."outbox_registration_reasons"(p))) $$`;

/** Participant events gain `eligibilityReasons`; every existing participant gets a `participant.updated` carrying them. */
export class Migration20261204090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(REASONS);
    this.addSql(PAYLOAD);
    this.addSql(outboxBackfillSql('participants', { type: 'participant.updated', table: 'participant', orderBy: 'r.created_at, r.id' }));
  }

  override async down(): Promise<void> {
    this.addSql(PAYLOADS[0].replace('create function', 'create or replace function'));
    this.addSql(`drop function ${S}."outbox_registration_reasons"(${S}."participant")`);
  }
}
