import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { startDatabase as StartDatabase } from '../../common/database';
import type { startStack as StartStack } from '../../scripts/stack';
import { testEmbeddedPgPort } from './ports';

const stamp = require('../../tools/build-stamp.cjs') as { sourceHash(): string; builtHash(): string | null; build(): number };

/** The stack runs dist/: after an edit without `npm run build`, build now instead of testing the old code. */
function buildIfStale(): void {
  if (stamp.builtHash() === stamp.sourceHash()) return;
  process.stderr.write('\n[global setup] dist/ was not built from the current sources: running `npm run build` first\n');
  if (stamp.build() !== 0) throw new Error('The build failed (see tsc above): the tests did not run against a stale dist/');
}

/**
 * Starts a real PostgreSQL (DATABASE_URL, or an embedded server kept apart from the development one),
 * rebuilds the three subgraph schemas with the demo seed, and starts every subgraph and the gateway as real processes from
 * dist/ (`npm test` builds first). TEST_PORT_BASE moves the ports (gateway there, subgraphs after it).
 */
export default async function globalSetup(): Promise<void> {
  buildIfStale();
  const { startDatabase } = require('../../dist/common/database') as { startDatabase: typeof StartDatabase };
  const { startStack } = require('../../dist/scripts/stack') as { startStack: typeof StartStack };
  const db = await startDatabase(
    { ...process.env, EMBEDDED_PG_PORT: String(testEmbeddedPgPort), EMBEDDED_PG_DIRNAME: 'postgres-test' },
    () => undefined,
  );
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS participants, partners, courses, analytics CASCADE');
  await client.end();
  // The demo data is part of what is tested: every test runs beside it, as the real system would.
  // (In a child process: ORM metadata loaded here would clash with the test realm's.)
  execFileSync(process.execPath, [resolve(__dirname, '../../dist/scripts/seed.js')], {
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: 'ignore',
  });
  const stack = await startStack({
    databaseUrl: db.url,
    gatewayPort: Number(process.env.TEST_PORT_BASE ?? 4100),
    output: process.env.TEST_STACK_LOGS ? 'inherit' : 'ignore',
    env: {
      PRAKERJA_LOG_LEVEL: process.env.TEST_STACK_LOGS ? 'info' : 'silent',
      NODE_ENV: 'test',
      // Partner status and keys are cached this long at the gateway: suspension and revocation tests wait for it.
      GATEWAY_PARTNER_CACHE_SECONDS: '1',
      // Tests run the revocation job themselves; a periodic run would race the cards they age on purpose.
      PARTICIPANTS_REVOCATION_INTERVAL_SECONDS: '86400',
      // Tables without filters are read from the rollups: deltas folded often, medians rebuilt every few
      // seconds (rollup.test.ts checks the deltas between two builds), so the suite need not wait for them.
      ANALYTICS_ROLLUP_INTERVAL_MS: '250',
      ANALYTICS_ROLLUP_REBUILD_INTERVAL_MS: '5000',
      // Every test calls from 127.0.0.1, many with the same few token subjects: the per-person and per-address
      // quotas would throttle the suite itself. rate-limit.test.ts starts its own gateways with small ones.
      GATEWAY_PERSON_FIELDS_PER_MINUTE: '100000000',
      GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE: '100000000',
      // Webhook retries in tenths of a second, not the production 10 s doubling: tests watch an endpoint go down and back.
      WEBHOOK_POLL_INTERVAL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_RETRY_MAX_MS: '800',
      // Payouts: sent every 200 ms, a provider answer late after 1 s, retries in tenths of a second.
      PARTICIPANTS_PAYOUT_INTERVAL_MS: '200',
      PARTICIPANTS_DISBURSEMENT_TIMEOUT_MS: '1000',
      DISBURSEMENT_SIM_LATE_MS: '2500',
      PARTICIPANTS_PAYOUT_RETRY_BASE_MS: '100',
      PARTICIPANTS_PAYOUT_RETRY_MAX_MS: '800',
      PARTICIPANTS_PAYOUT_MAX_ATTEMPTS: '4',
      // The probation job runs every few tenths of a second: tests move a deadline into the past and watch it act.
      PARTNER_PROBATION_INTERVAL_MS: '200',
    },
  });
  // The test realm reaches the database as an administrator (TEST_DATABASE_URL) and, to start subgraph
  // processes of its own, with each subgraph's roles (<NAME>_DATABASE_URL, <NAME>_MIGRATION_DATABASE_URL).
  for (const [key, value] of Object.entries(stack.env)) if (/_DATABASE_URL$/.test(key)) process.env[key] = value;
  process.env.TEST_DATABASE_URL = db.url;
  process.env.TEST_GATEWAY_URL = stack.gatewayUrl;
  process.env.TEST_SUBGRAPH_URLS = JSON.stringify(stack.subgraphUrls);
  // Subgraph processes the tests start themselves pay through the stack's simulator too, never a developer's on 4020.
  process.env.TEST_DISBURSEMENT_URL = process.env.PARTICIPANTS_DISBURSEMENT_URL = stack.env.PARTICIPANTS_DISBURSEMENT_URL;
  (globalThis as Record<string, unknown>).__PRAKERJA_TEST__ = { db, stack };
}
