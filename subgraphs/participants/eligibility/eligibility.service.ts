import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { json, type Row, SCHEMA, sql } from '../sql';
import { uuidKeyed } from '../../../common/loaders';
import { eligibilityReasons, type EligibilityCode, type EligibilityFacts } from './eligibility.rules';

/** A person's own eligibility facts, as the field and the selection both read them (one definition, so they agree). */
export type PersonFacts = Omit<EligibilityFacts, 'familyCardSelectedOthers'> & { participantId: string; familyCardNumber: string };

/** SQL that yields PersonFacts columns for participant alias `p` (add `FROM ${SCHEMA}.participant p …`). */
export const PERSON_FACTS_SQL = `p.id AS participant_id, p.citizen, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.education_status,
       p.occupation, p.family_card_number, EXISTS (SELECT 1 FROM ${SCHEMA}.card c WHERE c.participant_id = p.id) AS ever_selected`;

export const toPersonFacts = (r: Row): PersonFacts => ({
  participantId: r.participant_id,
  citizen: r.citizen,
  birthDate: r.birth_date,
  educationStatus: r.education_status,
  occupation: r.occupation,
  familyCardNumber: r.family_card_number,
  everSelected: r.ever_selected,
});

/**
 * Eligibility of many participants in two queries whatever their number: their facts with whether each was
 * ever selected, then how many other people of each family card were ever selected. Undefined for an
 * unknown id.
 */
export async function eligibilityFor(
  em: EntityManager,
  participantIds: readonly string[],
  now = new Date(),
): Promise<Array<EligibilityCode[] | undefined>> {
  if (!participantIds.length) return [];
  const people = (
    await sql<Row>(
      em,
      `SELECT ${PERSON_FACTS_SQL} FROM ${SCHEMA}.participant p WHERE p.id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
      [json(participantIds)],
    )
  ).map(toPersonFacts);
  const selectedByCard = await sql<{ kk: string; id: string }>(
    em,
    `SELECT p.family_card_number AS kk, p.id FROM ${SCHEMA}.card c JOIN ${SCHEMA}.participant p ON p.id = c.participant_id
     WHERE p.family_card_number IN (SELECT value FROM jsonb_array_elements_text(?::jsonb))`,
    [json([...new Set(people.map((p) => p.familyCardNumber))])],
  );
  const byId = new Map(people.map((p) => [p.participantId, p]));
  const selectedOf = new Map<string, string[]>();
  for (const s of selectedByCard) selectedOf.set(s.kk, [...(selectedOf.get(s.kk) ?? []), s.id]);
  return participantIds.map((id) => {
    const person = byId.get(id);
    if (!person) return undefined;
    const others = (selectedOf.get(person.familyCardNumber) ?? []).filter((other) => other !== id).length;
    return eligibilityReasons({ ...person, familyCardSelectedOthers: others }, now);
  });
}

/** Per-request loader: a list of participants asks for their eligibility in one batch. */
export const eligibilityLoader = (em: EntityManager) =>
  new DataLoader<string, EligibilityCode[] | undefined>(
    uuidKeyed<EligibilityCode[] | undefined>(undefined, (ids) => eligibilityFor(em, ids)),
  );
