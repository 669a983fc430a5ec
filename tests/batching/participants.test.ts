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

const ADMIN = { role: 'admin', subject: 'batching-test', purpose: 'automated test' } as const;

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

  it('counts applications of every cohort in as many statements for all cohorts as for one', async () => {
    const { rows } = await db().query(`SELECT count(*)::int AS n FROM participants.cohort`);
    expect(rows[0].n).toBeGreaterThan(1);
    const one = await countQueries(
      participants,
      `query($id: ID!) { cohort(id: $id) { id applicationCount } }`,
      { id: (await db().query(`SELECT id FROM participants.cohort LIMIT 1`)).rows[0].id },
      ADMIN,
    );
    const all = await countQueries(participants, `{ cohorts(first: 100) { edges { node { id applicationCount } } } }`, {}, ADMIN);
    expect(all.errors).toBeUndefined();
    const nodes = all.data.cohorts.edges.map((e: { node: { id: string; applicationCount: number } }) => e.node);
    // The page's cohorts (other test files add cohorts: the page may not hold them all), counted in SQL.
    const { rows: counts } = await db().query(
      `SELECT c.id, (SELECT count(*)::int FROM participants.application a WHERE a.cohort_id = c.id) AS n
         FROM participants.cohort c WHERE c.id = ANY($1)`,
      [nodes.map((c: { id: string }) => c.id)],
    );
    expect(counts).toHaveLength(Math.min(rows[0].n, 100));
    expect(Object.fromEntries(nodes.map((c: { id: string; applicationCount: number }) => [c.id, c.applicationCount]))).toEqual(
      Object.fromEntries(counts.map((c) => [c.id, c.n])),
    );
    // `cohorts` itself is one statement more than the `cohort(id)` loader lookup: both then count in one.
    expect(all.statements).toBe(one.statements);
  });

  it('pages the ledgers of 50 wallets in as many statements as of 5, with the same pages as one wallet alone', async () => {
    const query = `query($n: Int!) { participants(first: $n, cohortId: $cohort) { edges { node { id wallet { ledger(first: 2) { totalCount edges { cursor node { id kind amount { amount } createdAt } } pageInfo { hasNextPage endCursor } } } } } } }`;
    const {
      rows: [g1],
    } = await db().query(`SELECT id FROM participants.cohort WHERE name = 'Gelombang 1'`);
    const withCohort = query.replace('query($n: Int!)', 'query($n: Int!, $cohort: ID)');
    const few = await countQueries(participants, withCohort, { n: 5, cohort: g1.id }, ADMIN);
    const many = await countQueries(participants, withCohort, { n: 50, cohort: g1.id }, ADMIN);
    expect(many.errors).toBeUndefined();
    expect(many.statements).toBe(few.statements);
    const wallets = many.data.participants.edges.map((e: { node: { wallet: unknown } }) => e.node.wallet).filter(Boolean);
    expect(wallets.length).toBeGreaterThan(5);
    // Each wallet's page equals what the database says its two newest entries are.
    for (const e of many.data.participants.edges.filter((x: { node: { wallet: unknown } }) => x.node.wallet)) {
      const { rows } = await db().query(
        `SELECT l.id FROM participants.ledger_entry l JOIN participants.card c ON c.id = l.wallet_id WHERE c.participant_id = $1 ORDER BY l.created_at DESC, l.id DESC`,
        [e.node.id],
      );
      const ledger = e.node.wallet.ledger;
      expect(ledger.totalCount).toBe(rows.length);
      expect(ledger.edges.map((x: { node: { id: string } }) => x.node.id)).toEqual(rows.slice(0, 2).map((r) => r.id));
      expect(ledger.pageInfo.hasNextPage).toBe(rows.length > 2);
    }
  });
});
