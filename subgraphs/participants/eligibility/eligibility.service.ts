import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { json, S, sql } from '../sql';
import { uuidKeyed } from '../../../common/loaders';
import { eligibilityReasons, type EligibilityCode } from './eligibility.rules';

/**
 * Eligibility of many participants in two queries whatever their number: their facts with whether each was
 * ever selected, then how many other people of each family card were ever selected. Undefined for an
 * unknown id.
 */
export async function eligibilityFor(em: EntityManager, participantIds: readonly string[], now = new Date()): Promise<Array<EligibilityCode[] | undefined>> {
  if (!participantIds.length) return [];
  const rows = await sql<Record<string, any>>(
    em,
    `SELECT p.id, p.citizen, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.education_status, p.occupation, p.family_card_number,
            EXISTS (SELECT 1 FROM ${S}.card c WHERE c.participant_id = p.id) AS ever_selected
     FROM ${S}.participant p WHERE p.id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
    [json(participantIds)],
  );
  const selectedByCard = await sql<{ kk: string; id: string }>(
    em,
    `SELECT p.family_card_number AS kk, p.id FROM ${S}.card c JOIN ${S}.participant p ON p.id = c.participant_id
     WHERE p.family_card_number IN (SELECT value FROM jsonb_array_elements_text(?::jsonb))`,
    [json([...new Set(rows.map((r) => r.family_card_number))])],
  );
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const selectedOf = new Map<string, string[]>();
  for (const s of selectedByCard) selectedOf.set(s.kk, [...(selectedOf.get(s.kk) ?? []), s.id]);
  return participantIds.map((id) => {
    const r = byId.get(id);
    if (!r) return undefined;
    const others = (selectedOf.get(r.family_card_number) ?? []).filter((other) => other !== id).length;
    return eligibilityReasons(
      {
        citizen: r.citizen,
        birthDate: r.birth_date,
        educationStatus: r.education_status,
        occupation: r.occupation,
        familyCardSelectedOthers: others,
        everSelected: r.ever_selected,
      },
      now,
    );
  });
}

/** Per-request loader: a list of participants asks for their eligibility in one batch. */
export const eligibilityLoader = (em: EntityManager) => new DataLoader<string, EligibilityCode[] | undefined>(uuidKeyed<EligibilityCode[] | undefined>(undefined, (ids) => eligibilityFor(em, ids)));
