import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { envReader } from '../common/config';
import { benchDatabase } from './database';
import { startStack, stopChild } from '../scripts/stack';
import { seedBenchData } from './data';
import type { Engine } from './engines';
import { ONE_ADDRESS_FOR_MANY, quantile, runLoad, type RunResult } from './load';

/**
 * Hive Gateway (our gateway/) against @apollo/gateway on the same supergraph, subgraphs and data.
 * Everything runs on loopback (ports from BENCH_PORT_BASE, 4900 by default); each engine is its own process and only one is loaded
 * at a time, in ABBA order per round so that neither always runs first (warm-up excluded).
 */
const read = envReader();
const CONCURRENCY = read.int('BENCH_CONCURRENCY', 32, 1, 256);
const SECONDS = read.int('BENCH_SECONDS', 3, 1, 60);
const ROUNDS = read.int('BENCH_ROUNDS', 4, 1, 20);
const WARMUP_SECONDS = read.int('BENCH_WARMUP_SECONDS', 2, 0, 60);
// Stack: base+1..+3 subgraphs; engines base+10, base+11; embedded PostgreSQL BENCH_EMBEDDED_PG_PORT (4999).
const PORT_BASE = read.int('BENCH_PORT_BASE', 4900, 1024, 65000);
const ENGINE_PORTS: Record<Engine, number> = { hive: PORT_BASE + 10, apollo: PORT_BASE + 11 };

const WORKLOADS = {
  'single-subgraph': '{ partners(first: 20) { totalCount edges { node { id name status } } } }',
  // courses → partners entity fetches (TrainingInstitution, Partner); participants as a parallel root fetch,
  // since no Participant field is readable anonymously.
  'cross-subgraph':
    '{ courses(first: 20) { edges { node { id title provider { id name } offerings(first: 5) { edges { node { price { amount } platform { name } } } } } } } cohorts(first: 10) { edges { node { id name } } } }',
} as const;
type Workload = keyof typeof WORKLOADS;

async function main(): Promise<void> {
  const log = (m: string) => console.log(m);
  const db = await benchDatabase('postgres-bench', 4999, log);
  const stack = await startStack({
    databaseUrl: db.url,
    gatewayPort: PORT_BASE,
    gateway: false,
    output: 'ignore',
    env: { PRAKERJA_LOG_LEVEL: 'silent', ...ONE_ADDRESS_FOR_MANY },
  });
  const engines: Partial<Record<Engine, ChildProcess>> = {};
  try {
    await seedBenchData(db.url);
    for (const engine of ['hive', 'apollo'] as const) {
      try {
        engines[engine] = await startEngine(engine, stack.env);
      } catch (error) {
        log(`${engine} did not start: ${(error as Error).message}`);
        if (engine === 'apollo')
          log('(@apollo/gateway refuses supergraphs that use @authenticated / @requiresScopes; the bench continues with Hive only.)');
        else throw error;
      }
    }
    const running = (Object.keys(engines) as Engine[]).filter((e) => engines[e]);
    await checkSameAnswers(running);
    log(
      `\n${running.join(' vs ')}: ${CONCURRENCY} requests in flight, ${ROUNDS} rounds x ${SECONDS} s per engine and workload (after ${WARMUP_SECONDS} s warm-up), ABBA order`,
    );
    const results: Record<string, RunResult[]> = {};
    for (const workload of Object.keys(WORKLOADS) as Workload[]) {
      const body = JSON.stringify({ query: WORKLOADS[workload] });
      for (const engine of running) await runLoad(urlOf(engine), body, CONCURRENCY, WARMUP_SECONDS);
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? running : [...running].reverse();
        for (const engine of order)
          (results[`${workload}/${engine}`] ??= []).push(await runLoad(urlOf(engine), body, CONCURRENCY, SECONDS));
      }
    }
    report(results, running);
  } finally {
    await Promise.all(Object.values(engines).map((child) => stopChild(child!)));
    await stack.stop();
    await db.stop();
  }
}

const urlOf = (engine: Engine) => `http://127.0.0.1:${ENGINE_PORTS[engine]}/graphql`;

function startEngine(engine: Engine, env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(resolve(__dirname, 'engines.js'), [engine, String(ENGINE_PORTS[engine])], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // Warnings and errors of each engine reach the console labelled with the engine's name.
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `[${engine}] `)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('not ready within 30 s')), 30_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message === 'ready') resolvePromise(child);
      else reject(new Error(String(message)));
    });
    child.once('exit', (code) => reject(new Error(`exited with code ${code}`)));
  });
}

/** Both engines must return the same data, without errors, before their speed means anything. */
async function checkSameAnswers(running: Engine[]): Promise<void> {
  for (const [workload, query] of Object.entries(WORKLOADS)) {
    const answers = await Promise.all(
      running.map(async (engine) => {
        const response = await fetch(urlOf(engine), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const json = (await response.json()) as { data?: unknown; errors?: unknown };
        if (response.status !== 200 || json.errors || !json.data)
          throw new Error(`${engine} failed ${workload}: ${response.status} ${JSON.stringify(json).slice(0, 500)}`);
        return JSON.stringify(json.data);
      }),
    );
    if (answers.some((a) => a !== answers[0])) throw new Error(`engines disagree on ${workload}`);
    if (!answers[0].includes('"name"')) throw new Error(`${workload} returned no rows: seed missing?`);
  }
}

function report(results: Record<string, RunResult[]>, running: Engine[]): void {
  const rows: Array<Record<string, string | number>> = [];
  const summary = (runs: RunResult[]) => {
    const latencies = runs.flatMap((r) => r.latencies);
    const seconds = runs.reduce((s, r) => s + r.seconds, 0);
    return {
      rps: latencies.length / seconds,
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      requests: latencies.length,
      errors: runs.reduce((s, r) => s + r.errors, 0),
    };
  };
  for (const workload of Object.keys(WORKLOADS)) {
    const stats = Object.fromEntries(running.map((engine) => [engine, summary(results[`${workload}/${engine}`])]));
    for (const engine of running) {
      const s = stats[engine];
      rows.push({
        workload,
        engine,
        'req/s': s.rps.toFixed(0),
        'p50 ms': s.p50.toFixed(1),
        'p95 ms': s.p95.toFixed(1),
        requests: s.requests,
        errors: s.errors,
      });
    }
    if (stats.hive && stats.apollo) {
      const ratio = (k: 'rps' | 'p50' | 'p95') => (stats.hive[k] / stats.apollo[k]).toFixed(2);
      rows.push({
        workload,
        engine: 'RATIO hive/apollo',
        'req/s': ratio('rps'),
        'p50 ms': ratio('p50'),
        'p95 ms': ratio('p95'),
        requests: '',
        errors: '',
      });
    }
  }
  console.log();
  console.table(rows);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
