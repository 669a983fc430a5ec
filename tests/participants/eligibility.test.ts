import { randomUUID } from 'node:crypto';
import { eligibilityReasons, type EligibilityFacts } from '../../subgraphs/participants/eligibility/eligibility.rules';
import { EducationStatus, Occupation } from '../../subgraphs/participants/participant/participant.enums';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { createParticipantsOrm as Create } from '../../subgraphs/participants/orm';
import type { revokeLapsedCards as Revoke } from '../../subgraphs/participants/wallet/wallet.service';
import { db } from '../support/client';
import { personWithCard, walletState } from './fixtures';

const NOW = new Date('2026-03-01T00:00:00Z');
const ok: EligibilityFacts = {
  citizen: true,
  birthDate: '1990-01-01',
  educationStatus: EducationStatus.NOT_IN_EDUCATION,
  occupation: Occupation.UNEMPLOYED,
  familyCardSelectedOthers: 0,
  everSelected: false,
};
const reasons = (facts: Partial<EligibilityFacts>) => eligibilityReasons({ ...ok, ...facts }, NOW);

describe('eligibility rules', () => {
  it('accepts an ordinary job seeker', () => expect(reasons({})).toEqual([]));
  it('requires Indonesian citizenship', () => expect(reasons({ citizen: false })).toEqual(['NOT_CITIZEN']));
  it('requires age 18 to 64 on the reference date', () => {
    expect(reasons({ birthDate: '2008-03-01' })).toEqual([]); // 18 today
    expect(reasons({ birthDate: '2008-03-02' })).toEqual(['AGE_OUT_OF_RANGE']); // 18 tomorrow
    expect(reasons({ birthDate: '1961-03-02' })).toEqual([]); // 64
    expect(reasons({ birthDate: '1961-03-01' })).toEqual(['AGE_OUT_OF_RANGE']); // 65 today
  });
  it('excludes people in formal education, not non-formal', () => {
    expect(reasons({ educationStatus: EducationStatus.IN_FORMAL_EDUCATION })).toEqual(['IN_FORMAL_EDUCATION']);
    expect(reasons({ educationStatus: EducationStatus.IN_NON_FORMAL_EDUCATION })).toEqual([]);
  });
  it('excludes ASN, TNI, Polri, state officials, DPR/DPRD, village heads and officials, BUMN/BUMD executives', () => {
    for (const o of [
      'CIVIL_SERVANT',
      'MILITARY',
      'POLICE',
      'STATE_OFFICIAL',
      'LEGISLATOR',
      'VILLAGE_HEAD',
      'VILLAGE_OFFICIAL',
      'SOE_EXECUTIVE',
    ] as Occupation[]) {
      expect(reasons({ occupation: o })).toEqual(['EXCLUDED_OCCUPATION']);
    }
    for (const o of ['LAID_OFF', 'PRIVATE_EMPLOYEE', 'MICRO_BUSINESS_OWNER', 'FARMER', 'FISHER', 'INFORMAL_WORKER'] as Occupation[])
      expect(reasons({ occupation: o })).toEqual([]);
  });
  it('allows at most two selected people per family card', () => {
    expect(reasons({ familyCardSelectedOthers: 1 })).toEqual([]);
    expect(reasons({ familyCardSelectedOthers: 2 })).toEqual(['FAMILY_CARD_LIMIT']);
  });
  it('never selects a person twice', () => expect(reasons({ everSelected: true })).toEqual(['ALREADY_PARTICIPATED']));
  it('reports every failing rule', () => {
    expect(reasons({ citizen: false, educationStatus: EducationStatus.IN_FORMAL_EDUCATION, occupation: Occupation.POLICE })).toEqual([
      'NOT_CITIZEN',
      'IN_FORMAL_EDUCATION',
      'EXCLUDED_OCCUPATION',
    ]);
  });
});

