import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import { Client } from 'pg';
import { startStack, type RunningStack } from '../scripts/stack';
import { eligibilityLoad, showRound, timedRound, type Round } from './rounds';
import { benchDatabase } from './database';
import { seedBenchData } from './data';
import { ONE_ADDRESS_FOR_MANY, postJson } from './load';

/**
 * `npm run bench:scale-out`: the same supergraph run as one instance of every process (A) and as
 * BENCH_INSTANCES of every process behind their shared ports (B, scripts/instances.ts: Node cluster), both on
 * one PostgreSQL, in interleaved rounds A B A B. The load is the partner contract's CheckEligibility through
 * the gateway, each connection asking about its own card. Prints requests per second, p99, the CPU-ms per
 * request of gateway, participants and PostgreSQL (a cluster's workers summed) and the ratio B/A.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4980);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2);

/** A stack on `base` (gateway), the subgraphs on the next four ports and the metrics ports after them. */
function stackOn(databaseUrl: string, base: number, instances: number): Promise<RunningStack> {
  const metrics = ['gateway', 'participants', 'partners', 'courses', 'analytics'].map((name, i) => [
    `${name.toUpperCase()}_METRICS_PORT`,
    String(base + 5 + i),
  ]);
  return startStack({
    databaseUrl,
    gatewayPort: base,
    output: 'ignore',
    instances,
    env: {
      PRAKERJA_LOG_LEVEL: 'silent',
      GATEWAY_PARTNER_FIELDS_PER_MINUTE: '100000000',
      ...ONE_ADDRESS_FOR_MANY,
      ...Object.fromEntries(metrics),
    },
  });
}

async function main(): Promise<void> {
  const db = await benchDatabase('postgres-bench-scale', 4995);
  const admin = new Client({ connectionString: db.url });
  const single = await stackOn(db.url, PORT_BASE, 1);
  let scaled: RunningStack | undefined;
  try {
    scaled = await stackOn(db.url, PORT_BASE + 20, INSTANCES);
    await admin.connect();
    await seedBenchData(db.url);
    const { bodies, partnerHeaders, postmaster } = await eligibilityLoad(admin, db.embedded, single.gatewayUrl, CONCURRENCY);
    const round = (stack: RunningStack, seconds = SECONDS): Promise<Round> =>
      timedRound({
        concurrency: CONCURRENCY,
        seconds,
        pids: { gateway: stack.pids.gateway, participants: stack.pids.participants },
        postmaster,
        send: async (i, agent) => Boolean((await postJson(stack.gatewayUrl, bodies[i], partnerHeaders(i), agent))?.data?.eligibility),
      });
    await round(single, 3); // untimed warm-up of both stacks
    await round(scaled, 3);
    const a: Round[] = [];
    const b: Round[] = [];
    const show = showRound;
    for (let i = 0; i < ROUNDS; i++) {
      a.push(await round(single));
      b.push(await round(scaled));
      console.log(
        `round ${i + 1}: 1 instance  ${show(a[i])}\n         ${INSTANCES} instances ${show(b[i])}\n         ratio ${(b[i].perSecond / a[i].perSecond).toFixed(2)}`,
      );
    }
    const mean = (rs: Round[]) => rs.reduce((t, r) => t + r.perSecond, 0) / rs.length;
    console.log(
      `CheckEligibility through the gateway, ${CONCURRENCY} in flight, ${ROUNDS} ABAB rounds of ${SECONDS} s on ${availableParallelism()} cores: ` +
        `1 instance ${mean(a).toFixed(0)}/s, ${INSTANCES} instances ${mean(b).toFixed(0)}/s, ratio ${(mean(b) / mean(a)).toFixed(2)}`,
    );
  } finally {
    await admin.end().catch(() => undefined);
    await scaled?.stop();
    await single.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
