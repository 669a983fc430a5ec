import { db, gatewayQuery } from '../support/client';
import {
  asAdmin,
  cardholder,
  invoice,
  offeredCourse,
  partnerRequest,
  partnerWithCredential,
  type PartnerCredential,
} from '../support/partner';
import { eventually, webhookReceiver } from '../webhooks/receiver';

/*
 * A failed PERIODIC review of an ACTIVE platform puts it on probation (it keeps selling) with a remediation
 * deadline (PARTNER_PROBATION_DAYS, 30 by default); a passing review before it ends the probation; the stack's
 * own probation job suspends the platform once the deadline passed (the test moves the deadline with SQL); a
 * second failure during probation suspends at once. Each suspension reaches the platform as a
 * partner.status_changed webhook and the gateway refuses its requests from then on.
 */

jest.setTimeout(120_000);

const { issueDevToken } = require('../../dist/common/dev-token') as typeof import('../../common/dev-token');
const PRICE = 150_000;
const DAY = 86_400_000;
const CRITERIA = ['NATIONAL_REACH', 'PAYMENT_INTEGRATION', 'OWN_PORTAL', 'INSTITUTION_COOPERATION'];
const PROBATION = `query($id: ID!) { partner(id: $id) { status probation { id startedAt deadline failedEvaluation { id passed kind } }
  probations { outcome endedAt } statusHistory { toStatus actor reason } } }`;

async function review(partnerId: string, passed: boolean) {
  const criteria = CRITERIA.map((criterion) => ({ criterion, passed: passed || criterion !== 'OWN_PORTAL', note: 'periodic review' }));
  const res = await asAdmin(
    `mutation($input: PartnerEvaluationRecordInput!) { partnerEvaluationRecord(input: $input) { evaluation { id kind passed } partner { status } userErrors { code } } }`,
    { input: { partnerId, provincesReached: 30, criteria } },
  );
  expect(res.partnerEvaluationRecord.userErrors).toEqual([]);
  return res.partnerEvaluationRecord;
}
const probationOf = async (partnerId: string) => (await asAdmin(PROBATION, { id: partnerId })).partner;

async function withEndpoint(credential: PartnerCredential) {
  const receiver = await webhookReceiver();
  const token = await issueDevToken({ role: 'partnerStaff', sub: `staff-${credential.partnerId}`, partnerId: credential.partnerId });
  const set = await gatewayQuery(
    `mutation($input: WebhookEndpointSetInput!) { webhookEndpointSet(input: $input) { endpoint { id } userErrors { code } } }`,
    { input: { partnerId: credential.partnerId, url: receiver.url } },
    { token },
  );
  expect(set.data!.webhookEndpointSet.userErrors).toEqual([]);
  return receiver;
}

