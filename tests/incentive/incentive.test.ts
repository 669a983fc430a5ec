import { db, gatewayQuery, subgraphQuery, tokenFor } from '../support/client';
import { createCourse, createPartner, insertSale } from '../courses/fixtures';
import { buyAttendComplete } from '../support/journey';
import { cardholder, cardholders, partnerWithCredential, type PartnerCredential } from '../support/partner';
import {
  behave,
  eventually,
  incentiveOf,
  INCENTIVE,
  ledgerRows,
  newAccountNumber,
  payableWithAccount,
  registerAccount,
  review,
  sleep,
  someoneElsesNik,
  transfersTo,
} from './support';

/*
 * The post-training incentive through the gateway: owed after completion and a review, paid to a verified
 * account through the simulated disbursement provider (its own process), whatever the provider does.
 */

const SURVEY = `mutation($input: SurveyResponseSubmitInput!) {
  surveyResponseSubmit(input: $input) { response { survey answers } payout { kind survey status amount { amount } } userErrors { code } }
}`;
const survey = async (participantId: string, input: Record<string, unknown>) => {
  const res = await gatewayQuery(SURVEY, { input }, { token: await tokenFor('participant', participantId) });
  expect(res.errors).toBeUndefined();
  return res.data!.surveyResponseSubmit as {
    payout: { kind: string; amount: { amount: number } } | null;
    userErrors: Array<{ code: string }>;
  };
};
const codes = (payload: { userErrors: Array<{ code: string }> }) => payload.userErrors.map((e) => e.code);
const paid = (i: { payouts: Array<{ status: string }> }, n = 1) => i.payouts.length === n && i.payouts.every((p) => p.status === 'PAID');

let credential: PartnerCredential;
let partnerId: string;
beforeAll(async () => {
  credential = await partnerWithCredential();
  partnerId = await createPartner();
});

