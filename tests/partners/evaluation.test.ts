import { activePartner, allPassing, apply, move, q, recordEvaluation, reviewsDue, signMou, uniqueSlug } from './helpers';

const codes = (res: { data?: Record<string, any> }) => res.data!.partnerEvaluationRecord.userErrors.map((e: { code: string }) => e.code);

async function underEvaluation() {
  const id = await apply();
  await move('partnerEvaluationStart', id);
  return id;
}

describe('partner evaluations', () => {
  it('requires each of the four criteria exactly once', async () => {
    const id = await underEvaluation();
    expect(codes(await recordEvaluation(id, 30, allPassing().slice(1)))).toEqual(['CRITERION_MISSING']);
    expect(codes(await recordEvaluation(id, 30, [...allPassing(), { criterion: 'OWN_PORTAL', passed: false }]))).toEqual([
      'CRITERION_DUPLICATED',
    ]);
    const evaluations = await q(`query($id: ID!) { partner(id: $id) { evaluations { id } } }`, { id });
    expect(evaluations.data!.partner.evaluations).toEqual([]);
  });

  it('requires NATIONAL_REACH to agree with 26 of 38 provinces, and reach within 0..38', async () => {
    const id = await underEvaluation();
    expect(codes(await recordEvaluation(id, 25, allPassing()))).toEqual(['NATIONAL_REACH_MISMATCH']);
    const failingReach = allPassing().map((c) => (c.criterion === 'NATIONAL_REACH' ? { ...c, passed: false } : c));
    expect(codes(await recordEvaluation(id, 26, failingReach))).toEqual(['NATIONAL_REACH_MISMATCH']);
    expect(codes(await recordEvaluation(id, 39, allPassing()))).toContain('INVALID_PROVINCES_REACHED');
    expect(codes(await recordEvaluation(id, -1, failingReach))).toContain('INVALID_PROVINCES_REACHED');

    const atThreshold = await recordEvaluation(id, 26, allPassing());
    expect(atThreshold.data!.partnerEvaluationRecord.evaluation).toMatchObject({
      kind: 'INITIAL',
      passed: true,
      provincesReached: 26,
      evaluator: 'pmo-admin-1',
    });
    const below = await recordEvaluation(id, 25, failingReach);
    expect(below.data!.partnerEvaluationRecord.evaluation).toMatchObject({ passed: false, provincesReached: 25 });
    const listed = await q(`query($id: ID!) { partner(id: $id) { evaluations { id passed criteria { criterion passed } } } }`, { id });
    // Newest first; all four criteria stored in canonical order.
    expect(listed.data!.partner.evaluations.map((e: { passed: boolean }) => e.passed)).toEqual([false, true]);
    expect(listed.data!.partner.evaluations[0].criteria.map((c: { criterion: string }) => c.criterion)).toEqual([
      'NATIONAL_REACH',
      'PAYMENT_INTEGRATION',
      'OWN_PORTAL',
      'INSTITUTION_COOPERATION',
    ]);
  });

  it('refuses the MoU with EVALUATION_NOT_PASSED unless the latest evaluation passed', async () => {
    const id = await underEvaluation();
    const none = await signMou(id);
    expect(none.data!.partnerMouSign.userErrors.map((e: { code: string }) => e.code)).toEqual(['EVALUATION_NOT_PASSED']);
    const noPortal = allPassing().map((c) => (c.criterion === 'OWN_PORTAL' ? { ...c, passed: false } : c));
    await recordEvaluation(id, 30, noPortal);
    const failed = await signMou(id);
    expect(failed.data!.partnerMouSign).toEqual({
      partner: { id, status: 'UNDER_EVALUATION', mou: null },
      userErrors: [expect.objectContaining({ code: 'EVALUATION_NOT_PASSED' })],
    });
    await recordEvaluation(id, 30);
    const ok = await signMou(id, `MOU-EV-${id.slice(0, 8)}/2024`);
    expect(ok.data!.partnerMouSign.partner.status).toBe('MOU_SIGNED');
    const again = await signMou(await underEvaluationPassed(), `MOU-EV-${id.slice(0, 8)}/2024`);
    expect(again.data!.partnerMouSign.userErrors.map((e: { code: string }) => e.code)).toEqual(['MOU_NUMBER_TAKEN']);
  });

  it('refuses to evaluate an APPLIED platform', async () => {
    const id = await apply();
    expect(codes(await recordEvaluation(id))).toEqual(['NOT_EVALUABLE']);
  });

  it('lists reviews due and moves the next review a year forward after a passing periodic evaluation', async () => {
    const due = await activePartner(uniqueSlug('due'), '2030-01-10T00:00:00.000Z');
    const later = await activePartner(uniqueSlug('later'), '2030-06-01T00:00:00.000Z');
    const suspended = await activePartner(uniqueSlug('susp'), '2030-01-05T00:00:00.000Z');
    await move('partnerSuspend', suspended);
    const terminated = await activePartner(uniqueSlug('term'), '2030-01-01T00:00:00.000Z');
    await move('partnerTerminate', terminated);
    const ids = async (asOf: string) => (await reviewsDue(asOf)).map((p) => p.id as string);
    const inJanuary = await ids('2030-01-31T00:00:00.000Z');
    expect(inJanuary).toEqual(expect.arrayContaining([suspended, due]));
    expect(inJanuary.indexOf(suspended)).toBeLessThan(inJanuary.indexOf(due));
    expect(inJanuary).not.toContain(later);
    expect(inJanuary).not.toContain(terminated);
    expect(await ids('2030-06-01T00:00:00.000Z')).toContain(later);

    const failing = allPassing().map((c) => (c.criterion === 'PAYMENT_INTEGRATION' ? { ...c, passed: false } : c));
    const failed = await recordEvaluation(due, 30, failing);
    expect(failed.data!.partnerEvaluationRecord.evaluation).toMatchObject({ kind: 'PERIODIC', passed: false });
    expect(failed.data!.partnerEvaluationRecord.partner.mou.nextReviewAt).toBe('2030-01-10T00:00:00.000Z');

    // Reviewed early: the review stands for the scheduled one, so the next is due a year after the old date.
    const early = await recordEvaluation(due, 30);
    expect(early.data!.partnerEvaluationRecord.partner.mou.nextReviewAt).toBe('2031-01-10T00:00:00.000Z');
    expect(await ids('2030-01-31T00:00:00.000Z')).not.toContain(due);

    // Reviewed late: the clock restarts from the evaluation.
    const year = 365 * 24 * 3600 * 1000;
    const overdue = await activePartner(
      uniqueSlug('overdue'),
      new Date(Date.now() - year).toISOString(),
      new Date(Date.now() - 2 * year).toISOString(),
    );
    expect(await ids(new Date().toISOString())).toContain(overdue);
    const before = Date.now();
    const late = await recordEvaluation(overdue, 30);
    const next = Date.parse(late.data!.partnerEvaluationRecord.partner.mou.nextReviewAt);
    expect(next).toBeGreaterThanOrEqual(before + 365 * 24 * 3600 * 1000);
    expect(next).toBeLessThanOrEqual(Date.now() + 366 * 24 * 3600 * 1000);
    expect(await ids(new Date().toISOString())).not.toContain(overdue);
  });
});

async function underEvaluationPassed() {
  const id = await apply();
  await move('partnerEvaluationStart', id);
  await recordEvaluation(id, 30);
  return id;
}
