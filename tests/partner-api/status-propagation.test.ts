import { asAdmin, partnerRequest, partnerWithCredential, setPartnerActive, type PartnerCredential } from '../support/partner';
import { startGateway } from '../security/support';

/*
 * A status change reaches every gateway replica well within their credential cache time: two gateways that cache
 * for 60 s each poll the partners subgraph's access version and drop their cache when it moves. Termination
 * revokes the platform's credentials in the same transaction as the status.
 */

jest.setTimeout(120_000);

const CHECK = 'CheckEligibility';
const VARS = { cardNumber: '1234' };
const CACHE_SECONDS = 60;

let replicas: Array<{ url: string; close(): Promise<void> }>;
beforeAll(async () => {
  const env = { GATEWAY_PARTNER_CACHE_SECONDS: String(CACHE_SECONDS), GATEWAY_PARTNER_VERSION_POLL_MS: '500' };
  replicas = [await startGateway(env), await startGateway(env)];
});
afterAll(async () => {
  for (const replica of replicas) await replica.close();
});

const statusesAt = async (p: PartnerCredential) =>
  Promise.all(replicas.map(async ({ url }) => (await partnerRequest(p, CHECK, VARS, { url })).status));

/** Polls until every replica answers `status`; fails if that takes as long as the cache would hold a stale answer. */
async function everyReplicaAnswers(p: PartnerCredential, status: number): Promise<void> {
  const until = Date.now() + (CACHE_SECONDS / 2) * 1000;
  while ((await statusesAt(p)).some((s) => s !== status)) {
    if (Date.now() > until) throw new Error(`not every replica answers ${status} within ${CACHE_SECONDS / 2} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('partner status at the gateway', () => {
  it('a suspension and a reinstatement reach every replica though each caches credentials for 60 s', async () => {
    const p = await partnerWithCredential();
    await everyReplicaAnswers(p, 200); // cached on both now
    await setPartnerActive(p.partnerId, false);
    await everyReplicaAnswers(p, 403);
    await setPartnerActive(p.partnerId, true);
    await everyReplicaAnswers(p, 200);
  });

  it('termination revokes every credential of the platform, and the replicas refuse its signatures', async () => {
    const p = await partnerWithCredential();
    await everyReplicaAnswers(p, 200);
    const { partnerTerminate } = await asAdmin(
      `mutation($input: PartnerTransitionInput!) { partnerTerminate(input: $input) { partner { status credentials { revokedAt keys { revokedAt } } } userErrors { code } } }`,
      { input: { partnerId: p.partnerId, reason: 'contract ended' } },
    );
    expect(partnerTerminate.userErrors).toEqual([]);
    expect(partnerTerminate.partner.status).toBe('TERMINATED');
    expect(partnerTerminate.partner.credentials.length).toBeGreaterThan(0);
    for (const credential of partnerTerminate.partner.credentials) {
      expect(credential.revokedAt).not.toBeNull();
      for (const key of credential.keys) expect(key.revokedAt).not.toBeNull();
    }
    await everyReplicaAnswers(p, 401);
  });
});
