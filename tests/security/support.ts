import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { gatewayUrl, subgraphQuery, type GraphQLResponse } from '../support/client';
import { makeKk } from '../participants/fixtures';

const dist = <T>(path: string): T => require(`../../dist/${path}`) as T;
const { createGatewayServer } = dist<typeof import('../../gateway/server')>('gateway/server');
const { loadGatewayConfig } = dist<typeof import('../../gateway/config')>('gateway/config');
const { readSecret } = dist<typeof import('../../common/config')>('common/config');
const { partnerSignature } = dist<typeof import('../../gateway/auth/partner-signature')>('gateway/auth/partner-signature');

/** Raw HTTP to a gateway: what a hostile caller controls (method, headers, body bytes). */
export async function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {}) {
  const response = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
  const text = await response.text();
  let json: GraphQLResponse & { data?: any } = { status: response.status };
  try {
    json = { ...JSON.parse(text), status: response.status };
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, url = gatewayUrl()) =>
  raw(url, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });

/**
 * A second gateway in this process, with its own configuration (production mode, small quotas),
 * in front of the same subgraphs the test stack started.
 */
export async function startGateway(env: Record<string, string> = {}, options: Parameters<typeof createGatewayServer>[1] = {}) {
  const urls = JSON.parse(process.env.TEST_SUBGRAPH_URLS!) as Record<string, string>;
  const config = loadGatewayConfig({
    ...process.env,
    PARTICIPANTS_URL: urls.participants,
    PARTNERS_URL: urls.partners,
    COURSES_URL: urls.courses,
    JWT_SECRET: readSecret('JWT_SECRET'),
    GATEWAY_SIGNING_SECRET: readSecret('GATEWAY_SIGNING_SECRET'),
    PRAKERJA_LOG_LEVEL: 'silent',
    // As in the test stack: the tests' own traffic from 127.0.0.1 must not meet these quotas unless a test sets them.
    GATEWAY_PERSON_FIELDS_PER_MINUTE: '100000000',
    GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE: '100000000',
    ...env,
  });
  const { server, close } = createGatewayServer(config, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, close };
}

const PARTNER_ADMIN = { role: 'admin' as const, subject: 'security-test-admin' };
const partnerQ = (query: string, variables: Record<string, unknown>) => subgraphQuery('partners', query, variables, PARTNER_ADMIN);

/** An ACTIVE partner platform with a credential: what a partner's integration holds. */
export async function activePartnerCredential(): Promise<{ partnerId: string; clientId: string; signingKey: string }> {
  const slug = `sec-${randomBytes(4).toString('hex')}`;
  const applied = await partnerQ(
    `mutation($input: PartnerApplyInput!) { partnerApply(input: $input) { partner { id } userErrors { code } } }`,
    {
      input: { slug, name: `Platform ${slug}`, website: `https://${slug}.example.id`, note: 'security test' },
    },
  );
  const partnerId = applied.data!.partnerApply.partner.id as string;
  const move = (m: string) =>
    partnerQ(`mutation($input: PartnerTransitionInput!) { ${m}(input: $input) { userErrors { code } } }`, {
      input: { partnerId, reason: 'security test' },
    });
  await move('partnerEvaluationStart');
  await partnerQ(`mutation($input: PartnerEvaluationRecordInput!) { partnerEvaluationRecord(input: $input) { userErrors { code } } }`, {
    input: {
      partnerId,
      provincesReached: 30,
      criteria: ['NATIONAL_REACH', 'PAYMENT_INTEGRATION', 'OWN_PORTAL', 'INSTITUTION_COOPERATION'].map((criterion) => ({
        criterion,
        passed: true,
      })),
    },
  });
  await partnerQ(`mutation($input: PartnerMouSignInput!) { partnerMouSign(input: $input) { userErrors { code } } }`, {
    input: { partnerId, number: `MOU-SEC-${slug}/2024`, signedAt: '2024-03-20T00:00:00.000Z', reason: 'MoU signed' },
  });
  const activated = await move('partnerActivate');
  if (activated.data?.partnerActivate.userErrors.length) throw new Error(`partner not activated: ${JSON.stringify(activated.data)}`);
  const issued = await partnerQ(
    `mutation($partnerId: ID!) { partnerCredentialIssue(input: { partnerId: $partnerId }) { credential { clientId } signingKey userErrors { code } } }`,
    { partnerId },
  );
  const { credential, signingKey } = issued.data!.partnerCredentialIssue;
  return { partnerId, clientId: credential.clientId, signingKey };
}

/** A request signed as the partner's integration would sign it. */
export function partnerPost(
  url: string,
  credential: { clientId: string; signingKey: string },
  query: string,
  variables: Record<string, unknown> = {},
) {
  const body = JSON.stringify({ query, variables });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = partnerSignature(credential.signingKey, credential.clientId, timestamp, 'POST', '/graphql', body);
  return raw(url, {
    headers: { 'content-type': 'application/json', 'x-client-id': credential.clientId, 'x-timestamp': timestamp, 'x-signature': signature },
    body,
  });
}

/** Registers a person through the gateway, as the public form does; returns the id and the NIK they declared. */
export async function registerThroughGateway(): Promise<{ id: string; nik: string; kk: string }> {
  // Random birth date and serial: test files each load the fixtures afresh, so their serials can meet.
  const rnd = (n: number) => 1 + Math.floor(Math.random() * n);
  const birthDate = `${1975 + rnd(24)}-${String(rnd(12)).padStart(2, '0')}-${String(rnd(28)).padStart(2, '0')}`;
  const nik = `317101${String(Number(birthDate.slice(8)) + 40).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String(rnd(9998)).padStart(4, '0')}`;
  const kk = makeKk();
  const res = await post(
    `mutation Register($input: ParticipantRegisterInput!) { participantRegister(input: $input) { participant { id } userErrors { code } } }`,
    {
      input: {
        nik,
        familyCardNumber: kk,
        fullName: 'Dewi Lestari',
        birthDate,
        email: 'dewi@example.co.id',
        phone: '081298765432',
        address: 'Jl. Merdeka No. 5, Bandung',
        citizen: true,
        educationStatus: 'NOT_IN_EDUCATION',
        occupation: 'UNEMPLOYED',
      },
    },
  );
  const participant = res.json.data?.participantRegister?.participant;
  if (!participant) throw new Error(`registration failed: ${res.text}`);
  return { id: participant.id, nik, kk };
}

export const codeOf = (res: { json: { errors?: Array<{ extensions?: { code?: string } }> } }) => res.json.errors?.[0]?.extensions?.code;
