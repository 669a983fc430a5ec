import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../common/config';
import { seedDatabase } from '../scripts/seeding';
import { startStack } from '../scripts/stack';
import { childrenCpuBetween, childrenCpuMs, cpuMs, postmasterPid } from './cpu';
import { benchDatabase } from './database';

/**
 * `npm run bench:projection`: the projection rate from a pure backlog. With the analytics process stopped, it
 * writes BENCH_EVENTS events (default 1,000,000) straight into the participants and courses outboxes (as the
 * triggers would: registrations and applications, purchases and enrollments, in transactions of about 120,000), then
 * starts analytics and times it until every event is projected: events/s, and the CPU-ms per 1,000 events of
 * analytics, of the two feed servers and of PostgreSQL. Twice: first before the rollups were ever built (pages
 * write no deltas), then, once built, with a second backlog as large (each page writes its rollup delta), and
 * the ratio. BENCH_BATCH sets ANALYTICS_BATCH_SIZE (events per page).
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH = process.env.BENCH_BATCH;
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4940);
/** People per transaction: three events each on average (about 120,000 events). */
const PEOPLE = 40_000;
const load = () => loadavg()[0].toFixed(1);

/** One transaction's events: per person g a registration and an application; every other person a purchase and its enrollment. */
async function writeBacklog(admin: Client, cohortId: string, offer: { partner_id: string; course_id: string; price: string }) {
  let written = 0;
  for (let g = 0; written < EVENTS; g += PEOPLE) {
    const people = Math.min(PEOPLE, Math.ceil((EVENTS - written) / 3));
    await admin.query('BEGIN');
    await admin.query(
      `CREATE TEMP TABLE person ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, gen_random_uuid() AS application_id, gen_random_uuid() AS purchase_id, gen_random_uuid() AS enrollment_id,
              g, now() - (g % 300) * interval '1 day' AS at,
              (ARRAY['11','12','31','32','33','34','35','36','51','73'])[1 + g % 10] AS province
         FROM generate_series($1::int, $2::int) g`,
      [g, g + people - 1],
    );
    const participants = await admin.query(
      `INSERT INTO participants.outbox_event (type, payload, occurred_at)
       SELECT e.type, e.payload, p.at FROM person p, LATERAL (VALUES
         ('participant.registered', jsonb_build_object('participantId', p.id, 'provinceCode', p.province, 'regencyCode', p.province || '01',
           'birthYear', 1960 + p.g % 45, 'sex', CASE p.g % 2 WHEN 0 THEN 'MALE' ELSE 'FEMALE' END, 'education', 'NOT_IN_EDUCATION',
           'occupation', 'UNEMPLOYED', 'incentiveStatus', 'NOT_DUE', 'firstCompletedAt', null, 'registeredAt', p.at,
           'eligibilityReasons', CASE WHEN p.g % 20 = 0 THEN '["NOT_CITIZEN"]'::jsonb ELSE '[]'::jsonb END), 1),
         ('application.applied', jsonb_build_object('applicationId', p.application_id, 'cohortId', $1::uuid, 'participantId', p.id,
           'status', 'APPLIED', 'reasons', '[]'::jsonb, 'appliedAt', p.at), 2)) AS e(type, payload, n)
        ORDER BY p.g, e.n`,
      [cohortId],
    );
    const courses = await admin.query(
      `INSERT INTO courses.outbox_event (type, payload, occurred_at)
       SELECT e.type, e.payload, p.at FROM person p, LATERAL (VALUES
         ('purchase.authorized', jsonb_build_object('purchaseId', p.purchase_id, 'participantId', p.id, 'partnerId', $1::uuid, 'courseId', $2::uuid,
           'amount', $3::text, 'status', 'AUTHORIZED', 'startedAt', p.at, 'authorizedAt', p.at), 1),
         ('enrollment.enrolled', jsonb_build_object('enrollmentId', p.enrollment_id, 'purchaseId', p.purchase_id, 'participantId', p.id,
           'partnerId', $1::uuid, 'courseId', $2::uuid, 'amount', $3::text, 'status', 'ENROLLED', 'enrolledAt', p.at, 'attendedSessions', 0,
           'completedAt', null, 'score', null, 'cancelledAt', null, 'refundedAmount', null), 2)) AS e(type, payload, n)
        WHERE p.g % 2 = 0 ORDER BY p.g, e.n`,
      [offer.partner_id, offer.course_id, offer.price],
    );
    await admin.query('COMMIT');
    written += participants.rowCount! + courses.rowCount!;
  }
  return written;
}

const projectedCount = async (admin: Client) =>
  Number((await admin.query(`SELECT coalesce(sum(events_projected), 0) AS n FROM analytics.feed_cursor`)).rows[0].n);
const eventCount = async (admin: Client) =>
  Number(
    (
      await admin.query(
        `SELECT (SELECT count(*) FROM participants.outbox_event) + (SELECT count(*) FROM partners.outbox_event) + (SELECT count(*) FROM courses.outbox_event) AS n`,
      )
    ).rows[0].n,
  );

