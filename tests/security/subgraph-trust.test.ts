import { subgraphUrl } from '../support/client';
import { forgedIdentityHeaders } from './forge';
import { raw, registerThroughGateway } from './support';

const { readSecret } = require('../../dist/common/config') as typeof import('../../common/config');
const { signInternalRequest } = require('../../dist/common/identity') as typeof import('../../common/identity');

const SUBGRAPHS = ['participants', 'partners', 'courses'] as const;
const direct = (name: (typeof SUBGRAPHS)[number], body: string, headers: Record<string, string> = {}) =>
  raw(subgraphUrl(name), { headers: { 'content-type': 'application/json', ...headers }, body });

describe('subgraphs answer only the gateway', () => {
  it('refuses unsigned `_service` and `_entities` with 401 and no data, on every subgraph', async () => {
    const { id } = await registerThroughGateway();
    for (const name of SUBGRAPHS) {
      const service = await direct(name, JSON.stringify({ query: '{ _service { sdl } }' }));
      expect([name, service.status, service.text.includes('type Query')]).toEqual([name, 401, false]);
      const entities = await direct(
        name,
        JSON.stringify({
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
          variables: { r: [{ __typename: 'Participant', id }] },
        }),
      );
      expect([name, entities.status, entities.json.data]).toEqual([name, 401, undefined]);
    }
  });

  it('refuses a forged signature, a replayed signature on another body, and a stale one', async () => {
    const { id } = await registerThroughGateway();
    const body = JSON.stringify({
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Participant { nik } } }',
      variables: { r: [{ __typename: 'Participant', id }] },
    });
    const forged = await direct('participants', body, forgedIdentityHeaders({ role: 'admin', subject: 'mallory' }, body));
    expect(forged.status).toBe(401);
    const secret = readSecret('GATEWAY_SIGNING_SECRET');
    const signedForOther = signInternalRequest(secret, { role: 'admin', subject: 'x' }, JSON.stringify({ query: '{ __typename }' }));
    const replayed = await direct('participants', body, signedForOther);
    expect(replayed.status).toBe(401);
    const stale = signInternalRequest(secret, { role: 'admin', subject: 'x' }, body, Date.now() - 10 * 60_000);
    expect((await direct('participants', body, stale)).status).toBe(401);
    // The same request, properly signed, is answered: the refusals above are the signature's doing.
    const signed = await direct(
      'participants',
      body,
      signInternalRequest(secret, { role: 'admin', subject: 'x', purpose: 'trust test' }, body),
    );
    expect(signed.status).toBe(200);
    expect(signed.json.data?._entities[0].nik).toMatch(/^\d{16}$/);
  });
});
