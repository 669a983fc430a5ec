import { ANONYMOUS, apply, q, uniqueSlug } from './helpers';

async function register(name: string, city = 'Jakarta') {
  const res = await q(
    `mutation($input: TrainingInstitutionRegisterInput!) { trainingInstitutionRegister(input: $input) { trainingInstitution { id name city } userErrors { code } } }`,
    { input: { name, city } },
  );
  expect(res.data!.trainingInstitutionRegister.userErrors).toEqual([]);
  return res.data!.trainingInstitutionRegister.trainingInstitution.id as string;
}

async function affiliate(institutionId: string, partnerId: string, relationship = 'same holding company') {
  const res = await q(
    `mutation($input: TrainingInstitutionAffiliationAddInput!) { trainingInstitutionAffiliationAdd(input: $input) { trainingInstitution { id } userErrors { code } } }`,
    {
      input: { institutionId, partnerId, relationship },
    },
  );
  return res.data!.trainingInstitutionAffiliationAdd;
}

describe('training institutions and conflict of interest', () => {
  it('links institutions and platforms both ways and flags the conflict of interest', async () => {
    const platform = await apply(uniqueSlug('group'));
    const independent = await apply(uniqueSlug('indep'));
    const a = await register('B Group Academy');
    const b = await register('A Group Institute');
    const lone = await register('Independent Course Centre', 'Medan');
    expect((await affiliate(a, platform)).userErrors).toEqual([]);
    expect((await affiliate(b, platform)).userErrors).toEqual([]);
    expect((await affiliate(a, platform)).userErrors).toEqual([{ code: 'ALREADY_AFFILIATED' }]);

    const partners = await q(
      `query($id: ID!) { a: partner(id: $id) { conflictOfInterest affiliatedInstitutions { name } } }`,
      { id: platform },
      ANONYMOUS,
    );
    expect(partners.data!.a).toEqual({
      conflictOfInterest: true,
      affiliatedInstitutions: [{ name: 'A Group Institute' }, { name: 'B Group Academy' }],
    });
    const clean = await q(
      `query($id: ID!) { partner(id: $id) { conflictOfInterest affiliatedInstitutions { id } } }`,
      { id: independent },
      ANONYMOUS,
    );
    expect(clean.data!.partner).toEqual({ conflictOfInterest: false, affiliatedInstitutions: [] });

    const inst = await q(`query($id: ID!) { trainingInstitution(id: $id) { name city affiliatedPlatforms { id } } }`, { id: a }, ANONYMOUS);
    expect(inst.data!.trainingInstitution).toEqual({ name: 'B Group Academy', city: 'Jakarta', affiliatedPlatforms: [{ id: platform }] });
    const alone = await q(`query($id: ID!) { trainingInstitution(id: $id) { affiliatedPlatforms { id } } }`, { id: lone }, ANONYMOUS);
    expect(alone.data!.trainingInstitution.affiliatedPlatforms).toEqual([]);
  });

  it('refuses affiliations to unknown records and blank registrations', async () => {
    const inst = await register('Some Institute');
    expect((await affiliate(inst, '00000000-0000-4000-8000-000000000000')).userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    expect((await affiliate(inst, await apply(), '  ')).userErrors).toEqual([{ code: 'RELATIONSHIP_REQUIRED' }]);
    const blank = await q(
      `mutation { trainingInstitutionRegister(input: { name: " ", city: "" }) { trainingInstitution { id } userErrors { code } } }`,
    );
    expect(blank.data!.trainingInstitutionRegister).toEqual({
      trainingInstitution: null,
      userErrors: [{ code: 'NAME_REQUIRED' }, { code: 'CITY_REQUIRED' }],
    });
  });

  it('pages through institutions with a cursor', async () => {
    for (let i = 0; i < 3; i++) await register(`Paged Institute ${i}`);
    const first = await q(
      `{ trainingInstitutions(first: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
      {},
      ANONYMOUS,
    );
    const page1 = first.data!.trainingInstitutions;
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const rest = await q(
      `query($after: String) { trainingInstitutions(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`,
      { after: page1.pageInfo.endCursor },
      ANONYMOUS,
    );
    const all = [...page1.edges, ...rest.data!.trainingInstitutions.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(all).size).toBe(page1.totalCount);
    expect(rest.data!.trainingInstitutions.pageInfo.hasNextPage).toBe(false);
  });
});
