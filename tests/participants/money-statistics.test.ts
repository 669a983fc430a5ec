import { closeDb, db, gatewayQuery, tokenFor } from '../support/client';

afterAll(closeDb);

const QUERY = /* GraphQL */ `
  query Money($cohortId: ID) {
    moneyStatistics(cohortId: $cohortId) {
      byLedgerKind { kind entries total { amount currency } }
      outstandingBalance { amount }
      heldAmount { amount }
      cardsByStatus { status count }
      incentiveDueCount
    }
  }
`;

describe('moneyStatistics (analysts)', () => {
  it('agrees with the ledger and the wallets, in total and for one cohort', async () => {
    const token = await tokenFor('analyst');
    const { rows: [cohort] } = await db().query(`SELECT id FROM participants.cohort WHERE name = 'Gelombang 1'`);
    for (const cohortId of [null, cohort.id]) {
      const response = await gatewayQuery(QUERY, { cohortId }, { token });
      expect(response.errors).toBeUndefined();
      const stats = response.data!.moneyStatistics;
      const scope = `SELECT id FROM participants.card WHERE ($1::uuid IS NULL OR cohort_id = $1::uuid)`;
      const { rows: ledger } = await db().query(`SELECT kind, count(*)::int AS entries, sum(amount)::bigint AS total FROM participants.ledger_entry WHERE wallet_id IN (${scope}) GROUP BY kind`, [cohortId]);
      for (const row of ledger) {
        expect(stats.byLedgerKind.find((k: { kind: string }) => k.kind === row.kind)).toEqual({ kind: row.kind, entries: row.entries, total: { amount: Number(row.total), currency: 'IDR' } });
      }
      const { rows: [wallets] } = await db().query(`SELECT coalesce(sum(balance), 0)::bigint AS balance, coalesce(sum(held), 0)::bigint AS held FROM participants.wallet WHERE card_id IN (${scope})`, [cohortId]);
      expect(stats.outstandingBalance.amount).toBe(Number(wallets.balance));
      expect(stats.heldAmount.amount).toBe(Number(wallets.held));
      const ledgerSum = stats.byLedgerKind.reduce((sum: number, k: { total: { amount: number } }) => sum + k.total.amount, 0);
      expect(ledgerSum).toBe(stats.outstandingBalance.amount);
    }
  });

  it('is for analysts and the office only', async () => {
    const participant = await gatewayQuery(QUERY, {}, { token: await tokenFor('participant', '00000000-0000-4000-8000-000000000000') });
    expect(participant.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gatewayQuery(QUERY, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
