import 'reflect-metadata';
import { Client } from 'pg';
import { readSecret } from '../common/config';
import { benchDatabase } from './database';
import { signInternalRequest, type Identity } from '../common/identity';
import { startStack } from '../scripts/stack';
import { eligibilityLoad, showRound, timedRound, type Round } from './rounds';
import { seedBenchData } from './data';
import { ONE_ADDRESS_FOR_MANY, postJson } from './load';
import { startSecondGateway } from './second-gateway';

/**
 * Two workloads, each through the gateway (A) against straight to its subgraph signed as the gateway signs (B),
 * in interleaved rounds A B A B: the partner contract's CheckEligibility (each connection its own card) and an
 * anonymous catalogue page `courses(first: n)` (each connection its own n). Prints requests per second, p99,
 * the CPU-ms per request of the gateway, the subgraph and PostgreSQL's backends (from /proc), and the ratio
 * gateway/direct. Embedded PostgreSQL on BENCH_EMBEDDED_PG_PORT, ports from BENCH_PORT_BASE; loopback only.
 * BENCH_SECOND_PLANNER=rust (or js) adds a second gateway planning with that planner (GATEWAY_QUERY_PLANNER)
 * as round C of every round (A B C, then C B A), and the ratio of the two gateways; BENCH_SECOND_GATEWAY=<path of
 * another build's dist/gateway/index.js> makes round C that build's gateway (the code before a change).
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4960);
const SECOND_PLANNER = process.env.BENCH_SECOND_PLANNER;
const SECOND_GATEWAY = process.env.BENCH_SECOND_GATEWAY;

async function main(): Promise<void> {
  const db = await benchDatabase('postgres-bench-direct', 4997);
  const stack = await startStack({
    profileDir: process.env.BENCH_CPU_PROF_DIR,
    databaseUrl: db.url,
    gatewayPort: PORT_BASE,
    output: 'ignore',
    env: { PRAKERJA_LOG_LEVEL: 'silent', GATEWAY_PARTNER_FIELDS_PER_MINUTE: '100000000', ...ONE_ADDRESS_FOR_MANY },
  });
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  const second =
    SECOND_PLANNER || SECOND_GATEWAY
      ? await startSecondGateway(stack.env, PORT_BASE + 6, SECOND_PLANNER ? { GATEWAY_QUERY_PLANNER: SECOND_PLANNER } : {}, SECOND_GATEWAY)
      : undefined;
  const label = SECOND_GATEWAY ? 'other build' : `${SECOND_PLANNER} planner`;
  try {
    await seedBenchData(db.url);
    const { partnerId, clientId, bodies, partnerHeaders, postmaster } = await eligibilityLoad(
      admin,
      db.embedded,
      stack.gatewayUrl,
      CONCURRENCY,
    );
    const secret = readSecret('GATEWAY_SIGNING_SECRET');
    interface Workload {
      name: string;
      subgraph: 'participants' | 'courses';
      bodies: string[];
      gatewayHeaders: (i: number) => Record<string, string>;
      directIdentity: Identity;
      answered: (json: { data?: Record<string, unknown> }) => boolean;
    }
    // A partner's one-field operation, and an anonymous catalogue page (each connection its own page size).
    const catalogue = Array.from({ length: CONCURRENCY }, (_, i) =>
      JSON.stringify({
        query: `query Catalogue($first: Int!) { courses(first: $first) { edges { node { id title } } } }`,
        variables: { first: 1 + (i % 20) },
      }),
    );
    const workloads: Workload[] = [
      {
        name: 'CheckEligibility',
        subgraph: 'participants',
        bodies,
        gatewayHeaders: partnerHeaders,
        directIdentity: { role: 'partner', partnerId, subject: clientId, operation: 'CheckEligibility' },
        answered: (json) => Boolean(json?.data?.eligibility),
      },
      {
        name: 'anonymous courses(first: 1..20)',
        subgraph: 'courses',
        bodies: catalogue,
        gatewayHeaders: () => ({}),
        directIdentity: { role: 'anonymous', operation: 'Catalogue' },
        answered: (json) => Boolean(json?.data?.courses),
      },
    ];
    for (const w of workloads) {
      const viaGateway = (i: number) => ({ url: stack.gatewayUrl, headers: w.gatewayHeaders(i) });
      const direct = (i: number) => ({
        url: stack.subgraphUrls[w.subgraph],
        headers: signInternalRequest(secret, w.directIdentity, w.bodies[i]),
      });
      const viaSecond = (i: number) => ({ url: second!.url, headers: w.gatewayHeaders(i) });
      const pids: Record<string, number> = { gateway: stack.pids.gateway, [w.subgraph]: stack.pids[w.subgraph] };
      if (second) pids.second = second.pid;
      const round = (target: (i: number) => { url: string; headers: Record<string, string> }, seconds = SECONDS): Promise<Round> =>
        timedRound({
          concurrency: CONCURRENCY,
          seconds,
          pids,
          postmaster,
          send: async (i, agent) => {
            const { url, headers } = target(i);
            return w.answered(await postJson(url, w.bodies[i], headers, agent));
          },
        });
      await round(viaGateway, 3); // untimed warm-up of both paths
      await round(direct, 3);
      if (second) await round(viaSecond, 3);
      const a: Round[] = [];
      const b: Round[] = [];
      const c: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        // With a second gateway, every other round runs it first, so neither gateway always follows direct.
        if (second && i % 2) c.push(await round(viaSecond));
        a.push(await round(viaGateway));
        b.push(await round(direct));
        if (second && !(i % 2)) c.push(await round(viaSecond));
        console.log(
          `${w.name} round ${i + 1}: gateway ${showRound(a[i])}\n         direct  ${showRound(b[i])}\n         ratio gateway/direct ${(a[i].perSecond / b[i].perSecond).toFixed(2)}`,
        );
        if (second)
          console.log(
            `         ${label} ${showRound(c[i])}\n         ratio ${label}/gateway ${(c[i].perSecond / a[i].perSecond).toFixed(2)}, ${label}/direct ${(c[i].perSecond / b[i].perSecond).toFixed(2)}`,
          );
      }
      const mean = (rs: Round[], f: (r: Round) => number) => rs.reduce((t, r) => t + f(r), 0) / rs.length;
      if (second)
        console.log(
          `${w.name}: ${label} ${mean(c, (r) => r.perSecond).toFixed(0)}/s, ${(mean(c, (r) => r.perSecond) / mean(a, (r) => r.perSecond)).toFixed(2)}x the gateway, ${(mean(c, (r) => r.perSecond) / mean(b, (r) => r.perSecond)).toFixed(2)}x direct; its CPU-ms per request ${mean(c, (r) => r.cpuPerRequest.second).toFixed(2)}`,
        );
      console.log(
        `${w.name}, ${CONCURRENCY} in flight, ${ROUNDS} ABAB rounds of ${SECONDS} s: gateway ${mean(a, (r) => r.perSecond).toFixed(0)}/s, direct ${mean(b, (r) => r.perSecond).toFixed(0)}/s, ratio ${(mean(a, (r) => r.perSecond) / mean(b, (r) => r.perSecond)).toFixed(2)} (goal >= 0.5); gateway CPU-ms per request ${mean(a, (r) => r.cpuPerRequest.gateway).toFixed(2)}, ${w.subgraph} ${mean(a, (r) => r.cpuPerRequest[w.subgraph]).toFixed(2)} (direct: ${mean(b, (r) => r.cpuPerRequest[w.subgraph]).toFixed(2)})`,
      );
    }
  } finally {
    await second?.stop();
    await admin.end();
    await stack.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