describe('card revocation job', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    const { createParticipantsOrm } = require('../../dist/subgraphs/participants/orm') as { createParticipantsOrm: typeof Create };
    orm = await createParticipantsOrm(process.env.TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await orm.close();
  });

  it('revokes ACTIVE cards past their deadline without a purchase and returns their balance through the ledger, once', async () => {
    const { revokeLapsedCards } = require('../../dist/subgraphs/participants/wallet/wallet.service') as {
      revokeLapsedCards: typeof Revoke;
    };
    const lapsed = await personWithCard();
    const bought = await personWithCard();
    await db().query(`UPDATE participants.card SET purchase_deadline = now() - interval '1 minute' WHERE number = ANY($1)`, [
      [lapsed.cardNumber, bought.cardNumber],
    ]);
    await db().query(`UPDATE participants.card SET first_purchase_at = now() - interval '1 day' WHERE number = $1`, [bought.cardNumber]);
    await Promise.all([revokeLapsedCards(orm.em.fork()), revokeLapsedCards(orm.em.fork())]);
    const { rows } = await db().query(`SELECT number, status FROM participants.card WHERE number = ANY($1)`, [
      [lapsed.cardNumber, bought.cardNumber],
    ]);
    expect(Object.fromEntries(rows.map((r) => [r.number, r.status]))).toEqual({
      [lapsed.cardNumber]: 'REVOKED',
      [bought.cardNumber]: 'ACTIVE',
    });
    expect(await walletState(lapsed.cardNumber)).toEqual({ balance: 0, held: 0, ledger: 0 });
    expect(await walletState(bought.cardNumber)).toEqual({ balance: 3_500_000, held: 0, ledger: 3_500_000 });
    const debits = await db().query(
      `SELECT count(*)::int AS n FROM participants.ledger_entry l JOIN participants.card c ON c.id = l.wallet_id WHERE c.number = $1 AND l.kind = 'DEBIT_REVOCATION'`,
      [lapsed.cardNumber],
    );
    expect(debits.rows[0].n).toBe(1);
  });

  it('does not revoke a lapsed card while a purchase started before the deadline awaits its OTP; revokes once the hold expires', async () => {
    const { revokeLapsedCards, placeHold, captureHold } =
      require('../../dist/subgraphs/participants/wallet/wallet.service') as typeof import('../../subgraphs/participants/wallet/wallet.service');
    const inFlight = await personWithCard();
    const abandoned = await personWithCard();
    const [captured, dropped] = [randomUUID(), randomUUID()];
    for (const [card, ref] of [
      [inFlight.cardNumber, captured],
      [abandoned.cardNumber, dropped],
    ]) {
      const placed = await placeHold(orm.em.fork(), {
        referenceId: ref,
        cardNumber: card,
        amount: 500_000,
        expiresAt: new Date(Date.now() + 600_000),
      });
      expect(placed.userErrors).toEqual([]);
    }
    // The deadline passes while both OTPs are pending; one of the holds then expires unused.
    await db().query(`UPDATE participants.card SET purchase_deadline = now() - interval '1 minute' WHERE number = ANY($1)`, [
      [inFlight.cardNumber, abandoned.cardNumber],
    ]);
    await db().query(`UPDATE participants.wallet_hold SET expires_at = now() - interval '1 second' WHERE reference_id = $1`, [dropped]);
    await revokeLapsedCards(orm.em.fork());
    const status = async (n: string) => (await db().query(`SELECT status FROM participants.card WHERE number = $1`, [n])).rows[0].status;
    expect(await status(inFlight.cardNumber)).toBe('ACTIVE');
    expect(await status(abandoned.cardNumber)).toBe('REVOKED');
    expect(await walletState(abandoned.cardNumber)).toEqual({ balance: 0, held: 0, ledger: 0 });

    expect((await captureHold(orm.em.fork(), captured)).userErrors).toEqual([]);
    await revokeLapsedCards(orm.em.fork());
    expect(await status(inFlight.cardNumber)).toBe('ACTIVE');
    expect(await walletState(inFlight.cardNumber)).toEqual({ balance: 3_000_000, held: 0, ledger: 3_000_000 });
  });
});
