import { db } from '../support/client';
import { activePartner, ADMIN, apply, move, q, recordEvaluation, signMou, uniqueSlug } from './helpers';

const HISTORY = `query($id: ID!) { partner(id: $id) { id status statusHistory { fromStatus toStatus actor reason changedAt } } }`;

describe('partner lifecycle', () => {
  it('walks APPLIED → UNDER_EVALUATION → MOU_SIGNED → ACTIVE ⇄ SUSPENDED → TERMINATED and records each step', async () => {
    const id = await apply();
    expect((await move('partnerEvaluationStart', id, 'documents complete')).data!.partnerEvaluationStart).toEqual({
      partner: { id, status: 'UNDER_EVALUATION' },
      userErrors: [],
    });
    await recordEvaluation(id);
    const mou = await signMou(id, `MOU-LC-${id.slice(0, 6)}/2024`, '2024-03-20T00:00:00.000Z');
    expect(mou.data!.partnerMouSign.partner).toEqual({
      id,
      status: 'MOU_SIGNED',
      mou: { number: `MOU-LC-${id.slice(0, 6)}/2024`, signedAt: '2024-03-20T00:00:00.000Z', nextReviewAt: '2025-03-20T00:00:00.000Z' },
    });
    for (const [mutation, status] of [
      ['partnerActivate', 'ACTIVE'],
      ['partnerSuspend', 'SUSPENDED'],
      ['partnerReinstate', 'ACTIVE'],
      ['partnerSuspend', 'SUSPENDED'],
      ['partnerTerminate', 'TERMINATED'],
    ]) {
      const res = await move(mutation, id, `because ${mutation}`);
      expect(res.data![mutation]).toEqual({ partner: { id, status }, userErrors: [] });
    }
    const history = (await q(HISTORY, { id })).data!.partner.statusHistory;
    expect(history.map((h: { fromStatus: string | null; toStatus: string }) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'APPLIED'],
      ['APPLIED', 'UNDER_EVALUATION'],
      ['UNDER_EVALUATION', 'MOU_SIGNED'],
      ['MOU_SIGNED', 'ACTIVE'],
      ['ACTIVE', 'SUSPENDED'],
      ['SUSPENDED', 'ACTIVE'],
      ['ACTIVE', 'SUSPENDED'],
      ['SUSPENDED', 'TERMINATED'],
    ]);
    expect(history.every((h: { actor: string }) => h.actor === ADMIN.subject)).toBe(true);
    expect(history[1].reason).toBe('documents complete');
    expect(history.at(-1).reason).toBe('because partnerTerminate');
    const times = history.map((h: { changedAt: string }) => Date.parse(h.changedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('refuses an invalid transition with INVALID_TRANSITION and changes nothing', async () => {
    const id = await apply();
    const before = (await q(HISTORY, { id })).data!.partner;
    for (const mutation of ['partnerActivate', 'partnerSuspend', 'partnerReinstate']) {
      const res = await move(mutation, id);
      expect(res.data![mutation].userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_TRANSITION']);
      expect(res.data![mutation].partner.status).toBe('APPLIED');
    }
    expect((await q(HISTORY, { id })).data!.partner).toEqual(before);

    // Reinstate only starts from SUSPENDED, even though ACTIVE is also reachable from MOU_SIGNED.
    const active = await activePartner();
    expect((await move('partnerReinstate', active)).data!.partnerReinstate.userErrors[0].code).toBe('INVALID_TRANSITION');
    await move('partnerTerminate', active);
    const afterTerminate = await move('partnerReinstate', active);
    expect(afterTerminate.data!.partnerReinstate.userErrors[0].code).toBe('INVALID_TRANSITION');
    const { rows } = await db().query('SELECT count(*)::int AS n FROM partners.partner_status_change WHERE partner_id = $1', [active]);
    expect(rows[0].n).toBe(5);
  });

  it('refuses a duplicate slug, a missing reason, and a malformed application', async () => {
    const slug = uniqueSlug();
    await apply(slug);
    const dup = await q(`mutation($input: PartnerApplyInput!) { partnerApply(input: $input) { partner { id } userErrors { code } } }`, {
      input: { slug, name: 'Again', website: 'https://again.example.id' },
    });
    expect(dup.data!.partnerApply).toEqual({ partner: null, userErrors: [{ code: 'SLUG_TAKEN' }] });
    const bad = await q(`mutation($input: PartnerApplyInput!) { partnerApply(input: $input) { partner { id } userErrors { code } } }`, {
      input: { slug: 'Not A Slug', name: ' ', website: 'ftp://x' },
    });
    expect(bad.data!.partnerApply.userErrors.map((e: { code: string }) => e.code).sort()).toEqual([
      'INVALID_SLUG',
      'INVALID_WEBSITE',
      'NAME_REQUIRED',
    ]);
    const id = await apply();
    const noReason = await move('partnerEvaluationStart', id, '   ');
    expect(noReason.data!.partnerEvaluationStart.userErrors[0].code).toBe('REASON_REQUIRED');
  });

  it('serialises concurrent transitions: of two suspensions exactly one succeeds', async () => {
    const id = await activePartner();
    const results = await Promise.all([move('partnerSuspend', id, 'first'), move('partnerSuspend', id, 'second')]);
    const codes = results.map((r) => r.data!.partnerSuspend.userErrors.map((e: { code: string }) => e.code).join()).sort();
    expect(codes).toEqual(['', 'INVALID_TRANSITION']);
    const { rows } = await db().query(
      `SELECT count(*)::int AS n FROM partners.partner_status_change WHERE partner_id = $1 AND to_status = 'SUSPENDED'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('finds platforms by slug and lists them by status', async () => {
    const slug = uniqueSlug('byslug');
    const id = await apply(slug);
    expect(
      (await q(`query($slug: String!) { partnerBySlug(slug: $slug) { id slug } }`, { slug }, { role: 'anonymous' })).data!.partnerBySlug,
    ).toEqual({ id, slug });
    expect((await q(`{ partnerBySlug(slug: "no-such-platform") { id } }`)).data!.partnerBySlug).toBeNull();
    const page = await q(
      `{ partners(first: 100, status: APPLIED) { totalCount edges { node { id status } } } }`,
      {},
      { role: 'anonymous' },
    );
    expect(page.data!.partners.edges.every((e: { node: { status: string } }) => e.node.status === 'APPLIED')).toBe(true);
    expect(page.data!.partners.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
  });
});
