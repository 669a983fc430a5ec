import { db } from '../support/client';
import { countQueries, inProcessEnv, settle, type InProcessSubgraph } from './support';

/** Partner and institution references and their relations are batched: every platform costs what two cost. */
const { startPartners } = require('../../dist/subgraphs/partners/index') as typeof import('../../subgraphs/partners/index');
const { loadConfig } = require('../../dist/subgraphs/partners/config') as typeof import('../../subgraphs/partners/config');

let partners: InProcessSubgraph;
beforeAll(async () => {
  partners = await startPartners(loadConfig(inProcessEnv()));
  await settle();
});
afterAll(() => partners.stop());

const ADMIN = { role: 'admin', subject: 'batching-test' } as const;

describe('partners subgraph batching', () => {
  it('lists platforms with MoU, evaluations, history and affiliations in as many statements for 12 as for 2', async () => {
    const query = `query($n: Int!) { partners(first: $n) { edges { node { name mou { number } evaluations { passed } statusHistory { toStatus } affiliatedInstitutions { name affiliatedPlatforms { name } } conflictOfInterest } } } }`;
    const few = await countQueries(partners, query, { n: 2 }, ADMIN);
    const many = await countQueries(partners, query, { n: 12 }, ADMIN);
    expect(many.errors).toBeUndefined();
    expect(many.data.partners.edges).toHaveLength(12);
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
  });

  it('counts a whole list only when the client asks for totalCount', async () => {
    const page = (fields: string) => countQueries(partners, `{ partners(first: 5) { ${fields} } }`, {}, ADMIN);
    const withoutCount = await page('edges { node { id } }');
    const withCount = await page('totalCount edges { node { id } }');
    expect(withCount.data.partners.totalCount).toBeGreaterThanOrEqual(5);
    expect(withoutCount.data.partners.edges).toHaveLength(5);
    expect(withCount.statements).toBe(withoutCount.statements + 1);
  });

  it('resolves TrainingInstitution references with their platforms in as many statements for 20 as for 2', async () => {
    const { rows } = await db().query(`SELECT id FROM partners.training_institution ORDER BY id LIMIT 20`);
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on TrainingInstitution { name affiliatedPlatforms { name } } } }`;
    const reps = (n: number) => rows.slice(0, n).map((r) => ({ __typename: 'TrainingInstitution', id: r.id }));
    const few = await countQueries(partners, query, { reps: reps(2) }, ADMIN);
    const many = await countQueries(partners, query, { reps: reps(20) }, ADMIN);
    expect(many.errors).toBeUndefined();
    expect(many.data._entities).toHaveLength(20);
    expect(many.statements).toBe(few.statements);
  });
});
