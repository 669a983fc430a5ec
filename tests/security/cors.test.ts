import { gatewayUrl } from '../support/client';
import { raw, startGateway } from './support';

/*
 * A page on a foreign origin must not read the gateway's answers through a signed-in person's browser: only
 * the configured origins get CORS headers, nothing else is echoed, and credentialed requests are never allowed.
 */

const { loadGatewayConfig } = require('../../dist/gateway/config') as typeof import('../../gateway/config');
const { WEB_DEV_ORIGIN } = require('../../dist/common/topology') as typeof import('../../common/topology');

const QUERY = JSON.stringify({ query: '{ cohorts(first: 1) { totalCount } }' });
const preflight = (origin: string, url = gatewayUrl()) =>
  raw(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
const postFrom = (origin: string, url = gatewayUrl()) => raw(url, { headers: { origin, 'content-type': 'application/json' }, body: QUERY });

describe('CORS', () => {
  it('gives a foreign origin no CORS headers, on the preflight and on the request', async () => {
    for (const res of [await preflight('https://evil.example'), await postFrom('https://evil.example')]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('access-control-allow-headers')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Origin/);
    }
  });

  it('allows the web client’s development origin, without credentials', async () => {
    const pre = await preflight(WEB_DEV_ORIGIN);
    expect(pre.headers.get('access-control-allow-origin')).toBe(WEB_DEV_ORIGIN);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await postFrom(WEB_DEV_ORIGIN);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(WEB_DEV_ORIGIN);
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('allows exactly the configured origins; production has none by default', async () => {
    const configured = await startGateway({ GATEWAY_CORS_ORIGINS: 'https://console.prakerja.example, https://app.prakerja.example' });
    const production = await startGateway({ NODE_ENV: 'production' });
    try {
      expect((await postFrom('https://app.prakerja.example', configured.url)).headers.get('access-control-allow-origin')).toBe(
        'https://app.prakerja.example',
      );
      for (const foreign of [WEB_DEV_ORIGIN, 'https://app.prakerja.example.evil.example', 'null']) {
        expect((await postFrom(foreign, configured.url)).headers.get('access-control-allow-origin')).toBeNull();
      }
      expect((await postFrom(WEB_DEV_ORIGIN, production.url)).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await Promise.all([configured.close(), production.close()]);
    }
  });

  it('refuses a configuration that is not a list of exact origins', () => {
    for (const bad of ['*', 'null', 'https://app.example/', 'https://app.example/path', 'app.example', 'ftp://app.example']) {
      expect(() => loadGatewayConfig({ GATEWAY_CORS_ORIGINS: bad })).toThrow(/GATEWAY_CORS_ORIGINS/);
    }
  });
});
