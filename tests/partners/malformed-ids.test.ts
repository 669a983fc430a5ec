import { apply, q } from './helpers';

/*
 * Ids that are not UUIDs name nothing. They must never reach PostgreSQL (which rejects the uuid cast as an
 * INTERNAL_SERVER_ERROR), and in a DataLoader batch one of them must not fail the other entities.
 */
describe('malformed ids', () => {
  it('resolves the valid references of an _entities batch and null for a malformed id', async () => {
    const partnerId = await apply();
    const inst = await q(
      `mutation { trainingInstitutionRegister(input: { name: "Malformed Institute", city: "Depok" }) { trainingInstitution { id } } }`,
    );
    const institutionId = inst.data!.trainingInstitutionRegister.trainingInstitution.id;
    const res = await q(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Partner { id } ... on TrainingInstitution { id } } }`,
      {
        reps: [
          { __typename: 'Partner', id: partnerId },
          { __typename: 'Partner', id: 'x' },
          { __typename: 'TrainingInstitution', id: institutionId },
          { __typename: 'TrainingInstitution', id: "1' or '1'='1" },
        ],
      },
      { role: 'anonymous' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([{ id: partnerId }, null, { id: institutionId }, null]);
  });

  it('answers partner(id) and trainingInstitution(id) with null for a malformed id', async () => {
    const res = await q(`{ partner(id: "x") { id } trainingInstitution(id: "not-a-uuid") { id } }`, {}, { role: 'anonymous' });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ partner: null, trainingInstitution: null });
  });

  it('answers NOT_FOUND user errors, not INTERNAL_SERVER_ERROR, for malformed ids in mutations', async () => {
    const payload = 'userErrors { code }';
    const mutations: Array<[string, string]> = [
      ['partnerEvaluationStart', `mutation { partnerEvaluationStart(input: { partnerId: "x", reason: "r" }) { ${payload} } }`],
      ['partnerCredentialIssue', `mutation { partnerCredentialIssue(input: { partnerId: "x" }) { ${payload} } }`],
      ['partnerCredentialRotate', `mutation { partnerCredentialRotate(input: { credentialId: "x" }) { ${payload} } }`],
      ['partnerCredentialRevoke', `mutation { partnerCredentialRevoke(input: { keyId: "x" }) { ${payload} } }`],
      [
        'trainingInstitutionAffiliationAdd',
        `mutation { trainingInstitutionAffiliationAdd(input: { institutionId: "x", partnerId: "y", relationship: "owner" }) { ${payload} } }`,
      ],
    ];
    for (const [field, mutation] of mutations) {
      const res = await q(mutation);
      expect(res.errors).toBeUndefined();
      expect(res.data![field].userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);
    }
  });
});
