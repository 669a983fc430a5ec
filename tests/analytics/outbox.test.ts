import type { PoolClient } from 'pg';
import { db, subgraphQuery } from '../support/client';
import { registerPerson } from '../participants/fixtures';

const ANALYTICS = { role: 'service' as const, subject: 'analytics' };
const FEED = `query($after: String!, $limit: Int!) { participantsOutboxFeed(after: $after, limit: $limit) { caughtUp events { id type version occurredAt position payload } } }`;

interface FeedEvent {
  id: string;
  type: string;
  position: string;
  payload: string;
}

/** Reads the participants feed from `after` to its current end, as the analytics service does. */
async function readAll(after: string): Promise<{ events: FeedEvent[]; position: string }> {
  const events: FeedEvent[] = [];
  let position = after;
  for (;;) {
    const res = await subgraphQuery('participants', FEED, { after: position, limit: 1000 }, ANALYTICS);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const page = res.data!.participantsOutboxFeed as { caughtUp: boolean; events: FeedEvent[] };
    events.push(...page.events);
    if (page.events.length) position = page.events.at(-1)!.position;
    if (page.caughtUp) return { events, position };
  }
}

const insertCohort = (client: PoolClient, name: string) =>
  client.query(
    `INSERT INTO participants.cohort (id, name, quota, opens_at, closes_at, training_balance, purchase_window_days, created_at)
     VALUES (gen_random_uuid(), $1, 10, now(), now() + interval '1 day', 3500000, 15, now()) RETURNING id`,
    [name],
  );
const cohortIdOf = (e: FeedEvent) => JSON.parse(e.payload).cohortId as string;

describe('participants outbox', () => {
  it('writes a registration event with coarse attributes only, and answers the analytics service alone', async () => {
    const { position } = await readAll('0:0');
    const id = await registerPerson({ birthDate: '1994-02-03', gender: 'FEMALE', educationStatus: 'IN_FORMAL_EDUCATION' });
    // The feed holds an event back while any older transaction in the cluster is still open (another subgraph's
    // rollup build, say), so read on until it appears.
    const events: FeedEvent[] = [];
    const isOurs = (e: FeedEvent) => e.type === 'participant.registered' && JSON.parse(e.payload).participantId === id;
    for (let at = position, until = Date.now() + 20_000; !events.some(isOurs) && Date.now() < until;) {
      const page = await readAll(at);
      events.push(...page.events);
      at = page.position;
      if (!events.some(isOurs)) await new Promise((r) => setTimeout(r, 100));
    }
    const registered = events.filter(isOurs);
    expect(registered).toHaveLength(1);
    expect(JSON.parse(registered[0].payload)).toEqual(
      expect.objectContaining({
        participantId: id,
        birthYear: 1994,
        sex: 'FEMALE',
        education: 'IN_FORMAL_EDUCATION',
        provinceCode: '31',
        regencyCode: '3171',
      }),
    );
    // No personal data in any payload: the fixture's name, e-mail, phone, address, birth date, NIK prefix.
    const { rows } = await db().query(`SELECT nik, family_card_number FROM participants.participant WHERE id = $1`, [id]);
    const text = JSON.stringify(events);
    for (const secret of ['Siti', 'example.co.id', '0812345', 'Kebon Sirih', '1994-02-03', rows[0].nik, rows[0].family_card_number])
      expect(text).not.toContain(secret);
    for (const identity of [
      { role: 'service' as const, subject: 'partners' },
      { role: 'admin' as const, subject: 'x' },
      { role: 'analyst' as const, subject: 'y' },
    ]) {
      const refused = await subgraphQuery('participants', FEED, { after: '0:0', limit: 1 }, identity);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const bad = await subgraphQuery('participants', FEED, { after: '12; drop', limit: 1 }, ANALYTICS);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves every event once, page by page, in numeric (transaction id, id) order past id 9999', async () => {
    const { events } = await readAll('0:0');
    const [{ n, max }] = (await db().query(`SELECT count(*)::int AS n, max(id)::int AS max FROM participants.outbox_event`)).rows;
    expect(max).toBeGreaterThan(10_000); // the demo seed writes more than 10,000: text order would put 10000 before 9999
    expect(events.length).toBe(n);
    expect(new Set(events.map((e) => e.id)).size).toBe(n);
    const positions = events.map((e) => e.position.split(':').map(BigInt));
    for (let i = 1; i < positions.length; i++) {
      const [[x0, i0], [x1, i1]] = [positions[i - 1], positions[i]];
      expect(x1 > x0 || (x1 === x0 && i1 > i0)).toBe(true);
    }
  });

  it('never serves the event of a rolled-back transaction', async () => {
    const { position } = await readAll('0:0');
    const client = await db().connect();
    try {
      await client.query('BEGIN');
      const { rows } = await insertCohort(client, 'rolled back');
      await client.query('ROLLBACK');
      const { events } = await readAll(position);
      expect(events.map(cohortIdOf)).not.toContain(rows[0].id);
    } finally {
      client.release();
    }
  });

  it('loses no event when two transactions commit in the reverse order of their ids', async () => {
    const { position } = await readAll('0:0');
    const first = await db().connect();
    const second = await db().connect();
    try {
      await first.query('BEGIN');
      const a = (await insertCohort(first, 'first begun, last committed')).rows[0].id;
      await second.query('BEGIN');
      const b = (await insertCohort(second, 'last begun, first committed')).rows[0].id;
      await second.query('COMMIT');
      // B is committed but A, older, is still open: the feed holds B back instead of letting a cursor pass A.
      const whileOpen = await readAll(position);
      expect(whileOpen.events.map(cohortIdOf)).not.toContain(b);
      await first.query('COMMIT');
      const after = await readAll(whileOpen.position);
      const ids = after.events.filter((e) => e.type === 'cohort.opened').map(cohortIdOf);
      expect(ids).toEqual(expect.arrayContaining([a, b]));
      expect(ids.indexOf(a)).toBeLessThan(ids.indexOf(b));
    } finally {
      await first.query('ROLLBACK').catch(() => undefined);
      first.release();
      second.release();
    }
  });

  it('holds one creation event per participant (the demo seed too, written by the triggers)', async () => {
    const [{ n }] = (await db().query(`SELECT count(*)::int AS n FROM participants.participant`)).rows;
    const [{ e }] = (
      await db().query(
        `SELECT count(DISTINCT payload->>'participantId')::int AS e FROM participants.outbox_event WHERE type = 'participant.registered'`,
      )
    ).rows;
    expect(e).toBe(n);
  });
});
