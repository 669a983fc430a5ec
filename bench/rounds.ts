import { createHmac } from 'node:crypto';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import type { Client } from 'pg';
import { childrenCpuBetween, childrenCpuMs, postmasterPid, treeCpuMs } from './cpu';
import { postJson, quantile } from './load';
import { issueDevToken } from '../common/dev-token';

/** One timed round of a closed-loop load: rate, p99 and the CPU-ms per answered request of each process. */
export interface Round {
  perSecond: number;
  p99: number;
  errors: number;
  cpuPerRequest: Record<string, number>;
  /** The machine's one-minute load average at the round's end: other work on the machine skews every figure. */
  load: number;
}

/**
 * Keeps `concurrency` requests in flight for `seconds`, connection i sending through `send(i, agent)` (so each
 * can ask with its own inputs), and reads the CPU used meanwhile by each named process tree (a cluster primary
 * with its workers) and, when `postmaster` is given, PostgreSQL's backends.
 */
export async function timedRound(options: {
  concurrency: number;
  seconds: number;
  pids: Record<string, number>;
  postmaster?: number;
  send: (i: number, agent: Agent) => Promise<boolean>;
}): Promise<Round> {
  const { concurrency, seconds, pids, postmaster } = options;
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, treeCpuMs(pid)]));
  const pgBefore = postmaster ? childrenCpuMs(postmaster) : new Map<number, number>();
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        if (!(await options.send(i, agent).catch(() => false))) errors++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const done = Math.max(1, latencies.length - errors);
  const cpuPerRequest: Record<string, number> = {};
  for (const [k, pid] of Object.entries(pids)) cpuPerRequest[k] = (treeCpuMs(pid) - before[k]) / done;
  if (postmaster) cpuPerRequest.postgres = childrenCpuBetween(pgBefore, childrenCpuMs(postmaster)) / done;
  return { perSecond: done / elapsed, p99: quantile(latencies, 0.99), errors, cpuPerRequest, load: loadavg()[0] };
}

export const showRound = (r: Round) =>
  `${r.perSecond.toFixed(0)}/s p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors, CPU-ms/request ${Object.entries(r.cpuPerRequest)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')}, load ${r.load.toFixed(1)}`;

/** A signing credential for a platform, issued through the gateway by a programme-office admin. */
export async function issuePartnerCredential(gatewayUrl: string, partnerId: string): Promise<{ clientId: string; signingKey: string }> {
  const token = await issueDevToken({ role: 'admin', sub: 'bench-admin' });
  const issued = await postJson(
    gatewayUrl,
    JSON.stringify({
      query: `mutation($input: PartnerCredentialIssueInput!) { partnerCredentialIssue(input: $input) { credential { clientId } signingKey } }`,
      variables: { input: { partnerId } },
    }),
    { authorization: `Bearer ${token}`, 'x-purpose': 'benchmark' },
  );
  return { clientId: issued.data.partnerCredentialIssue.credential.clientId, signingKey: issued.data.partnerCredentialIssue.signingKey };
}

export const CHECK_ELIGIBILITY = `query CheckEligibility($cardNumber: String!) { eligibility(cardNumber: $cardNumber) { eligible reasons { code message } availableBalance { amount currency } purchaseDeadline } }`;

/**
 * The partner contract's CheckEligibility on the seeded bench data, one card per connection: a platform's
 * credential, each connection's body, its partner signature for the gateway, and PostgreSQL's postmaster.
 */
export async function eligibilityLoad(admin: Client, embedded: boolean, gatewayUrl: string, concurrency: number) {
  const [partner] = (await admin.query<{ id: string }>(`SELECT id FROM partners.partner WHERE status = 'ACTIVE' ORDER BY slug LIMIT 1`))
    .rows;
  const cards = (await admin.query<{ number: string }>(`SELECT number FROM participants.card ORDER BY number LIMIT $1`, [concurrency]))
    .rows;
  if (cards.length < concurrency) throw new Error(`only ${cards.length} cards for ${concurrency} connections`);
  const { clientId, signingKey } = await issuePartnerCredential(gatewayUrl, partner.id);
  const dataDirectory = (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory;
  const bodies = cards.map((c) => JSON.stringify({ query: CHECK_ELIGIBILITY, variables: { cardNumber: c.number } }));
  const partnerHeaders = (i: number) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', signingKey).update(`${clientId}${timestamp}POST/graphql${bodies[i]}`).digest('hex');
    return { 'x-client-id': clientId, 'x-timestamp': timestamp, 'x-signature': signature };
  };
  return { partnerId: partner.id, clientId, bodies, partnerHeaders, postmaster: embedded ? postmasterPid(dataDirectory) : undefined };
}
