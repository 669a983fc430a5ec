import { gatewayQuery, tokenFor, db } from '../support/client';
import {
  cardholder,
  cardholders,
  invoice,
  offeredCourse,
  partnerRequest,
  partnerWithCredential,
  registerPerson,
  walletState,
  type PartnerCredential,
} from '../support/partner';
import { createCourse } from '../support/catalog';

/*
 * A course may require a minimum education attained (Course.minimumEducation). The participant declares theirs
 * (optional at registration, participantEducationSet later); the courses subgraph learns it from its signed
 * walletCard call, as it learns the age. Below the minimum, or nothing declared, purchaseStart answers
 * NOT_ELIGIBLE with the reason, before any hold.
 */

jest.setTimeout(120_000);

const PRICE = 200_000;
let platform: PartnerCredential;

const SET = `mutation($input: ParticipantEducationSetInput!) { participantEducationSet(input: $input) { participant { id educationLevel } userErrors { code } } }`;

async function declare(participantId: string, educationLevel: string) {
  const res = await gatewayQuery(SET, { input: { educationLevel } }, { token: await tokenFor('participant', participantId) });
  expect(res.data!.participantEducationSet).toEqual({ participant: { id: participantId, educationLevel }, userErrors: [] });
}

const start = (cardNumber: string, courseId: string) =>
  partnerRequest(platform, 'StartPurchase', { input: { cardNumber, courseId, invoiceCode: invoice(), amount: PRICE } });

beforeAll(async () => {
  platform = await partnerWithCredential();
});

describe('minimum education at purchaseStart', () => {
  it('refuses a participant who declared none (telling them to complete the profile) or one below the minimum; sells at and above it', async () => {
    const holder = await cardholder();
    const sma = await offeredCourse(platform.partnerId, PRICE, { minimumEducation: 'SMA_SMK' });
    const s1 = await offeredCourse(platform.partnerId, PRICE, { minimumEducation: 'S1' });

    const undeclared = await start(holder.cardNumber, sma);
    expect(undeclared.data!.purchaseStart).toEqual({
      purchase: null,
      userErrors: [
        {
          code: 'NOT_ELIGIBLE',
          message: expect.stringMatching(/at least SMA\/SMK.*complete their profile/),
          field: ['input', 'cardNumber'],
        },
      ],
    });
    await declare(holder.participantId, 'SMP');
    const below = await start(holder.cardNumber, sma);
    expect(below.data!.purchaseStart.userErrors).toEqual([
      {
        code: 'NOT_ELIGIBLE',
        message: 'The course requires an education of at least SMA/SMK (the participant has SMP)',
        field: ['input', 'cardNumber'],
      },
    ]);
    const { rows } = await db().query(`select count(*)::int as n from courses.purchase where participant_id = $1`, [holder.participantId]);
    expect(rows[0].n).toBe(0);
    expect((await walletState(holder.cardNumber)).available).toBe(3_500_000);

    await declare(holder.participantId, 'D3');
    expect((await start(holder.cardNumber, s1)).data!.purchaseStart.userErrors[0].message).toContain(
      'at least S1 (the participant has D3)',
    );
    expect((await start(holder.cardNumber, sma)).data!.purchaseStart.userErrors).toEqual([]);
    // D4 (sarjana terapan) stands level with S1.
    await declare(holder.participantId, 'D4');
    expect((await start(holder.cardNumber, s1)).data!.purchaseStart.userErrors).toEqual([]);
  });

  it('many different participants sending the same document at once are each judged on their own education', async () => {
    const holders = await cardholders(8);
    const courseId = await offeredCourse(platform.partnerId, PRICE, { minimumEducation: 'D3' });
    const levels = holders.map((_, i) => (i % 2 ? 'S2' : 'SMA_SMK'));
    await Promise.all(holders.map((h, i) => declare(h.participantId, levels[i])));
    const answers = await Promise.all(holders.map((h) => start(h.cardNumber, courseId)));
    answers.forEach((a, i) => {
      if (levels[i] === 'S2') expect(a.data!.purchaseStart.userErrors).toEqual([]);
      else
        expect(a.data!.purchaseStart.userErrors[0].message).toBe(
          'The course requires an education of at least D3 (the participant has SMA/SMK)',
        );
    });
  });

  it('registration takes the education optionally; the course shows its requirement; only a registered participant declares', async () => {
    const courseId = await createCourse({ minimumEducation: 'SMA_SMK' });
    expect((await gatewayQuery(`query($id: ID!) { course(id: $id) { minimumEducation } }`, { id: courseId })).data!.course).toEqual({
      minimumEducation: 'SMA_SMK',
    });
    const person = await registerPerson({ educationLevel: 'S1' });
    const me = await gatewayQuery(`{ me { educationLevel } }`, {}, { token: await tokenFor('participant', person.participantId) });
    expect(me.data!.me).toEqual({ educationLevel: 'S1' });
    const anonymous = await gatewayQuery(SET, { input: { educationLevel: 'S1' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const stranger = await gatewayQuery(
      SET,
      { input: { educationLevel: 'S1' } },
      { token: await tokenFor('participant', '00000000-0000-4000-8000-00000000000a') },
    );
    expect(stranger.data!.participantEducationSet.userErrors).toEqual([{ code: 'NOT_REGISTERED' }]);
    const bad = await gatewayQuery(
      SET,
      { input: { educationLevel: 'SMA' } },
      { token: await tokenFor('participant', '00000000-0000-4000-8000-00000000000a') },
    );
    expect(bad.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});
