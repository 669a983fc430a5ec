import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { envReader } from '../common/config';
import { benchDatabase } from './database';
import { startStack, type RunningStack } from '../scripts/stack';
import { seedBenchData } from './data';
import { ONE_ADDRESS_FOR_MANY, quantile, runLoad, type RunResult } from './load';

/**
 * What tracing costs: two stacks on the same database, one exporting every trace (sampled at 100 %) to a
 * loopback OTLP sink, one without OTEL_EXPORTER_OTLP_ENDPOINT; the same cross-subgraph query, one stack loaded
 * at a time in ABBA order per round (warm-up excluded). Ports from BENCH_PORT_BASE (4900): the untraced stack
 * there, the traced one 20 above.
 */
const read = envReader();
const CONCURRENCY = read.int('BENCH_CONCURRENCY', 16, 1, 256);
const SECONDS = read.int('BENCH_SECONDS', 3, 1, 60);
const ROUNDS = read.int('BENCH_ROUNDS', 4, 1, 20);
const PORT_BASE = read.int('BENCH_PORT_BASE', 4900, 1024, 65000);
const QUERY =
  '{ courses(first: 20) { edges { node { id title provider { id name } offerings { price { amount } platform { name } } } } } }';

async function main(): Promise<void> {
  const log = (m: string) => console.log(m);
  const db = await benchDatabase('postgres-bench', 4999, log);
  let exportedBytes = 0;
  const sink = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (exportedBytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const stacks: Record<string, RunningStack> = {};
  try {
    const common = { PRAKERJA_LOG_LEVEL: 'silent', ...ONE_ADDRESS_FOR_MANY };
    stacks.untraced = await startStack({ databaseUrl: db.url, gatewayPort: PORT_BASE, output: 'ignore', env: common });
    await seedBenchData(db.url); // once the first stack has migrated the schemas
    stacks.traced = await startStack({
      databaseUrl: db.url,
      gatewayPort: PORT_BASE + 20,
      output: 'ignore',
      env: { ...common, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(sink.address() as AddressInfo).port}` },
    });
    const body = JSON.stringify({ query: QUERY });
    const names = Object.keys(stacks);
    for (const name of names) await runLoad(stacks[name].gatewayUrl, body, CONCURRENCY, 2);
    const results: Record<string, RunResult[]> = { untraced: [], traced: [] };
    for (let round = 0; round < ROUNDS; round++)
      for (const name of round % 2 === 0 ? names : [...names].reverse())
        results[name].push(await runLoad(stacks[name].gatewayUrl, body, CONCURRENCY, SECONDS));
    const rows = names.map((name) => {
      const latencies = results[name].flatMap((r) => r.latencies);
      const seconds = results[name].reduce((s, r) => s + r.seconds, 0);
      return {
        stack: name,
        'req/s': (latencies.length / seconds).toFixed(0),
        'p50 ms': quantile(latencies, 0.5).toFixed(1),
        'p95 ms': quantile(latencies, 0.95).toFixed(1),
        requests: latencies.length,
        errors: results[name].reduce((s, r) => s + r.errors, 0),
      };
    });
    log(`\n${CONCURRENCY} requests in flight, ${ROUNDS} rounds x ${SECONDS} s per stack, ABBA order; cross-subgraph query`);
    console.table(rows);
    log(
      `traced/untraced req/s: ${(Number(rows[1]['req/s']) / Number(rows[0]['req/s'])).toFixed(2)}; OTLP bytes exported: ${exportedBytes}`,
    );
  } finally {
    await Promise.all(Object.values(stacks).map((stack) => stack.stop()));
    sink.close();
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
