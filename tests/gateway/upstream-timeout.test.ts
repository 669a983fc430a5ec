import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { post, startGateway } from '../security/support';

/** A subgraph that accepts the connection and never answers: the gateway must give up, not hang with it. */
describe('the timeout on every subgraph call', () => {
  let silent: Server;
  let url: string;
  beforeAll(async () => {
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('answers a masked error once the configured timeout passes, while the other subgraphs still answer', async () => {
    const gateway = await startGateway({ PARTNERS_URL: url, GATEWAY_UPSTREAM_TIMEOUT_MS: '300' });
    try {
      const started = Date.now();
      const res = await post(
        `query($slug: String!) { partnerBySlug(slug: $slug) { name } courses(first: 1) { totalCount } }`,
        { slug: 'tokopedia' },
        {},
        gateway.url,
      );
      const elapsed = Date.now() - started;
      expect(res.json.data?.courses.totalCount).toBeGreaterThan(0);
      expect(res.json.data?.partnerBySlug).toBeNull();
      expect(res.json.errors?.[0]).toMatchObject({ path: ['partnerBySlug'], extensions: { code: 'GATEWAY_TIMEOUT' } });
      expect(res.status).toBe(200); // a partial answer: the slow field's 504 is not the status of the whole
      // Nothing about the upstream: no service name, URL, or the request body with its variables.
      expect(res.text).not.toMatch(/127\.0\.0\.1|serviceName|"request"|tokopedia|partners/i);
      // Far below the 10 s default and the test's own limit: the 300 ms setting is what ended the wait.
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      await gateway.close();
    }
  });
});