describe('probation after a failed periodic review', () => {
  it('a failure opens a probation with a deadline; the platform still sells; a passing review ends it', async () => {
    const platform = await partnerWithCredential();
    const failed = await review(platform.partnerId, false);
    expect(failed).toMatchObject({ evaluation: { kind: 'PERIODIC', passed: false }, partner: { status: 'ACTIVE' } });
    const on = await probationOf(platform.partnerId);
    expect(on.probation.failedEvaluation).toEqual({ id: failed.evaluation.id, passed: false, kind: 'PERIODIC' });
    const days = (Date.parse(on.probation.deadline) - Date.parse(on.probation.startedAt)) / DAY;
    expect(days).toBe(30);

    const holder = await cardholder();
    const courseId = await offeredCourse(platform.partnerId, PRICE);
    const sale = await partnerRequest(platform, 'StartPurchase', {
      input: { cardNumber: holder.cardNumber, courseId, invoiceCode: invoice(), amount: PRICE },
    });
    expect(sale.data!.purchaseStart.userErrors).toEqual([]);

    await review(platform.partnerId, true);
    const off = await probationOf(platform.partnerId);
    expect(off.probation).toBeNull();
    expect(off.probations).toEqual([{ outcome: 'PASSED', endedAt: expect.any(String) }]);
    expect(off.status).toBe('ACTIVE');
  });

  it('the job suspends a platform whose deadline passed without a pass, tells it by webhook, and the gateway refuses it', async () => {
    const platform = await partnerWithCredential();
    const receiver = await withEndpoint(platform);
    try {
      await review(platform.partnerId, false);
      const { probation } = await probationOf(platform.partnerId);
      // Not yet due: the job leaves it alone.
      await new Promise((r) => setTimeout(r, 1000));
      expect((await probationOf(platform.partnerId)).status).toBe('ACTIVE');
      await db().query(
        `update partners.partner_probation set deadline = now() - interval '1 second', started_at = now() - interval '31 days' where id = $1`,
        [probation.id],
      );
      const suspended = await eventually(async () => {
        const p = await probationOf(platform.partnerId);
        return p.status === 'SUSPENDED' ? p : undefined;
      }, 'the probation job to suspend the platform');
      expect(suspended.probation).toBeNull();
      expect(suspended.probations[0].outcome).toBe('SUSPENDED_DEADLINE');
      expect(suspended.statusHistory.at(-1)).toEqual({
        toStatus: 'SUSPENDED',
        actor: 'system:probation',
        reason: 'Probation deadline passed without a passing periodic review',
      });
      const started = await eventually(
        () => receiver.delivered().find((d) => d.type === 'partner.probation_started'),
        'the probation webhook',
      );
      expect(started.data).toMatchObject({
        partnerId: platform.partnerId,
        probationId: probation.id,
        deadline: expect.any(String),
        outcome: null,
      });
      const ended = await eventually(
        () => receiver.delivered().find((d) => d.type === 'partner.probation_ended'),
        'the probation-ended webhook',
      );
      expect(ended.data).toMatchObject({ probationId: probation.id, outcome: 'SUSPENDED_DEADLINE' });
      const notice = await eventually(
        () => receiver.delivered().find((d) => d.type === 'partner.status_changed' && d.data.toStatus === 'SUSPENDED'),
        'the suspension webhook',
      );
      expect(notice.data).toMatchObject({ partnerId: platform.partnerId, fromStatus: 'ACTIVE', toStatus: 'SUSPENDED' });
      const refused = await eventually(async () => {
        const res = await partnerRequest(platform, 'CheckEligibility', { cardNumber: '1234' });
        return res.status === 403 ? res : undefined;
      }, 'the gateway to refuse the suspended platform');
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // Run again: nothing more happens to a platform whose probation ended.
      await new Promise((r) => setTimeout(r, 500));
      expect(
        (await probationOf(platform.partnerId)).statusHistory.filter((s: { toStatus: string }) => s.toStatus === 'SUSPENDED'),
      ).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('a second failed review during probation suspends at once', async () => {
    const platform = await partnerWithCredential();
    await review(platform.partnerId, false);
    const second = await review(platform.partnerId, false);
    expect(second.partner.status).toBe('SUSPENDED');
    const p = await probationOf(platform.partnerId);
    expect(p.probation).toBeNull();
    expect(p.probations).toEqual([{ outcome: 'SUSPENDED_SECOND_FAILURE', endedAt: expect.any(String) }]);
    expect(p.statusHistory.at(-1)).toMatchObject({ toStatus: 'SUSPENDED', actor: 'system:probation' });
    // A SUSPENDED platform's periodic reviews open no probation.
    await review(platform.partnerId, false);
    expect((await probationOf(platform.partnerId)).probation).toBeNull();
  });

  it('a probation of a platform the office suspended meanwhile lapses at its deadline, with no second suspension', async () => {
    const platform = await partnerWithCredential();
    await review(platform.partnerId, false);
    await asAdmin(`mutation($input: PartnerTransitionInput!) { partnerSuspend(input: $input) { userErrors { code } } }`, {
      input: { partnerId: platform.partnerId, reason: 'office decision' },
    });
    await db().query(
      `update partners.partner_probation set deadline = now() - interval '1 second', started_at = now() - interval '31 days' where partner_id = $1`,
      [platform.partnerId],
    );
    const lapsed = await eventually(async () => {
      const p = await probationOf(platform.partnerId);
      return p.probations[0].outcome ? p : undefined;
    }, 'the probation to lapse');
    expect(lapsed.probations[0].outcome).toBe('LEFT_ACTIVE');
    expect(lapsed.statusHistory.at(-1)).toMatchObject({ toStatus: 'SUSPENDED', actor: 'test-pmo-admin' });
  });

  it('the probation is not public: the office and the platform’s own staff see it, another platform’s staff do not', async () => {
    const [platform, other] = await Promise.all([partnerWithCredential(), partnerWithCredential()]);
    await review(platform.partnerId, false);
    const QUERY = `query($id: ID!) { partner(id: $id) { name probation { deadline } } }`;
    const anonymous = await gatewayQuery(QUERY, { id: platform.partnerId });
    expect(anonymous.data!.partner).toEqual({ name: expect.any(String), probation: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const staff = (partnerId: string) => issueDevToken({ role: 'partnerStaff', sub: `staff-${partnerId}`, partnerId });
    const own = await gatewayQuery(QUERY, { id: platform.partnerId }, { token: await staff(platform.partnerId) });
    expect(own.errors).toBeUndefined();
    expect(own.data!.partner.probation.deadline).toEqual(expect.any(String));
    const stranger = await gatewayQuery(QUERY, { id: platform.partnerId }, { token: await staff(other.partnerId) });
    expect(stranger.data!.partner.probation).toBeNull();
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
