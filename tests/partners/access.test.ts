import { activePartner, ADMIN, ANALYST, ANONYMOUS, apply, codeOf, move, PARTICIPANT, q } from './helpers';

describe('federation entities', () => {
  it('resolves Partner and TrainingInstitution references, null for unknown ids', async () => {
    const partnerId = await apply();
    const inst = await q(
      `mutation { trainingInstitutionRegister(input: { name: "Entity Institute", city: "Bogor" }) { trainingInstitution { id } } }`,
    );
    const institutionId = inst.data!.trainingInstitutionRegister.trainingInstitution.id;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await q(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Partner { id slug status } ... on TrainingInstitution { id name city } } }`,
      {
        reps: [
          { __typename: 'Partner', id: partnerId },
          { __typename: 'TrainingInstitution', id: institutionId },
          { __typename: 'Partner', id: unknown },
          { __typename: 'Partner', id: partnerId },
        ],
      },
      { role: 'anonymous' },
    );
    expect(res.errors).toBeUndefined();
    const [p, i, missing, again] = res.data!._entities;
    expect(p).toMatchObject({ id: partnerId, status: 'APPLIED' });
    expect(i).toEqual({ id: institutionId, name: 'Entity Institute', city: 'Bogor' });
    expect(missing).toBeNull();
    expect(again).toEqual(p);
  });
});

describe('authorization', () => {
  const TRANSITIONS = ['partnerEvaluationStart', 'partnerActivate', 'partnerSuspend', 'partnerReinstate', 'partnerTerminate'];

  it('refuses every admin mutation to non-admins (UNAUTHENTICATED when anonymous, FORBIDDEN otherwise) and changes nothing', async () => {
    const id = await activePartner();
    for (const identity of [ANONYMOUS, PARTICIPANT, ANALYST, { role: 'partner' as const, partnerId: id, subject: 'pk_x' }]) {
      const expected = identity.role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      for (const mutation of TRANSITIONS) expect(codeOf(await move(mutation, id, 'x', identity))).toBe(expected);
      const applied = await q(
        `mutation { partnerApply(input: { slug: "never-created", name: "N", website: "https://n.id" }) { partner { id } } }`,
        {},
        identity,
      );
      expect(codeOf(applied)).toBe(expected);
      const evaluated = await q(
        `mutation($id: ID!) { partnerEvaluationRecord(input: { partnerId: $id, provincesReached: 30, criteria: [] }) { userErrors { code } } }`,
        { id },
        identity,
      );
      expect(codeOf(evaluated)).toBe(expected);
      const mou = await q(
        `mutation($id: ID!) { partnerMouSign(input: { partnerId: $id, number: "X", signedAt: "2024-01-01T00:00:00Z", reason: "x" }) { userErrors { code } } }`,
        { id },
        identity,
      );
      expect(codeOf(mou)).toBe(expected);
      expect(
        codeOf(await q(`mutation { trainingInstitutionRegister(input: { name: "N", city: "C" }) { userErrors { code } } }`, {}, identity)),
      ).toBe(expected);
      expect(codeOf(await q(`{ partnerReviewsDue(first: 1) { totalCount } }`, {}, identity))).toBe(expected);
      expect(codeOf(await q(`query($id: ID!) { partner(id: $id) { statusHistory { toStatus } } }`, { id }, identity))).toBe(expected);
      expect(codeOf(await q(`query($id: ID!) { partner(id: $id) { credentials { id } } }`, { id }, identity))).toBe(expected);
    }
    const status = await q(`query($id: ID!) { partner(id: $id) { status } partnerBySlug(slug: "never-created") { id } }`, { id });
    expect(status.data).toEqual({ partner: { status: 'ACTIVE' }, partnerBySlug: null });
  });

  it('lets a partner read its own record and evaluations through partnerViewer, and no other platform’s evaluations', async () => {
    const own = await activePartner();
    const other = await activePartner();
    const me = { role: 'partner' as const, partnerId: own, subject: 'pk_own' };
    const viewer = await q(`{ partnerViewer { id status mou { number } evaluations { passed } } }`, {}, me);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data!.partnerViewer).toMatchObject({ id: own, status: 'ACTIVE', evaluations: [{ passed: true }] });
    expect(codeOf(await q(`query($id: ID!) { partner(id: $id) { evaluations { id } } }`, { id: other }, me))).toBe('FORBIDDEN');
    expect(codeOf(await q(`{ partnerViewer { id } }`, {}, ADMIN))).toBe('FORBIDDEN');
    expect(codeOf(await q(`{ partnerViewer { id } }`, {}, ANONYMOUS))).toBe('UNAUTHENTICATED');
    // Analysts read evaluations of any platform; the public does not.
    expect(
      (await q(`query($id: ID!) { partner(id: $id) { evaluations { passed } } }`, { id: other }, ANALYST)).data!.partner.evaluations,
    ).toHaveLength(1);
    expect(codeOf(await q(`query($id: ID!) { partner(id: $id) { evaluations { passed } } }`, { id: other }, ANONYMOUS))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('keeps public fields public', async () => {
    const id = await activePartner();
    await move('partnerSuspend', id);
    const res = await q(
      `query($id: ID!) { partner(id: $id) { id status mou { number signedAt } conflictOfInterest affiliatedInstitutions { id } } }`,
      { id },
      ANONYMOUS,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.partner.status).toBe('SUSPENDED');
  });
});
