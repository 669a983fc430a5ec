import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { db, gatewayQuery, gatewayUrl, tokenFor, type GraphQLResponse } from './client';

export { codes, createCourse, createInstitution, offer, offeredCourse, sharedInstitution } from './catalog';

/*
 * Fixtures for partner integration tests, through the gateway (the public endpoint): partners and their
 * credentials, participants holding an ACTIVE card with a known balance, the OTP
 * from the participant's inbox, and signed partner requests exactly as the contract describes them.
 * Direct SQL is used only to move time (a cohort's closing, an enrolment date) and to read invariants.
 * Courses with offerings come from ./catalog.ts, shared with the courses tests.
 */

export interface PartnerCredential {
  partnerId: string;
  credentialId: string;
  keyId: string;
  clientId: string;
  signingKey: string;
}

export interface PartnerResponse<T = Record<string, any>> extends GraphQLResponse<T> {
  /** The exact response text, to scan for data a partner must never receive. */
  text: string;
}

const suffix = () => randomBytes(4).toString('hex');
const adminToken = () => tokenFor('admin', 'test-pmo-admin');

/** Sends an operation through the gateway as a programme-office admin (with a declared purpose) and fails loudly on top-level errors. */
export async function asAdmin<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gatewayQuery<T>(query, variables, { token: await adminToken(), headers: { 'x-purpose': 'automated test' } });
  if (res.errors?.length || !res.data) throw new Error(`admin operation failed: ${JSON.stringify(res.errors ?? res)}`);
  return res.data;
}

/** Fails when a payload carries userErrors; returns the payload. */
function ok<P extends { userErrors: unknown[] }>(what: string, payload: P): P {
  if (payload.userErrors.length) throw new Error(`${what} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

// ---------------------------------------------------------------------------------------------- signing

/** The contract's signature: lowercase hex HMAC-SHA256(signingKey, clientId + timestamp + "POST" + "/graphql" + rawBody). */
export const sign = (signingKey: string, clientId: string, timestamp: string, rawBody: string) =>
  createHmac('sha256', signingKey).update(`${clientId}${timestamp}POST/graphql${rawBody}`).digest('hex');

const DOCUMENTS = resolve(__dirname, '../../schema/operations/partner');
const isDocumentName = (s: string) => /^[A-Z][A-Za-z]+$/.test(s);
/** A contract document by name (read from schema/operations/partner, sent unchanged), or a query text. */
export const queryText = (documentOrQuery: string) =>
  isDocumentName(documentOrQuery) ? readFileSync(resolve(DOCUMENTS, `${documentOrQuery}.graphql`), 'utf8') : documentOrQuery;

export interface SignOptions {
  /** Seconds added to the current time in x-timestamp (to test the 300 s window). */
  skewSeconds?: number;
  /** Headers to drop, to test refusals of incomplete requests. */
  omit?: Array<'x-client-id' | 'x-timestamp' | 'x-signature'>;
  /** Sign with this key instead of the credential's. */
  signWith?: string;
  /** Send this client id instead of the credential's (signature computed over it). */
  clientId?: string;
  /** Another gateway than the test stack's (one started with its own configuration). */
  url?: string;
}

/** Signs and POSTs a contract document (by name) or a query through the gateway, as the partner would. */
export async function partnerRequest<T = Record<string, any>>(
  credential: Pick<PartnerCredential, 'clientId' | 'signingKey'>,
  documentOrQuery: string,
  variables: Record<string, unknown> = {},
  options: SignOptions = {},
): Promise<PartnerResponse<T>> {
  const body = JSON.stringify({ query: queryText(documentOrQuery), variables });
  const clientId = options.clientId ?? credential.clientId;
  const timestamp = String(Math.floor(Date.now() / 1000) + (options.skewSeconds ?? 0));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-client-id': clientId,
    'x-timestamp': timestamp,
    'x-signature': sign(options.signWith ?? credential.signingKey, clientId, timestamp, body),
  };
  for (const name of options.omit ?? []) delete headers[name];
  const response = await fetch(options.url ?? gatewayUrl(), { method: 'POST', headers, body });
  const text = await response.text();
  let json: Partial<GraphQLResponse<T>> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // keep the status only
  }
  return { status: response.status, data: json.data ?? undefined, errors: json.errors, text };
}

// --------------------------------------------------------------------------------------------- partners

const PARTNER_PAYLOAD = 'partner { id status } userErrors { code message }';

/** A new platform taken through the whole lifecycle to ACTIVE (or only to its MoU) by the programme office; returns its id. */
export async function createActivePartner(slug = `it-${suffix()}`, until: 'MOU_SIGNED' | 'ACTIVE' = 'ACTIVE'): Promise<string> {
  const applied = await asAdmin(`mutation($input: PartnerApplyInput!) { partnerApply(input: $input) { ${PARTNER_PAYLOAD} } }`, {
    input: { slug, name: `Platform ${slug}`, website: `https://${slug}.example.id`, note: 'integration test' },
  });
  const partnerId = ok('partnerApply', applied.partnerApply).partner.id as string;
  const transition = async (mutation: string) =>
    ok(
      mutation,
      (
        await asAdmin(`mutation($input: PartnerTransitionInput!) { ${mutation}(input: $input) { ${PARTNER_PAYLOAD} } }`, {
          input: { partnerId, reason: `test ${mutation}` },
        })
      )[mutation],
    );
  await transition('partnerEvaluationStart');
  const criteria = ['NATIONAL_REACH', 'PAYMENT_INTEGRATION', 'OWN_PORTAL', 'INSTITUTION_COOPERATION'].map((criterion) => ({
    criterion,
    passed: true,
    note: 'verified',
  }));
  ok(
    'partnerEvaluationRecord',
    (
      await asAdmin(
        `mutation($input: PartnerEvaluationRecordInput!) { partnerEvaluationRecord(input: $input) { userErrors { code message } } }`,
        { input: { partnerId, provincesReached: 34, criteria } },
      )
    ).partnerEvaluationRecord,
  );
  ok(
    'partnerMouSign',
    (
      await asAdmin(`mutation($input: PartnerMouSignInput!) { partnerMouSign(input: $input) { userErrors { code message } } }`, {
        input: {
          partnerId,
          number: `MOU-${suffix()}/2024`,
          signedAt: new Date(Date.now() - 86_400_000).toISOString(),
          reason: 'MoU signed',
        },
      })
    ).partnerMouSign,
  );
  if (until === 'ACTIVE') await transition('partnerActivate');
  return partnerId;
}

