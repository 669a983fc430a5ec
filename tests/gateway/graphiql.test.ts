import { gatewayUrl } from '../support/client';

/* GraphiQL (development only) must work on a machine with no internet: everything it loads comes from the gateway. */

describe('GraphiQL', () => {
  it('is served whole by the gateway: no script, style, worker or icon from another host', async () => {
    const response = await fetch(gatewayUrl(), { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>Prakerja Graph</title>');
    expect(html).toContain('renderYogaGraphiQL');
    // Anything the page would fetch: src/href attributes, CSS url(), worker URLs, fetch() or import() of an absolute URL.
    const external =
      html.match(
        /(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]+|url\(\s*["']?(?:https?:)?\/\/[^)]+\)|(?:fetch|import)\(\s*["'`]https?:\/\/[^"'`]+/gi,
      ) ?? [];
    expect(external).toEqual([]);
  });
});
