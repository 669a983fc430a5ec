import { db, gatewayQuery, subgraphQuery, tokenFor } from '../support/client';
import { createCourse, insertSale } from '../courses/fixtures';
import type { Cardholder } from '../support/partner';

/* Helpers of the incentive tests: the simulated provider's control API, and the participant's view through the gateway. */

const simUrl = () => process.env.TEST_DISBURSEMENT_URL!;

export async function sim<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${simUrl()}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sim ${path}: ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export interface SimTransfer {
  reference: string;
  requests: number;
  executions: number;
  amount: number;
}

/** Every reference that moved money to this account at the provider. */
export const transfersTo = (accountNumber: string) => sim<SimTransfer[]>(`/control/accounts/${accountNumber}`);

/** The next `times` transfers to the account fail, time out, or answer late. */
export const behave = (accountNumber: string, mode: 'fail' | 'timeout' | 'twice', times: number) =>
  sim('/control/behaviour', { accountNumber, mode, times });

let serial = 0;
/** A fresh e-wallet number (a phone number) no other test uses. */
export const newAccountNumber = () => `0813${String(Date.now() % 1e6).padStart(6, '0')}${String(serial++ % 100).padStart(2, '0')}`;

const REGISTER = `mutation($input: PayoutAccountRegisterInput!) {
  payoutAccountRegister(input: $input) { payoutAccount { kind provider accountNumberMasked holderName nikMatched checkedAt } userErrors { code field } }
}`;

/** An account the simulated provider knows, whose KYC reports `holderNik`. */
export const providerAccount = (accountNumber: string, holderNik: string, provider = 'GOPAY') =>
  sim('/control/accounts', { provider, accountNumber, holderName: 'Rahmat Hidayatullah', holderNik });

/** Registers the account at the provider's KYC under `holderNik`, then as the participant through the gateway. */
export async function registerAccount(participantId: string, accountNumber: string, holderNik: string, provider = 'GOPAY') {
  await providerAccount(accountNumber, holderNik, provider);
  const res = await gatewayQuery(
    REGISTER,
    { input: { kind: provider === 'BRI' ? 'BANK' : 'EWALLET', provider, accountNumber } },
    { token: await tokenFor('participant', participantId) },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.payoutAccountRegister as { payoutAccount: Record<string, unknown> | null; userErrors: Array<{ code: string }> };
}

export const INCENTIVE = `query MyIncentive { me { id incentive {
  status amount { amount } surveyAmount { amount } owedAmount { amount } paidAmount { amount }
  payouts { id kind survey reference status attempts lastError amount { amount } paidAt }
  ledger { payoutId kind reference amount { amount } }
  surveys { survey questions response { answers } }
} payoutAccount { provider accountNumberMasked nikMatched checkedAt } } }`;

export interface Payout {
  id: string;
  kind: string;
  survey: string | null;
  reference: string;
  status: string;
  attempts: number;
  lastError: string | null;
  amount: { amount: number };
}

export interface IncentiveView {
  status: string;
  amount: { amount: number };
  owedAmount: { amount: number };
  paidAmount: { amount: number };
  payouts: Payout[];
  ledger: Array<{ payoutId: string; kind: string; reference: string; amount: { amount: number } }>;
  surveys: Array<{ survey: string; questions: string[]; response: { answers: number[] } | null }>;
}

export async function incentiveOf(participantId: string): Promise<IncentiveView> {
  const res = await gatewayQuery(INCENTIVE, {}, { token: await tokenFor('participant', participantId) });
  expect(res.errors).toBeUndefined();
  return res.data!.me.incentive;
}

/** Polls (no fixed sleep) until the participant's incentive satisfies `done`. */
export async function eventually(participantId: string, done: (i: IncentiveView) => boolean, tries = 150): Promise<IncentiveView> {
  for (let i = 0; i < tries; i++) {
    const incentive = await incentiveOf(participantId);
    if (done(incentive)) return incentive;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`incentive never reached the expected state: ${JSON.stringify(await incentiveOf(participantId))}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const REVIEW = `mutation($input: ReviewSubmitInput!) { reviewSubmit(input: $input) { review { id } userErrors { code } } }`;

export async function review(participantId: string, enrollmentId: string) {
  const res = await gatewayQuery(
    REVIEW,
    { input: { enrollmentId, rating: 5, text: 'Materinya jelas dan praktis.' } },
    { token: await tokenFor('participant', participantId) },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.reviewSubmit as { review: { id: string } | null; userErrors: Array<{ code: string }> };
}

const COMPLETION = `mutation($input: ParticipantCompletionRecordInput!) { participantCompletionRecord(input: $input) }`;

/**
 * A completed enrollment of the cardholder, written to the courses tables, and its completion told to the
 * participants subgraph as courses tells it (the signed internal call): the shortcut for tests whose subject
 * is what happens after. The full partner flow is in the journey test.
 */
export async function completedEnrollment(holder: Cardholder, partnerId: string): Promise<string> {
  const courseId = await createCourse({ sessionCount: 1 });
  const sale = await insertSale({ partnerId, courseId, participantId: holder.participantId, status: 'COMPLETED', attendedSessions: 1 });
  await db().query(`update courses.enrollment set completed_at = now(), completion_recorded = true where id = $1`, [sale.enrollmentId]);
  const res = await subgraphQuery(
    'participants',
    COMPLETION,
    { input: { participantId: holder.participantId, enrollmentId: sale.enrollmentId, completedAt: new Date().toISOString() } },
    { role: 'service', subject: 'courses' },
  );
  expect(res.errors).toBeUndefined();
  return sale.enrollmentId;
}

/** A cardholder whose incentive is DUE (completed, reviewed) with a verified account; returns the account number. */
export async function payableWithAccount(holder: Cardholder, partnerId: string, prepare?: (accountNumber: string) => Promise<void>) {
  const accountNumber = newAccountNumber();
  await prepare?.(accountNumber);
  expect((await registerAccount(holder.participantId, accountNumber, holder.nik)).userErrors).toEqual([]);
  const enrollmentId = await completedEnrollment(holder, partnerId);
  expect((await review(holder.participantId, enrollmentId)).userErrors).toEqual([]);
  return accountNumber;
}

export const ledgerRows = async (participantId: string) =>
  (await db().query(`select * from participants.incentive_ledger_entry where participant_id = $1`, [participantId])).rows;

export const someoneElsesNik = () => `3171010101${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
