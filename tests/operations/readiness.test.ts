import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort, kill, probe, startProcess, type Started } from './processes';

/*
 * Readiness against liveness on a real subgraph process: it reaches the test database through a TCP relay in
 * this test, which the test cuts to make the database unreachable and then restores.
 */

jest.setTimeout(60_000);

/** A TCP relay to the test database that can be cut (listener closed, connections destroyed) and restored. */
function databaseRelay(port: number) {
  // The partners subgraph's serving role, through the relay.
  const target = new URL(process.env.PARTNERS_DATABASE_URL!);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const relay = {
    url: Object.assign(new URL(target.href), { host: `127.0.0.1:${port}` }).href,
    open: () =>
      new Promise<void>((resolve) => {
        server = createServer((client) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
            s.on('error', () => undefined);
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', resolve);
      }),
    cut: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        if (server) server.close(() => resolve());
        else resolve();
      }),
  };
  return relay;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('subgraph readiness', () => {
  let partners: Started | undefined;
  afterAll(() => kill(partners));

  it('/ready answers 503 while the database is unreachable and 200 again once it is back; /health stays 200 throughout', async () => {
    const relay = databaseRelay(freePort(1));
    await relay.open();
    const port = freePort(1);
    partners = await startProcess('subgraphs/partners/index.js', port, '/health', {
      PARTNERS_PORT: String(port),
      PARTNERS_DATABASE_URL: relay.url,
      PARTNERS_MIGRATION_DATABASE_URL: '', // the shared stack migrated it
    });
    expect(await probe(port, '/ready')).toBe(200);

    await relay.cut();
    const cutAt = Date.now();
    expect(await probe(port, '/ready')).toBe(503);
    expect(Date.now() - cutAt).toBeLessThan(2_500); // a short timeout, not the driver's default
    expect(await probe(port, '/health')).toBe(200); // alive: restarting it would not bring the database back

    await relay.open();
    await until(async () => (await probe(port, '/ready')) === 200);

    partners.child.kill('SIGTERM');
    const exit = await partners.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(await probe(port, '/ready')).toBe('ECONNREFUSED');
    await relay.cut();
  });
});
