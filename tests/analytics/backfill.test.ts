import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { createParticipantsOrm as Create } from '../../subgraphs/participants/orm';
import type { seedParticipants as Seed } from '../../seed/participants';

const { seedParticipants } = require('../../dist/seed/participants') as { seedParticipants: typeof Seed };
const { createParticipantsOrm } = require('../../dist/subgraphs/participants/orm') as { createParticipantsOrm: typeof Create };

/** A database of its own, where the demo data is written before the outbox migration exists. */
const url = new URL(process.env.TEST_DATABASE_URL!);
const backfillDb = `${url.pathname.slice(1)}_backfill`;
const backfillUrl = Object.assign(new URL(url.toString()), { pathname: `/${backfillDb}` }).toString();

async function admin(statement: string, database = 'postgres') {
  const client = new Client({ connectionString: Object.assign(new URL(url.toString()), { pathname: `/${database}` }).toString() });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

/** Each table's rows as their event payloads now, and the latest payload of each entity in the outbox. */
const TABLES = [
  { table: 'participant', type: 'participant', id: 'participantId' },
  { table: 'cohort', type: 'cohort', id: 'cohortId' },
  { table: 'application', type: 'application', id: 'applicationId' },
  { table: 'card', type: 'card', id: 'cardId' },
  { table: 'wallet', type: 'wallet', id: 'walletId' },
  { table: 'ledger_entry', type: 'ledger', id: 'entryId' },
];

describe('outbox backfill', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${backfillDb}"`);
    await admin(`CREATE DATABASE "${backfillDb}"`);
    await admin(`CREATE SCHEMA participants`, backfillDb);
    orm = await createParticipantsOrm(backfillUrl);
  });
  afterAll(async () => {
    await orm.close();
    await admin(`DROP DATABASE IF EXISTS "${backfillDb}"`);
  });

  it('gives every row that existed before the outbox one event carrying its current state', async () => {
    await orm.getMigrator().up({ to: 'Migration20261202200021' });
    // Today's seed code writes notifications, recycled quota, complaint cases, cohorts' incentive amounts and cards'
    // revocation reasons: their migrations (which add no outbox trigger) run ahead of the outbox one here.
    await orm.getMigrator().up({ migrations: ['Migration20261203020000', 'Migration20261204070000', 'Migration20261206010000'] });
    await seedParticipants(orm, { count: 400 });
    const q = <T = any>(text: string) => orm.em.getConnection().execute<T[]>(text);
    // The participants seed alone pays no incentive (the journey seed does, over the courses schema): two paid
    // payouts written here, as the sender leaves them, before the outbox exists.
    await q(`INSERT INTO participants.payout (id, participant_id, kind, reference, amount, status, attempts, next_attempt_at, paid_at, created_at, updated_at)
             SELECT gen_random_uuid(), id, 'TRAINING', 'BACKFILL-' || id, 600000, 'PAID', 1, now(), now(), now(), now()
               FROM participants.participant ORDER BY id LIMIT 2`);
    expect(await q(`SELECT 1 FROM pg_tables WHERE schemaname = 'participants' AND tablename = 'outbox_event'`)).toEqual([]);
    await orm.getMigrator().up();
    for (const { table, type, id } of TABLES) {
      const rows = await q<{ payload: Record<string, unknown> }>(
        `SELECT participants.outbox_${table}_payload(t)::jsonb AS payload FROM participants.${table} t`,
      );
      const events = await q<{ payload: Record<string, unknown> }>(
        `SELECT DISTINCT ON (payload->>'${id}') payload FROM participants.outbox_event WHERE type LIKE '${type}.%' ORDER BY payload->>'${id}', xact_id DESC, id DESC`,
      );
      expect(rows.length).toBeGreaterThan(0);
      const byId = (list: Array<{ payload: Record<string, unknown> }>) =>
        Object.fromEntries(list.map((r) => [String(r.payload[id]), r.payload])) as Record<string, unknown>;
      expect([table, byId(events)]).toEqual([table, byId(rows)]);
    }
    // Dimensions before facts: every cohort's event precedes the first application's.
    const [order] = await q<{ cohorts: string; applications: string }>(
      `SELECT max(id) FILTER (WHERE type = 'cohort.opened') AS cohorts, min(id) FILTER (WHERE type = 'application.applied') AS applications FROM participants.outbox_event`,
    );
    expect(Number(order.cohorts)).toBeLessThan(Number(order.applications));
    // Payouts paid before their trigger existed get their `incentive.paid` from Migration20261205040000: one each.
    const paid = await q<{ payout: string; events: number }>(
      `SELECT o.id AS payout, (SELECT count(*)::int FROM participants.outbox_event e WHERE e.type = 'incentive.paid' AND e.payload->>'payoutId' = o.id::text) AS events
         FROM participants.payout o WHERE o.status = 'PAID'`,
    );
    expect(paid.length).toBe(2);
    expect(paid.filter((p) => p.events !== 1)).toEqual([]);
  }, 60_000);
});
