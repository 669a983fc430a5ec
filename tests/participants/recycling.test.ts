import type { MikroORM } from '@mikro-orm/postgresql';
import { db, gatewayQuery, tokenFor } from '../support/client';
import { cardholders, registerPerson } from '../support/partner';

/*
 * Quota recycling: cards revoked at the purchase deadline free their seats; a cohort opened with
 * includeRecycledQuota takes them all and its draw selects that many more.
 */

const { createParticipantsOrm } = require('../../dist/subgraphs/participants/orm') as typeof import('../../subgraphs/participants/orm');
const { revokeLapsedCards } =
  require('../../dist/subgraphs/participants/wallet/wallet.service') as typeof import('../../subgraphs/participants/wallet/wallet.service');

let orm: MikroORM;
beforeAll(async () => {
  orm = await createParticipantsOrm(process.env.TEST_DATABASE_URL!);
});
afterAll(async () => {
  await orm.close();
});

const admin = async () => ({ token: await tokenFor('admin'), headers: { 'x-purpose': 'automated test' } });
const asAdmin = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await gatewayQuery(query, variables, await admin());
  expect(res.errors).toBeUndefined();
  return res.data!;
};
const SUMMARY = `{ quotaRecycling { revokedCards forfeitedBalance { amount } reusedSeats pendingSeats } }`;

async function drawWith(quota: number, applicants: number, includeRecycledQuota: boolean) {
  const people = await Promise.all(Array.from({ length: applicants }, () => registerPerson()));
  const opened = await asAdmin(
    `mutation($input: CohortOpenInput!) { cohortOpen(input: $input) { cohort { id quota } userErrors { code } } }`,
    {
      input: {
        name: `Recycle ${Date.now()}-${Math.random()}`,
        quota,
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        includeRecycledQuota,
      },
    },
  );
  const cohort = opened.cohortOpen.cohort;
  for (const p of people)
    await gatewayQuery(
      `mutation($input: CohortApplyInput!) { cohortApply(input: $input) { application { id } } }`,
      { input: { cohortId: cohort.id } },
      {
        token: await tokenFor('participant', p.participantId),
      },
    );
  await db().query(
    `UPDATE participants.cohort SET opens_at = now() - interval '2 hours', closes_at = now() - interval '1 second' WHERE id = $1`,
    [cohort.id],
  );
  const selected = await asAdmin(`mutation($input: CohortSelectInput!) { cohortSelect(input: $input) { selectedCount } }`, {
    input: { cohortId: cohort.id },
  });
  return { cohort, selectedCount: selected.cohortSelect.selectedCount as number };
}

describe('quota recycling', () => {
  it('records the seats and forfeited balance of revoked cards and gives them to the next cohort that takes them', async () => {
    // Seats other test files freed are taken first, so this test counts only its own.
    await drawWith(1, 1, true);
    const holders = await cardholders(3, 1_000_000);
    const { rows } = await db().query(`SELECT cohort_id FROM participants.card WHERE participant_id = $1`, [holders[0].participantId]);
    const sourceCohort = rows[0].cohort_id;
    await db().query(`UPDATE participants.card SET purchase_deadline = now() - interval '1 minute' WHERE participant_id = ANY($1)`, [
      [holders[0].participantId, holders[1].participantId],
    ]);
    expect(await revokeLapsedCards(orm.em.fork())).toBeGreaterThanOrEqual(2);

    const per = await asAdmin(
      `query($id: ID!) { cohort(id: $id) { quotaRecycling { revokedCards forfeitedBalance { amount } reusedSeats seatsGained } } }`,
      { id: sourceCohort },
    );
    expect(per.cohort.quotaRecycling).toEqual({ revokedCards: 2, forfeitedBalance: { amount: 2_000_000 }, reusedSeats: 0, seatsGained: 0 });
    const before = (await asAdmin(SUMMARY)).quotaRecycling;
    // Two of ours, and any lapsed card another test file left for this revocation run.
    const pending = before.pendingSeats as number;
    expect(pending).toBeGreaterThanOrEqual(2);

    // Without the option a cohort keeps its quota; with it, quota + 2 and the draw selects two more.
    const plain = await drawWith(1, 4, false);
    expect(plain).toMatchObject({ cohort: { quota: 1 }, selectedCount: 1 });
    const recycled = await drawWith(1, pending + 2, true);
    expect(recycled).toMatchObject({ cohort: { quota: 1 + pending }, selectedCount: 1 + pending });
    const gained = await asAdmin(`query($id: ID!) { cohort(id: $id) { quotaRecycling { seatsGained } } }`, { id: recycled.cohort.id });
    expect(gained.cohort.quotaRecycling.seatsGained).toBe(pending);

    const after = (await asAdmin(SUMMARY)).quotaRecycling;
    expect(after).toEqual({
      revokedCards: before.revokedCards,
      forfeitedBalance: before.forfeitedBalance,
      reusedSeats: before.reusedSeats + pending,
      pendingSeats: 0,
    });
    const source = await asAdmin(`query($id: ID!) { cohort(id: $id) { quotaRecycling { reusedSeats } } }`, { id: sourceCohort });
    expect(source.cohort.quotaRecycling.reusedSeats).toBe(2);

    // Only the office sees it.
    const participant = await gatewayQuery(SUMMARY, {}, { token: await tokenFor('participant', holders[2].participantId) });
    expect(participant.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
