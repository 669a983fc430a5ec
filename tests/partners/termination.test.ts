import { db, gatewayQuery, subgraphQuery } from '../support/client';
import {
  asAdmin,
  cardholder,
  invoice,
  offeredCourse,
  partnerRequest,
  partnerWithCredential,
  queryText,
  readOtp,
  setPartnerActive,
  walletState,
} from '../support/partner';
import { eventually } from '../webhooks/receiver';

/*
 * Terminating a platform withdraws its offerings: the courses subgraph reads partner.status_changed from the
 * partners feed (durable cursor) and marks them withdrawn, once. They leave the public catalogue and cannot be
 * bought; the office sees when and why. A purchase in flight is refused at authorize. Suspension only stops the
 * platform's requests at the gateway: its offerings stay.
 */

jest.setTimeout(120_000);

const PRICE = 400_000;
const WITHDRAWN = `query($partnerId: ID!, $withdrawn: Boolean) { offerings(partnerId: $partnerId, first: 10, withdrawn: $withdrawn) {
  totalCount edges { node { active course { id } withdrawal { at reason } } } } }`;
const PUBLIC = `query($id: ID!) { course(id: $id) { offerings(first: 10) { edges { node { platform { id } } } } } }`;
const PARTNER_OFFERINGS = `query($id: ID!) { partner(id: $id) { status offerings(first: 10) { totalCount } } }`;

const terminate = (partnerId: string) =>
  asAdmin(`mutation($input: PartnerTransitionInput!) { partnerTerminate(input: $input) { partner { status } userErrors { code } } }`, {
    input: { partnerId, reason: 'MoU breached: test' },
  });

describe('termination withdraws offerings', () => {
  it('withdraws every offering once, refuses the purchase in flight at authorize and gives the hold back', async () => {
    const platform = await partnerWithCredential();
    const holder = await cardholder();
    const [first, second] = [await offeredCourse(platform.partnerId, PRICE), await offeredCourse(platform.partnerId, PRICE)];
    const started = await partnerRequest(platform, 'StartPurchase', {
      input: { cardNumber: holder.cardNumber, courseId: first, invoiceCode: invoice(), amount: PRICE },
    });
    const purchaseId = started.data!.purchaseStart.purchase.id as string;
    expect((await walletState(holder.cardNumber)).available).toBe(3_500_000 - PRICE);

    expect((await terminate(platform.partnerId)).partnerTerminate.userErrors).toEqual([]);
    const withdrawn = await eventually(async () => {
      const page = (await asAdmin(WITHDRAWN, { partnerId: platform.partnerId, withdrawn: true })).offerings;
      return page.totalCount === 2 ? page : undefined;
    }, 'the offerings to be withdrawn');
    for (const { node } of withdrawn.edges)
      expect(node).toMatchObject({ active: false, withdrawal: { at: expect.any(String), reason: 'PARTNER_TERMINATED' } });
    expect((await asAdmin(WITHDRAWN, { partnerId: platform.partnerId, withdrawn: false })).offerings.totalCount).toBe(0);

    // Not in the public catalogue, not on the platform's public page.
    for (const courseId of [first, second]) {
      const res = await gatewayQuery(PUBLIC, { id: courseId });
      expect(res.data!.course.offerings.edges.map((e: { node: { platform: { id: string } } }) => e.node.platform.id)).not.toContain(
        platform.partnerId,
      );
    }
    expect((await gatewayQuery(PARTNER_OFFERINGS, { id: platform.partnerId })).data!.partner.offerings.totalCount).toBe(0);

    // Within its cache window (a second or two) the gateway may still let the platform in: then the courses
    // subgraph refuses the purchase in flight itself. After it, the revoked credentials are refused at the gateway
    // and the same request, signed straight to the subgraph, gets the same refusal.
    const otp = await readOtp(holder.participantId);
    const refusal = {
      enrollment: null,
      userErrors: [{ code: 'COURSE_NOT_OFFERED', message: expect.stringContaining('withdrawn'), field: null }],
    };
    const viaGateway = await partnerRequest(platform, 'AuthorizePurchase', { input: { purchaseId, otp } });
    if (viaGateway.status === 200) expect(viaGateway.data!.purchaseAuthorize).toEqual(refusal);
    else {
      expect([401, 403]).toContain(viaGateway.status);
      const identity = { role: 'partner' as const, partnerId: platform.partnerId, subject: platform.clientId };
      const direct = await subgraphQuery('courses', queryText('AuthorizePurchase'), { input: { purchaseId, otp } }, identity);
      expect(direct.data!.purchaseAuthorize).toEqual(refusal);
    }
    expect((await walletState(holder.cardNumber)).available).toBe(3_500_000);
    const { rows } = await db().query(`select status from courses.purchase where id = $1`, [purchaseId]);
    expect(rows[0].status).toBe('EXPIRED');
    // offeringSet cannot put a terminated platform's course back on sale.
    const again = await subgraphQuery(
      'courses',
      `mutation($input: OfferingSetInput!) { offeringSet(input: $input) { userErrors { code } } }`,
      {
        input: { courseId: first, partnerId: platform.partnerId, price: PRICE },
      },
    );
    expect(again.data!.offeringSet.userErrors).toEqual([{ code: 'PARTNER_TERMINATED' }]);
  });

  it('reading the feed again from the start withdraws nothing twice (the first record stands)', async () => {
    const platform = await partnerWithCredential();
    await offeredCourse(platform.partnerId, PRICE);
    await terminate(platform.partnerId);
    const before = await eventually(async () => {
      const page = (await asAdmin(WITHDRAWN, { partnerId: platform.partnerId, withdrawn: true })).offerings;
      return page.totalCount === 1 ? page.edges[0].node.withdrawal.at : undefined;
    }, 'the offering to be withdrawn');
    await db().query(`update courses.partner_feed_cursor set position = '0:0' where source = 'partners'`);
    await eventually(async () => {
      const { rows } = await db().query(`select position from courses.partner_feed_cursor where source = 'partners'`);
      return rows[0].position !== '0:0' || undefined;
    }, 'the feed to be read again');
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await asAdmin(WITHDRAWN, { partnerId: platform.partnerId, withdrawn: true })).offerings;
    expect(after.totalCount).toBe(1);
    expect(after.edges[0].node.withdrawal.at).toBe(before);
  });

  it('suspension keeps the offerings listed but the platform cannot sell', async () => {
    const platform = await partnerWithCredential();
    const holder = await cardholder();
    const courseId = await offeredCourse(platform.partnerId, PRICE);
    await setPartnerActive(platform.partnerId, false);
    const start = () =>
      partnerRequest(platform, 'StartPurchase', {
        input: { cardNumber: holder.cardNumber, courseId, invoiceCode: invoice(), amount: PRICE },
      });
    const refused = await eventually(async () => {
      const res = await start();
      return res.status === 403 ? res : undefined;
    }, 'the suspension to reach the gateway');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await gatewayQuery(PARTNER_OFFERINGS, { id: platform.partnerId })).data!.partner).toEqual({
      status: 'SUSPENDED',
      offerings: { totalCount: 1 },
    });
    expect((await asAdmin(WITHDRAWN, { partnerId: platform.partnerId, withdrawn: true })).offerings.totalCount).toBe(0);
  });
});
