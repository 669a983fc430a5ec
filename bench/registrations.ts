import 'reflect-metadata';
import { Agent, request } from 'node:http';
import { benchDatabase } from './database';
import { startStack } from '../scripts/stack';
import { allDistricts } from '../subgraphs/participants/nik/regions';
import { Client, Pool } from 'pg';
import { childrenCpuBetween, childrenCpuMs, cpuMs, postmasterPid } from './cpu';
import { ONE_ADDRESS_FOR_MANY, quantile } from './load';

/**
 * A wave's opening: 80,000 registrations in one minute. Sends `participantRegister` through the gateway with
 * a fixed number in flight for a fixed time, each with a fresh valid NIK, in rounds interleaved (A B A B)
 * with single-row INSERTs of the same people straight into a copy of the participant table, the ceiling
 * PostgreSQL sets here. Prints both rates and their ratio, the CPU-ms per registration of the gateway, the
 * participants subgraph and PostgreSQL (read from /proc; PostgreSQL only when embedded), and the cores the
 * wave would need at those costs. Bounded in time, loopback only.
 */
const TARGET_PER_MINUTE = 80_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
// Ports from the environment, so a bench can run beside a development stack or another bench.
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4950);

const REGISTER = `mutation Register($input: ParticipantRegisterInput!) { participantRegister(input: $input) { participant { id } userErrors { code } } }`;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const runTag = Date.now() % 9000;

/** The i-th applicant of this run: a valid NIK from a real district, a unique (district, birth date, serial). */
function registration(i: number): string {
  const districts = allDistricts();
  const district = districts[i % districts.length].replace(/\./g, '');
  const day = 1 + (Math.floor(i / districts.length) % 28);
  const birthDate = `1995-03-${pad(day)}`;
  const serial = pad(1 + ((runTag + Math.floor(i / (districts.length * 28))) % 9999), 4);
  const nik = `${district}${pad(day)}0395${serial}`;
  return JSON.stringify({
    query: REGISTER,
    variables: {
      input: {
        nik,
        // Serial 1 and up: an all-zero family card number is not one.
        familyCardNumber: `${district}${pad(1 + (i % (1e10 - 1)), 10)}`,
        fullName: 'Pendaftar Uji',
        birthDate,
        email: `uji${i}@example.co.id`,
        phone: '081234567890',
        address: 'Jl. Merdeka No. 1',
        citizen: true,
        educationStatus: 'NOT_IN_EDUCATION',
        occupation: 'UNEMPLOYED',
      },
    },
  });
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARM_UP_SECONDS = 3;

interface Round {
  perSecond: number;
  cpuMs: Record<string, number>;
  count: number;
  failures: number;
  latencies: number[];
}

/** CPU used by each named process (and PostgreSQL's backends) while `run` ran. */
async function measured(
  pids: Record<string, number>,
  postmaster: number | undefined,
  run: () => Promise<{ count: number; failures: number; latencies: number[] }>,
  seconds: () => number,
): Promise<Round> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  const pgBefore = postmaster ? childrenCpuMs(postmaster) : new Map<number, number>();
  const result = await run();
  const cpu: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) cpu[name] = cpuMs(pid) - before[name];
  if (postmaster) cpu.postgres = childrenCpuBetween(pgBefore, childrenCpuMs(postmaster));
  return { ...result, perSecond: (result.count - result.failures) / seconds(), cpuMs: cpu };
}

