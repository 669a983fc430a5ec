import { randomUUID } from 'node:crypto';
import { db, gatewayQuery, tokenFor } from '../support/client';
import { apply, openCohort, personWithCard, registerPerson } from '../participants/fixtures';
import { createCourse, createPartner, insertSale } from '../courses/fixtures';
import { caughtUpAfter, cellOf, table, totalOf, type Table } from './support';

// A clock margin: caughtUpAt is taken by the analytics process, `since` by this one (same machine).
const now = () => new Date(Date.now() + 5);

/**
 * No suppressed cell can be derived by subtraction: every line (all dimensions fixed but one) of two or more
 * cells holds zero or at least two suppressed ones. (A line of one cell sums to the same facts as the coarser
 * table's cell, which is then suppressed too.)
 */
function noCellDerivable(t: Table, measureIndex: number) {
  const width = t.rows[0]?.dimensions.length ?? 0;
  for (let dim = 0; dim < width; dim++) {
    const lines = new Map<string, { cells: number; suppressed: number }>();
    for (const row of t.rows) {
      const line = JSON.stringify(row.dimensions.filter((_, i) => i !== dim).map((d) => d.value));
      const seen = lines.get(line) ?? { cells: 0, suppressed: 0 };
      lines.set(line, { cells: seen.cells + 1, suppressed: seen.suppressed + Number(row.cells[measureIndex].suppressed) });
    }
    for (const { cells, suppressed } of lines.values()) if (cells > 1) expect(suppressed).not.toBe(1);
  }
}

