import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { projectRoot } from '../common/config';
import { provisionSubgraphRoles, subgraphDatabaseEnv } from '../common/database-roles';
import { shutdownGraceMs } from '../common/shutdown';
import { processEntry, SUBGRAPHS, type SubgraphName } from '../common/topology';

export interface StackOptions {
  /** An administrator's connection: it creates each subgraph's roles, and no process of the stack gets it. */
  databaseUrl: string;
  /** Gateway port; subgraphs listen on the next three ports. */
  gatewayPort: number;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Where each process's output goes. */
  output?: 'inherit' | 'ignore';
  /** Start the gateway too (false: subgraphs only). */
  gateway?: boolean;
  /**
   * Instances of the gateway and of each subgraph (default 1), each process's sharing its port through Node's
   * cluster (scripts/instances.ts). `pids` are then the cluster primaries; their workers are their children.
   */
  instances?: number;
  /** Every process writes a V8 CPU profile here when it exits (`node --cpu-prof`); benches pass BENCH_CPU_PROF_DIR. */
  profileDir?: string;
  /** The subgraphs to start (default all); the others' ports and roles are still assigned, for a caller to start later. */
  subgraphs?: SubgraphName[];
}

export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  env: Record<string, string>;
  /** Process id of each subgraph and of the gateway, for benchmarks that read their CPU time from /proc. */
  pids: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Starts each subgraph and the gateway as its own process (as in production) and waits until each is ready
 * (a subgraph's database answers, the gateway's supergraph is loaded). Stopping stops the gateway first, so
 * that its requests in flight can still reach the subgraphs, then the subgraphs.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  // Each subgraph gets its own roles' connections; no process of the stack sees the administrator's.
  const databases = await provisionSubgraphRoles(
    options.databaseUrl,
    SUBGRAPHS.map(({ name }) => name),
  );
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...options.env,
    ...subgraphDatabaseEnv(databases),
    GATEWAY_PORT: String(options.gatewayPort),
  };
  delete env.DATABASE_URL;
  const subgraphUrls: Record<string, string> = {};
  // Prometheus's /metrics of each process, on ports of their own (9400 for the gateway of `npm start`, 9401…).
  env.GATEWAY_METRICS_PORT ??= String(options.gatewayPort + METRICS_PORT_OFFSET);
  SUBGRAPHS.forEach(({ name }, i) => {
    const port = options.gatewayPort + i + 1;
    env[`${name.toUpperCase()}_METRICS_PORT`] ??= String(port + METRICS_PORT_OFFSET);
    env[`${name.toUpperCase()}_PORT`] = String(port);
    env[`${name.toUpperCase()}_URL`] = subgraphUrls[name] = `http://127.0.0.1:${port}/graphql`;
  });
  const started = SUBGRAPHS.filter(({ name }) => !options.subgraphs || options.subgraphs.includes(name));
  const children: ChildProcess[] = []; // the subgraphs
  let gateway: ChildProcess | undefined;
  let disbursementSim: ChildProcess | undefined;
  const killAfterMs = shutdownGraceMs(env) + 5_000;
  const stop = async () => {
    if (gateway) await stopChild(gateway, killAfterMs);
    await Promise.all(children.map((child) => stopChild(child, killAfterMs)));
    if (disbursementSim) await stopChild(disbursementSim, killAfterMs);
  };
  const taken = await portInUse(options.gatewayPort);
  if (taken) throw new Error(`port ${taken} is in use: another npm start is running? ${STOP_IT}`);
  try {
    const launch = (entry: string, health: string, instances = options.instances ?? 1) => {
      const output = options.output ?? 'inherit';
      const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
      const args = [
        ...profile,
        ...(instances > 1
          ? [resolve(projectRoot, 'dist/scripts/instances.js'), String(instances), entry]
          : [resolve(projectRoot, 'dist', entry)]),
      ];
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', output, 'pipe'] });
      // stderr is kept (last few KB) so that a process dying at start-up says why.
      let lastErrors = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        lastErrors = (lastErrors + chunk.toString()).slice(-4000);
        if (output === 'inherit') process.stderr.write(chunk);
      });
      child.once('exit', (code) => {
        if (code) process.stderr.write(`${entry} exited with code ${code}\n${lastErrors}\n`);
      });
      return { child, ready: waitHealthy(health, child, entry) };
    };
    // The simulated disbursement provider, unless one is configured: before the subgraphs, whose payout job calls it.
    if (!env.PARTICIPANTS_DISBURSEMENT_URL) {
      env.DISBURSEMENT_SIM_PORT ??= String(options.gatewayPort + DISBURSEMENT_SIM_PORT_OFFSET);
      env.PARTICIPANTS_DISBURSEMENT_URL = `http://127.0.0.1:${env.DISBURSEMENT_SIM_PORT}`;
      const sim = launch('scripts/disbursement-sim/main.js', `${env.PARTICIPANTS_DISBURSEMENT_URL}/health`, 1);
      disbursementSim = sim.child;
      await sim.ready;
    }
    await Promise.all(
      started.map(({ name }) => {
        const { child, ready } = launch(processEntry(name), subgraphUrls[name].replace(/\/graphql$/, '/ready'));
        children.push(child);
        return ready;
      }),
    );
    const gatewayEntry = processEntry('gateway');
    if (options.gateway !== false && existsSync(resolve(projectRoot, 'dist', gatewayEntry))) {
      const launched = launch(gatewayEntry, `http://127.0.0.1:${options.gatewayPort}/readiness`);
      gateway = launched.child;
      await launched.ready;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const pids: Record<string, number> = {};
  started.forEach(({ name }, i) => (pids[name] = children[i].pid!));
  if (gateway) pids.gateway = gateway.pid!;
  return { gatewayUrl: `http://127.0.0.1:${options.gatewayPort}/graphql`, subgraphUrls, env, pids, stop };
}

async function waitHealthy(url: string, child: ChildProcess, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited during start-up`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

/** The simulated disbursement provider listens this far above the gateway (4020 for `npm start`). */
const DISBURSEMENT_SIM_PORT_OFFSET = 20;

/** A process's metrics port is its GraphQL port plus this. */
const METRICS_PORT_OFFSET = 5400;

const STOP_IT = 'Stop it (Ctrl-C), or choose other ports with GATEWAY_PORT (the subgraphs take the next three).';

/**
 * The first port of a stack on `gatewayPort` (the gateway's and the three after it) that something already
 * listens on: most likely another `npm start` or test stack, whose processes would otherwise each die on
 * EADDRINUSE, one after the other.
 */
export async function portInUse(gatewayPort: number): Promise<number | undefined> {
  for (const port of [gatewayPort, ...SUBGRAPHS.map((_, i) => gatewayPort + i + 1)]) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once('error', () => resolve(false))
        .listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
    });
    if (!free) return port;
  }
  return undefined;
}

/** SIGTERM, then SIGKILL if it has not exited after `killAfterMs` (its grace period and some); resolves once it has exited. */
export function stopChild(child: ChildProcess, killAfterMs = shutdownGraceMs() + 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
