import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { projectRoot } from '../common/config';
import { luhnCheckDigit } from '../common/luhn';
import { startStack } from '../scripts/stack';
import { childrenCpuBetween, childrenCpuMs, postmasterPid, treeCpuMs } from './cpu';
import { benchDatabase } from './database';
import { issuePartnerCredential } from './rounds';
import { seedBenchData } from './data';
import { ONE_ADDRESS_FOR_MANY, postJson, quantile } from './load';

/**
 * `npm run bench:purchases`: complete purchases (the contract's StartPurchase, the OTP read from the
 * participant's inbox row, AuthorizePurchase) through the gateway, each by a participant of its own, with
 * BENCH_CONCURRENCY in flight for BENCH_SECONDS per round. Prints per round the purchases per second and, per
 * purchase, the CPU-ms of every process (from /proc), the SQL statements each subgraph sent (its
 * prakerja_db_statements_total) and the internal calls the participants subgraph answered; then checks the
 * invariants on everything bought (ledger sum = balance, none negative, one debit and one enrollment per
 * authorized purchase). The OTP is read with one indexed SELECT by the bench, counted in PostgreSQL's CPU but
 * not in the subgraphs' statements. Embedded PostgreSQL on BENCH_EMBEDDED_PG_PORT, ports from
 * BENCH_PORT_BASE; loopback only.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4970);
/** Instances of the gateway and of each subgraph (scripts/instances.ts); CPU is then summed over each one's workers. */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
/** Cards prepared, one per purchase: more than the rounds can use at 1,000 purchases per second. */
const CARDS = Number(process.env.BENCH_CARDS ?? (ROUNDS * SECONDS + 6) * 1000);
const BALANCE = 3_500_000;
const PROCESSES = ['gateway', 'participants', 'courses', 'analytics'] as const;
const DOCUMENTS = resolve(projectRoot, 'schema/operations/partner');
const START = readFileSync(resolve(DOCUMENTS, 'StartPurchase.graphql'), 'utf8');
const AUTHORIZE = readFileSync(resolve(DOCUMENTS, 'AuthorizePurchase.graphql'), 'utf8');

/** `count` fresh participants with an ACTIVE card and a full wallet (credit in the ledger), written in one statement each. */
async function prepareCards(admin: Client, count: number): Promise<string[]> {
  const tag = String(Date.now() % 1e9).padStart(9, '0');
  // 16 digits: "9" + 9 of this run + 5 of the index + the Luhn check digit (no real card starts with 9 here).
  const numbers = Array.from({ length: count }, (_, i) => {
    const payload = `9${tag}${String(i).padStart(5, '0')}`;
    return `${payload}${luhnCheckDigit(payload)}`;
  });
  const [cohort] = (
    await admin.query<{ id: string }>(
      `INSERT INTO participants.cohort (id, name, quota, opens_at, closes_at, training_balance, purchase_window_days, created_at)
       VALUES (gen_random_uuid(), 'Bench purchases ' || now(), $1, now() - interval '3 days', now() - interval '2 days', $2, 30, now()) RETURNING id`,
      [count, BALANCE],
    )
  ).rows;
  await admin.query(
    `WITH n AS (SELECT g, number, gen_random_uuid() AS participant_id, gen_random_uuid() AS card_id FROM unnest($1::text[]) WITH ORDINALITY AS u(number, g)),
     p AS (INSERT INTO participants.participant (id, nik, family_card_number, full_name, birth_date, gender, province_code, province_name, district_code,
             email, phone, address, citizen, education_status, occupation, incentive_status, created_at)
           SELECT participant_id, 'P' || $3 || lpad(g::text, 7, '0'), 'K' || $3 || lpad(g::text, 7, '0'), 'Bench', date '1990-01-01',
                  'FEMALE', '31', 'Bench', '317101', 'bench@example.co.id', '081200000000', 'Bench', true, 'NOT_IN_EDUCATION', 'UNEMPLOYED', 'NOT_DUE', now()
             FROM n RETURNING id),
     c AS (INSERT INTO participants.card (id, number, participant_id, cohort_id, status, purchase_deadline, created_at)
           SELECT card_id, number, participant_id, $2, 'ACTIVE', now() + interval '30 days', now() FROM n WHERE participant_id IN (SELECT id FROM p) RETURNING id),
     w AS (INSERT INTO participants.wallet (id, card_id, balance, held) SELECT id, id, $4, 0 FROM c RETURNING id)
     INSERT INTO participants.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at)
     SELECT gen_random_uuid(), id, 'CREDIT_COHORT', $4, id, now() FROM w`,
    [numbers, cohort.id, tag, BALANCE],
  );
  return numbers;
}

/** Sums of a Prometheus text exposition's series by metric name and `operation` label, for the ones asked. */
async function scrape(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(url)).text();
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(prakerja_db_statements_total|prakerja_graphql_requests_total)(?:\{([^}]*)\})? ([0-9.e+]+)$/.exec(line);
    if (!m) continue;
    const operation = /operation="([^"]*)"/.exec(m[2] ?? '')?.[1];
    const key = operation ? `${m[1]}:${operation}` : m[1];
    sums.set(key, (sums.get(key) ?? 0) + Number(m[3]));
  }
  return sums;
}

