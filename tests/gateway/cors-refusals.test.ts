import { gatewayUrl } from '../support/client';
import { raw } from '../security/support';

/*
 * Refusals the gateway writes before the runtime (a refused token, 401; a body too large, 413) carry the same CORS
 * headers as any answer: the web client must read "sign in again" rather than see a network failure. Found by the
 * browser test of a tampered token.
 */
const { WEB_DEV_ORIGIN } = require('../../dist/common/topology') as typeof import('../../common/topology');

const send = (origin: string, headers: Record<string, string>, body: string) =>
  raw(gatewayUrl(), { headers: { origin, 'content-type': 'application/json', ...headers }, body });

it('a refused token is readable from the web client’s origin, and only from there', async () => {
  const body = JSON.stringify({ query: '{ cohorts(first: 1) { totalCount } }' });
  const allowed = await send(WEB_DEV_ORIGIN, { authorization: 'Bearer not.a.token' }, body);
  expect(allowed.status).toBe(401);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB_DEV_ORIGIN);
  expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
  expect(allowed.headers.get('vary')).toMatch(/Origin/);
  expect(allowed.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  const foreign = await send('https://evil.example', { authorization: 'Bearer not.a.token' }, body);
  expect(foreign.status).toBe(401);
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
});

it('a body too large is readable from the web client’s origin', async () => {
  const tooLarge = await send(
    WEB_DEV_ORIGIN,
    {},
    JSON.stringify({ query: `{ cohorts(first: 1) { totalCount } } #${'x'.repeat(200_000)}` }),
  );
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.headers.get('access-control-allow-origin')).toBe(WEB_DEV_ORIGIN);
});
