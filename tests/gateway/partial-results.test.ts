import { randomBytes } from 'node:crypto';
import { db, gatewayQuery, subgraphQuery, tokenFor, type GraphQLResponse } from '../support/client';
import { partnerRequest, partnerWithCredential, registerPerson } from '../support/partner';

/*
 * A field the caller may not read costs that field only: the rest of the answer arrives, and the refused
 * path carries its own FORBIDDEN or UNAUTHENTICATED. Before, a refused non-null field nulled its whole
 * subgraph answer, and the gateway reported the public sibling it had lost as "Unexpected error.".
 */

const errorAt = (res: GraphQLResponse, path: Array<string | number>) =>
  res.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path))?.extensions?.code;

const PUBLIC_BESIDE_ADMIN_ONLY = `{ cohorts(first: 5) { totalCount } participants(first: 1) { totalCount } }`;

describe('partial results: each role asking for what it may not see beside what it may', () => {
  it('anonymous: the public cohorts, UNAUTHENTICATED at participants', async () => {
    const res = await gatewayQuery(PUBLIC_BESIDE_ADMIN_ONLY);
    expect(res.data?.cohorts.totalCount).toBeGreaterThan(0);
    expect(res.data?.participants).toBeNull();
    expect(errorAt(res, ['participants'])).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(res.errors)).not.toContain('Unexpected error');
  });

  it('analyst: the public cohorts, FORBIDDEN at participants; partner names, FORBIDDEN at each status history', async () => {
    const token = await tokenFor('analyst', 'partial-analyst');
    const res = await gatewayQuery(PUBLIC_BESIDE_ADMIN_ONLY, {}, { token });
    expect(res.data?.cohorts.totalCount).toBeGreaterThan(0);
    expect(errorAt(res, ['participants'])).toBe('FORBIDDEN');

    const partners = await gatewayQuery(`{ partners(first: 2) { edges { node { name statusHistory { toStatus } } } } }`, {}, { token });
    const nodes = partners.data?.partners.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toHaveLength(2);
    for (const [i, node] of nodes.entries()) {
      expect(node).toEqual({ name: expect.any(String), statusHistory: null });
      expect(errorAt(partners, ['partners', 'edges', i, 'node', 'statusHistory'])).toBe('FORBIDDEN');
    }
  });

  it('partner: held to the contract at the gateway; behind it, a subgraph answers a partner identity partially', async () => {
    const credential = await partnerWithCredential();
    // Through the gateway a partner sends only the contract's documents (trusted-documents.test.ts).
    const refused = await partnerRequest(credential, PUBLIC_BESIDE_ADMIN_ONLY);
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_IN_CONTRACT');
    // The subgraph's own guard, asked directly as the gateway would ask for this partner: the platform's public
    // name arrives, another platform's evaluations are FORBIDDEN at their own path.
    const other = await subgraphQuery(
      'partners',
      `{ partnerBySlug(slug: "tokopedia") { name evaluations { passed } } }`,
      {},
      {
        role: 'partner',
        partnerId: credential.partnerId,
        subject: credential.clientId,
      },
    );
    expect(other.data?.partnerBySlug).toEqual({ name: 'Tokopedia', evaluations: null });
    expect(errorAt(other, ['partnerBySlug', 'evaluations'])).toBe('FORBIDDEN');
  });

  it('participant: their own record, FORBIDDEN at the statistics', async () => {
    const person = await registerPerson();
    const token = await tokenFor('participant', person.participantId);
    const res = await gatewayQuery(`{ me { id fullName } participantStatistics { total } }`, {}, { token });
    expect(res.data?.me).toEqual({ id: person.participantId, fullName: person.fullName });
    expect(res.data?.participantStatistics).toBeNull();
    expect(errorAt(res, ['participantStatistics'])).toBe('FORBIDDEN');
  });

  it('admin: the participant’s record, FORBIDDEN at their access history (the participant’s alone)', async () => {
    const person = await registerPerson();
    const token = await tokenFor('admin', 'partial-admin');
    const res = await gatewayQuery(
      `query($id: ID!) { participant(id: $id) { id fullName personalDataAccessLog(first: 1) { totalCount } } cohorts(first: 5) { totalCount } }`,
      { id: person.participantId },
      { token, headers: { 'x-purpose': 'partial results test' } },
    );
    expect(res.data?.participant).toEqual({ id: person.participantId, fullName: person.fullName, personalDataAccessLog: null });
    expect(errorAt(res, ['participant', 'personalDataAccessLog'])).toBe('FORBIDDEN');
    expect(res.data?.cohorts.totalCount).toBeGreaterThan(0);
  });
});

describe('partial results: mutations', () => {
  it('two aliased mutations, the second refused as malformed: the first’s payload arrives', async () => {
    const name = `Gelombang Sebagian ${randomBytes(4).toString('hex')}`;
    const res = await gatewayQuery(
      `mutation($name: String!) {
        first: cohortOpen(input: { name: $name, quota: 10, opensAt: "2027-01-01T00:00:00Z", closesAt: "2027-01-08T00:00:00Z" }) { cohort { id name } userErrors { code } }
        second: cohortOpen(input: { name: "Gelombang Nol", quota: 0, opensAt: "2027-01-01T00:00:00Z", closesAt: "2027-01-08T00:00:00Z" }) { cohort { id } userErrors { code } }
      }`,
      { name },
      { token: await tokenFor('admin', 'partial-admin') },
    );
    expect(res.data?.first).toEqual({ cohort: { id: expect.any(String), name }, userErrors: [] });
    expect(res.data?.second).toBeNull();
    expect(errorAt(res, ['second'])).toBe('BAD_USER_INPUT');
    const { rows } = await db().query('SELECT id FROM participants.cohort WHERE name = $1', [name]);
    expect(rows).toEqual([{ id: res.data?.first.cohort.id }]);
  });
});
