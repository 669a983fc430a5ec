import { randomUUID } from 'node:crypto';
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
 * A partner sees only its own purchases and enrollments, and another partner's record answers exactly as a
 * missing one. No partner-facing answer carries a participant's personal data. The programme office lists
 * everything. The gateway lets partners send only the contract's documents (trusted-documents.test.ts); what
 * else a partner identity could ask is asked of the subgraphs directly, signed as the gateway signs: the
 * subgraphs' own checks are the defence behind that one.
 */

jest.setTimeout(120_000);

const PRICE = 600_000;

let seller: PartnerCredential;
let snoop: PartnerCredential;
let holder: Cardholder;
let sale: { invoiceCode: string; purchaseId: string; enrollmentId: string; courseId: string };
/** Every partner-facing response text of the suite, scanned at the end for personal data. */
const responses: string[] = [];

/** A document outside the contract, signed for the subgraph as the gateway would sign a partner's request. */
const asPartnerAt = (
  subgraph: 'participants' | 'courses',
  credential: PartnerCredential,
  query: string,
  variables: Record<string, unknown>,
) => subgraphQuery(subgraph, query, variables, { role: 'partner', partnerId: credential.partnerId, subject: credential.clientId });

const as = async (credential: PartnerCredential, document: string, variables: Record<string, unknown>) => {
  const res = await partnerRequest(credential, document, variables);
  responses.push(res.text);
  return res;
};

/** Drops the ids that legitimately differ between the two answers. */
const shape = (payload: unknown) =>
  JSON.parse(
    JSON.stringify(payload)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID')
      .replace(/INV-[^"]+|NONE-[^"]+/g, 'INV'),
  );

beforeAll(async () => {
  seller = await partnerWithCredential();
  snoop = await partnerWithCredential();
  holder = await cardholder(3_500_000);
  const courseId = await offeredCourse(seller.partnerId, PRICE);
  await offer(courseId, snoop.partnerId, PRICE); // both sell the course: only the seller's sale is the seller's
  const invoiceCode = invoice();
  const started = (await as(seller, 'StartPurchase', { input: { cardNumber: holder.cardNumber, courseId, invoiceCode, amount: PRICE } }))
    .data!.purchaseStart;
  const authorized = (
    await as(seller, 'AuthorizePurchase', { input: { purchaseId: started.purchase.id, otp: await readOtp(holder.participantId) } })
  ).data!.purchaseAuthorize;
  sale = { invoiceCode, purchaseId: started.purchase.id, enrollmentId: authorized.enrollment.id, courseId };
});