describe('incentive', () => {
  it('pays a completed and reviewed course to the verified account once: payout, inbox, ledger, event; surveys pay the extra', async () => {
    const holder = await cardholder();
    const account = newAccountNumber();
    const enrollmentId = await buyAttendComplete(credential, holder.participantId, holder.cardNumber, async (ongoing) => {
      // Rating before completion is refused.
      expect(codes(await review(holder.participantId, ongoing))).toEqual(['NOT_COMPLETED']);
    });
    expect((await registerAccount(holder.participantId, account, holder.nik)).payoutAccount).toMatchObject({
      kind: 'EWALLET',
      provider: 'GOPAY',
      nikMatched: true,
      accountNumberMasked: `${'•'.repeat(account.length - 4)}${account.slice(-4)}`,
    });
    // Completed with an account, but not reviewed: owed nothing yet, and nothing is sent.
    const waiting = await eventually(holder.participantId, (i) => i.status === 'AWAITING_REVIEW');
    await sleep(600);
    expect(await incentiveOf(holder.participantId)).toMatchObject({ status: 'AWAITING_REVIEW', payouts: [], ledger: [] });
    expect(waiting.amount).toEqual({ amount: 600_000 });
    expect(codes(await survey(holder.participantId, { survey: 'TRAINING_EVALUATION', answers: [5, 4, 5] }))).toEqual(['NOT_ELIGIBLE']);
    expect(await transfersTo(account)).toEqual([]);

    expect((await review(holder.participantId, enrollmentId)).userErrors).toEqual([]);
    const done = await eventually(holder.participantId, (i) => i.status === 'PAID' && paid(i));
    expect(done.payouts).toEqual([
      expect.objectContaining({
        kind: 'TRAINING',
        survey: null,
        status: 'PAID',
        attempts: 1,
        lastError: null,
        amount: { amount: 600_000 },
      }),
    ]);
    expect(done.ledger).toEqual([
      { payoutId: done.payouts[0].id, kind: 'TRAINING', reference: done.payouts[0].reference, amount: { amount: 600_000 } },
    ]);
    expect(done.paidAmount).toEqual({ amount: 600_000 });
    expect(await transfersTo(account)).toEqual([{ reference: done.payouts[0].reference, requests: 1, executions: 1, amount: 600_000 }]);
    const inbox = await gatewayQuery(
      `{ me { inbox(first: 20, kind: INCENTIVE_PAID) { edges { node { body } } } } }`,
      {},
      {
        token: await tokenFor('participant', holder.participantId),
      },
    );
    expect(inbox.data!.me.inbox.edges.map((e: { node: { body: string } }) => e.node.body)).toEqual([expect.stringContaining('Rp600.000')]);
    const { rows: events } = await db().query(
      `select payload from participants.outbox_event where type = 'incentive.paid' and payload->>'participantId' = $1`,
      [holder.participantId],
    );
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ kind: 'TRAINING', amount: '600000' })]);
    // Analytics hears of the status (INCENTIVES_PAID counts it) from the participant's own event.
    for (let i = 0; i < 100; i++) {
      const { rows } = await db().query(`select incentive_status from analytics.participant_dim where participant_id = $1`, [
        holder.participantId,
      ]);
      if (rows[0]?.incentive_status === 'PAID') break;
      if (i === 99) throw new Error(`analytics never saw the incentive paid: ${JSON.stringify(rows)}`);
      await sleep(100);
    }

    // Surveys: bad answers change nothing; one answer per survey, even sent five times at once; each pays Rp50,000.
    expect(codes(await survey(holder.participantId, { survey: 'TRAINING_EVALUATION', answers: [5, 9, 5] }))).toEqual(['INVALID_ANSWERS']);
    expect(codes(await survey(holder.participantId, { survey: 'TRAINING_EVALUATION', answers: [5] }))).toEqual(['INVALID_ANSWERS']);
    const first = await survey(holder.participantId, { survey: 'TRAINING_EVALUATION', answers: [5, 4, 5] });
    expect(first).toMatchObject({ payout: { kind: 'SURVEY', amount: { amount: 50_000 } }, userErrors: [] });
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => survey(holder.participantId, { survey: 'EMPLOYMENT_STATUS', answers: [4, 3] })),
    );
    expect(racing.map(codes).sort()).toEqual([[], ['ALREADY_ANSWERED'], ['ALREADY_ANSWERED'], ['ALREADY_ANSWERED'], ['ALREADY_ANSWERED']]);
    expect(codes(await survey(holder.participantId, { survey: 'TRAINING_EVALUATION', answers: [1, 1, 1] }))).toEqual(['ALREADY_ANSWERED']);
    const all = await eventually(holder.participantId, (i) => paid(i, 3) && i.ledger.length === 3);
    expect(all.paidAmount).toEqual({ amount: 700_000 });
    expect(all.owedAmount).toEqual({ amount: 700_000 });
    expect(all.surveys.map((s) => s.response?.answers)).toEqual([
      [5, 4, 5],
      [4, 3],
    ]);
    expect((await transfersTo(account)).map((t) => t.executions)).toEqual([1, 1, 1]);

    // The office sees the same (recorded with its purpose); another participant, an analyst and a platform do not.
    const office = await gatewayQuery(
      `query($id: ID!) { participant(id: $id) { incentive { status paidAmount { amount } payouts { status } } payoutAccount { provider } } }`,
      { id: holder.participantId },
      { token: await tokenFor('admin'), headers: { 'x-purpose': 'Incentive complaint' } },
    );
    expect(office.data!.participant).toEqual({
      incentive: { status: 'PAID', paidAmount: { amount: 700_000 }, payouts: [{ status: 'PAID' }, { status: 'PAID' }, { status: 'PAID' }] },
      payoutAccount: { provider: 'GOPAY' },
    });
    for (const identity of [
      { role: 'analyst', subject: 'test-analyst' },
      { role: 'partner', subject: credential.partnerId },
      { role: 'participant', subject: (await cardholder()).participantId },
    ] as const) {
      const res = await subgraphQuery(
        'participants',
        `query($id: ID!) { participant(id: $id) { incentive { status } payoutAccount { provider } } }`,
        {
          id: holder.participantId,
        },
        identity,
      );
      expect(JSON.stringify(res.data ?? null)).not.toContain('PAID');
      const list = await subgraphQuery('participants', `{ payouts(first: 5) { totalCount } }`, {}, identity);
      expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a review read from the feed before the completion call arrives makes the incentive DUE with the completion', async () => {
    const holder = await cardholder();
    const courseId = await createCourse({ sessionCount: 1 });
    const sale = await insertSale({ partnerId, courseId, participantId: holder.participantId, status: 'COMPLETED', attendedSessions: 1 });
    // Marked recorded so that the courses reconciler stays off it: this test makes the completion call itself, late.
    await db().query(`update courses.enrollment set completed_at = now(), completion_recorded = true where id = $1`, [sale.enrollmentId]);
    const reviewed = await review(holder.participantId, sale.enrollmentId);
    expect(reviewed.userErrors).toEqual([]);
    for (let i = 0; ; i++) {
      const { rows } = await db().query(`select 1 from participants.incentive_review where review_id = $1`, [reviewed.review!.id]);
      if (rows.length) break;
      if (i === 100) throw new Error('the review never arrived from the courses feed');
      await sleep(100);
    }
    expect(await incentiveOf(holder.participantId)).toMatchObject({ status: 'NOT_DUE', payouts: [] });
    const res = await subgraphQuery(
      'participants',
      `mutation($input: ParticipantCompletionRecordInput!) { participantCompletionRecord(input: $input) }`,
      { input: { participantId: holder.participantId, enrollmentId: sale.enrollmentId, completedAt: new Date().toISOString() } },
      { role: 'service', subject: 'courses' },
    );
    expect(res.errors).toBeUndefined();
    const due = await incentiveOf(holder.participantId);
    expect(due).toMatchObject({ status: 'DUE', payouts: [expect.objectContaining({ kind: 'TRAINING', status: 'PENDING' })] });
  });

  it('refuses an account whose holder’s NIK is not the participant’s, storing nothing; and malformed or unknown accounts', async () => {
    const holder = await cardholder();
    const account = newAccountNumber();
    const refused = await registerAccount(holder.participantId, account, someoneElsesNik());
    expect(refused).toEqual({ payoutAccount: null, userErrors: [{ code: 'NIK_MISMATCH', field: ['input', 'accountNumber'] }] });
    const token = await tokenFor('participant', holder.participantId);
    const register = (input: Record<string, unknown>) =>
      gatewayQuery(
        `mutation($input: PayoutAccountRegisterInput!) { payoutAccountRegister(input: $input) { userErrors { code } } }`,
        { input },
        { token },
      );
    expect((await register({ kind: 'EWALLET', provider: 'OVO', accountNumber: '12ab' })).data!.payoutAccountRegister.userErrors).toEqual([
      { code: 'INVALID_ACCOUNT_NUMBER' },
    ]);
    expect((await register({ kind: 'BANK', provider: 'DANA', accountNumber: account })).data!.payoutAccountRegister.userErrors).toEqual([
      { code: 'PROVIDER_KIND_MISMATCH' },
    ]);
    expect(
      (await register({ kind: 'EWALLET', provider: 'OVO', accountNumber: newAccountNumber() })).data!.payoutAccountRegister.userErrors,
    ).toEqual([{ code: 'ACCOUNT_NOT_FOUND' }]);
    const { rows } = await db().query(`select count(*)::int as n from participants.payout_account where participant_id = $1`, [
      holder.participantId,
    ]);
    expect(rows[0].n).toBe(0);
    expect((await gatewayQuery(INCENTIVE, {}, { token })).data!.me.payoutAccount).toBeNull();
    // A signed-up caller with no record yet (any token subject) is refused, not failed.
    const stranger = { token: await tokenFor('participant', 'signup|no-record-yet') };
    const noRecord = await gatewayQuery(
      `mutation($input: PayoutAccountRegisterInput!) { payoutAccountRegister(input: $input) { userErrors { code } } }`,
      { input: { kind: 'EWALLET', provider: 'OVO', accountNumber: account } },
      stranger,
    );
    expect(noRecord.data!.payoutAccountRegister.userErrors).toEqual([{ code: 'ACCOUNT_NOT_FOUND' }]);
    const noSurvey = await gatewayQuery(SURVEY, { input: { survey: 'EMPLOYMENT_STATUS', answers: [3, 3] } }, stranger);
    expect(noSurvey.data!.surveyResponseSubmit.userErrors).toEqual([{ code: 'NOT_ELIGIBLE' }]);
    // A bank account in the holder's own name is accepted, with when the NIK was checked.
    const bank = await registerAccount(holder.participantId, '0021009876543', holder.nik, 'BRI');
    expect(bank.payoutAccount).toMatchObject({ kind: 'BANK', provider: 'BRI', nikMatched: true, checkedAt: expect.any(String) });
  });

  it('retries a failing provider with backoff and the same reference until it pays, once; FAILED after the last attempt, then the office retries', async () => {
    const [recovering, failing] = await cardholders(2);
    const account = await payableWithAccount(recovering, partnerId, (n) => behave(n, 'fail', 2));
    const done = await eventually(recovering.participantId, (i) => paid(i));
    expect(done.payouts[0]).toMatchObject({ status: 'PAID', attempts: 3 });
    expect(await transfersTo(account)).toEqual([{ reference: done.payouts[0].reference, requests: 3, executions: 1, amount: 600_000 }]);
    expect(await ledgerRows(recovering.participantId)).toHaveLength(1);

    // Four failures (the test stack's PARTICIPANTS_PAYOUT_MAX_ATTEMPTS): FAILED, and listed for the office.
    const failingAccount = await payableWithAccount(failing, partnerId, (n) => behave(n, 'fail', 4));
    // Both, as the status and the payouts are separate reads of one response (read committed): one may see the other's commit.
    const failed = await eventually(failing.participantId, (i) => i.status === 'FAILED' && i.payouts[0]?.status === 'FAILED');
    expect(failed).toMatchObject({ status: 'FAILED', ledger: [] });
    expect(failed.payouts[0]).toMatchObject({ attempts: 4, lastError: expect.stringContaining('503') });
    const admin = { token: await tokenFor('admin'), headers: { 'x-purpose': 'Payout follow-up' } };
    const listed = await gatewayQuery(
      `{ payouts(first: 100, status: FAILED) { edges { node { id reference participant { id } } } } }`,
      {},
      admin,
    );
    expect(listed.data!.payouts.edges.map((e: any) => e.node)).toContainEqual({
      id: failed.payouts[0].id,
      reference: failed.payouts[0].reference,
      participant: { id: failing.participantId },
    });
    const RETRY = `mutation($input: PayoutRetryInput!) { payoutRetry(input: $input) { payout { status attempts } userErrors { code } } }`;
    const asParticipant = await gatewayQuery(
      RETRY,
      { input: { id: failed.payouts[0].id } },
      { token: await tokenFor('participant', failing.participantId) },
    );
    expect(asParticipant.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gatewayQuery(RETRY, { input: { id: done.payouts[0].id } }, admin)).data!.payoutRetry.userErrors).toEqual([
      { code: 'NOT_FAILED' },
    ]);
    expect((await gatewayQuery(RETRY, { input: { id: 'nope' } }, admin)).data!.payoutRetry.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const retried = await gatewayQuery(RETRY, { input: { id: failed.payouts[0].id } }, admin);
    expect(retried.data!.payoutRetry.userErrors).toEqual([]);
    const after = await eventually(failing.participantId, (i) => i.status === 'PAID' && paid(i));
    expect(after.ledger).toHaveLength(1);
    expect(await transfersTo(failingAccount)).toEqual([
      { reference: after.payouts[0].reference, requests: 5, executions: 1, amount: 600_000 },
    ]);
  });

  it('a timed-out transfer that happened is retried with the same reference and paid once', async () => {
    const holder = await cardholder();
    const account = await payableWithAccount(holder, partnerId, (n) => behave(n, 'timeout', 1));
    const done = await eventually(holder.participantId, (i) => paid(i));
    expect(done.payouts[0]).toMatchObject({ attempts: 2, lastError: expect.stringContaining('no answer within') });
    expect(await transfersTo(account)).toEqual([{ reference: done.payouts[0].reference, requests: 2, executions: 1, amount: 600_000 }]);
    expect(await ledgerRows(holder.participantId)).toHaveLength(1);
  });

  it('a provider answering twice (a late first answer after the retry’s) makes one ledger entry, one message, one event', async () => {
    const holder = await cardholder();
    const account = await payableWithAccount(holder, partnerId, (n) => behave(n, 'twice', 1));
    const done = await eventually(holder.participantId, (i) => paid(i));
    expect(done.payouts[0].attempts).toBe(2);
    await sleep(3_000); // the first request's answer arrives (DISBURSEMENT_SIM_LATE_MS after it was sent) and is applied too
    expect(await transfersTo(account)).toEqual([{ reference: done.payouts[0].reference, requests: 2, executions: 1, amount: 600_000 }]);
    expect(await ledgerRows(holder.participantId)).toHaveLength(1);
    const { rows } = await db().query(
      `select (select count(*)::int from participants.inbox_message where participant_id = $1 and kind = 'INCENTIVE_PAID') as messages,
              (select count(*)::int from participants.outbox_event where type = 'incentive.paid' and payload->>'participantId' = $1::text) as events`,
      [holder.participantId],
    );
    expect(rows[0]).toEqual({ messages: 1, events: 1 });
  });
});