interface Round {
  perSecond: number;
  completed: number;
  failed: number;
  latencies: number[];
  cpu: Record<string, number>;
  statements: Record<string, number>;
  internalCalls: Record<string, number>;
}

async function main(): Promise<void> {
  const db = await benchDatabase('postgres-bench-purchases', 4996);
  const metricsPorts = {
    gateway: PORT_BASE + 10,
    participants: PORT_BASE + 11,
    partners: PORT_BASE + 12,
    courses: PORT_BASE + 13,
    analytics: PORT_BASE + 14,
  };
  const stack = await startStack({
    profileDir: process.env.BENCH_CPU_PROF_DIR,
    databaseUrl: db.url,
    gatewayPort: PORT_BASE,
    output: 'ignore',
    instances: INSTANCES,
    env: {
      PRAKERJA_LOG_LEVEL: 'silent',
      GATEWAY_PARTNER_FIELDS_PER_MINUTE: '100000000',
      ...ONE_ADDRESS_FOR_MANY,
      ...Object.fromEntries(Object.entries(metricsPorts).map(([name, port]) => [`${name.toUpperCase()}_METRICS_PORT`, String(port)])),
    },
  });
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  try {
    await seedBenchData(db.url);
    const [offer] = (
      await admin.query<{ partner_id: string; course_id: string; price: string }>(
        `SELECT o.partner_id, o.course_id, o.price FROM courses.offering o JOIN courses.course c ON c.id = o.course_id
           JOIN partners.partner p ON p.id = o.partner_id
          WHERE o.active AND c.curation_status = 'APPROVED' AND p.status = 'ACTIVE' AND o.price <= $1 ORDER BY o.price LIMIT 1`,
        [BALANCE],
      )
    ).rows;
    if (!offer) throw new Error('no active offering to buy');
    const cards = await prepareCards(admin, CARDS);
    const { clientId, signingKey } = await issuePartnerCredential(stack.gatewayUrl, offer.partner_id);
    const dataDirectory = (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory;
    const postmaster = db.embedded ? postmasterPid(dataDirectory) : undefined;
    const otpReader = new Pool({ connectionString: db.url, max: 8 });
    // The analytics subgraph projects the prepared cards' events first: that backlog is not a purchase's cost.
    await caughtUp(admin);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const partnerCall = (query: string, variables: Record<string, unknown>) => {
      const body = JSON.stringify({ query, variables });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', signingKey).update(`${clientId}${timestamp}POST/graphql${body}`).digest('hex');
      return postJson(stack.gatewayUrl, body, { 'x-client-id': clientId, 'x-timestamp': timestamp, 'x-signature': signature }, agent);
    };
    let next = 0;
    const purchase = async (): Promise<boolean> => {
      const i = next++;
      if (i >= cards.length) throw new Error(`out of cards (${cards.length}): raise BENCH_CARDS`);
      const invoiceCode = `BENCH-${clientId.slice(-6)}-${i}`;
      const started = await partnerCall(START, {
        input: { cardNumber: cards[i], courseId: offer.course_id, invoiceCode, amount: Number(offer.price) },
      });
      const id: string | undefined = started?.data?.purchaseStart?.purchase?.id;
      if (!id) return false;
      const { rows } = await otpReader.query<{ body: string }>('SELECT body FROM participants.inbox_message WHERE reference_id = $1', [
        `otp:${id}:1`,
      ]);
      const otp = /Kode OTP Anda: (\d{6})/.exec(rows[0]?.body ?? '')?.[1];
      if (!otp) return false;
      const authorized = await partnerCall(AUTHORIZE, { input: { purchaseId: id, otp } });
      return Boolean(authorized?.data?.purchaseAuthorize?.enrollment?.id);
    };
    const scrapeAll = async () =>
      Object.fromEntries(
        await Promise.all(PROCESSES.map(async (p) => [p, await scrape(`http://127.0.0.1:${metricsPorts[p]}/metrics`)] as const)),
      );
    const round = async (seconds: number): Promise<Round> => {
      const cpuBefore = Object.fromEntries(PROCESSES.map((p) => [p, treeCpuMs(stack.pids[p])]));
      const pgBefore = postmaster ? childrenCpuMs(postmaster) : new Map<number, number>();
      const metricsBefore = await scrapeAll();
      const latencies: number[] = [];
      let failed = 0;
      const t0 = performance.now();
      const deadline = t0 + seconds * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < deadline) {
            const s = performance.now();
            if (!(await purchase().catch(() => false))) failed++;
            latencies.push(performance.now() - s);
          }
        }),
      );
      const elapsed = (performance.now() - t0) / 1000;
      const metricsAfter = await scrapeAll();
      const completed = latencies.length - failed;
      const each = (n: number) => n / Math.max(1, completed);
      const cpu: Record<string, number> = {};
      for (const p of PROCESSES) cpu[p] = each(treeCpuMs(stack.pids[p]) - cpuBefore[p]);
      if (postmaster) cpu.postgres = each(childrenCpuBetween(pgBefore, childrenCpuMs(postmaster)));
      const delta = (p: string, key: string) => (metricsAfter[p].get(key) ?? 0) - (metricsBefore[p].get(key) ?? 0);
      const statements: Record<string, number> = {};
      for (const p of ['participants', 'courses']) statements[p] = each(delta(p, 'prakerja_db_statements_total'));
      const internalCalls: Record<string, number> = {};
      for (const key of metricsAfter.participants.keys()) {
        const operation = key.startsWith('prakerja_graphql_requests_total:') ? key.split(':')[1] : undefined;
        if (operation && delta('participants', key) > 0) internalCalls[operation] = each(delta('participants', key));
      }
      return { perSecond: completed / elapsed, completed, failed, latencies, cpu, statements, internalCalls };
    };
    const fmt = (record: Record<string, number>) =>
      Object.entries(record)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ');
    await round(3); // untimed warm-up: compiling the hot paths of every process
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const x = await round(SECONDS);
      rounds.push(x);
      const total = Object.values(x.cpu).reduce((a, b) => a + b, 0);
      console.log(
        `round ${r + 1} (load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(
            ' ',
          )}): ${x.perSecond.toFixed(0)} purchases/s (${x.completed} complete, ${x.failed} failed; p50 ${quantile(x.latencies, 0.5).toFixed(0)} ms, p99 ${quantile(x.latencies, 0.99).toFixed(0)} ms)\n` +
          `  CPU-ms per purchase: ${fmt(x.cpu)} (total ${total.toFixed(1)})\n` +
          (INSTANCES === 1
            ? `  SQL statements per purchase: ${fmt(x.statements)}; participants subgraph requests per purchase: ${fmt(x.internalCalls)}`
            : '  (statements and calls are counted with BENCH_INSTANCES=1: a scrape reaches one worker of several)'),
      );
    }
    agent.destroy();
    await otpReader.end();
    const mean = rounds.reduce((t, r) => t + r.perSecond, 0) / rounds.length;
    const cpuTotal = rounds.reduce((t, r) => t + Object.values(r.cpu).reduce((a, b) => a + b, 0), 0) / rounds.length;
    console.log(
      `complete purchases, ${INSTANCES} instance(s) of each process, ${CONCURRENCY} in flight, ${ROUNDS} rounds of ${SECONDS} s: ${mean.toFixed(0)}/s (goal >= 300); ${cpuTotal.toFixed(1)} CPU-ms per purchase, i.e. ${(2000 / cpuTotal).toFixed(0)}/s on 2 idle cores`,
    );
    await checkInvariants(admin);
  } finally {
    await admin.end();
    await stack.stop();
    await db.stop();
  }
}