/** Suspends or reinstates a platform (programme office). */
export async function setPartnerActive(partnerId: string, active: boolean): Promise<void> {
  const mutation = active ? 'partnerReinstate' : 'partnerSuspend';
  ok(
    mutation,
    (
      await asAdmin(`mutation($input: PartnerTransitionInput!) { ${mutation}(input: $input) { ${PARTNER_PAYLOAD} } }`, {
        input: { partnerId, reason: `test ${mutation}` },
      })
    )[mutation],
  );
}

const KEY_PAYLOAD = 'credential { id clientId } key { id } signingKey userErrors { code message }';

/** Issues a credential to a platform (partnerCredentialIssue as admin); the signing key is seen only here. */
export async function issueCredential(partnerId: string): Promise<PartnerCredential> {
  const p = ok(
    'partnerCredentialIssue',
    (
      await asAdmin(`mutation($input: PartnerCredentialIssueInput!) { partnerCredentialIssue(input: $input) { ${KEY_PAYLOAD} } }`, {
        input: { partnerId },
      })
    ).partnerCredentialIssue,
  );
  return { partnerId, credentialId: p.credential.id, keyId: p.key.id, clientId: p.credential.clientId, signingKey: p.signingKey };
}

/** Adds a second key under the same client id. */
export async function rotateCredential(credential: PartnerCredential): Promise<PartnerCredential> {
  const p = ok(
    'partnerCredentialRotate',
    (
      await asAdmin(`mutation($input: PartnerCredentialRotateInput!) { partnerCredentialRotate(input: $input) { ${KEY_PAYLOAD} } }`, {
        input: { credentialId: credential.credentialId },
      })
    ).partnerCredentialRotate,
  );
  return { ...credential, keyId: p.key.id, signingKey: p.signingKey };
}

