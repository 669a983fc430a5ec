import {
  cardholder,
  invoice,
  offeredCourse,
  partnerRequest,
  partnerWithCredential,
  type Cardholder,
  type PartnerCredential,
} from '../support/partner';
import { db, gatewayQuery } from '../support/client';
import { createCourse } from '../support/catalog';

/*
 * A course may require an age range. purchaseStart refuses a holder outside it with NOT_ELIGIBLE and the reason in
 * the message, before any hold: the balance is untouched. The courses subgraph learns the holder's age in years
 * from its signed call to the participants subgraph (never a birth date, never their tables).
 */

jest.setTimeout(120_000);

const PRICE = 300_000;
let platform: PartnerCredential;
let holder: Cardholder;
let age: number;

/** Full years today, as the participants subgraph counts them. */
function fullYears(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const hadBirthday = today.getUTCMonth() + 1 > m || (today.getUTCMonth() + 1 === m && today.getUTCDate() >= d);
  return today.getUTCFullYear() - y - (hadBirthday ? 0 : 1);
}

const start = (courseId: string) =>
  partnerRequest(platform, 'StartPurchase', { input: { cardNumber: holder.cardNumber, courseId, invoiceCode: invoice(), amount: PRICE } });

beforeAll(async () => {
  platform = await partnerWithCredential();
  holder = await cardholder(3_500_000);
  age = fullYears(holder.birthDate);
});

describe('age requirements at purchaseStart', () => {
  it('refuses a holder younger than the minimum or older than the maximum, and changes nothing', async () => {
    const tooYoung = await offeredCourse(platform.partnerId, PRICE, { minimumAge: age + 1 });
    const tooOld = await offeredCourse(platform.partnerId, PRICE, { maximumAge: age - 1 });
    for (const [courseId, message] of [
      [tooYoung, `at least ${age + 1}`],
      [tooOld, `at most ${age - 1}`],
    ]) {
      const res = await start(courseId);
      expect(res.data!.purchaseStart.purchase).toBeNull();
      expect(res.data!.purchaseStart.userErrors).toEqual([
        { code: 'NOT_ELIGIBLE', message: expect.stringContaining(message), field: ['input', 'cardNumber'] },
      ]);
      expect(res.text).not.toContain(holder.birthDate);
    }
    const { rows } = await db().query(`select count(*)::int as n from courses.purchase where participant_id = $1`, [holder.participantId]);
    expect(rows[0].n).toBe(0);
    const eligibility = await partnerRequest(platform, 'CheckEligibility', { cardNumber: holder.cardNumber });
    expect(eligibility.data!.eligibility.availableBalance.amount).toBe(3_500_000);
  });

  it('sells to a holder exactly at both bounds', async () => {
    const courseId = await offeredCourse(platform.partnerId, PRICE, { minimumAge: age, maximumAge: age });
    const res = await start(courseId);
    expect(res.data!.purchaseStart.userErrors).toEqual([]);
    expect(res.data!.purchaseStart.purchase.status).toBe('AWAITING_OTP');
  });

  it('shows the requirement in the catalogue and refuses an impossible range as malformed input', async () => {
    const courseId = await createCourse({ minimumAge: 18, maximumAge: 35 });
    const res = await gatewayQuery(`query($id: ID!) { course(id: $id) { minimumAge maximumAge } }`, { id: courseId });
    expect(res.data?.course).toEqual({ minimumAge: 18, maximumAge: 35 });
    await expect(createCourse({ minimumAge: 40, maximumAge: 30 })).rejects.toThrow(/BAD_USER_INPUT/);
    await expect(createCourse({ minimumAge: -1 })).rejects.toThrow(/BAD_USER_INPUT/);
  });

  it('the demo seed has workshop (OFFLINE) courses for 21 and over', async () => {
    const { rows } = await db().query(
      `select mode, minimum_age, count(*)::int as n from courses.course where curated_by = 'seed-curator' and curation_status = 'APPROVED' group by 1, 2 order by 1, 2`,
    );
    expect(rows.filter((r) => r.mode === 'OFFLINE').map((r) => r.minimum_age)).toEqual([21]);
    expect(rows.filter((r) => r.mode !== 'OFFLINE').every((r) => r.minimum_age === null)).toBe(true);
  });
});
