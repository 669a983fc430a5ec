import type { PoolClient } from 'pg';
import { db, gatewayQuery } from '../support/client';
import { analyst } from './support';

/*
 * No analyst query runs away: the serving roles' statement_timeout (9 s, below the gateway's 10 s upstream
 * timeout) cancels it in PostgreSQL, and the caller gets QUERY_TIMEOUT saying so, not "Unexpected error.".
 * A table read from the payout facts is made to wait behind a lock the test holds (a heavy table at 5.5 M
 * participants does the same on its own: see bench:analytics).
 */
const PAYOUTS_FROM_FACTS = `{ analyticsTable(input: { measures: [SURVEYS_PAID], from: "2000-01-01T00:00:00Z" }) { total { measure value } } }`;

describe('an analytics query past the statement timeout', () => {
  let locker: PoolClient | undefined;

  afterEach(async () => {
    await locker?.query('ROLLBACK').catch(() => undefined);
    locker?.release();
    locker = undefined;
  });

  it('is cancelled in PostgreSQL and answered QUERY_TIMEOUT at its field; the same query answers once the lock is gone', async () => {
    locker = await db().connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE analytics.incentive_payout_fact IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const res = await gatewayQuery(PAYOUTS_FROM_FACTS, {}, { token: await analyst() });
    const waited = Date.now() - started;
    expect(res.errors).toEqual([
      {
        message: expect.stringContaining('statement timeout'),
        path: ['analyticsTable'],
        extensions: { code: 'QUERY_TIMEOUT' },
      },
    ]);
    // Cancelled by PostgreSQL at 9 s, before the gateway's own 10 s timeout would have answered GATEWAY_TIMEOUT.
    expect(waited).toBeGreaterThanOrEqual(8_500);
    // Nothing of the cancelled statement is left waiting on the lock.
    const { rows } = await db().query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%incentive_payout_fact%' AND pid <> $1`,
      [(await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid],
    );
    expect(rows[0].n).toBe(0);
    await locker.query('ROLLBACK');
    const after = await gatewayQuery(PAYOUTS_FROM_FACTS, {}, { token: await analyst() });
    expect(after.errors).toBeUndefined();
    expect(after.data!.analyticsTable.total[0].measure).toBe('SURVEYS_PAID');
  }, 30_000);
});
