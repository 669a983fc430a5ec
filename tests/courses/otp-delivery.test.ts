import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Identity } from '../../common/identity';
import { db, signedHeaders, subgraphUrl } from '../support/client';
import {
  cardholder,
  invoice,
  offeredCourse,
  otpCount,
  partnerRequest,
  partnerWithCredential,
  readOtpFor,
  walletState,
  type PartnerCredential,
} from '../support/partner';
import { startCourses } from './fixtures';

/*
 * An OTP is stored (hash, seed) before it is sent. Whatever stops the sending — the process dying, the
 * delivery call failing — the OTP stays "awaiting delivery", and the partner's retry of StartPurchase or a
 * reconciler pass sends the same code under the same delivery reference; AuthorizePurchase with it succeeds
 * and the balance is debited once. Before, the retry answered the stored OTP as valid and sent nothing, and
 * the purchase stalled until the OTP expired.
 */

const PRICE = 400_000;
const BALANCE = 3_500_000;
const START = `mutation($input: PurchaseStartInput!) { purchaseStart(input: $input) { purchase { id status } userErrors { code } } }`;

interface Sale {
  credential: PartnerCredential;
  as: Identity;
  courseId: string;
  participantId: string;
  cardNumber: string;
  invoiceCode: string;
}

async function sale(): Promise<Sale> {
  const credential = await partnerWithCredential();
  const courseId = await offeredCourse(credential.partnerId, PRICE);
  const holder = await cardholder(BALANCE);
  return {
    credential,
    as: { role: 'partner', partnerId: credential.partnerId, subject: credential.clientId },
    courseId,
    participantId: holder.participantId,
    cardNumber: holder.cardNumber,
    invoiceCode: invoice('OTP'),
  };
}

const startInput = (s: Sale) => ({ input: { cardNumber: s.cardNumber, courseId: s.courseId, invoiceCode: s.invoiceCode, amount: PRICE } });

/** purchaseStart sent straight to a courses process, signed as the gateway signs a partner's request. */
async function startAt(url: string, s: Sale) {
  const body = JSON.stringify({ query: START, variables: startInput(s) });
  return fetch(url, { method: 'POST', headers: signedHeaders(s.as, body), body })
    .then((r) => r.json() as Promise<{ data?: any; errors?: Array<{ extensions?: { code?: string } }> }>)
    .catch(() => null); // the process died mid-request
}

const otpRow = async (s: Sale) =>
  (
    await db().query(
      `select id, status, otp_generation, otp_hash is not null as stored, otp_seed is not null as awaiting, otp_delivered_at from courses.purchase
       where partner_id = $1 and invoice_code = $2`,
      [s.credential.partnerId, s.invoiceCode],
    )
  ).rows[0];

/** AuthorizePurchase with the code the participant received, through the gateway; the balance must be debited once. */
async function authorizeWithDeliveredOtp(s: Sale, purchaseId: string) {
  const otp = await readOtpFor(s.participantId, s.invoiceCode);
  const authorized = await partnerRequest(s.credential, 'AuthorizePurchase', { input: { purchaseId, otp } });
  expect(authorized.data?.purchaseAuthorize).toMatchObject({ enrollment: { status: 'ENROLLED' }, userErrors: [] });
  expect(await walletState(s.cardNumber)).toEqual({ balance: BALANCE - PRICE, available: BALANCE - PRICE, ledger: BALANCE - PRICE });
}

/** A stand-in for the network in front of the participants subgraph that loses every inbox delivery until healed. */
function lossyParticipants() {
  const target = subgraphUrl('participants');
  const state = { dropInbox: true, dropped: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (state.dropInbox && body.includes('inboxMessageDeliver')) {
        state.dropped++;
        return res.writeHead(503).end('upstream unavailable');
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
      );
      const answer = await fetch(target, { method: req.method, headers: headers as Record<string, string>, body });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
    });
  });
  return { server, state };
}

describe('OTP delivery, exactly once in effect', () => {
  it('a process killed between storing and sending the OTP: the partner’s StartPurchase retry delivers it', async () => {
    const s = await sale();
    const faulty = await startCourses({ COURSES_FAULT_AFTER_OTP_STORED: '1', COURSES_RECONCILE_INTERVAL_MS: '3600000' });
    const exited = new Promise((r) => faulty.child.once('exit', r));
    expect(await startAt(faulty.url, s)).toBeNull(); // it died mid-request
    await exited;
    expect(await otpRow(s)).toMatchObject({
      status: 'AWAITING_OTP',
      otp_generation: 1,
      stored: true,
      awaiting: true,
      otp_delivered_at: null,
    });
    expect(await otpCount(s.participantId)).toBe(0);

    // The partner retries StartPurchase with the same invoice code, through the gateway (the shared stack's courses).
    const retried = await partnerRequest(s.credential, 'StartPurchase', startInput(s));
    expect(retried.data?.purchaseStart).toMatchObject({ purchase: { status: 'AWAITING_OTP' }, userErrors: [] });
    const row = await otpRow(s);
    expect(row).toMatchObject({ otp_generation: 1, awaiting: false, otp_delivered_at: expect.any(Date) }); // the same OTP, now delivered
    expect(await otpCount(s.participantId)).toBe(1);
    // Another retry sends nothing more.
    await partnerRequest(s.credential, 'StartPurchase', startInput(s));
    expect(await otpCount(s.participantId)).toBe(1);

    await authorizeWithDeliveredOtp(s, row.id);
  });

  it('a delivery call that fails: the purchase keeps its OTP awaiting delivery, and a reconciler pass delivers it', async () => {
    const s = await sale();
    const lossy = lossyParticipants();
    await new Promise<void>((r) => lossy.server.listen(0, '127.0.0.1', r));
    const own = await startCourses({
      PARTICIPANTS_URL: `http://127.0.0.1:${(lossy.server.address() as AddressInfo).port}/graphql`,
      COURSES_RECONCILE_INTERVAL_MS: '3600000',
    });
    try {
      const failed = await startAt(own.url, s);
      expect(failed?.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR'); // "retry purchaseStart with the same invoice code"
      expect(lossy.state.dropped).toBe(1);
      expect(await otpRow(s)).toMatchObject({ status: 'AWAITING_OTP', stored: true, awaiting: true, otp_delivered_at: null });
      expect(await otpCount(s.participantId)).toBe(0);
    } finally {
      own.child.kill('SIGTERM');
      await new Promise((r) => own.child.once('exit', r));
      await new Promise((r) => lossy.server.close(r));
    }

    // A courses process starting up runs a reconciler pass at once: it sends the stored OTP.
    const fresh = await startCourses({ COURSES_RECONCILE_INTERVAL_MS: '3600000' });
    try {
      for (let i = 0; i < 100 && (await otpRow(s)).awaiting; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      fresh.child.kill('SIGTERM');
      await new Promise((r) => fresh.child.once('exit', r));
    }
    const row = await otpRow(s);
    expect(row).toMatchObject({ otp_generation: 1, awaiting: false, otp_delivered_at: expect.any(Date) });
    expect(await otpCount(s.participantId)).toBe(1);
    await authorizeWithDeliveredOtp(s, row.id);
  });
});
