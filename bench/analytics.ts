import 'reflect-metadata';
import { Client } from 'pg';
import { benchDatabase } from './database';
import { issueDevToken } from '../common/dev-token';
import { seedDatabase } from '../scripts/seeding';
import { startStack } from '../scripts/stack';
import { quantile } from './load';

/**
 * `npm run bench:analytics`: bulk-writes BENCH_PARTICIPANTS synthetic participants (default 100,000) with an
 * application each, a fifth selected and buying a course, on top of the demo data, then prints in this one
 * run: how fast the analytics subgraph projected that backlog, and p50/p99 of each query shape through the
 * gateway beside the bare SQL GROUP BY over the operational tables that gives the same answer.
 */
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4960);
const CHUNK = 50_000;

const SHAPES: Array<{ name: string; graphql: string; sql: string }> = [
  {
    name: 'cohort funnel',
    graphql: `{ cohortFunnel { rows { cells { value } } } }`,
    sql: `SELECT a.cohort_id, count(*), count(*) FILTER (WHERE a.status = 'SELECTED'), count(DISTINCT c.id), count(DISTINCT p.participant_id)
            FROM participants.application a LEFT JOIN participants.card c ON c.participant_id = a.participant_id AND c.cohort_id = a.cohort_id
            LEFT JOIN courses.purchase p ON p.participant_id = a.participant_id AND p.status = 'AUTHORIZED' GROUP BY 1`,
  },
  {
    name: 'spend by platform x month',
    graphql: `{ analyticsTable(input: { measures: [SPEND], dimensions: [PLATFORM, MONTH] }) { rows { cells { value } } } }`,
    sql: `SELECT p.partner_id, date_trunc('month', p.authorized_at AT TIME ZONE 'Asia/Jakarta'), sum(p.amount) - sum(coalesce(e.refunded_amount, 0))
            FROM courses.purchase p LEFT JOIN courses.enrollment e ON e.purchase_id = p.id WHERE p.status = 'AUTHORIZED' GROUP BY 1, 2`,
  },
  {
    name: 'partner scorecard',
    graphql: `{ partnerScorecard { rows { cells { value } } } }`,
    sql: `SELECT p.partner_id, count(*), sum(p.amount) - sum(coalesce(e.refunded_amount, 0)), count(*) FILTER (WHERE e.status = 'COMPLETED'),
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.completed_at - e.enrolled_at)) FILTER (WHERE e.status = 'COMPLETED'), avg(e.score)
            FROM courses.purchase p LEFT JOIN courses.enrollment e ON e.purchase_id = p.id WHERE p.status = 'AUTHORIZED' GROUP BY 1`,
  },
  {
    name: 'cross-tab province x sex x age band',
    graphql: `{ analyticsTable(input: { measures: [PARTICIPANTS, APPLICATIONS], dimensions: [PROVINCE, SEX, AGE_BAND] }) { rows { cells { value } } } }`,
    sql: `SELECT p.province_code, p.gender, (extract(year FROM now()) - extract(year FROM p.birth_date)) / 10, count(DISTINCT p.id), count(a.id)
            FROM participants.participant p LEFT JOIN participants.application a ON a.participant_id = p.id GROUP BY 1, 2, 3`,
  },
  // Several provinces: the rollup's cells added up (a province splits participants), then the facts forced by a time range.
  ...['', ', from: "2000-01-01T00:00:00Z"'].map((range) => ({
    name: `cross-tab of provinces 31, 32 (${range ? 'facts' : 'rollup'})`,
    graphql: `{ analyticsTable(input: { measures: [PARTICIPANTS, APPLICATIONS], dimensions: [SEX, AGE_BAND], filters: [{ dimension: PROVINCE, values: ["31", "32"] }]${range} }) { rows { cells { value } } } }`,
    sql: `SELECT p.gender, (extract(year FROM now()) - extract(year FROM p.birth_date)) / 10, count(DISTINCT p.id), count(a.id)
            FROM participants.participant p LEFT JOIN participants.application a ON a.participant_id = p.id
           WHERE p.province_code IN ('31', '32') GROUP BY 1, 2`,
  })),
];