/** BENCH_CPU_PROF=<dir>: the analytics process writes a V8 CPU profile there when it stops. */
const PROFILE = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
/** BENCH_NODE_ARGS: flags for the analytics process's node (for example --max-semi-space-size=64). */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

function startAnalytics(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...NODE_ARGS, ...PROFILE, resolve(projectRoot, 'dist/subgraphs/analytics/index.js')], {
    env: { ...env, ...(BATCH ? { ANALYTICS_BATCH_SIZE: BATCH } : {}), PRAKERJA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function main(): Promise<void> {
  const db = await benchDatabase('postgres-bench-projection', 4993);
  await seedDatabase(db.url, { reset: true, log: () => undefined });
  // Analytics stays stopped while the backlog is written: only the sources serve their feeds.
  const stack = await startStack({
    databaseUrl: db.url,
    gatewayPort: PORT_BASE,
    gateway: false,
    subgraphs: ['participants', 'partners', 'courses'],
    output: 'ignore',
    env: { PRAKERJA_LOG_LEVEL: 'silent' },
  });
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  let analytics: ChildProcess | undefined;
  try {
    const [cohort] = (await admin.query(`SELECT id FROM participants.cohort ORDER BY created_at LIMIT 1`)).rows;
    const [offer] = (await admin.query(`SELECT partner_id, course_id, price::text FROM courses.offering WHERE active LIMIT 1`)).rows;
    const rates: number[] = [];
    for (const deltas of [false, true]) {
      const writeStart = performance.now();
      const written = await writeBacklog(admin, cohort.id, offer);
      const target = await eventCount(admin);
      console.log(
        `backlog: ${written.toLocaleString()} events written in ${((performance.now() - writeStart) / 1000).toFixed(1)} s (${target.toLocaleString()} in the feeds in all), load ${load()}`,
      );
      const dataDirectory = (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory;
      const postmaster = db.embedded ? postmasterPid(dataDirectory) : undefined;
      const pgBefore = postmaster ? childrenCpuMs(postmaster) : new Map<number, number>();
      const feedsBefore = cpuMs(stack.pids.participants) + cpuMs(stack.pids.courses);
      const projectedBefore = await projectedCount(admin);
      const events = target - projectedBefore;
      const started = performance.now();
      analytics = startAnalytics(stack.env);
      let first = 0;
      let analyticsCpu = 0;
      const loads: string[] = [];
      for (let tick = 0; ; tick++) {
        const done = await projectedCount(admin);
        if (done > projectedBefore && !first) first = performance.now();
        analyticsCpu = cpuMs(analytics.pid!) || analyticsCpu;
        if (tick % 50 === 0) loads.push(load());
        if (done >= target) break;
        if (analytics.exitCode !== null) throw new Error(`analytics exited with ${analytics.exitCode}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const last = performance.now();
      const pg = postmaster ? childrenCpuBetween(pgBefore, childrenCpuMs(postmaster)) : NaN;
      const feeds = cpuMs(stack.pids.participants) + cpuMs(stack.pids.courses) - feedsBefore;
      const perThousand = (ms: number) => ((ms / events) * 1000).toFixed(0);
      rates.push(events / ((last - started) / 1000));
      console.log(
        `projection ${deltas ? 'with rollup deltas (built before the backlog)' : 'before the first rollup build (no deltas)'} (ANALYTICS_BATCH_SIZE=${BATCH ?? 'default'}${NODE_ARGS.length ? `, node ${NODE_ARGS.join(' ')}` : ''}): ` +
          `${events.toLocaleString()} events in ${((last - started) / 1000).toFixed(1)} s from process start, ` +
          `${Math.round(rates.at(-1)!).toLocaleString()} events/s (${Math.round(events / ((last - first) / 1000)).toLocaleString()}/s from the first page); load ${loads.join(' → ')}`,
      );
      console.log(
        `CPU-ms per 1,000 events: analytics ${perThousand(analyticsCpu)}, feed servers ${perThousand(feeds)}, PostgreSQL ${Number.isNaN(pg) ? 'n/a' : perThousand(pg)}`,
      );
      if (!deltas) {
        // Caught up: the first build follows, and pages write deltas from then on.
        while (!(await admin.query(`SELECT 1 FROM analytics.rollup_source LIMIT 1`)).rowCount) await new Promise((r) => setTimeout(r, 200));
        if (!(await admin.query(`SELECT incremental FROM analytics.rollup_state`)).rows[0].incremental) throw new Error('deltas not on');
      }
      analytics.kill('SIGTERM');
      await new Promise((r) => analytics!.once('exit', r));
    }
    console.log(`with deltas / without: ${(rates[1] / rates[0]).toFixed(2)}x the events per second`);
  } finally {
    if (analytics && analytics.exitCode === null) {
      analytics.kill('SIGTERM');
      await new Promise((r) => analytics!.once('exit', r));
    }
    await admin.end();
    await stack.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
