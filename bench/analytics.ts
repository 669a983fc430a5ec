import 'reflect-metadata';
import { Client } from 'pg';
import { benchDatabase } from './database';
import { issueDevToken } from '../common/dev-token';
import { bulkOptions } from '../scripts/seed-options';
import { seedDatabase } from '../scripts/seeding';
import { startStack } from '../scripts/stack';
import { quantile } from './load';

/**
 * `npm run bench:analytics`: seeds a programme year of BENCH_PARTICIPANTS people (default 100,000) through the
 * bulk seed (`npm run seed -- --participants N`; BENCH_SEED_ARGS adds its knobs, e.g. `--apply-share 1
 * --selected-share 1` for a card each), then starts the stack on it, so the analytics subgraph backfills the
 * whole year from the outboxes, and prints in this one run: how fast that backlog was projected, and p50/p99 of
 * each query shape through the gateway beside the bare SQL GROUP BY over the operational tables that gives the
 * same answer.
 */
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const SEED_ARGS = (process.env.BENCH_SEED_ARGS ?? '').split(/\s+/).filter(Boolean);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4960);
/** BENCH_REUSE_SEED=1: the database an earlier run seeded (its embedded data directory) is used as it is. */
const REUSE_SEED = process.env.BENCH_REUSE_SEED === '1';

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
  const bulk = bulkOptions(['--participants', String(PARTICIPANTS), ...SEED_ARGS])!;
  const db = await benchDatabase('postgres-bench-analytics', 4997);
  const seedStart = performance.now();
  const admin = new Client({ connectionString: db.url });
  if (REUSE_SEED) {
    // The sources as an earlier run seeded them; the read model from nothing, as a first start would find it.
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS analytics CASCADE`);
  } else {
    await seedDatabase(db.url, { reset: true, bulk, log: () => undefined });
    await admin.connect();
  }
  const seeded = performance.now();
  const target = await eventCount(admin);
  const counts = (
    await admin.query(
      `SELECT (SELECT count(*) FROM participants.participant) AS participants, (SELECT count(*) FROM participants.application) AS applications,
              (SELECT count(*) FROM participants.card) AS cards, (SELECT count(*) FROM courses.enrollment) AS enrollments`,
    )
  ).rows[0] as Record<string, string>;
  console.log(
    `seed: ${Object.entries(counts)
      .map(([k, n]) => `${Number(n).toLocaleString()} ${k}`)
      .join(', ')}; ` +
      `${target.toLocaleString()} events; ${REUSE_SEED ? 'seeded by an earlier run' : `${((seeded - seedStart) / 1000).toFixed(1)} s`}`,
  );
  // The analytics subgraph starts on a database that already holds the year: it backfills it from the feeds.
  const started = performance.now();
  const stack = await startStack({ databaseUrl: db.url, gatewayPort: PORT_BASE, output: 'ignore', env: { PRAKERJA_LOG_LEVEL: 'silent' } });
  const up = performance.now();
  try {
    while ((await projectedCount(admin)) < target) await new Promise((r) => setTimeout(r, 500));
    const projected = performance.now();
    // Tables without filters are read from the rollups: time them once the rollups hold the whole backlog.
    while ((await rollupCount(admin)) < target) await new Promise((r) => setTimeout(r, 500));
    const rolledUp = performance.now();
    const seconds = (projected - started) / 1000;
    console.log(
      `projection: ${target.toLocaleString()} events in ${seconds.toFixed(1)} s from the stack's start (up in ${((up - started) / 1000).toFixed(1)} s), ${Math.round(target / seconds).toLocaleString()} events/s`,
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
      // A shape that fails (the gateway's upstream timeout, say) is reported and the run goes on to the next.
      const a = await timed(() => ask(shape.graphql)).catch((error: Error) => error);
      if (a instanceof Error) {
        console.log(`${shape.name.padEnd(40)} failed: ${a.message.slice(0, 160)}`);
        continue;
      }
      const s = await timed(() => admin.query(shape.sql));
      console.log(
        `${shape.name.padEnd(40)} ${a.p50.toFixed(0).padStart(6)} / ${a.p99.toFixed(0).padStart(5)} ms   ${s.p50.toFixed(0).padStart(6)} / ${s.p99
          .toFixed(0)
          .padStart(5)} ms   ${(a.p50 / s.p50).toPrecision(2)}x`,
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
