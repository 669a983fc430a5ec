import { createHash, createHmac } from 'node:crypto';
import type { Identity } from '../../common/identity';
import { db, subgraphQuery } from '../support/client';
import type { planSelection as Plan } from '../../subgraphs/participants/cohort/selection';
import { isValidCardNumber } from '../../common/luhn';
import { ADMIN, apply, asParticipant, closeCohort, makeKk, openCohort, registerPerson, select } from './fixtures';

const { planSelection } = require('../../dist/subgraphs/participants/cohort/selection') as { planSelection: typeof Plan };

async function outcomes(cohortId: string) {
  const { rows } = await db().query(`SELECT participant_id, status, reasons FROM participants.application WHERE cohort_id = $1`, [
    cohortId,
  ]);
  return new Map(rows.map((r) => [r.participant_id as string, { status: r.status as string, reasons: r.reasons as string[] }]));
}

describe('cohorts', () => {
  it('lets only the programme office open and select', async () => {
    const participantId = await registerPerson();
    const input = { name: 'Nope', quota: 1, opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 1000).toISOString() };
    for (const identity of [
      asParticipant(participantId),
      { role: 'analyst' as const, subject: 'a' },
      { role: 'partner' as const, partnerId: 'p' },
    ]) {
      const open = await subgraphQuery(
        'participants',
        `mutation($input: CohortOpenInput!) { cohortOpen(input: $input) { cohort { id } } }`,
        { input },
        identity,
      );
      expect(open.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const sel = await subgraphQuery(
        'participants',
        `mutation { cohortSelect(input: { cohortId: "${participantId}" }) { selectedCount } }`,
        {},
        identity,
      );
      expect(sel.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('accepts an application once, concurrently safe, only while open and only from the eligible', async () => {
    const cohortId = await openCohort(10);
    const participantId = await registerPerson();
    const results = await Promise.all(Array.from({ length: 10 }, () => apply(cohortId, participantId)));
    const ids = new Set(results.map((r) => r.data?.cohortApply.application.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.data?.cohortApply.userErrors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => r.data?.cohortApply.userErrors[0]?.code === 'ALREADY_APPLIED')).toHaveLength(9);

    const student = await registerPerson({ educationStatus: 'IN_FORMAL_EDUCATION', occupation: 'POLICE' });
    const refused = await apply(cohortId, student);
    expect(refused.data?.cohortApply.userErrors[0].code).toBe('NOT_ELIGIBLE');
    expect(refused.data?.cohortApply.reasons.map((r: { code: string }) => r.code)).toEqual(['IN_FORMAL_EDUCATION', 'EXCLUDED_OCCUPATION']);

    await closeCohort(cohortId);
    expect((await apply(cohortId, await registerPerson())).data?.cohortApply.userErrors[0].code).toBe('COHORT_NOT_OPEN');
  });

  it('selects up to the quota by seeded draw, caps each family card at two, never selects the ineligible, and runs once', async () => {
    const cohortId = await openCohort(6);
    const family = makeKk();
    const familyMembers = await Promise.all([1, 2, 3, 4].map(() => registerPerson({ familyCardNumber: family })));
    const others = await Promise.all(Array.from({ length: 8 }, () => registerPerson()));
    const turnsIneligible = others[0];
    for (const id of [...familyMembers, ...others]) expect((await apply(cohortId, id)).data?.cohortApply.userErrors).toEqual([]);
    // Declared occupation changes after applying: selection re-checks eligibility.
    await db().query(`UPDATE participants.participant SET occupation = 'CIVIL_SERVANT' WHERE id = $1`, [turnsIneligible]);
    await closeCohort(cohortId);

    // Snapshot the inputs, to recompute the draw from the recorded seed afterwards.
    const { rows: applicants } = await db().query(
      `SELECT a.id AS "applicationId", p.id AS "participantId", p.citizen, to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate",
              p.education_status AS "educationStatus", p.occupation, p.family_card_number AS "familyCardNumber", false AS "everSelected"
       FROM participants.application a JOIN participants.participant p ON p.id = a.participant_id WHERE a.cohort_id = $1`,
      [cohortId],
    );

    const before = await subgraphQuery('participants', `{ me { applications { drawKey } } }`, {}, asParticipant(others[1]));
    expect(before.data?.me.applications).toEqual([{ drawKey: null }]);
    const [first, second] = await Promise.all([select(cohortId), select(cohortId)]);
    const ok = [first, second].find((r) => r.data?.cohortSelect.userErrors.length === 0)!;
    const again = [first, second].find((r) => r !== ok)!;
    expect(again.data?.cohortSelect.userErrors[0].code).toBe('ALREADY_SELECTED');
    const result = ok.data?.cohortSelect;
    expect(result.selectedCount).toBe(6);
    expect(result.ineligibleCount).toBe(1);
    expect(result.selectedCount + result.notSelectedCount + result.ineligibleCount).toBe(12);
    expect(result.cohort.status).toBe('SELECTED');

    const byParticipant = await outcomes(cohortId);
    expect(byParticipant.get(turnsIneligible)).toEqual({ status: 'INELIGIBLE', reasons: ['EXCLUDED_OCCUPATION'] });
    expect(familyMembers.filter((id) => byParticipant.get(id)!.status === 'SELECTED').length).toBeLessThanOrEqual(2);

    // Reproducible: the revealed seed replays the same draw.
    const seed = result.cohort.selectionSeed;
    expect(seed).toMatch(/^[0-9a-f]{32}$/);
    const replay = planSelection(applicants, new Map(), seed, 6, new Date());
    for (const d of replay) expect(byParticipant.get(d.participantId)!.status).toBe(d.status);

    // Each applicant can check their own place against the published cut-off.
    const cutoff = (
      await subgraphQuery('participants', `query($id: ID!) { cohort(id: $id) { drawCutoffKey } }`, { id: cohortId }, { role: 'anonymous' })
    ).data?.cohort.drawCutoffKey;
    expect(cutoff).toMatch(/^[0-9a-f]{64}$/);
    for (const id of [...familyMembers, ...others]) {
      const mine = await subgraphQuery(
        'participants',
        `{ me { applications { cohort { id } status drawKey reasons { code } } } }`,
        {},
        asParticipant(id),
      );
      const application = mine.data?.me.applications.find((a: { cohort: { id: string } }) => a.cohort.id === cohortId);
      const capped = application.reasons.some((r: { code: string }) => r.code === 'FAMILY_CARD_LIMIT');
      if (application.status === 'INELIGIBLE') {
        expect(application.drawKey).toBeNull();
        continue;
      }
      expect(application.drawKey).toBe(createHmac('sha256', seed).update(id).digest('hex'));
      if (application.status === 'SELECTED') expect(application.drawKey <= cutoff).toBe(true);
      // Not drawn and not capped: the quota was full before their turn.
      else if (!capped) expect(application.drawKey > cutoff).toBe(true);
    }

    // Cards: Luhn-valid, one per selected participant, wallets credited through the ledger.
    const { rows: cards } = await db().query(
      `SELECT c.number, c.status, c.purchase_deadline, w.balance::bigint AS balance,
              (SELECT sum(amount) FROM participants.ledger_entry l WHERE l.wallet_id = w.id AND l.kind = 'CREDIT_COHORT')::bigint AS credited
       FROM participants.card c JOIN participants.wallet w ON w.id = c.id WHERE c.cohort_id = $1`,
      [cohortId],
    );
    expect(cards).toHaveLength(6);
    for (const card of cards) {
      expect(isValidCardNumber(card.number)).toBe(true);
      expect(card.status).toBe('ACTIVE');
      expect(Number(card.balance)).toBe(3_500_000);
      expect(Number(card.credited)).toBe(3_500_000);
      const days = (new Date(card.purchase_deadline).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(14.9);
      expect(days).toBeLessThanOrEqual(15);
    }
  });

  it('commits to the seed when the cohort opens and reveals it only after the draw', async () => {
    const cohortId = await openCohort(2);
    const view = (identity: Identity = ADMIN) =>
      subgraphQuery(
        'participants',
        `query($id: ID!) { cohort(id: $id) { selectionSeed selectionSeedCommitment } }`,
        { id: cohortId },
        identity,
      ).then((r) => r.data?.cohort);
    const published = await view();
    // Published from the opening, to everyone; the seed itself to no one, not even the programme office.
    expect(published.selectionSeedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(published.selectionSeed).toBeNull();
    expect(await view({ role: 'anonymous' })).toEqual(published);
    for (const id of await Promise.all([registerPerson(), registerPerson(), registerPerson()])) await apply(cohortId, id);
    await closeCohort(cohortId);
    expect((await view()).selectionSeed).toBeNull();

    // The programme office cannot choose the seed at selection time: the input has no such field.
    const chosen = await subgraphQuery(
      'participants',
      `mutation { cohortSelect(input: { cohortId: "${cohortId}", seed: "favourable" }) { selectedCount } }`,
      {},
      ADMIN,
    );
    expect(chosen.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await select(cohortId)).data?.cohortSelect.selectedCount).toBe(2);

    const revealed = await view({ role: 'anonymous' });
    expect(revealed.selectionSeedCommitment).toBe(published.selectionSeedCommitment);
    expect(createHash('sha256').update(revealed.selectionSeed).digest('hex')).toBe(published.selectionSeedCommitment);
    // Each cohort gets its own seed.
    const other = await openCohort(1);
    const otherView = await subgraphQuery(
      'participants',
      `query($id: ID!) { cohort(id: $id) { selectionSeedCommitment } }`,
      { id: other },
      ADMIN,
    );
    expect(otherView.data?.cohort.selectionSeedCommitment).not.toBe(published.selectionSeedCommitment);
  });

  it('counts family members selected in earlier cohorts and never selects a person twice', async () => {
    const family = makeKk();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => registerPerson({ familyCardNumber: family })));
    const first = await openCohort(2);
    await apply(first, a);
    await apply(first, b);
    await closeCohort(first);
    expect((await select(first)).data?.cohortSelect.selectedCount).toBe(2);

    const me = await subgraphQuery(
      'participants',
      `{ me { eligibility { eligible reasons { code } } card { numberMasked status number cohort { id } } wallet { balance { amount } availableBalance { amount } ledger(first: 5) { edges { node { kind amount { amount } } } } } } }`,
      {},
      asParticipant(c),
    );
    expect(me.data?.me.eligibility).toEqual({ eligible: false, reasons: [{ code: 'FAMILY_CARD_LIMIT' }] });
    expect(me.data?.me.card).toBeNull();
    const selected = await subgraphQuery(
      'participants',
      `{ me { eligibility { reasons { code } } card { numberMasked status number cohort { id } } wallet { balance { amount } ledger(first: 5) { edges { node { kind amount { amount } } } } } } }`,
      {},
      asParticipant(a),
    );
    expect(selected.data?.me.eligibility.reasons).toEqual([{ code: 'ALREADY_PARTICIPATED' }]);
    expect(selected.data?.me.card).toMatchObject({ status: 'ACTIVE', cohort: { id: first } });
    expect(selected.data?.me.card.numberMasked).toMatch(/^\d{4}\*{8}\d{4}$/);
    expect(selected.data?.me.wallet).toEqual({
      balance: { amount: 3_500_000 },
      ledger: { edges: [{ node: { kind: 'CREDIT_COHORT', amount: { amount: 3_500_000 } } }] },
    });

    // Even after revocation, a selected person stays ALREADY_PARTICIPATED and the family card stays full.
    await db().query(`UPDATE participants.card SET status = 'REVOKED', revocation_reason = 'INELIGIBLE' WHERE participant_id = $1`, [a]);
    const second = await openCohort(5);
    expect((await apply(second, a)).data?.cohortApply.userErrors[0].code).toBe('NOT_ELIGIBLE');
    expect((await apply(second, c)).data?.cohortApply.reasons).toEqual([{ code: 'FAMILY_CARD_LIMIT' }]);
  });

  it('serialises selections of different cohorts: the family-card cap holds and nobody gets two cards', async () => {
    for (let round = 0; round < 3; round++) {
      const family = makeKk();
      const [earlier, x, y] = await Promise.all([1, 2, 3].map(() => registerPerson({ familyCardNumber: family })));
      const both = await registerPerson();
      // The family already holds one card: one more fits under the cap of two.
      const past = await openCohort(1);
      await apply(past, earlier);
      await closeCohort(past);
      expect((await select(past)).data?.cohortSelect.selectedCount).toBe(1);

      const [a, b] = await Promise.all([openCohort(10), openCohort(10)]);
      for (const [cohortId, person] of [
        [a, x],
        [b, y],
        [a, both],
        [b, both],
      ])
        expect((await apply(cohortId, person)).data?.cohortApply.userErrors).toEqual([]);
      await Promise.all([closeCohort(a), closeCohort(b)]);
      // Hold card inserts back until both selections are in flight, so they truly overlap.
      const gate = await db().connect();
      let results;
      try {
        await gate.query('BEGIN');
        await gate.query('LOCK TABLE participants.card IN SHARE MODE');
        const pending = Promise.all([select(a), select(b)]);
        for (let waiting = 0; waiting < 2;) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          const { rows: w } = await db().query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND (query ILIKE '%INSERT INTO participants.card%' OR query ILIKE '%participants:selection%')`,
          );
          waiting = w[0].n;
        }
        await gate.query('COMMIT');
        results = await pending;
      } finally {
        gate.release();
      }
      for (const r of results) {
        expect(r.errors).toBeUndefined();
        expect(r.data?.cohortSelect.userErrors).toEqual([]);
      }
      const { rows } = await db().query(
        `SELECT p.id, p.family_card_number AS kk FROM participants.card c JOIN participants.participant p ON p.id = c.participant_id WHERE p.id = ANY($1::uuid[])`,
        [[earlier, x, y, both]],
      );
      expect(rows.filter((r) => r.kk === family)).toHaveLength(2);
      expect(rows.filter((r) => r.id === both)).toHaveLength(1);
    }
  });
});

describe('the cohorts list', () => {
  it('filters by the derived status: OPEN lists only cohorts taking applications now, a fresh one included', async () => {
    const fresh = await openCohort(5);
    const closed = await openCohort(5);
    await closeCohort(closed);
    const statuses = async (status: string) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 1000; page++) {
        const res = await subgraphQuery(
          'participants',
          `query($after: String, $status: CohortStatus) { cohorts(first: 100, after: $after, status: $status) { edges { node { id status } } pageInfo { hasNextPage endCursor } } }`,
          { after, status },
          { role: 'anonymous' },
        );
        expect(res.errors).toBeUndefined();
        for (const { node } of res.data!.cohorts.edges) {
          expect(node.status).toBe(status);
          ids.push(node.id);
        }
        if (!res.data!.cohorts.pageInfo.hasNextPage) return ids;
        after = res.data!.cohorts.pageInfo.endCursor;
      }
      return ids;
    };
    const open = await statuses('OPEN');
    expect(open).toContain(fresh);
    expect(open).not.toContain(closed);
    expect(await statuses('CLOSED')).toContain(closed);
  });

  it('is paged, newest opening first, each cohort exactly once (anonymous callers too)', async () => {
    await openCohort(5);
    await openCohort(5);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const res = await subgraphQuery(
        'participants',
        `query($after: String) { cohorts(first: 50, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        { role: 'anonymous' },
      );
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.cohorts.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!res.data!.cohorts.pageInfo.hasNextPage) break;
      after = res.data!.cohorts.pageInfo.endCursor;
    }
    // Every cohort exactly once (fixtures write opens_at with microseconds: none may fall between two pages), in
    // the order of the millisecond cursors, ties by id.
    const { rows } = await db().query(`SELECT id FROM participants.cohort ORDER BY date_trunc('milliseconds', opens_at) DESC, id DESC`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(rows.map((r) => r.id));
  });
});
