import { gatewayUrl } from '../support/client';
import { post, startGateway } from './support';

const INTROSPECTION = `{ __schema { queryType { name } types { name } } }`;
const TYPO = `{ cohort(id: "x") { idd nmae } }`;

describe('production configuration', () => {
  let production: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    production = await startGateway({ NODE_ENV: 'production' });
  });
  afterAll(() => production.close());

  it('turns introspection off', async () => {
    const res = await post(INTROSPECTION, {}, {}, production.url);
    expect(res.json.data?.__schema).toBeUndefined();
    expect(res.json.errors?.length).toBeGreaterThan(0);
    // …which development keeps on.
    expect((await post(INTROSPECTION, {}, {}, gatewayUrl())).json.data?.__schema.queryType.name).toBe('Query');
  });

  it('turns field suggestions off', async () => {
    const res = await post(TYPO, {}, {}, production.url);
    expect(res.json.errors?.length).toBeGreaterThan(0);
    expect(res.text).not.toMatch(/Did you mean/);
    expect((await post(TYPO, {}, {}, gatewayUrl())).text).toMatch(/Did you mean/);
  });
});
