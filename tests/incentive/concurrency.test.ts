import type { MikroORM } from '@mikro-orm/postgresql';
import { db, gatewayQuery, tokenFor } from '../support/client';
import { createPartner } from '../courses/fixtures';
import { cardholders, type Cardholder } from '../support/partner';
import { completedEnrollment, eventually, INCENTIVE, newAccountNumber, review, transfersTo } from './support';

/*
 * Payout senders racing (two in this process beside the participants subgraph's own job): no payout is sent
 * twice. Then the participants read their incentive with the same document at once: each sees only their own.
 */

const { createParticipantsOrm } = require('../../dist/subgraphs/participants/orm') as typeof import('../../subgraphs/participants/orm');
const { sendDuePayouts } =
  require('../../dist/subgraphs/participants/payout/payout-sender') as typeof import('../../subgraphs/participants/payout/payout-sender');
const { HttpDisbursementProvider } =
  require('../../dist/subgraphs/participants/payout/disbursement-provider') as typeof import('../../subgraphs/participants/payout/disbursement-provider');

const PEOPLE = 8;
let orm: MikroORM;
let holders: Cardholder[];
const accounts = new Map<string, string>();

beforeAll(async () => {
  orm = await createParticipantsOrm(process.env.TEST_DATABASE_URL!);
  const partnerId = await createPartner();
  holders = await cardholders(PEOPLE);
  // Owed and reviewed, but without an account: PENDING and not yet claimable by any sender.
  await Promise.all(
    holders.map(async (h) => {
      const enrollmentId = await completedEnrollment(h, partnerId);
      expect((await review(h.participantId, enrollmentId)).userErrors).toEqual([]);
      await eventually(h.participantId, (i) => i.payouts[0]?.status === 'PENDING');
      accounts.set(h.participantId, newAccountNumber());
    }),
  );
});
afterAll(async () => {
  await orm.close();
});

describe('incentive concurrency', () => {
  it('never sends a payout twice when senders race for the same due payouts', async () => {
    // Every payout becomes claimable in one statement (the accounts, as verified by an earlier KYC check).
    await db().query(
      `insert into participants.payout_account (participant_id, kind, provider, account_number, holder_name, nik_matched, checked_at, created_at)
       select x.id::uuid, 'EWALLET', 'DANA', x.number, 'Uji', true, now(), now() from jsonb_to_recordset($1::jsonb) as x(id text, number text)`,
      [JSON.stringify([...accounts].map(([id, number]) => ({ id, number })))],
    );
    const provider = new HttpDisbursementProvider(process.env.TEST_DISBURSEMENT_URL!, 5_000);
    const options = { batchSize: 3, leaseMs: 15_000, maxAttempts: 4, retryBaseMs: 100, retryMaxMs: 800 };
    const runs = await Promise.all(Array.from({ length: 4 }, () => sendDuePayouts(orm.em.fork(), provider, options)));
    expect(runs.every((n) => n >= 0)).toBe(true);
    for (const h of holders) {
      const done = await eventually(h.participantId, (i) => i.payouts[0]?.status === 'PAID');
      expect(done.ledger).toHaveLength(1);
      expect(await transfersTo(accounts.get(h.participantId)!)).toEqual([
        { reference: done.payouts[0].reference, requests: 1, executions: 1, amount: 600_000 },
      ]);
    }
  });

  it('many participants reading their incentive with the same document at once see only their own', async () => {
    const tokens = await Promise.all(holders.map((h) => tokenFor('participant', h.participantId)));
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(tokens.map((token) => gatewayQuery(INCENTIVE, {}, { token })));
      answers.forEach((res, i) => {
        const { participantId } = holders[i];
        expect(res.errors).toBeUndefined();
        expect(res.data!.me.id).toBe(participantId);
        const own = participantId.replaceAll('-', '');
        expect(res.data!.me.incentive.payouts.map((p: { reference: string }) => p.reference)).toEqual([`INC-${own}-TRAINING`]);
        expect(res.data!.me.payoutAccount.accountNumberMasked.slice(-4)).toBe(accounts.get(participantId)!.slice(-4));
        for (const other of holders.filter((h) => h.participantId !== participantId))
          expect(JSON.stringify(res.data)).not.toContain(other.participantId.replaceAll('-', ''));
      });
    }
  });
});
