import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { Client } from 'pg';

/*
 * Processes of the project's own, started from dist/ as production starts them (NODE_ENV unset), beside the
 * test stack: their own ports, the test database, the test stack's other processes.
 */

export interface Started {
  port: number;
  url: string;
  child: ChildProcess;
  /** Resolves when the process exits, with the time it did. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** What it wrote so far (JSON log lines), to explain a failure. */
  output(): string;
}

let nextPort = 0;
/** A port for a process of this file (each test file gets its own range above the stack's). */
export const freePort = (slot: number) => Number(process.env.TEST_PORT_BASE ?? 4100) + 30 + slot * 10 + nextPort++;

/** Starts `entry` (relative to dist/) with NODE_ENV unset and waits until `healthPath` answers 200. */
export async function startProcess(entry: string, port: number, healthPath: string, env: Record<string, string>): Promise<Started> {
  const urls = JSON.parse(process.env.TEST_SUBGRAPH_URLS!) as Record<string, string>;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PARTICIPANTS_URL: urls.participants,
    PARTNERS_URL: urls.partners,
    COURSES_URL: urls.courses,
    // Quiet jobs unless a test wants them: they would act on the test stack's rows.
    COURSES_RECONCILE_INTERVAL_MS: '3600000',
    PARTICIPANTS_HOLD_SWEEP_INTERVAL_SECONDS: '86400',
    PARTICIPANTS_REVOCATION_INTERVAL_SECONDS: '86400',
    GATEWAY_PERSON_FIELDS_PER_MINUTE: '100000000',
    GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE: '100000000',
    ...env,
  };
  delete childEnv.NODE_ENV; // jest sets it to "test"; production leaves it unset, and Apollo behaves differently
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist', entry)], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, at: Date.now() })),
  );
  const started: Started = { port, url: `http://127.0.0.1:${port}/graphql`, child, exited, output: () => output };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${entry} exited during start-up:\n${output}`);
    if ((await probe(port, healthPath)) === 200) return started;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${entry} did not start:\n${output}`);
}

/** A GET on a new connection (no keep-alive agent): the status, or the socket error's code (ECONNREFUSED). */
export function probe(port: number, path: string): Promise<number | string> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode!));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? String(error)));
    req.end();
  });
}

/** Kills a process left running by a failed test. */
export function kill(started: Started | undefined): void {
  if (started && started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
}

/**
 * Locks the wallets of these cards (SELECT … FOR UPDATE in an open transaction), as a long money operation
 * would: every hold, capture or release on them waits until `release()`. `waiting()` counts the sessions
 * blocked behind the lock.
 */
export async function lockWallets(cardNumbers: string[]) {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  await client.query('BEGIN');
  await client.query(
    `SELECT w.id FROM participants.wallet w JOIN participants.card c ON c.id = w.id WHERE c.number = ANY($1) FOR UPDATE OF w`,
    [cardNumbers],
  );
  const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
  const monitor = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await monitor.connect();
  let released = false;
  return {
    waiting: async () =>
      Number((await monitor.query('SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])).rows[0].count),
    /** Waits until `n` sessions are blocked behind the lock (the requests are in flight, inside the wallet). */
    async until(n: number, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await this.waiting()) < n) {
        if (Date.now() > deadline) throw new Error(`only ${await this.waiting()} of ${n} requests reached the wallet lock`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async release() {
      if (released) return;
      released = true;
      await client.query('ROLLBACK');
      await client.end();
      await monitor.end();
    },
  };
}
