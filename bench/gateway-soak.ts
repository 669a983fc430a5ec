import { envReader } from '../common/config';
import { benchDatabase } from './database';
import { loadGatewayConfig } from '../gateway/config';
import { createGatewayServer } from '../gateway/server';
import { startStack } from '../scripts/stack';
import { seedBenchData } from './data';
import { ONE_ADDRESS_FOR_MANY, runLoad } from './load';

/**
 * Does the gateway hold on to memory under sustained load? Under 32 requests in flight Hive's runtime warns
 * `MaxListenersExceededWarning` (more than 100 abort listeners on one AbortSignal), which may be a leak or
 * only a crowd. This runs the gateway in this process, loads it round after round with a cross-subgraph
 * query, and after each round (and a forced GC) prints the heap and the abort listeners still attached to
 * signals that are alive. A leak shows as both growing round over round; the last/first ratios say which.
 * Run with `npm run bench:soak` (node --expose-gc).
 */
const read = envReader();
const CONCURRENCY = read.int('BENCH_CONCURRENCY', 32, 1, 256);
const SECONDS = read.int('BENCH_SECONDS', 10, 1, 120);
const ROUNDS = read.int('BENCH_ROUNDS', 8, 2, 100);
const PORT = 4950; // subgraphs 4951-4953; embedded PostgreSQL 4997
const QUERY =
  '{ courses(first: 20) { edges { node { id title provider { id name } offerings(first: 5) { edges { node { price { amount } platform { name } } } } } } } cohorts(first: 10) { edges { node { id name } } } }';

/** Counts `abort` listeners per signal without keeping any signal alive (weak references only). */
function trackAbortListeners(): () => { listeners: number; signals: number } {
  const counts = new WeakMap<AbortSignal, number>();
  const seen = new Set<WeakRef<AbortSignal>>();
  const { addEventListener, removeEventListener } = AbortSignal.prototype;
  AbortSignal.prototype.addEventListener = function (this: AbortSignal, type: string, ...rest: unknown[]) {
    if (type === 'abort') {
      if (!counts.has(this)) seen.add(new WeakRef(this));
      counts.set(this, (counts.get(this) ?? 0) + 1);
    }
    return (addEventListener as (...a: unknown[]) => void).call(this, type, ...rest);
  } as typeof addEventListener;
  AbortSignal.prototype.removeEventListener = function (this: AbortSignal, type: string, ...rest: unknown[]) {
    if (type === 'abort' && counts.has(this)) counts.set(this, counts.get(this)! - 1);
    return (removeEventListener as (...a: unknown[]) => void).call(this, type, ...rest);
  } as typeof removeEventListener;
  return () => {
    let listeners = 0;
    let signals = 0;
    for (const ref of seen) {
      const signal = ref.deref();
      if (!signal) {
        seen.delete(ref);
        continue;
      }
      const n = counts.get(signal) ?? 0;
      if (!signal.aborted && n > 0) {
        listeners += n;
        signals++;
      }
    }
    return { listeners, signals };
  };
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:soak)');
  const outstanding = trackAbortListeners();
  const db = await benchDatabase('postgres-bench', 4997);
  const stack = await startStack({
    databaseUrl: db.url,
    gatewayPort: PORT,
    gateway: false,
    output: 'ignore',
    env: { PRAKERJA_LOG_LEVEL: 'silent' },
  });
  const gateway = createGatewayServer(
    loadGatewayConfig({ ...process.env, ...stack.env, ...ONE_ADDRESS_FOR_MANY, PRAKERJA_LOG_LEVEL: 'silent' }),
  );
  try {
    await seedBenchData(db.url);
    await new Promise<void>((resolve) => gateway.server.listen(PORT, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${PORT}/graphql`;
    const body = JSON.stringify({ query: QUERY });
    console.log(`gateway soak: ${ROUNDS} rounds x ${SECONDS} s, ${CONCURRENCY} in flight, cross-subgraph query`);
    const rows: Array<{ round: number; requests: number; errors: number; 'heap MB': number; 'abort listeners': number; signals: number }> =
      [];
    for (let round = 1; round <= ROUNDS; round++) {
      const result = await runLoad(url, body, CONCURRENCY, SECONDS);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // let the last responses' timers settle
      gc();
      const { listeners, signals } = outstanding();
      rows.push({
        round,
        requests: result.requests,
        errors: result.errors,
        'heap MB': Math.round(process.memoryUsage().heapUsed / 1e6),
        'abort listeners': listeners,
        signals,
      });
    }
    console.table(rows);
    const [first, last] = [rows[0], rows[rows.length - 1]];
    const total = rows.reduce((sum, r) => sum + r.requests, 0);
    console.log(
      `${total} requests; heap after GC last/first: ${(last['heap MB'] / first['heap MB']).toFixed(2)}; abort listeners on live signals last/first: ${(last['abort listeners'] / Math.max(1, first['abort listeners'])).toFixed(2)}`,
    );
  } finally {
    await gateway.close();
    await stack.stop();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
