import {
  asAdmin,
  cardholder,
  invoice,
  offer,
  offeredCourse,
  partnerRequest,
  partnerWithCredential,
  readOtp,
  type Cardholder,
  type PartnerCredential,
} from '../support/partner';
import { subgraphQuery } from '../support/client';

/*
 * One person buys on two platforms. Each platform knows them by a reference of its own (stable on all its
 * enrollments of that person, different from the other platform's), never by the programme-wide participant id,
 * and no answer to a platform carries a digit of the NIK, masked or not. The office still sees the record.
 */

jest.setTimeout(120_000);

const PRICE = 400_000;
let holder: Cardholder;
let platforms: PartnerCredential[];
/** Enrollment ids per platform: two on the first, one on the second. */
const sales = new Map<PartnerCredential, string[]>();
const responses: string[] = [];

async function buy(platform: PartnerCredential, courseId: string): Promise<string> {
  const started = await partnerRequest(platform, 'StartPurchase', {
    input: { cardNumber: holder.cardNumber, courseId, invoiceCode: invoice(), amount: PRICE },
  });
  if (!started.data?.purchaseStart.purchase) throw new Error(started.text);
  const authorized = await partnerRequest(platform, 'AuthorizePurchase', {
    input: { purchaseId: started.data!.purchaseStart.purchase.id, otp: await readOtp(holder.participantId) },
  });
  responses.push(started.text, authorized.text);
  return authorized.data!.purchaseAuthorize.enrollment.id;
}

/** Asked of the courses subgraph as the gateway signs a platform's request (the gateway itself takes only the contract). */
const asPlatform = (platform: PartnerCredential, query: string, variables: Record<string, unknown>) =>
  subgraphQuery('courses', query, variables, { role: 'partner', partnerId: platform.partnerId, subject: platform.clientId });

const ENROLLMENT = `query($id: ID!) { enrollment(id: $id) { id participantReference participant { id } } }`;

beforeAll(async () => {
  platforms = [await partnerWithCredential(), await partnerWithCredential()];
  holder = await cardholder(3_500_000);
  // A person holds one enrollment per course: three courses, the third sold by both platforms.
  const [first, second, third] = [
    await offeredCourse(platforms[0].partnerId, PRICE),
    await offeredCourse(platforms[0].partnerId, PRICE),
    await offeredCourse(platforms[1].partnerId, PRICE),
  ];
  await offer(third, platforms[0].partnerId, PRICE);
  sales.set(platforms[0], [await buy(platforms[0], first), await buy(platforms[0], second)]);
  sales.set(platforms[1], [await buy(platforms[1], third)]);
});

describe('per-platform participant reference', () => {
  it('is stable within a platform, differs across platforms, and the participant itself is FORBIDDEN', async () => {
    const referencesOf = async (platform: PartnerCredential) => {
      const refs: string[] = [];
      for (const id of sales.get(platform)!) {
        const res = await asPlatform(platform, ENROLLMENT, { id });
        responses.push(JSON.stringify(res));
        expect(res.data?.enrollment).toMatchObject({ id, participant: null });
        expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['enrollment', 'participant'], 'FORBIDDEN']]);
        refs.push(res.data!.enrollment.participantReference);
      }
      return refs;
    };
    const [a1, a2] = await referencesOf(platforms[0]);
    const [b1] = await referencesOf(platforms[1]);
    expect(a1).toMatch(/^pr_[A-Za-z0-9_-]{32}$/);
    expect(a2).toBe(a1);
    expect(b1).toMatch(/^pr_[A-Za-z0-9_-]{32}$/);
    expect(b1).not.toBe(a1);
    expect(a1).not.toContain(holder.participantId);
  });

  it('the participants subgraph resolves no Participant for a platform, not even the masked NIK', async () => {
    const res = await subgraphQuery(
      'participants',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Participant { id nikMasked gender provinceCode } } }`,
      { r: [{ __typename: 'Participant', id: holder.participantId }] },
      { role: 'partner', partnerId: platforms[0].partnerId, subject: platforms[0].clientId },
    );
    responses.push(JSON.stringify(res));
    expect(res.data?._entities).toEqual([null]);
  });

  it('the office keeps the participant and sees each platform’s reference', async () => {
    const data = await asAdmin<{ enrollments: { edges: Array<{ node: Record<string, any> }> } }>(
      `query($participantId: ID) { enrollments(first: 10, participantId: $participantId) { edges { node { id participantReference platform { id } participant { id nikMasked } } } } }`,
      { participantId: holder.participantId },
    );
    const nodes = data.enrollments.edges.map((e) => e.node);
    expect(nodes).toHaveLength(3);
    for (const node of nodes) expect(node.participant).toEqual({ id: holder.participantId, nikMasked: expect.stringMatching(/\*{8}/) });
    const byPlatform = new Map(nodes.map((n) => [n.platform.id, n.participantReference]));
    expect(byPlatform.size).toBe(2);
    expect(new Set(nodes.map((n) => n.participantReference)).size).toBe(2);
  });

  it('no answer to either platform carries the participant id or a digit group of the NIK', async () => {
    for (const platform of platforms) {
      const list = await partnerRequest(platform, 'PartnerEnrollments', { first: 10 });
      responses.push(list.text);
      expect(list.data?.partnerEnrollments.totalCount).toBe(sales.get(platform)!.length);
      responses.push((await partnerRequest(platform, 'CheckEligibility', { cardNumber: holder.cardNumber })).text);
    }
    expect(responses.length).toBeGreaterThan(10);
    const nik = holder.nik;
    for (const text of responses) {
      for (const secret of [holder.participantId, nik, nik.slice(0, 6), nik.slice(6, 12), nik.slice(-6), `${nik.slice(0, 4)}****`])
        expect(text).not.toContain(secret);
    }
  });
});