async function bulkWrite(admin: Client): Promise<void> {
  const { rows: partners } = await admin.query(`SELECT DISTINCT partner_id, course_id, price FROM courses.offering WHERE active`);
  const [cohort] = (
    await admin.query(
      `INSERT INTO participants.cohort (id, name, quota, opens_at, closes_at, training_balance, purchase_window_days, created_at)
       VALUES (gen_random_uuid(), 'Bench ' || now(), 1000000, now() - interval '30 days', now() - interval '20 days', 3500000, 15, now()) RETURNING id`,
    )
  ).rows;
  await admin.query(
    `CREATE TEMP TABLE offer AS SELECT row_number() OVER () AS n, * FROM jsonb_to_recordset($1::jsonb) AS x(partner_id uuid, course_id uuid, price bigint)`,
    [JSON.stringify(partners)],
  );
  const offers = partners.length;
  const tag = Date.now() % 1_000_000;
  for (let from = 1; from <= PARTICIPANTS; from += CHUNK) {
    const to = Math.min(PARTICIPANTS, from + CHUNK - 1);
    await admin.query('BEGIN');
    // Synthetic people: 38 provinces, ages 18–64, both sexes; the NIK column only needs to be unique here.
    await admin.query(
      `CREATE TEMP TABLE batch ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, g, (ARRAY['11','12','13','14','15','16','17','18','19','21','31','32','33','34','35','36','51','52','53','61','62','63','64','65','71','72','73','74','75','76','81','82','91','92','93','94','95','96'])[1 + g % 38] AS province
         FROM generate_series($1::int, $2::int) g`,
      [from, to],
    );
    await admin.query(
      `INSERT INTO participants.participant (id, nik, family_card_number, full_name, birth_date, gender, province_code, province_name, district_code,
         email, phone, address, citizen, education_status, occupation, incentive_status, created_at)
       SELECT id, 'B' || $1 || lpad(g::text, 9, '0'), 'K' || $1 || lpad(g::text, 9, '0'), 'Bench', date '1962-01-01' + (g::bigint * 7919 % 16400)::int,
              (CASE g % 2 WHEN 0 THEN 'MALE' ELSE 'FEMALE' END)::participants.gender, province, 'Bench', province || '0101',
              'bench@example.co.id', '081200000000', 'Bench', true, 'NOT_IN_EDUCATION', 'UNEMPLOYED', 'NOT_DUE', now() - (g % 300) * interval '1 day'
         FROM batch`,
      [String(tag)],
    );
    await admin.query(
      `INSERT INTO participants.application (id, cohort_id, participant_id, status, reasons, created_at)
       SELECT gen_random_uuid(), $1, id, (CASE WHEN g % 5 = 0 THEN 'SELECTED' ELSE 'NOT_SELECTED' END)::participants.application_status, '{}', now() - interval '25 days' FROM batch`,
      [cohort.id],
    );
    await admin.query(
      `WITH sale AS (
         SELECT b.id AS participant_id, b.g, o.partner_id, o.course_id, o.price, gen_random_uuid() AS purchase_id,
                now() - (b.g % 300) * interval '1 day' AS at
           FROM batch b JOIN offer o ON o.n = 1 + b.g % $1 WHERE b.g % 5 = 0),
       purchase AS (
         INSERT INTO courses.purchase (id, partner_id, invoice_code, card_number, participant_id, course_id, amount, status, otp_generation, otp_attempts,
           hold_expires_at, hold_released, created_at, updated_at, authorized_at)
         SELECT purchase_id, partner_id, 'BENCH-' || $2 || '-' || g, '0', participant_id, course_id, price, 'AUTHORIZED', 1, 0, at, false, at, at, at FROM sale)
       INSERT INTO courses.enrollment (id, purchase_id, partner_id, participant_id, course_id, invoice_code, transaction_code, amount, status, enrolled_at,
         attended_sessions, completed_at, score, completion_recorded, created_at, cancelled_at, refunded_amount)
       SELECT gen_random_uuid(), purchase_id, partner_id, participant_id, course_id, 'BENCH-' || $2 || '-' || g, 'BTRX-' || $2 || '-' || g, price,
              (CASE WHEN g % 100 < 60 THEN 'COMPLETED' WHEN g % 100 < 65 THEN 'CANCELLED' ELSE 'ENROLLED' END)::courses.enrollment_status, at, 0,
              CASE WHEN g % 100 < 60 THEN at + (g % 20) * interval '1 day' END, CASE WHEN g % 100 < 60 THEN 60 + g % 40 END, g % 100 < 60, at,
              CASE WHEN g % 100 BETWEEN 60 AND 64 THEN at END, CASE WHEN g % 100 BETWEEN 60 AND 64 THEN price END
         FROM sale`,
      [offers, String(tag)],
    );
    await admin.query('COMMIT');
  }
}