describe('analytics read model, through the gateway', () => {
  it('equals the sources after a mix of operations: spend per platform is captured minus refunded, funnel counts match', async () => {
    const partnerId = await createPartner();
    const courseId = await createCourse();
    // Twelve buyers on a fresh platform (visible above k = 10): completions, a void with refund, plain enrollments.
    for (let i = 0; i < 12; i++) {
      const { participantId } = await personWithCard();
      const status = i < 4 ? 'COMPLETED' : i < 6 ? 'CANCELLED' : 'ENROLLED';
      await insertSale({ partnerId, courseId, participantId, amount: 250_000 + i * 1000, status });
    }
    const cohortId = await openCohort(100);
    for (let i = 0; i < 3; i++) await apply(cohortId, await registerPerson());
    await caughtUpAfter(now());

    const spend = await table({
      measures: ['SPEND', 'PURCHASES', 'REFUNDS', 'VOIDS', 'COMPLETIONS', 'COMPLETION_RATE'],
      dimensions: ['PLATFORM'],
    });
    const { rows: truth } = await db().query(
      `SELECT p.partner_id::text AS platform, count(*)::int AS purchases,
              (sum(p.amount) - sum(coalesce(e.refunded_amount, 0)))::float8 AS spend, sum(coalesce(e.refunded_amount, 0))::float8 AS refunds
         FROM courses.purchase p LEFT JOIN courses.enrollment e ON e.purchase_id = p.id WHERE p.status = 'AUTHORIZED' GROUP BY 1`,
    );
    expect(truth.length).toBeGreaterThan(0);
    for (const t of truth) {
      const cell = cellOf(spend, t.platform, 'SPEND')!;
      if (!cell.suppressed) expect([t.platform, cell.value]).toEqual([t.platform, t.spend]);
    }
    const expectedTotal = truth.reduce((sum, t) => sum + t.spend, 0);
    expect(totalOf(spend, 'SPEND').value).toBe(expectedTotal);
    // Its own cells from a table of this platform alone: in the all-platforms table, secondary suppression may
    // hide its spend beside another test's small platform, depending on which tests ran before.
    const own = await table({
      measures: ['SPEND', 'PURCHASES', 'REFUNDS', 'VOIDS', 'COMPLETIONS', 'COMPLETION_RATE'],
      dimensions: ['PLATFORM'],
      filters: [{ dimension: 'PLATFORM', values: [partnerId] }],
    });
    expect(cellOf(own, partnerId, 'SPEND')).toEqual({
      measure: 'SPEND',
      value: 12 * 250_000 + 66_000 - (250_000 + 4000 + 250_000 + 5000),
      suppressed: false,
    });
    // Two voids and four completions rest on fewer than k participants: suppressed, though the platform's spend shows.
    expect(cellOf(own, partnerId, 'VOIDS')).toEqual({ measure: 'VOIDS', value: null, suppressed: true });
    expect(cellOf(own, partnerId, 'COMPLETIONS')).toEqual({ measure: 'COMPLETIONS', value: null, suppressed: true });
    // The rate too: 4 / (12 − 2) beside 12 purchases would give the hidden completions back.
    expect(cellOf(own, partnerId, 'COMPLETION_RATE')).toEqual({ measure: 'COMPLETION_RATE', value: null, suppressed: true });
    expect(spend.rows.find((r) => r.dimensions[0].value === partnerId)!.dimensions[0].label).toMatch(/./);

    const funnel = await table({ measures: ['APPLICATIONS', 'SELECTED', 'CARDS_ISSUED'], dimensions: ['COHORT'] });
    const { rows: applications } = await db().query(
      `SELECT cohort_id::text AS cohort, count(*)::int AS applications, count(*) FILTER (WHERE status = 'SELECTED')::int AS selected
         FROM participants.application GROUP BY 1`,
    );
    for (const a of applications) {
      const cell = cellOf(funnel, a.cohort, 'APPLICATIONS')!;
      if (!cell.suppressed) expect([a.cohort, cell.value]).toEqual([a.cohort, a.applications]);
    }
    expect(totalOf(funnel, 'APPLICATIONS').value).toBe(applications.reduce((s, a) => s + a.applications, 0));
    expect(totalOf(funnel, 'SELECTED').value).toBe(applications.reduce((s, a) => s + a.selected, 0));
    const stats = await gatewayQuery(`{ participantStatistics { total selectedCount } }`, {}, { token: await tokenFor('analyst') });
    const people = await table({ measures: ['PARTICIPANTS'] });
    expect(totalOf(people, 'PARTICIPANTS').value).toBe(stats.data!.participantStatistics.total);
    const [{ cards }] = (await db().query(`SELECT count(*)::int AS cards FROM participants.card`)).rows;
    expect(totalOf(funnel, 'CARDS_ISSUED').value).toBe(cards);
  });

  it('suppresses a cell of k−1 participants and the cell that would reveal it, keeping the total right', async () => {
    const small = await openCohort(100);
    const large = await openCohort(100);
    for (let i = 0; i < 9; i++) await apply(small, await registerPerson());
    for (let i = 0; i < 10; i++) await apply(large, await registerPerson());
    await caughtUpAfter(now());
    const both = await table({
      measures: ['APPLICATIONS'],
      dimensions: ['COHORT'],
      filters: [{ dimension: 'COHORT', values: [small, large] }],
    });
    expect(both.minCellParticipants).toBe(10);
    expect(cellOf(both, small, 'APPLICATIONS')).toEqual({ measure: 'APPLICATIONS', value: null, suppressed: true });
    // Visible alone (10 = k), but beside the suppressed cell it would give 19 − 10 = 9: suppressed too.
    expect(cellOf(both, large, 'APPLICATIONS')).toEqual({ measure: 'APPLICATIONS', value: null, suppressed: true });
    expect(totalOf(both, 'APPLICATIONS')).toEqual({ measure: 'APPLICATIONS', value: 19, suppressed: false });
    const alone = await table({ measures: ['APPLICATIONS'], dimensions: ['COHORT'], filters: [{ dimension: 'COHORT', values: [large] }] });
    expect(cellOf(alone, large, 'APPLICATIONS')).toEqual({ measure: 'APPLICATIONS', value: 10, suppressed: false });
    const onlySmall = await table({ measures: ['APPLICATIONS'], filters: [{ dimension: 'COHORT', values: [small] }] });
    expect(totalOf(onlySmall, 'APPLICATIONS')).toEqual({ measure: 'APPLICATIONS', value: null, suppressed: true });
    // In the CSV a suppressed cell is empty, the total written.
    expect(both.csv.split('\r\n')).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${small},[^,]*,$`)), 'TOTAL,,19']));
    // A cross-tab over the demo data: no line with a single suppressed cell, in any direction.
    const crossTab = await table({ measures: ['PARTICIPANTS', 'APPLICATIONS'], dimensions: ['PROVINCE', 'SEX', 'AGE_BAND'] });
    expect(crossTab.rows.some((r) => r.cells[0].suppressed)).toBe(true);
    noCellDerivable(crossTab, 0);
    noCellDerivable(crossTab, 1);
    const [{ n }] = (await db().query(`SELECT count(*)::int AS n FROM participants.participant`)).rows;
    expect(totalOf(crossTab, 'PARTICIPANTS').value).toBe(n);
  });

  it('answers analysts and the office only, and no personal field is reachable', async () => {
    const query = `{ analyticsTable(input: { measures: [PARTICIPANTS] }) { total { value } } }`;
    const participant = await gatewayQuery(query, {}, { token: await tokenFor('participant', randomUUID()) });
    expect(participant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gatewayQuery(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const admin = await gatewayQuery(query, {}, { token: await tokenFor('admin') });
    expect(admin.errors).toBeUndefined();
    for (const field of ['nik', 'fullName', 'participantId', 'email']) {
      const res = await gatewayQuery(
        `{ analyticsTable(input: { measures: [PARTICIPANTS] }) { rows { ${field} } } }`,
        {},
        { token: await tokenFor('analyst') },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const personal = await gatewayQuery(
      `{ participants(first: 1) { edges { node { fullName } } } }`,
      {},
      { token: await tokenFor('analyst') },
    );
    expect(personal.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The feeds behind it are not in the public API either.
    const feed = await gatewayQuery(`{ participantsOutboxFeed { caughtUp } }`, {}, { token: await tokenFor('admin') });
    expect(feed.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const bad = await gatewayQuery(
      `{ analyticsTable(input: { measures: [PARTICIPANTS], dimensions: [PLATFORM] }) { total { value } } }`,
      {},
      { token: await tokenFor('analyst') },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reports its lag behind each source, and a new registration appears within seconds', async () => {
    const before = totalOf(await table({ measures: ['PARTICIPANTS'] }), 'PARTICIPANTS').value!;
    const written = now();
    await registerPerson();
    const t = await caughtUpAfter(written, 10_000);
    expect(t.freshness.sources.map((s) => s.source)).toEqual(['courses', 'participants', 'partners']);
    expect(t.freshness.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(t.freshness.lagSeconds).toBeLessThan(5);
    expect(totalOf(t, 'PARTICIPANTS').value).toBe(before + 1);
  });

  it('replaces the deprecated moneyStatistics: the same money, cards and incentives from the read model', async () => {
    await caughtUpAfter(now());
    const token = await tokenFor('analyst');
    const stats = await gatewayQuery(
      `{ moneyStatistics { byLedgerKind { kind total { amount } } outstandingBalance { amount } cardsByStatus { status count } incentiveDueCount } }`,
      {},
      { token },
    );
    const money = stats.data!.moneyStatistics;
    const t = await table({ measures: ['CREDITED', 'FORFEITED_BALANCE', 'OUTSTANDING_BALANCE', 'ACTIVE_CARDS', 'INCENTIVES_DUE'] });
    const kind = (k: string) => Number(money.byLedgerKind.find((e: { kind: string }) => e.kind === k)?.total.amount ?? 0);
    expect(totalOf(t, 'CREDITED').value).toBe(kind('CREDIT_COHORT'));
    // Other test files revoke a few cards: fewer than k revocations make the forfeited total a suppressed cell.
    const forfeited = totalOf(t, 'FORFEITED_BALANCE');
    const [{ revoked }] = (
      await db().query(`SELECT count(*)::int AS revoked FROM participants.ledger_entry WHERE kind = 'DEBIT_REVOCATION'`)
    ).rows;
    if (forfeited.suppressed) expect(revoked).toBeLessThan(10);
    else expect(forfeited.value).toBe(0 - kind('DEBIT_REVOCATION'));
    expect(totalOf(t, 'OUTSTANDING_BALANCE').value).toBe(Number(money.outstandingBalance.amount));
    expect(totalOf(t, 'ACTIVE_CARDS').value).toBe(money.cardsByStatus.find((c: { status: string }) => c.status === 'ACTIVE').count);
    const due = totalOf(t, 'INCENTIVES_DUE');
    expect(due.suppressed ? money.incentiveDueCount < 10 : due.value === money.incentiveDueCount).toBe(true);
    const schema = await gatewayQuery(`{ __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated } } }`, {}, { token });
    const deprecated = schema
      .data!.__type.fields.filter((f: { isDeprecated: boolean }) => f.isDeprecated)
      .map((f: { name: string }) => f.name);
    expect(deprecated).toEqual(expect.arrayContaining(['participantStatistics', 'moneyStatistics']));
  });

  it('projects both of two transactions that commit in reverse order, and never a rolled-back one', async () => {
    const insert = `INSERT INTO participants.cohort (id, name, quota, opens_at, closes_at, training_balance, purchase_window_days, created_at)
      VALUES (gen_random_uuid(), 'order ' || gen_random_uuid(), 10, now(), now() + interval '1 day', 3500000, 15, now()) RETURNING id`;
    const [older, younger, rolledBack] = [await db().connect(), await db().connect(), await db().connect()];
    try {
      await older.query('BEGIN');
      const a = (await older.query(insert)).rows[0].id;
      await younger.query('BEGIN');
      const b = (await younger.query(insert)).rows[0].id;
      await rolledBack.query('BEGIN');
      const c = (await rolledBack.query(insert)).rows[0].id;
      await rolledBack.query('ROLLBACK');
      await younger.query('COMMIT');
      // The projector reads on while the older transaction is open: its cursor must not pass it, and it must
      // not call itself caught up while the younger commit waits behind it (a table read then would miss it).
      const heldSince = now();
      await new Promise((r) => setTimeout(r, 1500)); // three poll intervals
      const held = await table({ measures: ['PARTICIPANTS'] });
      const participants = held.freshness.sources.find((s) => s.source === 'participants')!;
      expect(participants.caughtUpAt === null || new Date(participants.caughtUpAt) <= heldSince).toBe(true);
      await older.query('COMMIT');
      await caughtUpAfter(now());
      const { rows } = await db().query(`SELECT cohort_id::text AS id FROM analytics.cohort_dim WHERE cohort_id = ANY($1::uuid[])`, [
        [a, b, c],
      ]);
      expect(rows.map((r) => r.id).sort()).toEqual([a, b].sort());
    } finally {
      await older.query('ROLLBACK').catch(() => undefined);
      for (const client of [older, younger, rolledBack]) client.release();
    }
  });

  it('serves the named views: partner scorecard and cohort funnel', async () => {
    const res = await gatewayQuery(
      `{ partnerScorecard { measures total { measure value } } cohortFunnel { measures rows { dimensions { label } } } }`,
      {},
      { token: await tokenFor('analyst') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.partnerScorecard.measures).toContain('COMPLETION_RATE');
    expect(res.data!.cohortFunnel.measures).toEqual([
      'APPLICATIONS',
      'APPLICATIONS_REFUSED',
      'SELECTED',
      'CARDS_ISSUED',
      'ACTIVE_CARDS',
      'PURCHASERS',
      'COMPLETERS',
      'INCENTIVE_RECIPIENTS',
    ]);
    expect(res.data!.cohortFunnel.rows.length).toBeGreaterThan(0);
  });
});