async function main(): Promise<void> {
  const db = await benchDatabase('postgres-bench', 4998);
  const stack = await startStack({
    profileDir: process.env.BENCH_CPU_PROF_DIR,
    databaseUrl: db.url,
    gatewayPort: PORT_BASE,
    output: 'ignore',
    env: { PRAKERJA_LOG_LEVEL: 'silent', ...ONE_ADDRESS_FOR_MANY },
  });
  const adminClient = new Client({ connectionString: db.url });
  await adminClient.connect();
  // Raw INSERTs go into a copy of the participant table (its indexes and constraints too), one row per statement.
  await adminClient.query(`DROP SCHEMA IF EXISTS bench_raw CASCADE; CREATE SCHEMA bench_raw;
    CREATE TABLE bench_raw.participant (LIKE participants.participant INCLUDING ALL)`);
  const dataDirectory = (await adminClient.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory;
  const postmaster = db.embedded ? postmasterPid(dataDirectory) : undefined;
  const raw = new Pool({ connectionString: db.url, max: Math.min(CONCURRENCY, 16) });
  const pids = { gateway: stack.pids.gateway, participants: stack.pids.participants };
  try {
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const url = new URL(stack.gatewayUrl);
    let next = 0;
    const send = (body: string) =>
      new Promise<boolean>((resolve) => {
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve(res.statusCode === 200 && text.includes('"participant":{"id"')));
          },
        );
        req.on('error', () => resolve(false));
        req.end(body);
      });
    const insert = (i: number) => {
      const input = (JSON.parse(registration(i)) as { variables: { input: Record<string, string> } }).variables.input;
      return raw
        .query(
          `INSERT INTO bench_raw.participant (id, nik, family_card_number, full_name, birth_date, gender, province_code, province_name, district_code,
             email, phone, address, citizen, education_status, occupation, created_at)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, 'MALE', left($1, 2), 'Provinsi', left($1, 6), $5, $6, $7, true, 'NOT_IN_EDUCATION', 'UNEMPLOYED', now())`,
          [input.nik, input.familyCardNumber, input.fullName, input.birthDate, input.email, input.phone, input.address],
        )
        .then(
          () => true,
          () => false,
        );
    };
    const closedLoop = async (one: (i: number) => Promise<boolean>, seconds = SECONDS) => {
      const latencies: number[] = [];
      let failures = 0;
      const deadline = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            if (!(await one(next++))) failures++;
            latencies.push(performance.now() - t0);
          }
        }),
      );
      return { count: latencies.length, failures, latencies };
    };
    const timedRound = async (one: (i: number) => Promise<boolean>) => {
      const started = performance.now();
      return measured(
        pids,
        postmaster,
        () => closedLoop(one),
        () => (performance.now() - started) / 1000,
      );
    };
    // Untimed warm-up: the first requests pay for compiling the hot paths in every process, not for a registration.
    await closedLoop((i) => send(registration(i)), WARM_UP_SECONDS);
    await closedLoop(insert, WARM_UP_SECONDS);
    const gatewayRounds: Round[] = [];
    const rawRounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const g = await timedRound((i) => send(registration(i)));
      const r = await timedRound(insert);
      gatewayRounds.push(g);
      rawRounds.push(r);
      const perRequest = (x: Round, name: string) => ((x.cpuMs[name] ?? 0) / Math.max(1, x.count - x.failures)).toFixed(2);
      console.log(
        `round ${round + 1}: registrations ${g.perSecond.toFixed(0)}/s (${g.failures} failed; CPU-ms each: gateway ${perRequest(g, 'gateway')}, participants ${perRequest(g, 'participants')}, postgres ${perRequest(g, 'postgres')}), ` +
          `raw INSERTs ${r.perSecond.toFixed(0)}/s (postgres ${perRequest(r, 'postgres')} CPU-ms each): ratio ${(g.perSecond / r.perSecond).toFixed(3)}`,
      );
    }
    agent.destroy();
    const sum = (rounds: Round[], f: (r: Round) => number) => rounds.reduce((t, r) => t + f(r), 0);
    const accepted = sum(gatewayRounds, (r) => r.count - r.failures);
    const cpuEach = (name: string) => sum(gatewayRounds, (r) => r.cpuMs[name] ?? 0) / Math.max(1, accepted);
    const appMs = cpuEach('gateway') + cpuEach('participants');
    const ratio = sum(gatewayRounds, (r) => r.perSecond) / sum(rawRounds, (r) => r.perSecond);
    const latencies = gatewayRounds.flatMap((r) => r.latencies);
    const perMinute = (sum(gatewayRounds, (r) => r.perSecond) / ROUNDS) * 60;
    console.log(
      `registrations through the gateway, ${CONCURRENCY} in flight, ${ROUNDS} rounds of ${SECONDS} s interleaved with raw INSERTs:`,
    );
    console.log(
      `  accepted ${accepted}, failed ${sum(gatewayRounds, (r) => r.failures)}; p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms`,
    );
    console.log(
      `  CPU-ms per registration: gateway ${cpuEach('gateway').toFixed(2)}, participants ${cpuEach('participants').toFixed(2)}, PostgreSQL ${cpuEach('postgres').toFixed(2)} (application ${appMs.toFixed(2)}; goal <= 3)`,
    );
    console.log(`  registrations / raw INSERTs in the same run: ${ratio.toFixed(3)} (goal >= 0.3)`);
    console.log(
      `  ${Math.round(perMinute)} per minute = ${(perMinute / TARGET_PER_MINUTE).toFixed(2)} x the 80,000/minute wave here; the wave needs ${((TARGET_PER_MINUTE / 60) * (appMs / 1000)).toFixed(1)} application cores (gateway + participants) and ${((TARGET_PER_MINUTE / 60) * (cpuEach('postgres') / 1000)).toFixed(1)} PostgreSQL cores at these costs`,
    );
  } finally {
    await raw.end();
    await adminClient.query('DROP SCHEMA IF EXISTS bench_raw CASCADE');
    await adminClient.end();
    await stack.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