const eventCount = async (admin: Client) =>
  Number(
    (
      await admin.query(
        `SELECT (SELECT count(*) FROM participants.outbox_event) + (SELECT count(*) FROM partners.outbox_event) + (SELECT count(*) FROM courses.outbox_event) AS n`,
      )
    ).rows[0].n,
  );
const rollupCount = async (admin: Client) =>
  Number(
    (await admin.query(`SELECT coalesce(sum(events_projected), 0) AS n FROM analytics.rollup_source WHERE built_at IS NOT NULL`)).rows[0].n,
  );
const projectedCount = async (admin: Client) =>
  Number((await admin.query(`SELECT sum(events_projected) AS n FROM analytics.feed_cursor`)).rows[0].n);

async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

async function main(): Promise<void> {
  const db = await benchDatabase('postgres-bench-analytics', 4997);
  await seedDatabase(db.url, { reset: true, log: () => undefined });
  const stack = await startStack({ databaseUrl: db.url, gatewayPort: PORT_BASE, output: 'ignore', env: { PRAKERJA_LOG_LEVEL: 'silent' } });
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  try {
    while ((await projectedCount(admin)) < (await eventCount(admin))) await new Promise((r) => setTimeout(r, 200));
    const before = await projectedCount(admin);
    const writeStart = performance.now();
    await bulkWrite(admin);
    const written = performance.now();
    const target = await eventCount(admin);
    while ((await projectedCount(admin)) < target) await new Promise((r) => setTimeout(r, 100));
    const projected = performance.now();
    const events = target - before;
    // Tables without filters are read from the rollups: time them once the rollups hold the whole backlog.
    while ((await rollupCount(admin)) < target) await new Promise((r) => setTimeout(r, 200));
    const rolledUp = performance.now();
    console.log(
      `backlog: ${PARTICIPANTS.toLocaleString()} participants, ${events.toLocaleString()} events written in ${((written - writeStart) / 1000).toFixed(1)} s`,
    );
    console.log(
      `projection: all projected ${((projected - written) / 1000).toFixed(1)} s after the writes ended; ${Math.round(events / ((projected - writeStart) / 1000)).toLocaleString()} events/s over writes and projection`,
    );
    console.log(`rollups: built over the whole backlog ${((rolledUp - projected) / 1000).toFixed(1)} s after it was projected`);
    const token = await issueDevToken({ role: 'analyst', sub: 'bench' });
    const ask = async (query: string) => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const json = (await response.json()) as { errors?: unknown };
      if (json.errors) throw new Error(JSON.stringify(json.errors));
    };
    console.log(`query shape                              analytics p50 / p99     bare SQL p50 / p99     ratio (p50)`);
    for (const shape of SHAPES) {
      const a = await timed(() => ask(shape.graphql));
      const s = await timed(() => admin.query(shape.sql));
      console.log(
        `${shape.name.padEnd(40)} ${a.p50.toFixed(0).padStart(6)} / ${a.p99.toFixed(0).padStart(5)} ms   ${s.p50.toFixed(0).padStart(6)} / ${s.p99
          .toFixed(0)
          .padStart(5)} ms   ${(a.p50 / s.p50).toFixed(2)}x`,
      );
    }
  } finally {
    await admin.end();
    await stack.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
