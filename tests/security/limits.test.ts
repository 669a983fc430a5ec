import { gatewayUrl } from '../support/client';
import { codeOf, post, raw } from './support';

/** Abuse limits at the gateway, each sent as a hostile caller would send it. */
describe('operation limits', () => {
  it('refuses a depth bomb before any subgraph runs it', async () => {
    // Partner → offerings → Offering.platform → Partner … is a real cycle of the public schema.
    const cycle = (levels: number): string =>
      levels ? `offerings(first: 1) { edges { node { platform { ${cycle(levels - 1)} } } } }` : 'id';
    const res = await post(`{ partners(first: 1) { edges { node { ${cycle(6)} } } } }`);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.json.errors?.[0].message).toMatch(/levels deep/);
    expect(res.json.data).toBeUndefined();
    const shallow = await post(`{ partners(first: 1) { edges { node { ${cycle(1)} } } } }`);
    expect(shallow.status).toBe(200);
    expect(shallow.json.errors).toBeUndefined();
  });

  it('allows depth 8 and 10 aliases by default, one more of either is refused', async () => {
    // partners > edges > node > offerings > edges > node > platform > id: 8 levels.
    const eight = `{ partners(first: 1) { edges { node { offerings(first: 1) { edges { node { platform { id } } } } } } } }`;
    expect((await post(eight)).json.errors).toBeUndefined();
    const nine = await post(eight.replace('platform { id }', 'platform { offerings(first: 1) { totalCount } }'));
    expect(codeOf(nine)).toBe('QUERY_TOO_COMPLEX');
    expect(nine.json.errors?.[0].message).toBe('The operation is nested 9 levels deep; the limit is 8');
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect((await post(aliased(10))).json.errors).toBeUndefined();
    expect((await post(aliased(11))).json.errors?.[0].message).toBe('The operation uses 11 aliases; the limit is 10');
  });

  it('refuses 100 aliases of one field', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: cohorts(first: 1) { totalCount }`).join(' ');
    const res = await post(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.json.errors?.[0].message).toMatch(/aliases/);
  });

  it('counts a huge page size passed as a variable', async () => {
    const query = `query Catalogue($n: Int!) { partners(first: $n) { edges { node { id offerings(first: $n) { edges { node { id } } } } } } }`;
    const huge = await post(query, { n: 1_000_000 });
    expect(huge.status).toBe(400);
    expect(codeOf(huge)).toBe('QUERY_TOO_COMPLEX');
    expect(huge.json.errors?.[0].message).toMatch(/cost/);
    const small = await post(query, { n: 5 });
    expect(small.status).toBe(200);
    expect(small.json.errors).toBeUndefined();
  });

  it('counts tokens before parsing', async () => {
    const res = await post(`{ ${'__typename '.repeat(3000)} }`);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.json.errors?.[0].message).toMatch(/tokens/);
  });

  it('refuses a 10 MB body with 413 without buffering it', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(10 * 1024 * 1024) } });
    const res = await raw(gatewayUrl(), { headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(codeOf(res)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a batch of operations', async () => {
    const body = JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    const res = await raw(gatewayUrl(), { headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json.data).toBeUndefined();
  });

  it('refuses a mutation sent with GET', async () => {
    const query = encodeURIComponent(
      'mutation { participantRegister(input: { nik: "1", familyCardNumber: "1", fullName: "x", birthDate: "1990-01-01", email: "a@b.cd", phone: "0812", address: "x", citizen: true, educationStatus: NOT_IN_EDUCATION, occupation: UNEMPLOYED }) { userErrors { code } } }',
    );
    const res = await raw(`${gatewayUrl()}?query=${query}`, {
      method: 'GET',
      headers: { accept: 'application/json', 'x-graphql-csrf-prevention': '1' },
    });
    expect(res.status).toBe(405);
    expect(res.json.data).toBeUndefined();
  });

  it('refuses a GET without a preflight-forcing header (CSRF)', async () => {
    const res = await raw(`${gatewayUrl()}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(res.status).toBe(403);
    expect(res.json.data).toBeUndefined();
    const allowed = await raw(`${gatewayUrl()}?query=${encodeURIComponent('{ __typename }')}`, {
      method: 'GET',
      headers: { 'x-graphql-csrf-prevention': '1' },
    });
    expect(allowed.status).toBe(200);
  });
});