/** Revokes one key (after a rotation) or, with `whole`, the whole credential. */
export async function revokeCredential(credential: PartnerCredential, whole = false): Promise<void> {
  const input = whole ? { credentialId: credential.credentialId } : { keyId: credential.keyId };
  ok(
    'partnerCredentialRevoke',
    (
      await asAdmin(
        `mutation($input: PartnerCredentialRevokeInput!) { partnerCredentialRevoke(input: $input) { userErrors { code message } } }`,
        { input },
      )
    ).partnerCredentialRevoke,
  );
}

/** An ACTIVE platform with a fresh credential. */
export async function partnerWithCredential(): Promise<PartnerCredential> {
  return issueCredential(await createActivePartner());
}

// ----------------------------------------------------------------------------------------- participants

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

export interface Person {
  participantId: string;
  nik: string;
  fullName: string;
  email: string;
  phone: string;
  address: string;
  birthDate: string;
}

/** Registers a person through the public form (anonymous), with `extra` fields; the personal data is returned to scan responses for it. */
export async function registerPerson(extra: Record<string, unknown> = {}): Promise<Person> {
  // A valid NIK issued in Gambir (317101) for a random birth date (male: day as is) and serial.
  const [y, m, d] = [randomInt(1980, 1999), randomInt(1, 12), randomInt(1, 28)];
  const birthDate = `${y}-${pad(m)}-${pad(d)}`;
  const nik = `317101${pad(d)}${pad(m)}${pad(y % 100)}${pad(randomInt(1, 9999), 4)}`;
  const tag = suffix();
  const person = {
    nik,
    familyCardNumber: `317101${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`,
    fullName: `Rahmat Hidayatullah ${tag.replace(/\d/g, '')}`.trim(),
    birthDate,
    email: `rahmat.${tag}@example.co.id`,
    phone: `0812${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    address: `Jl. Cempaka Putih Raya No. ${randomInt(1, 300)}, Jakarta Pusat`,
    citizen: true,
    educationStatus: 'NOT_IN_EDUCATION',
    occupation: 'UNEMPLOYED',
    ...extra,
  };
  const res = await gatewayQuery(
    `mutation($input: ParticipantRegisterInput!) { participantRegister(input: $input) { participant { id } userErrors { code message } } }`,
    { input: person },
  );
  const payload = res.data?.participantRegister;
  if (!payload?.participant) throw new Error(`registration failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  return {
    participantId: payload.participant.id,
    nik,
    fullName: person.fullName,
    email: person.email,
    phone: person.phone,
    address: person.address,
    birthDate,
  };
}

export interface Cardholder extends Person {
  cardNumber: string;
}

/**
 * A participant holding an ACTIVE card with exactly `balance` rupiah: registered, applied to a cohort of their
 * own (opened with that training balance), the cohort closed (SQL: time travel) and selected by the programme
 * office. The card number is read as the participant themself.
 */
export async function cardholder(balance = 3_500_000): Promise<Cardholder> {
  return (await cardholders(1, balance))[0];
}

/** `count` cardholders at once, as `cardholder` makes one: one cohort with a quota for all of them, every applicant selected. */
export async function cardholders(count: number, balance = 3_500_000): Promise<Cardholder[]> {
  const people = await Promise.all(Array.from({ length: count }, () => registerPerson()));
  const now = Date.now();
  const opened = ok(
    'cohortOpen',
    (
      await asAdmin(`mutation($input: CohortOpenInput!) { cohortOpen(input: $input) { cohort { id } userErrors { code message } } }`, {
        input: {
          name: `Gelombang Uji ${suffix()}`,
          quota: count,
          opensAt: new Date(now - 3_600_000).toISOString(),
          closesAt: new Date(now + 3_600_000).toISOString(),
          trainingBalance: balance,
        },
      })
    ).cohortOpen,
  );
  const cohortId = opened.cohort.id as string;
  const tokens = await Promise.all(people.map((person) => tokenFor('participant', person.participantId)));
  await Promise.all(
    tokens.map(async (token) => {
      const applied = await gatewayQuery(
        `mutation($input: CohortApplyInput!) { cohortApply(input: $input) { application { id } userErrors { code message } } }`,
        { input: { cohortId } },
        { token },
      );
      if (!applied.data?.cohortApply?.application) throw new Error(`cohortApply failed: ${JSON.stringify(applied)}`);
    }),
  );
  await db().query(
    `UPDATE participants.cohort SET opens_at = now() - interval '2 hours', closes_at = now() - interval '1 second' WHERE id = $1`,
    [cohortId],
  );
  const selected = await asAdmin(
    `mutation($input: CohortSelectInput!) { cohortSelect(input: $input) { selectedCount userErrors { code message } } }`,
    { input: { cohortId } },
  );
  if (selected.cohortSelect.selectedCount !== count) throw new Error(`selection failed: ${JSON.stringify(selected)}`);
  // One at a time, so that a regression of caller isolation fails its own test, not this fixture.
  const holders: Cardholder[] = [];
  for (const [i, person] of people.entries()) {
    const me = await gatewayQuery(`{ me { card { number status } } }`, {}, { token: tokens[i] });
    const card = me.data?.me?.card;
    if (card?.status !== 'ACTIVE') throw new Error(`no active card: ${JSON.stringify(me)}`);
    holders.push({ ...person, cardNumber: card.number });
  }
  return holders;
}

/** The OTP of the newest OTP message in the participant's inbox, read as that participant through the gateway. */
export async function readOtp(participantId: string): Promise<string> {
  const res = await gatewayQuery(
    `{ me { inbox(first: 20, kind: OTP) { edges { node { subject body createdAt } } } } }`,
    {},
    { token: await tokenFor('participant', participantId) },
  );
  const bodies: string[] = (res.data?.me?.inbox?.edges ?? []).map((e: { node: { body: string } }) => e.node.body);
  for (const body of bodies) {
    const match = /Kode OTP Anda: (\d{6})/.exec(body);
    if (match) return match[1];
  }
  throw new Error(`no OTP in the inbox: ${JSON.stringify(res)}`);
}

/** The OTP sent for one invoice (the message names it), read as the participant. */
export async function readOtpFor(participantId: string, invoiceCode: string): Promise<string> {
  const res = await gatewayQuery(
    `{ me { inbox(first: 100, kind: OTP) { edges { node { body } } } } }`,
    {},
    { token: await tokenFor('participant', participantId) },
  );
  for (const { node } of res.data?.me?.inbox?.edges ?? []) {
    const match = /Kode OTP Anda: (\d{6})/.exec(node.body);
    if (match && node.body.includes(`(invoice ${invoiceCode})`)) return match[1];
  }
  throw new Error(`no OTP for ${invoiceCode} in the inbox`);
}

/** Number of OTP messages in the participant's inbox. */
export async function otpCount(participantId: string): Promise<number> {
  const res = await gatewayQuery(
    `{ me { inbox(first: 100, kind: OTP) { edges { node { body } } } } }`,
    {},
    { token: await tokenFor('participant', participantId) },
  );
  return (res.data?.me?.inbox?.edges ?? []).filter((e: { node: { body: string } }) => e.node.body.includes('Kode OTP Anda')).length;
}

/**
 * Stored balance, available balance (balance minus ACTIVE unexpired holds, as the wallet computes it) and the
 * sum of the append-only ledger of a card's wallet, read with SQL to check invariants.
 */
export async function walletState(cardNumber: string): Promise<{ balance: number; available: number; ledger: number }> {
  const { rows } = await db().query(
    `SELECT w.balance::bigint AS balance,
            (SELECT coalesce(sum(amount), 0) FROM participants.wallet_hold h WHERE h.wallet_id = w.id AND h.status = 'ACTIVE' AND h.expires_at > now())::bigint AS held,
            (SELECT coalesce(sum(amount), 0) FROM participants.ledger_entry l WHERE l.wallet_id = w.id)::bigint AS ledger
     FROM participants.wallet w JOIN participants.card c ON c.id = w.id WHERE c.number = $1`,
    [cardNumber],
  );
  const row = rows[0];
  return { balance: Number(row.balance), available: Number(row.balance) - Number(row.held), ledger: Number(row.ledger) };
}

let invoiceSerial = 0;
/** A platform invoice code unique within the run. */
export const invoice = (prefix = 'INV') => `${prefix}-${Date.now().toString(36)}-${(invoiceSerial++).toString(36)}-${suffix()}`;
