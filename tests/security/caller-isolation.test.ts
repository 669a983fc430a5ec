import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewayQuery, gatewayUrl, tokenFor, type GraphQLResponse } from '../support/client';
import {
  cardholders,
  invoice,
  offeredCourse,
  offer,
  partnerRequest,
  partnerWithCredential,
  queryText,
  readOtpFor,
  type Cardholder,
  type PartnerCredential,
} from '../support/partner';

/*
 * Many different callers send the same document at the same moment through the real gateway. Each must get
 * exactly the answer it gets when it asks alone: a cache, a merge of in-flight requests or a loader keyed
 * without the caller's identity anywhere in the stack hands one caller another's answer, and shows up here.
 */

jest.setTimeout(180_000);

const ROUNDS = 6;
/** The web client's persisted documents (hash → text), generated at build. */
const WEB_DOCUMENTS = JSON.parse(readFileSync(resolve(__dirname, '../../web/src/gql/persisted-documents.json'), 'utf8')) as Record<
  string,
  string
>;
const PRICE = 250_000;
const PURPOSE = { 'x-purpose': 'automated isolation test' };

type Caller = { name: string; send: () => Promise<GraphQLResponse> };

const answer = (res: GraphQLResponse) =>
  JSON.stringify({ status: res.status, data: res.data ?? null, codes: (res.errors ?? []).map((e) => e.extensions?.code) });

/**
 * Sends each caller's request alone, then all of them at once, ROUNDS times. Returns each caller's answer
 * alone and, per round, the names of the callers whose concurrent answer differed from it.
 */
async function sameDocumentAtOnce(callers: Caller[]): Promise<{ alone: Map<string, GraphQLResponse>; wrongPerRound: string[][] }> {
  const alone = new Map<string, GraphQLResponse>();
  for (const caller of callers) alone.set(caller.name, await caller.send());
  const wrongPerRound: string[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const answers = await Promise.all(callers.map((caller) => caller.send()));
    wrongPerRound.push(callers.filter((caller, i) => answer(answers[i]) !== answer(alone.get(caller.name)!)).map((c) => c.name));
  }
  return { alone, wrongPerRound };
}

const noneWrong = Array.from({ length: ROUNDS }, () => []);

