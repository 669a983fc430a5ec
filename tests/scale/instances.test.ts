import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { signedHeaders } from '../support/client';

/*
 * scripts/instances.ts, what `npm start -- --instances N` runs per process: two partners subgraph instances
 * behind one port answer every request, a killed instance is replaced, and a SIGTERM drains both and ends the primary with 0. Its own port, clear of the shared stack and the other tests'.
 */
const PORT = Number(process.env.TEST_PORT_BASE ?? 4100) + 75;
const URL_ = `http://127.0.0.1:${PORT}/graphql`;

/** Pids of the live children of a process (from /proc). */
function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const BODY = JSON.stringify({ query: '{ __typename }' });
/** One request on a connection of its own (a kept-alive socket to a killed instance would fail for that reason alone). */
function answered(): Promise<boolean> {
  return new Promise((done) => {
    const req = request(URL_, { method: 'POST', agent: false, headers: signedHeaders({ role: 'anonymous' }, BODY) }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done(res.statusCode === 200 && text.includes('"__typename":"Query"')));
    });
    req.on('error', () => done(false));
    req.setTimeout(10_000, () => req.destroy());
    req.end(BODY);
  });
}

describe('several instances of one process on one port', () => {
  let primary: ChildProcess;
  let errors = '';

  beforeAll(async () => {
    primary = spawn(process.execPath, [resolve(__dirname, '../../dist/scripts/instances.js'), '2', 'subgraphs/partners/index.js'], {
      env: {
        ...process.env,
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
        PARTNERS_PORT: String(PORT),
        PRAKERJA_LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    primary.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    await until(() => childrenOf(primary.pid!).length === 2 && answered(), 'two instances');
  }, 60_000);

  afterAll(() => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
  });

  it('answers every request through either instance, replaces one that dies, and drains both on SIGTERM', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, answered));
    expect(results.filter((ok) => !ok)).toEqual([]);

    const [victim, survivor] = childrenOf(primary.pid!);
    process.kill(victim, 'SIGKILL');
    // Connections the primary hands out before it has seen the death are lost with the instance; then the
    // replacement starts and every request is answered again.
    await until(() => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && now.includes(survivor) && !now.includes(victim);
    }, 'a replacement instance');
    await until(answered, 'answers after the replacement');
    expect((await Promise.all(Array.from({ length: 20 }, answered))).filter((ok) => !ok)).toEqual([]);

    const exited = new Promise<number | null>((r) => primary.once('exit', (code) => r(code)));
    const workers = childrenOf(primary.pid!);
    primary.kill('SIGTERM');
    expect({ code: await exited, errors }).toEqual({ code: 0, errors: expect.not.stringContaining('stopped with') });
    expect(workers.filter(existsProcess)).toEqual([]);
  }, 60_000);
});

function existsProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
