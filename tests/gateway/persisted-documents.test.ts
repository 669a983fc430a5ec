import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewayUrl, tokenFor } from '../support/client';
import { raw, startGateway } from '../security/support';

/*
 * The web client sends persisted documents only: the hash of a document generated at build, never its text.
 * Nothing is registered at run time, and in production (GATEWAY_WEB_DOCUMENTS_ONLY) participants and anonymous
 * callers may send nothing else, while the programme office still explores with any document.
 */

const documents = JSON.parse(readFileSync(resolve(__dirname, '../../web/src/gql/persisted-documents.json'), 'utf8')) as Record<
  string,
  string
>;
const hashOf = (operation: string) => {
  const entry = Object.entries(documents).find(([, text]) => text.startsWith(`${operation.split(' ')[0]} ${operation.split(' ')[1]}`));
  return entry![0].replace(/^sha256:/, '');
};
const cohortsHash = hashOf('query WebCohorts');
const dashboardHash = hashOf('query WebDashboard');

const send = (url: string, body: Record<string, unknown>, token?: string) =>
  raw(url, {
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
const byHash = (hash: string) => ({ variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
const AD_HOC = '{ cohorts(first: 5) { edges { node { id name } } } }';

describe('persisted documents', () => {
  it('runs a known hash, anonymously and as a participant', async () => {
    const cohorts = await send(gatewayUrl(), byHash(cohortsHash));
    expect(cohorts.status).toBe(200);
    expect(cohorts.json.data.cohorts.edges.length).toBeGreaterThan(0);
    const me = await send(gatewayUrl(), byHash(dashboardHash), await tokenFor('participant', '00000000-0000-4000-8000-00000000dead'));
    expect(me.json.errors).toBeUndefined();
    expect(me.json.data).toEqual({ me: null });
  });

  it('refuses an unknown hash, and an APQ-style registration registers nothing', async () => {
    const unknown = 'a'.repeat(64);
    const first = await send(gatewayUrl(), byHash(unknown));
    expect(first.status).toBe(400);
    expect(first.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    const registration = await send(gatewayUrl(), { query: AD_HOC, ...byHash(unknown) });
    expect(registration.status).toBe(400);
    expect(registration.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    expect(registration.json.data).toBeUndefined();
    // Text beside a known hash is refused too (it could be any other document).
    expect((await send(gatewayUrl(), { query: AD_HOC, ...byHash(cohortsHash) })).json.errors[0].extensions.code).toBe(
      'PERSISTED_DOCUMENT_NOT_FOUND',
    );
    const again = await send(gatewayUrl(), byHash(unknown));
    expect(again.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
  });

  describe('in production (GATEWAY_WEB_DOCUMENTS_ONLY)', () => {
    let gateway: Awaited<ReturnType<typeof startGateway>>;
    beforeAll(async () => {
      gateway = await startGateway({ GATEWAY_WEB_DOCUMENTS_ONLY: 'true' });
    });
    afterAll(() => gateway?.close());

    it('refuses ad-hoc documents from participants and anonymous callers', async () => {
      for (const token of [undefined, await tokenFor('participant', '00000000-0000-4000-8000-00000000dead')]) {
        const answer = await send(gateway.url, { query: AD_HOC }, token);
        expect(answer.status).toBe(403);
        expect(answer.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
        expect(answer.json.data).toBeUndefined();
      }
    });

    it('runs the web client hashes and lets admins and analysts send any document', async () => {
      expect((await send(gateway.url, byHash(cohortsHash))).json.data.cohorts.edges.length).toBeGreaterThan(0);
      for (const role of ['admin', 'analyst'] as const) {
        const answer = await send(gateway.url, { query: AD_HOC }, await tokenFor(role));
        expect(answer.json.errors).toBeUndefined();
        expect(answer.json.data.cohorts.edges.length).toBeGreaterThan(0);
      }
    });
  });
});