const asPerson = (
  name: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Caller => ({
  name,
  send: () => gatewayQuery(query, variables, { token, headers }),
});
const asPartner = (name: string, credential: PartnerCredential, document: string, variables: Record<string, unknown>): Caller => ({
  name,
  send: () => partnerRequest(credential, document, variables),
});

let holders: Cardholder[];
let tokens: string[];
let sellerA: PartnerCredential;
let sellerB: PartnerCredential;
/** One invoice code used by both platforms (the contract allows it), for holders[0] at A and holders[1] at B. */
const sharedInvoice = invoice('SHARED');
const purchases = {} as Record<'A' | 'B', { purchaseId: string; enrollmentId: string }>;
/** The invoice code whose OTP each holder's inbox holds, by participant id. */
const invoiceOf = new Map<string, string>();

beforeAll(async () => {
  [holders, sellerA, sellerB] = await Promise.all([cardholders(16), partnerWithCredential(), partnerWithCredential()]);
  tokens = await Promise.all(holders.map((h) => tokenFor('participant', h.participantId)));
  const courseId = await offeredCourse(sellerA.partnerId, PRICE);
  await offer(courseId, sellerB.partnerId, PRICE);
  // Every holder gets an OTP in the inbox (a purchase started at A); holders 0 and 1 complete theirs, at A and B
  // under the same invoice code.
  for (const [i, holder] of holders.entries()) {
    const seller = i === 1 ? sellerB : sellerA;
    const invoiceCode = i < 2 ? sharedInvoice : invoice();
    invoiceOf.set(holder.participantId, invoiceCode);
    const started = await partnerRequest(seller, 'StartPurchase', {
      input: { cardNumber: holder.cardNumber, courseId, invoiceCode, amount: PRICE },
    });
    const purchaseId = started.data?.purchaseStart?.purchase?.id;
    if (!purchaseId) throw new Error(`StartPurchase failed: ${started.text}`);
    if (i >= 2) continue;
    const otp = await readOtpFor(holder.participantId, invoiceCode);
    const authorized = await partnerRequest(seller, 'AuthorizePurchase', { input: { purchaseId, otp } });
    const enrollmentId = authorized.data?.purchaseAuthorize?.enrollment?.id;
    if (!enrollmentId) throw new Error(`AuthorizePurchase failed: ${authorized.text}`);
    purchases[i === 0 ? 'A' : 'B'] = { purchaseId, enrollmentId };
  }
});

describe('the same document from many callers at once', () => {
  it('participants: each gets their own id, name, card, balance, inbox and enrollments', async () => {
    const query = `{ me { id fullName card { number } wallet { availableBalance { amount } } inbox(first: 5, kind: OTP) { edges { node { body } } } enrollments { id } } }`;
    const callers = [
      ...holders.map((h, i) => asPerson(h.participantId, tokens[i], query)),
      asPerson('admin', await tokenFor('admin', 'isolation-admin'), query, {}, PURPOSE),
      asPerson('anonymous', undefined, query),
    ];
    const { alone, wrongPerRound } = await sameDocumentAtOnce(callers);
    for (const holder of holders) {
      const me = alone.get(holder.participantId)!.data!.me;
      expect(me).toMatchObject({ id: holder.participantId, fullName: holder.fullName, card: { number: holder.cardNumber } });
      expect(me.inbox.edges.length).toBeGreaterThan(0);
      for (const { node } of me.inbox.edges) expect(node.body).toContain(`(invoice ${invoiceOf.get(holder.participantId)})`);
    }
    expect(JSON.stringify(alone.get('admin')!.data ?? null)).not.toContain(holders[0].participantId);
    expect(alone.get('anonymous')!.data?.me ?? null).toBeNull();
    expect(wrongPerRound).toEqual(noneWrong);
  });

  it('participants: the web client’s persisted dashboard (one hash) answers each their own record', async () => {
    const [hash] = Object.entries(WEB_DOCUMENTS).find(([, text]) => text.startsWith('query WebDashboard'))!;
    const body = JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } } });
    const byHash = (name: string, token: string): Caller => ({
      name,
      send: async () => {
        const res = await fetch(gatewayUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        return { status: res.status, ...((await res.json()) as object) } as GraphQLResponse;
      },
    });
    const { alone, wrongPerRound } = await sameDocumentAtOnce(holders.map((h, i) => byHash(h.participantId, tokens[i])));
    for (const holder of holders) {
      const me = alone.get(holder.participantId)!.data!.me;
      expect(me).toMatchObject({ id: holder.participantId, fullName: holder.fullName });
      expect(me.card.numberMasked.slice(-4)).toBe(holder.cardNumber.slice(-4));
    }
    expect(wrongPerRound).toEqual(noneWrong);
  });

  it('partners: PurchaseStatus with a shared invoice code answers each platform its own purchase', async () => {
    const callers = [
      ...[0, 1, 2, 3].flatMap((n) => [
        asPartner(`A${n}`, sellerA, 'PurchaseStatus', { invoiceCode: sharedInvoice }),
        asPartner(`B${n}`, sellerB, 'PurchaseStatus', { invoiceCode: sharedInvoice }),
      ]),
      asPerson('participant', tokens[0], queryText('PurchaseStatus'), { invoiceCode: sharedInvoice }),
    ];
    const { alone, wrongPerRound } = await sameDocumentAtOnce(callers);
    expect(alone.get('A0')!.data!.purchaseByInvoice).toMatchObject({
      id: purchases.A.purchaseId,
      enrollment: { id: purchases.A.enrollmentId },
    });
    expect(alone.get('B0')!.data!.purchaseByInvoice).toMatchObject({
      id: purchases.B.purchaseId,
      enrollment: { id: purchases.B.enrollmentId },
    });
    expect(alone.get('participant')!.data?.purchaseByInvoice ?? null).toBeNull();
    expect(wrongPerRound).toEqual(noneWrong);
  });

  it('partners: CheckEligibility of one card answers partners, and refuses everyone else, whoever asks beside them', async () => {
    const variables = { cardNumber: holders[2].cardNumber };
    const document = queryText('CheckEligibility');
    const callers = [
      asPartner('A', sellerA, 'CheckEligibility', variables),
      asPartner('B', sellerB, 'CheckEligibility', variables),
      asPerson('participant', tokens[2], document, variables),
      asPerson('analyst', await tokenFor('analyst', 'isolation-analyst'), document, variables),
      asPerson('anonymous', undefined, document, variables),
    ];
    const { alone, wrongPerRound } = await sameDocumentAtOnce(callers);
    for (const partner of ['A', 'B']) expect(alone.get(partner)!.data!.eligibility).toMatchObject({ eligible: true });
    for (const other of ['participant', 'analyst', 'anonymous']) {
      expect(alone.get(other)!.data?.eligibility ?? null).toBeNull();
      expect(alone.get(other)!.errors?.length).toBeGreaterThan(0);
    }
    expect(wrongPerRound).toEqual(noneWrong);
  });

  it('partners: PartnerEnrollments with the same variables lists each platform only its own', async () => {
    const callers = [0, 1, 2, 3].flatMap((n) => [
      asPartner(`A${n}`, sellerA, 'PartnerEnrollments', { first: 10 }),
      asPartner(`B${n}`, sellerB, 'PartnerEnrollments', { first: 10 }),
    ]);
    const { alone, wrongPerRound } = await sameDocumentAtOnce(callers);
    const ids = (name: string) => alone.get(name)!.data!.partnerEnrollments.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids('A0')).toEqual([purchases.A.enrollmentId]);
    expect(ids('B0')).toEqual([purchases.B.enrollmentId]);
    expect(wrongPerRound).toEqual(noneWrong);
  });

  it('an admin and participants: one participant by id answers the office and that participant, and no one else', async () => {
    const target = holders[0];
    // enrollments come from the courses subgraph through an entity reference that is the same for every caller.
    const query = `query($id: ID!) { participant(id: $id) { id fullName card { number } enrollments { id status } } }`;
    const variables = { id: target.participantId };
    const adminToken = await tokenFor('admin', 'isolation-admin');
    const callers = [
      asPerson('admin', adminToken, query, variables, PURPOSE),
      asPerson('self', tokens[0], query, variables, PURPOSE),
      ...[4, 5, 6, 7].map((i) => asPerson(`other${i}`, tokens[i], query, variables, PURPOSE)),
      asPerson('anonymous', undefined, query, variables, PURPOSE),
    ];
    const { alone, wrongPerRound } = await sameDocumentAtOnce(callers);
    for (const reader of ['admin', 'self']) {
      expect(alone.get(reader)!.data!.participant).toMatchObject({
        id: target.participantId,
        card: { number: target.cardNumber },
        enrollments: [{ id: purchases.A.enrollmentId }],
      });
    }
    for (const other of ['other4', 'other5', 'other6', 'other7', 'anonymous'])
      expect(JSON.stringify(alone.get(other)!.data ?? null)).not.toContain(target.cardNumber);
    expect(wrongPerRound).toEqual(noneWrong);
  });
});
