import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Client } from 'pg';
import { readSecret } from '../common/config';
import { benchDatabase } from './database';
import { issueDevToken } from '../common/dev-token';
import { signInternalRequest, type Identity } from '../common/identity';
import { startStack } from '../scripts/stack';
import { childrenCpuBetween, childrenCpuMs, cpuMs, postmasterPid } from './cpu';
import { seedBenchData } from './data';
import { ONE_ADDRESS_FOR_MANY, quantile } from './load';

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

const CHECK = `query CheckEligibility($cardNumber: String!) { eligibility(cardNumber: $cardNumber) { eligible reasons { code message } availableBalance { amount currency } purchaseDeadline } }`;

interface Round {
  perSecond: number;
  p99: number;
  errors: number;
  cpuPerRequest: Record<string, number>;
}

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
    const [partner] = (await admin.query<{ id: string }>(`SELECT id FROM partners.partner WHERE status = 'ACTIVE' ORDER BY slug LIMIT 1`))
      .rows;
    const cards = (await admin.query<{ number: string }>(`SELECT number FROM participants.card ORDER BY number LIMIT $1`, [CONCURRENCY]))
      .rows;
    if (cards.length < CONCURRENCY) throw new Error(`only ${cards.length} cards for ${CONCURRENCY} connections`);
    const token = await issueDevToken({ role: 'admin', sub: 'bench-admin' });
    const issued = await post(
      stack.gatewayUrl,
      JSON.stringify({
        query: `mutation($input: PartnerCredentialIssueInput!) { partnerCredentialIssue(input: $input) { credential { clientId } signingKey userErrors { code } } }`,
        variables: { input: { partnerId: partner.id } },
      }),
      { authorization: `Bearer ${token}`, 'x-purpose': 'benchmark' },
    );
    const { clientId, signingKey } = {
      clientId: issued.data.partnerCredentialIssue.credential.clientId as string,
      signingKey: issued.data.partnerCredentialIssue.signingKey as string,
    };
    const dataDirectory = (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory;
    const postmaster = db.embedded ? postmasterPid(dataDirectory) : undefined;
    const secret = readSecret('GATEWAY_SIGNING_SECRET');
    const identity: Identity = { role: 'partner', partnerId: partner.id, subject: clientId, operation: 'CheckEligibility' };
    const bodies = cards.map((c) => JSON.stringify({ query: CHECK, variables: { cardNumber: c.number } }));
    const viaGateway = (i: number) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', signingKey).update(`${clientId}${timestamp}POST/graphql${bodies[i]}`).digest('hex');
      return { url: stack.gatewayUrl, headers: { 'x-client-id': clientId, 'x-timestamp': timestamp, 'x-signature': signature } };
    };
    const direct = (i: number) => ({ url: stack.subgraphUrls.participants, headers: signInternalRequest(secret, identity, bodies[i]) });
    const pids = { gateway: stack.pids.gateway, participants: stack.pids.participants };
    const round = async (target: (i: number) => { url: string; headers: Record<string, string> }, seconds = SECONDS): Promise<Round> => {
      const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
      const pgBefore = postmaster ? childrenCpuMs(postmaster) : new Map<number, number>();
      const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      const latencies: number[] = [];
      let errors = 0;
      const started = performance.now();
      const deadline = started + seconds * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, i) => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            const { url, headers } = target(i);
            const answer = await post(url, bodies[i], headers, agent).catch(() => undefined);
            if (!answer?.data?.eligibility) errors++;
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      agent.destroy();
      const done = Math.max(1, latencies.length - errors);
      const cpuPerRequest: Record<string, number> = {};
      for (const [k, pid] of Object.entries(pids)) cpuPerRequest[k] = (cpuMs(pid) - before[k]) / done;
      if (postmaster) cpuPerRequest.postgres = childrenCpuBetween(pgBefore, childrenCpuMs(postmaster)) / done;
      return { perSecond: done / elapsed, p99: quantile(latencies, 0.99), errors, cpuPerRequest };
    };
    await round(viaGateway, 3); // untimed warm-up of both paths
    await round(direct, 3);
    const a: Round[] = [];
    const b: Round[] = [];
    const show = (r: Round) =>
      `${r.perSecond.toFixed(0)}/s p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors, CPU-ms/request ${Object.entries(r.cpuPerRequest)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}`;
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

/** POSTs JSON and parses the answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function post(url: string, body: string, headers: Record<string, string>, agent?: Agent): Promise<any> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString()));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
