import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { tokenFor, type GraphQLResponse } from '../support/client';
import { cardholder, invoice, offeredCourse, partnerRequest, partnerWithCredential, readOtpFor } from '../support/partner';
import { post, startGateway } from '../security/support';

/*
 * Each subgraph stopped in turn, behind a gateway of this test's own (the shared stack stays up for the other
 * tests): the fields of the running subgraphs still arrive, and each field that needed the stopped one is null
 * with SUBGRAPH_UNAVAILABLE at its path (no "Unexpected error.", no subgraph name or URL).
 */

const NAMES = ['participants', 'partners', 'courses'] as const;
type Name = (typeof NAMES)[number];
// Clear of the shared stack (base..base+3) and of the ports other tests take (base+20..+69, base+95).
const port = (name: Name) => Number(process.env.TEST_PORT_BASE ?? 4100) + 80 + NAMES.indexOf(name);
const url = (name: Name) => `http://127.0.0.1:${port(name)}/graphql`;

const processes = new Map<Name, ChildProcess>();

async function startSubgraph(name: Name): Promise<void> {
  const child = spawn(process.execPath, [resolve(__dirname, `../../dist/subgraphs/${name}/index.js`)], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      [`${name.toUpperCase()}_PORT`]: String(port(name)),
      PARTICIPANTS_URL: url('participants'),
      PARTNERS_URL: url('partners'),
      COURSES_URL: url('courses'),
      PRAKERJA_LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      // Background jobs belong to the shared stack's processes.
      COURSES_RECONCILE_INTERVAL_MS: '3600000',
      PARTICIPANTS_REVOCATION_INTERVAL_SECONDS: '86400',
    },
    stdio: 'ignore',
  });
  processes.set(name, child);
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start-up`);
    try {
      if ((await fetch(url(name).replace(/graphql$/, 'health'))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start`);
}

async function stopSubgraph(name: Name): Promise<void> {
  const child = processes.get(name)!;
  processes.delete(name);
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGKILL'); // an outage, not a shutdown
  });
}

const codesAt = (res: { json: GraphQLResponse }, prefix: Array<string | number>) =>
  (res.json.errors ?? [])
    .filter((e) => JSON.stringify(e.path?.slice(0, prefix.length)) === JSON.stringify(prefix))
    .map((e) => e.extensions?.code);

describe('a subgraph down costs only its own fields', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let participantToken: string;
  let adminToken: string;
  let participantId: string;

  beforeAll(async () => {
    // A participant with one enrollment, bought as a partner would.
    const holder = await cardholder();
    participantId = holder.participantId;
    const credential = await partnerWithCredential();
    const courseId = await offeredCourse(credential.partnerId, 150_000);
    const invoiceCode = invoice('DOWN');
    const started = await partnerRequest(credential, 'StartPurchase', {
      input: { cardNumber: holder.cardNumber, courseId, invoiceCode, amount: 150_000 },
    });
    const otp = await readOtpFor(participantId, invoiceCode);
    await partnerRequest(credential, 'AuthorizePurchase', { input: { purchaseId: started.data!.purchaseStart.purchase.id, otp } });
    participantToken = await tokenFor('participant', participantId);
    adminToken = await tokenFor('admin', 'subgraph-down-admin');
    await Promise.all(NAMES.map(startSubgraph));
    gateway = await startGateway({ PARTICIPANTS_URL: url('participants'), PARTNERS_URL: url('partners'), COURSES_URL: url('courses') });
  }, 120_000);
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([...processes.keys()].map(stopSubgraph));
  });

  const withStopped = async (name: Name, check: () => Promise<void>) => {
    await stopSubgraph(name);
    try {
      await check();
    } finally {
      await startSubgraph(name);
    }
  };

  it('courses stopped: the participant’s own record and card arrive, enrollments do not', async () => {
    await withStopped('courses', async () => {
      const me = await post(
        `{ me { id fullName card { status } enrollments { id status } } }`,
        {},
        { authorization: `Bearer ${participantToken}` },
        gateway.url,
      );
      expect(me.json.data?.me).toEqual({ id: participantId, fullName: expect.any(String), card: { status: 'ACTIVE' }, enrollments: null });
      expect(codesAt(me, ['me', 'enrollments'])).toEqual(['SUBGRAPH_UNAVAILABLE']);

      const anyone = await post(
        `{ cohorts(first: 5) { totalCount } partners(first: 1) { edges { node { name offerings(first: 1) { totalCount } } } } courses(first: 1) { totalCount } }`,
        {},
        {},
        gateway.url,
      );
      expect(anyone.json.data?.cohorts.totalCount).toBeGreaterThan(0);
      expect(anyone.json.data?.partners.edges[0].node).toEqual({ name: expect.any(String), offerings: null });
      expect(anyone.json.data?.courses).toBeNull();
      expect(codesAt(anyone, ['partners', 'edges', 0, 'node', 'offerings'])).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(codesAt(anyone, ['courses'])).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(anyone.text).not.toMatch(/Unexpected error|127\.0\.0\.1|courses subgraph|ECONNREFUSED/);
    });
  });

  it('partners stopped: the catalogue arrives without its providers’ names, cohorts as usual', async () => {
    await withStopped('partners', async () => {
      const res = await post(
        `{ courses(first: 2) { edges { node { title provider { name } } } } cohorts(first: 5) { totalCount } partners(first: 1) { totalCount } }`,
        {},
        {},
        gateway.url,
      );
      const nodes = res.json.data?.courses.edges.map((e: { node: unknown }) => e.node);
      expect(nodes).toEqual([
        { title: expect.any(String), provider: null },
        { title: expect.any(String), provider: null },
      ]);
      for (const i of [0, 1]) expect(codesAt(res, ['courses', 'edges', i, 'node', 'provider'])).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(res.json.data?.cohorts.totalCount).toBeGreaterThan(0);
      expect(res.json.data?.partners).toBeNull();
      expect(codesAt(res, ['partners'])).toEqual(['SUBGRAPH_UNAVAILABLE']);
    });
  });

  it('participants stopped: enrollments and courses arrive, the participant behind each does not', async () => {
    await withStopped('participants', async () => {
      const res = await post(
        `query($id: ID!) { enrollments(first: 2, participantId: $id) { edges { node { id status participant { gender } } } } courses(first: 1) { totalCount } cohorts(first: 5) { totalCount } }`,
        { id: participantId },
        { authorization: `Bearer ${adminToken}` },
        gateway.url,
      );
      const nodes = res.json.data?.enrollments.edges.map((e: { node: unknown }) => e.node);
      expect(nodes).toHaveLength(1);
      for (const [i, node] of nodes.entries()) {
        expect(node).toEqual({ id: expect.any(String), status: expect.any(String), participant: null });
        expect(codesAt(res, ['enrollments', 'edges', i, 'node', 'participant'])).toEqual(['SUBGRAPH_UNAVAILABLE']);
      }
      expect(res.json.data?.courses.totalCount).toBeGreaterThan(0);
      expect(res.json.data?.cohorts).toBeNull();
      expect(codesAt(res, ['cohorts'])).toEqual(['SUBGRAPH_UNAVAILABLE']);
    });
  });
});
