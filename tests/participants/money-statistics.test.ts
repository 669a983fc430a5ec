import { randomUUID } from 'node:crypto';
import { db, gatewayQuery, subgraphQuery, tokenFor } from '../support/client';
import { personWithCard, SERVICE, walletState } from './fixtures';

const QUERY = /* GraphQL */ `
  query Money($cohortId: ID) {
    moneyStatistics(cohortId: $cohortId) {
      byLedgerKind {
        kind
        entries
        total {
          amount
          currency
        }
      }
      outstandingBalance {
        amount
      }
      heldAmount {
        amount
      }
      cardsByStatus {
        status
        count
      }
      incentiveDueCount
    }
  }
`;

describe('moneyStatistics (analysts)', () => {
  it('agrees with the ledger and the wallets, in total and for one cohort', async () => {
    const token = await tokenFor('analyst');
    const {
      rows: [cohort],
    } = await db().query(`SELECT id FROM participants.cohort WHERE name = 'Gelombang 1'`);
    for (const cohortId of [null, cohort.id]) {
      const response = await gatewayQuery(QUERY, { cohortId }, { token });
      expect(response.errors).toBeUndefined();
      const stats = response.data!.moneyStatistics;
      const scope = `SELECT id FROM participants.card WHERE ($1::uuid IS NULL OR cohort_id = $1::uuid)`;
      const { rows: ledger } = await db().query(
        `SELECT kind, count(*)::int AS entries, sum(amount)::bigint AS total FROM participants.ledger_entry WHERE wallet_id IN (${scope}) GROUP BY kind`,
        [cohortId],
      );
      for (const row of ledger) {
        expect(stats.byLedgerKind.find((k: { kind: string }) => k.kind === row.kind)).toEqual({
          kind: row.kind,
          entries: row.entries,
          total: { amount: Number(row.total), currency: 'IDR' },
        });
      }
      const {
        rows: [wallets],
      } = await db().query(
        `SELECT coalesce(sum(balance), 0)::bigint AS balance,
                (SELECT coalesce(sum(amount), 0) FROM participants.wallet_hold WHERE status = 'ACTIVE' AND expires_at > now() AND wallet_id IN (${scope}))::bigint AS held
         FROM participants.wallet WHERE card_id IN (${scope})`,
        [cohortId],
      );
      expect(stats.outstandingBalance.amount).toBe(Number(wallets.balance));
      expect(stats.heldAmount.amount).toBe(Number(wallets.held));
      const ledgerSum = stats.byLedgerKind.reduce((sum: number, k: { total: { amount: number } }) => sum + k.total.amount, 0);
      expect(ledgerSum).toBe(stats.outstandingBalance.amount);
    }
  });

  it('counts as held only ACTIVE holds that have not expired, even before the sweep', async () => {
    const { cardNumber } = await personWithCard();
    const {
      rows: [card],
    } = await db().query(`SELECT cohort_id FROM participants.card WHERE number = $1`, [cardNumber]);
    for (const [referenceId, amount] of [
      [randomUUID(), 200_000],
      [randomUUID(), 50_000],
    ] as const) {
      const placed = await subgraphQuery(
        'participants',
        `mutation($input: WalletHoldPlaceInput!) { walletHoldPlace(input: $input) { userErrors { code } } }`,
        { input: { referenceId, cardNumber, amount, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
        SERVICE,
      );
      expect(placed.data?.walletHoldPlace.userErrors).toEqual([]);
      if (amount === 50_000)
        await db().query(`UPDATE participants.wallet_hold SET expires_at = now() - interval '1 second' WHERE reference_id = $1`, [
          referenceId,
        ]);
    }
    expect((await walletState(cardNumber)).held).toBe(250_000);
    const stats = await subgraphQuery('participants', QUERY, { cohortId: card.cohort_id }, { role: 'analyst', subject: 'a' });
    expect(stats.data?.moneyStatistics.heldAmount.amount).toBe(200_000);
  });

  it('is for analysts and the office only', async () => {
    const participant = await gatewayQuery(QUERY, {}, { token: await tokenFor('participant', '00000000-0000-4000-8000-000000000000') });
    expect(participant.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gatewayQuery(QUERY, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