describe('partner isolation', () => {
  it('PurchaseStatus: another partner’s invoice is null, like an unknown one', async () => {
    expect((await as(seller, 'PurchaseStatus', { invoiceCode: sale.invoiceCode })).data!.purchaseByInvoice.id).toBe(sale.purchaseId);
    expect((await as(snoop, 'PurchaseStatus', { invoiceCode: sale.invoiceCode })).data).toEqual({ purchaseByInvoice: null });
    expect((await as(snoop, 'PurchaseStatus', { invoiceCode: invoice('NONE') })).data).toEqual({ purchaseByInvoice: null });
  });

  it('PartnerEnrollments lists only the partner’s own', async () => {
    const theirs = (await as(snoop, 'PartnerEnrollments', { first: 100 })).data!.partnerEnrollments;
    expect(theirs.totalCount).toBe(0);
    expect(theirs.edges).toEqual([]);
    const mine = (await as(seller, 'PartnerEnrollments', { first: 100 })).data!.partnerEnrollments;
    expect(mine.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([sale.enrollmentId]);
  });

  it('VoidPurchase, ReportAttendance, ReportCompletion, AuthorizePurchase: NOT_FOUND exactly as for a missing record', async () => {
    const foreign = {
      void: await as(snoop, 'VoidPurchase', { input: { invoiceCode: sale.invoiceCode, reason: 'x' } }),
      attend: await as(snoop, 'ReportAttendance', {
        input: { enrollmentId: sale.enrollmentId, session: 1, attendedAt: new Date().toISOString() },
      }),
      complete: await as(snoop, 'ReportCompletion', {
        input: { enrollmentId: sale.enrollmentId, completedAt: new Date().toISOString(), score: 90, certificateNumber: 'C' },
      }),
      authorize: await as(snoop, 'AuthorizePurchase', { input: { purchaseId: sale.purchaseId, otp: '000000' } }),
    };
    const missing = {
      void: await as(snoop, 'VoidPurchase', { input: { invoiceCode: invoice('NONE'), reason: 'x' } }),
      attend: await as(snoop, 'ReportAttendance', {
        input: { enrollmentId: randomUUID(), session: 1, attendedAt: new Date().toISOString() },
      }),
      complete: await as(snoop, 'ReportCompletion', {
        input: { enrollmentId: randomUUID(), completedAt: new Date().toISOString(), score: 90, certificateNumber: 'C' },
      }),
      authorize: await as(snoop, 'AuthorizePurchase', { input: { purchaseId: randomUUID(), otp: '000000' } }),
    };
    for (const key of Object.keys(foreign) as Array<keyof typeof foreign>) {
      expect(foreign[key].status).toBe(200);
      expect(shape(foreign[key].data)).toEqual(shape(missing[key].data));
      expect(JSON.stringify(foreign[key].data)).toContain('"NOT_FOUND"');
    }
    // Nothing happened to the sale.
    const mine = (await as(seller, 'PurchaseStatus', { invoiceCode: sale.invoiceCode })).data!.purchaseByInvoice;
    expect(mine).toMatchObject({ status: 'AUTHORIZED', enrollment: { id: sale.enrollmentId, status: 'ENROLLED' } });
  });

  it('entity lookups by id: enrollment(id) is null for another partner, as for an unknown id', async () => {
    const q = `query($id: ID!) { enrollment(id: $id) { id invoiceCode transactionCode } }`;
    expect((await asPartnerAt('courses', seller, q, { id: sale.enrollmentId })).data!.enrollment.id).toBe(sale.enrollmentId);
    expect((await asPartnerAt('courses', snoop, q, { id: sale.enrollmentId })).data).toEqual({ enrollment: null });
    expect((await asPartnerAt('courses', snoop, q, { id: randomUUID() })).data).toEqual({ enrollment: null });
    // Through the gateway neither this nor the raw federation entry point is a partner's to send.
    for (const query of [q, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enrollment { id invoiceCode } } }`]) {
      const refused = await as(snoop, query, { id: sale.enrollmentId, r: [{ __typename: 'Enrollment', id: sale.enrollmentId }] });
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_IN_CONTRACT');
    }
  });
});

describe('partner privacy', () => {
  it('a partner cannot read personal data through an enrollment’s participant', async () => {
    // The participant reference an enrollment carries, resolved by the participants subgraph for a partner.
    const res = await asPartnerAt(
      'participants',
      seller,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Participant { id fullName nik birthDate address phone email familyCardNumber card { number } wallet { balance { amount } } inbox(first: 5) { totalCount } } } }`,
      { r: [{ __typename: 'Participant', id: holder.participantId }] },
    );
    // Not even the record resolves for a platform (it knows the person only by Enrollment.participantReference).
    expect(res.data?._entities).toEqual([null]);
  });

  it('a partner cannot look a participant up directly', async () => {
    const res = await asPartnerAt('participants', seller, `query($id: ID!) { participant(id: $id) { id fullName nik email } }`, {
      id: holder.participantId,
    });
    expect(res.data?.participant ?? null).toBeNull();
    const list = await asPartnerAt('participants', seller, `{ participants(first: 5) { totalCount } }`, {});
    expect(list.data?.participants ?? null).toBeNull();
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('no partner-facing response of the suite contains the participant’s NIK, name, birth date, address, phone or email', async () => {
    // Every contract document once more, with this participant's data in play.
    await as(seller, 'CheckEligibility', { cardNumber: holder.cardNumber });
    await as(seller, 'PartnerCatalog', { first: 100 });
    await as(seller, 'ReportAttendance', { input: { enrollmentId: sale.enrollmentId, session: 1, attendedAt: new Date().toISOString() } });
    expect(responses.length).toBeGreaterThan(15);
    const [y, m, d] = holder.birthDate.split('-');
    for (const text of responses) {
      for (const secret of [holder.nik, holder.fullName, holder.email, holder.phone, holder.address, holder.birthDate, `${d}-${m}-${y}`])
        expect(text).not.toContain(secret);
    }
  });
});

describe('programme office', () => {
  it('lists every purchase and enrollment, with filters', async () => {
    const purchases = await asAdmin(
      `query($partnerId: ID) { purchases(first: 100, partnerId: $partnerId) { totalCount edges { node { id invoiceCode status } } } }`,
      { partnerId: seller.partnerId },
    );
    expect(purchases.purchases.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([sale.purchaseId]);
    const byInvoice = await asAdmin(
      `query($invoiceCode: String, $status: PurchaseStatus) { purchases(first: 100, invoiceCode: $invoiceCode, status: $status) { totalCount } }`,
      { invoiceCode: sale.invoiceCode, status: 'AUTHORIZED' },
    );
    expect(byInvoice.purchases.totalCount).toBe(1);
    const all = await asAdmin(`{ purchases(first: 1) { totalCount } enrollments(first: 1) { totalCount } }`);
    expect(all.purchases.totalCount).toBeGreaterThanOrEqual(1);
    const enrollments = await asAdmin(
      `query($participantId: ID, $status: EnrollmentStatus, $courseId: ID) { enrollments(first: 100, participantId: $participantId, status: $status, courseId: $courseId) { totalCount edges { node { id participant { id fullName } } } } }`,
      { participantId: holder.participantId, status: 'IN_PROGRESS', courseId: sale.courseId },
    );
    // The office sees the participant's name; partners never do.
    expect(enrollments.enrollments.edges).toEqual([
      { node: { id: sale.enrollmentId, participant: { id: holder.participantId, fullName: holder.fullName } } },
    ]);
    const none = await asAdmin(`query($partnerId: ID) { enrollments(first: 100, partnerId: $partnerId) { totalCount } }`, {
      partnerId: snoop.partnerId,
    });
    expect(none.enrollments.totalCount).toBe(0);
    // Partners cannot use the office's lists: the gateway holds them to the contract's documents.
    const refused = await partnerRequest(seller, `{ purchases(first: 1) { totalCount } }`, {});
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_IN_CONTRACT');
  });
});
