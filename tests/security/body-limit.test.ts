import { request } from 'node:http';
import { gatewayUrl, subgraphUrl } from '../support/client';

interface StreamOutcome {
  /** The answer's status, or null when none came while the client was still sending. */
  status: number | null;
  /** Whether the server closed the connection (the client never finished its body). */
  closedByServer: boolean;
  /** Body bytes the client had written when the answer came. */
  sentBeforeAnswer: number;
}

/**
 * Streams a body that never ends (64 KB chunks, chunked encoding, no Content-Length), as an attacker holding a
 * connection open would; `headers` may claim a Content-Length instead. Gives up after `patienceMs`.
 */
function streamEndlessBody(url: string, headers: Record<string, string> = {}, patienceMs = 5000): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const outcome: StreamOutcome = { status: null, closedByServer: false, sentBeforeAnswer: 0 };
    let sent = 0;
    let done = false;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    let timer = setTimeout(finish, patienceMs);
    const pump = () => {
      while (!done && outcome.status === null) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
    };
    req.on('response', (res) => {
      outcome.status = res.statusCode ?? null;
      outcome.sentBeforeAnswer = sent;
      res.resume();
      // The server lingers 2 s before hanging up; a server that keeps the connection fails after 4 s.
      clearTimeout(timer);
      timer = setTimeout(finish, 4000);
    });
    req.on('close', () => {
      outcome.closedByServer = !done;
      finish();
    });
    req.on('error', () => undefined); // the server hanging up mid-body is the expected end
    req.write('{"query":"{ __typename }","variables":{"pad":"');
    pump();
  });
}

/** Every HTTP front reads a body only up to its limit, then answers 413 and hangs up. */
describe('request bodies past the limit', () => {
  const fronts = { gateway: () => gatewayUrl(), 'a subgraph (before any signature check)': () => subgraphUrl('courses') };

  for (const [name, url] of Object.entries(fronts)) {
    it(`${name}: answers 413 while an endless body is still streaming, and closes the connection`, async () => {
      const outcome = await streamEndlessBody(url());
      expect(outcome).toMatchObject({ status: 413, closedByServer: true });
      // Reading stopped near the limit (100 kB at the gateway, 1 MB at a subgraph), not after what the client
      // managed to push: the slack is the sockets' buffers.
      expect(outcome.sentBeforeAnswer).toBeLessThan(32 * 1024 * 1024);
    });

    it(`${name}: answers 413 at once to a Content-Length over the limit, reading nothing`, async () => {
      const outcome = await streamEndlessBody(url(), { 'content-length': String(1024 * 1024 * 1024) });
      expect(outcome).toMatchObject({ status: 413, closedByServer: true });
    });
  }
});
