import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a webhook endpoint received, as it arrived. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  answered: number;
}

/**
 * A platform's webhook endpoint on 127.0.0.1: records every request and answers `status` (503 while "down",
 * 200 once back up), so a test can take it down and bring it back.
 */
export async function webhookReceiver(path = '/hooks/prakerja') {
  const received: Received[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    url,
    path,
    received,
    setStatus: (s: number) => void (status = s),
    /** The bodies acknowledged with a 2xx, deduplicated by delivery id, in the order first acknowledged. */
    delivered() {
      const seen = new Map<string, Record<string, any>>();
      for (const r of received)
        if (r.answered === 200 && !seen.has(r.headers['x-delivery-id'])) seen.set(r.headers['x-delivery-id'], JSON.parse(r.body));
      return [...seen.values()];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a platform computes to verify a webhook: the request scheme reversed, over the endpoint's path. */
export const expectedSignature = (signingKey: string, r: Received, path: string) =>
  createHmac('sha256', signingKey)
    .update(r.headers['x-client-id'] + r.headers['x-timestamp'] + 'POST' + path + r.body)
    .digest('hex');

/** Polls until `check` holds (or fails the test after `ms`): deliveries are asynchronous, not timed. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
