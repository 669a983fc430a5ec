import { db } from '../support/client';
import { countQueries, inProcessEnv, settle, type InProcessSubgraph } from './support';

/** Participant references and their relation fields are batched: 50 people cost what 5 cost. */
const { startParticipants } = require('../../dist/subgraphs/participants/index') as typeof import('../../subgraphs/participants/index');
const { loadConfig } = require('../../dist/subgraphs/participants/config') as typeof import('../../subgraphs/participants/config');

let participants: InProcessSubgraph;
beforeAll(async () => {
  participants = await startParticipants(loadConfig(inProcessEnv()));
  await settle();
});
afterAll(() => participants.stop());

const ADMIN = { role: 'admin', subject: 'batching-test' } as const;

describe('participants subgraph batching', () => {
  it('lists participants with eligibility, card, wallet and applications in as many statements for 50 as for 5', async () => {
    const query = `query($n: Int!) { participants(first: $n) { edges { node { id eligibility { eligible reasons { code } } card { status numberMasked } wallet { balance { amount } } applications { status } } } } }`;
    const few = await countQueries(participants, query, { n: 5 }, ADMIN);
    const many = await countQueries(participants, query, { n: 50 }, ADMIN);
    expect(many.errors).toBeUndefined();
    expect(many.data.participants.edges).toHaveLength(50);
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
  });

  it('resolves Participant entity references with their eligibility in as many statements for 40 as for 2', async () => {
    const { rows } = await db().query(`SELECT id FROM participants.participant ORDER BY id LIMIT 40`);
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Participant { id provinceName eligibility { eligible } } } }`;
    const reps = (n: number) => rows.slice(0, n).map((r) => ({ __typename: 'Participant', id: r.id }));
    const few = await countQueries(participants, query, { reps: reps(2) }, ADMIN);
    const many = await countQueries(participants, query, { reps: reps(40) }, ADMIN);
    expect(many.errors).toBeUndefined();
    expect(many.data._entities).toHaveLength(40);
    expect(many.statements).toBe(few.statements);
  });
});
