import 'reflect-metadata';
import { Client } from 'pg';
import { readSecret } from '../common/config';
import { benchDatabase } from './database';
import { signInternalRequest, type Identity } from '../common/identity';
import { startStack } from '../scripts/stack';
import { eligibilityLoad, showRound, timedRound, type Round } from './rounds';
import { seedBenchData } from './data';
import { ONE_ADDRESS_FOR_MANY, postJson } from './load';

/**
 * The partner contract's CheckEligibility, through the gateway (A) against straight to the participants
 * subgraph signed as the gateway signs (B), in interleaved rounds A B A B; each connection asks about its own
 * card. Prints requests per second, p99 and the CPU-ms per request of the gateway, the participants process
 * and PostgreSQL's backends (from /proc), and the ratio gateway/direct. Embedded PostgreSQL on
 * BENCH_EMBEDDED_PG_PORT, ports from BENCH_PORT_BASE; loopback only.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4960);

async function main(): Promise<void> {
  const db = await benchDatabase('postgres-bench-direct', 4997);
  const stack = await startStack({
    databaseUrl: db.url,
    gatewayPort: PORT_BASE,
    output: 'ignore',
    env: { PRAKERJA_LOG_LEVEL: 'silent', GATEWAY_PARTNER_FIELDS_PER_MINUTE: '100000000', ...ONE_ADDRESS_FOR_MANY },
  });
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  try {
    await seedBenchData(db.url);
    const { partnerId, clientId, bodies, partnerHeaders, postmaster } = await eligibilityLoad(
      admin,
      db.embedded,
      stack.gatewayUrl,
      CONCURRENCY,
    );
    const secret = readSecret('GATEWAY_SIGNING_SECRET');
    const identity: Identity = { role: 'partner', partnerId, subject: clientId, operation: 'CheckEligibility' };
    const viaGateway = (i: number) => ({ url: stack.gatewayUrl, headers: partnerHeaders(i) });
    const direct = (i: number) => ({ url: stack.subgraphUrls.participants, headers: signInternalRequest(secret, identity, bodies[i]) });
    const pids = { gateway: stack.pids.gateway, participants: stack.pids.participants };
    const round = (target: (i: number) => { url: string; headers: Record<string, string> }, seconds = SECONDS): Promise<Round> =>
      timedRound({
        concurrency: CONCURRENCY,
        seconds,
        pids,
        postmaster,
        send: async (i, agent) => {
          const { url, headers } = target(i);
          return Boolean((await postJson(url, bodies[i], headers, agent))?.data?.eligibility);
        },
      });
    await round(viaGateway, 3); // untimed warm-up of both paths
    await round(direct, 3);
    const a: Round[] = [];
    const b: Round[] = [];
    const show = showRound;
    for (let i = 0; i < ROUNDS; i++) {
      a.push(await round(viaGateway));
      b.push(await round(direct));
      console.log(
        `round ${i + 1}: gateway ${show(a[i])}\n         direct  ${show(b[i])}\n         ratio gateway/direct ${(a[i].perSecond / b[i].perSecond).toFixed(2)}`,
      );
    }
    const mean = (rs: Round[], f: (r: Round) => number) => rs.reduce((t, r) => t + f(r), 0) / rs.length;
    console.log(
      `CheckEligibility, ${CONCURRENCY} in flight, ${ROUNDS} ABAB rounds of ${SECONDS} s: gateway ${mean(a, (r) => r.perSecond).toFixed(0)}/s, direct ${mean(b, (r) => r.perSecond).toFixed(0)}/s, ratio ${(mean(a, (r) => r.perSecond) / mean(b, (r) => r.perSecond)).toFixed(2)} (goal >= 0.5); gateway CPU-ms per request ${mean(a, (r) => r.cpuPerRequest.gateway).toFixed(2)}, participants ${mean(a, (r) => r.cpuPerRequest.participants).toFixed(2)} (direct: ${mean(b, (r) => r.cpuPerRequest.participants).toFixed(2)})`,
    );
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
