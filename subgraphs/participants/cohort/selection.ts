import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { luhnCheckDigit } from '../../../common/luhn';
import { eligibilityReasons, FAMILY_CARD_CAP, type EligibilityCode } from '../eligibility/eligibility.rules';
import type { PersonFacts } from '../eligibility/eligibility.service';

/** One applicant as the draw sees it. */
export interface Applicant extends PersonFacts {
  applicationId: string;
}

export interface Decision {
  applicationId: string;
  participantId: string;
  status: 'SELECTED' | 'NOT_SELECTED' | 'INELIGIBLE';
  reasons: EligibilityCode[];
}

export const newSeed = (): string => randomBytes(16).toString('hex');

/** What is published while the seed stays secret: anyone can check the revealed seed against it. */
export const seedCommitment = (seed: string): string => createHash('sha256').update(seed, 'utf8').digest('hex');

/** Draw key of a participant: a keyed hash, so the order is unpredictable before the seed is chosen and reproducible after. */
export const drawKey = (seed: string, participantId: string): string => createHmac('sha256', seed).update(participantId).digest('hex');

/**
 * The selection, as a pure function of its inputs: re-check eligibility at `now`, order the eligible by
 * draw key (not by application time), and take up to `quota` while keeping every family card at or under
 * the cap, counting people of that card selected in earlier cohorts (`selectedByFamilyCard`).
 */
export function planSelection(
  applicants: Applicant[],
  selectedByFamilyCard: Map<string, number>,
  seed: string,
  quota: number,
  now: Date,
): Decision[] {
  const decisions: Decision[] = [];
  const eligible: Applicant[] = [];
  for (const a of applicants) {
    const reasons = eligibilityReasons({ ...a, familyCardSelectedOthers: selectedByFamilyCard.get(a.familyCardNumber) ?? 0 }, now);
    if (reasons.length) decisions.push({ applicationId: a.applicationId, participantId: a.participantId, status: 'INELIGIBLE', reasons });
    else eligible.push(a);
  }
  const keyed = eligible
    .map((a) => ({ a, key: drawKey(seed, a.participantId) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const taken = new Map(selectedByFamilyCard);
  let selected = 0;
  for (const { a } of keyed) {
    const family = taken.get(a.familyCardNumber) ?? 0;
    if (family >= FAMILY_CARD_CAP) {
      decisions.push({
        applicationId: a.applicationId,
        participantId: a.participantId,
        status: 'NOT_SELECTED',
        reasons: ['FAMILY_CARD_LIMIT'],
      });
    } else if (selected < quota) {
      taken.set(a.familyCardNumber, family + 1);
      selected++;
      decisions.push({ applicationId: a.applicationId, participantId: a.participantId, status: 'SELECTED', reasons: [] });
    } else {
      decisions.push({ applicationId: a.applicationId, participantId: a.participantId, status: 'NOT_SELECTED', reasons: [] });
    }
  }
  return decisions;
}

/** A fresh Kartu Prakerja number: 15 random digits (no leading zero) and a Luhn check digit. */
export function newCardNumber(): string {
  const payload = String(randomInt(1, 10)) + Array.from({ length: 14 }, () => randomInt(0, 10)).join('');
  return payload + luhnCheckDigit(payload);
}

/** The highest draw key among the selected: the line the quota drew, published so applicants can check their place. */
export function cutoffKey(seed: string, decisions: Decision[]): string | null {
  const keys = decisions.filter((d) => d.status === 'SELECTED').map((d) => drawKey(seed, d.participantId));
  return keys.length ? keys.reduce((max, key) => (key > max ? key : max)) : null;
}
