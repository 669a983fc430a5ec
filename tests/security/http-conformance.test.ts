import { serverAudits } from 'graphql-http';
import { gatewayUrl } from '../support/client';

/**
 * The GraphQL-over-HTTP conformance audit of the `graphql-http` package against the real gateway: every MUST
 * holds, with CSRF prevention, batching refusal and the body limit all switched on.
 */
describe('GraphQL over HTTP (graphql-http server audit)', () => {
  const audits = serverAudits({ url: () => gatewayUrl() }).filter((audit) => audit.name.startsWith('MUST'));

  it('has MUST audits to run', () => {
    expect(audits.length).toBeGreaterThan(10);
  });

  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      if (result.status !== 'ok')
        throw new Error(
          `${result.reason}${
            'response' in result
              ? `: ${result.response.status} ${await result.response
                  .clone()
                  .text()
                  .catch(() => '')}`
              : ''
          }`,
        );
    });
  }
});