/** Waits until the analytics subgraph has projected every outbox event written so far. */
async function caughtUp(admin: Client): Promise<void> {
  const count = async (sql: string) => Number((await admin.query<{ n: string }>(sql)).rows[0].n ?? 0);
  const events = await count(
    `SELECT (SELECT count(*) FROM participants.outbox_event) + (SELECT count(*) FROM partners.outbox_event) + (SELECT count(*) FROM courses.outbox_event) AS n`,
  );
  while ((await count(`SELECT sum(events_projected) AS n FROM analytics.feed_cursor`)) < events)
    await new Promise((r) => setTimeout(r, 200));
}

/** What no load may break: a wallet's ledger is its balance, nothing negative, one debit and one enrollment per purchase. */
async function checkInvariants(admin: Client): Promise<void> {
  const [row] = (
    await admin.query<Record<string, string>>(
      `SELECT
         (SELECT count(*) FROM participants.wallet w WHERE w.balance <> (SELECT coalesce(sum(amount), 0) FROM participants.ledger_entry l WHERE l.wallet_id = w.id)) AS ledger_differs,
         (SELECT count(*) FROM participants.wallet WHERE balance < 0 OR held < 0 OR held > balance) AS negative,
         (SELECT count(*) FROM (SELECT reference_id FROM participants.ledger_entry WHERE kind = 'DEBIT_PURCHASE' GROUP BY 1 HAVING count(*) > 1) d) AS double_debits,
         (SELECT count(*) FROM courses.purchase p WHERE p.status = 'AUTHORIZED' AND NOT EXISTS (SELECT 1 FROM courses.enrollment e WHERE e.purchase_id = p.id)) AS without_enrollment,
         (SELECT count(*) FROM courses.purchase p WHERE p.status = 'AUTHORIZED' AND NOT EXISTS (SELECT 1 FROM participants.ledger_entry l WHERE l.reference_id = p.id::text AND l.kind = 'DEBIT_PURCHASE')) AS without_debit,
         (SELECT count(*) FROM courses.purchase WHERE status = 'AUTHORIZED') AS authorized`,
    )
  ).rows;
  const broken = Object.entries(row).filter(([k, v]) => k !== 'authorized' && Number(v) > 0);
  console.log(`invariants over ${row.authorized} authorized purchases: ${broken.length ? `BROKEN ${JSON.stringify(row)}` : 'all hold'}`);
  if (broken.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
