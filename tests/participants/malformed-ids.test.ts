import { subgraphQuery } from '../support/client';
import { ADMIN, asParticipant, openCohort, registerPerson } from './fixtures';

/** Ids that are not UUIDs never reach PostgreSQL: lookups answer null, commands refuse with BAD_USER_INPUT. */
describe('malformed ids', () => {
  it('answers null for participant(id), cohort(id) and me with a non-UUID id', async () => {
    const participant = await subgraphQuery('participants', `{ participant(id: "not-a-uuid") { id } }`, {}, ADMIN);
    expect(participant.errors).toBeUndefined();
    expect(participant.data).toEqual({ participant: null });
    const cohort = await subgraphQuery('participants', `{ cohort(id: "1' OR 1=1") { id } }`, {}, { role: 'anonymous' });
    expect(cohort.errors).toBeUndefined();
    expect(cohort.data).toEqual({ cohort: null });
    const me = await subgraphQuery(
      'participants',
      `{ me { id eligibility { eligible } card { status } applications { status } } }`,
      {},
      asParticipant('staff-42'),
    );
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: null });
  });

  it('refuses a malformed cohort id in participants(filter), cohortApply and cohortSelect with BAD_USER_INPUT', async () => {
    const person = await registerPerson();
    const list = await subgraphQuery('participants', `{ participants(first: 5, cohortId: "nope") { totalCount } }`, {}, ADMIN);
    expect(list.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const applied = await subgraphQuery(
      'participants',
      `mutation { cohortApply(input: { cohortId: "nope" }) { userErrors { code } } }`,
      {},
      asParticipant(person),
    );
    expect(applied.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const selected = await subgraphQuery(
      'participants',
      `mutation { cohortSelect(input: { cohortId: "nope" }) { userErrors { code } } }`,
      {},
      ADMIN,
    );
    expect(selected.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves the good references of a batch that also carries malformed ones', async () => {
    const [a, b] = await Promise.all([registerPerson(), registerPerson()]);
    const cohortId = await openCohort(3);
    const reps = [
      { __typename: 'Participant', id: a },
      { __typename: 'Participant', id: 'not-a-uuid' },
      { __typename: 'Participant', id: b },
    ];
    const res = await subgraphQuery(
      'participants',
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Participant { id eligibility { eligible } card { status } applications { status } } } }`,
      { reps },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.map((e: { id: string } | null) => e?.id ?? null)).toEqual([a, null, b]);
    expect(res.data._entities[0].eligibility).toEqual({ eligible: true });
    const cohorts = await subgraphQuery('participants', `{ a: cohort(id: "${cohortId}") { id } b: cohort(id: "zzz") { id } }`, {}, ADMIN);
    expect(cohorts.errors).toBeUndefined();
    expect(cohorts.data).toEqual({ a: { id: cohortId }, b: null });
  });
});
