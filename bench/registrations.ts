import 'reflect-metadata';
import { Agent, request } from 'node:http';
import { startDatabase } from '../common/database';
import { startStack } from '../scripts/stack';
import { allDistricts } from '../subgraphs/participants/nik/regions';
import { ONE_ADDRESS_FOR_MANY, quantile } from './load';

/**
 * A wave's opening: 80,000 registrations in one minute. Sends `participantRegister` through the gateway with
 * a fixed number in flight for a fixed time, each with a fresh valid NIK, and prints the rate measured in this
 * run against the target. Bounded in time, loopback only.
 */
const TARGET_PER_MINUTE = 80_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
// Ports from the environment, so a bench can run beside a development stack or another bench.
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4950);
const PG_PORT = process.env.BENCH_EMBEDDED_PG_PORT ?? '4998';

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

async function main(): Promise<void> {
  const db = await startDatabase({ ...process.env, EMBEDDED_PG_PORT: PG_PORT, EMBEDDED_PG_DIRNAME: 'postgres-bench' }, () => undefined);
  const stack = await startStack({
    databaseUrl: db.url,
    gatewayPort: PORT_BASE,
    output: 'ignore',
    env: { PRAKERJA_LOG_LEVEL: 'silent', ...ONE_ADDRESS_FOR_MANY },
  });
  try {
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const url = new URL(stack.gatewayUrl);
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
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
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          if (!(await send(registration(next++)))) failures++;
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    const perMinute = ((latencies.length - failures) / seconds) * 60;
    console.log(`registrations through the gateway, ${CONCURRENCY} in flight for ${seconds.toFixed(1)} s:`);
    console.log(`  accepted ${latencies.length - failures}, failed ${failures}`);
    console.log(`  p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms`);
    console.log(
      `  ${Math.round(perMinute)} per minute = ${(perMinute / TARGET_PER_MINUTE).toFixed(2)} × the 80,000/minute wave opening (one gateway, one instance of each subgraph, 2 cores)`,
    );
  } finally {
    await stack.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
