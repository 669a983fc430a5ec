import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { db } from '../support/client';
import { caughtUpAfter, table, totalOf } from './support';

/** Starts an analytics process of its own (a second replica beside the stack's), projecting small pages. */
async function startAnalytics(): Promise<ChildProcess> {
  const port = Number(process.env.TEST_PORT_BASE ?? 4100) + 70 + Math.floor(Math.random() * 20);
  const urls = JSON.parse(process.env.TEST_SUBGRAPH_URLS!);
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist/subgraphs/analytics/index.js')], {
    env: {
      ...process.env,
      ANALYTICS_PORT: String(port),
      PARTICIPANTS_URL: urls.participants,
      PARTNERS_URL: urls.partners,
      COURSES_URL: urls.courses,
      ANALYTICS_BATCH_SIZE: '50',
      PRAKERJA_LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('analytics process did not start');
}

const projected = async () =>
  Number((await db().query(`SELECT events_projected FROM analytics.feed_cursor WHERE source = 'participants'`)).rows[0].events_projected);

/** The participants feed's events up to the stored cursor, counted in the source: what events_projected must equal. */
async function eventsUpToCursor(): Promise<number> {
  const [{ position }] = (await db().query(`SELECT position FROM analytics.feed_cursor WHERE source = 'participants'`)).rows;
  const [xact, id] = position.split(':');
  const { rows } = await db().query(
    `SELECT count(*)::int AS n FROM participants.outbox_event WHERE (xact_id, id) <= ($1::xid8, $2::bigint)`,
    [xact, id],
  );
  return rows[0].n;
}

/** Swaps the sex of the same 3,000 participants each call (the outbox writes a participant.updated for each). */
const flipSex = () =>
  db().query(
    `UPDATE participants.participant SET gender = (CASE gender::text WHEN 'MALE' THEN 'FEMALE' ELSE 'MALE' END)::participants.gender
      WHERE id IN (SELECT id FROM participants.participant ORDER BY id LIMIT 3000)`,
  );

const pick = (t: { rows: unknown; total: unknown }) => ({ rows: t.rows, total: t.total });

describe('analytics after kill -9', () => {
  it('counts nothing twice and loses nothing when a projecting replica is killed and restarted', async () => {
    const cohortsBefore = totalOf(await table({ measures: ['APPLICATIONS'] }), 'APPLICATIONS');
    expect(cohortsBefore.suppressed).toBe(false);
    let child = await startAnalytics();
    const kills: number[] = [];
    try {
      for (let round = 0; round < 4; round++) {
        // A backlog of 15,000 events (3,000 participants changing sex, three transactions of 4,000 cohorts): both
        // replicas project it, in pages (the stack's replica in pages of up to 5,000, this one in pages of 50).
        // Each page's rollup delta moves the participants' cells: it commits with the page or not at all. After
        // an even number of rounds they are as they were.
        const start = await projected();
        // Written while the replicas project: the kill comes at the round's first 200 events, mid-backlog.
        const writes = (async () => {
          await flipSex();
          // Closed already: tens of thousands of open cohorts would crowd the tests' own out of the first pages.
          for (let t = 0; t < 3; t++)
            await db().query(
              `INSERT INTO participants.cohort (id, name, quota, opens_at, closes_at, training_balance, purchase_window_days, created_at)
               SELECT gen_random_uuid(), 'crash ' || gen_random_uuid(), 10, now() - interval '2 days', now() - interval '1 day', 3500000, 15, now()
                 FROM generate_series(1, 4000) g`,
            );
        })();
        let done = 0;
        while ((done = (await projected()) - start) < 200) await new Promise((r) => setTimeout(r, 5));
        child.kill('SIGKILL');
        kills.push(done);
        await new Promise((r) => child.once('exit', r));
        await writes;
        child = await startAnalytics();
      }
      await caughtUpAfter(new Date(Date.now() + 5), 60_000);
    } finally {
      child.kill('SIGKILL');
    }
    // Killed mid-backlog each time (some, not all, of the round's events projected when it was killed).
    expect(kills.filter((n) => n < 200 || n >= 15_000)).toEqual([]);
    // Exactly once: the cursor's count equals the source's events up to it, and the read model equals the source.
    // The rollup adds each page's events in the page's transaction: a page applied twice would inflate it.
    const upToCursor = await eventsUpToCursor();
    expect(await projected()).toBe(upToCursor);
    const [{ rolled }] = (await db().query(`SELECT sum(events)::int AS rolled FROM analytics.event_rollup WHERE source = 'participants'`))
      .rows;
    expect(rolled).toBe(upToCursor);
    const [{ source, model }] = (
      await db().query(
        `SELECT (SELECT count(*) FROM participants.cohort)::int AS source, (SELECT count(*) FROM analytics.cohort_dim)::int AS model`,
      )
    ).rows;
    expect(model).toBe(source);
    // The rollups (cells and deltas) equal the facts for the participants who changed sex, and for everyone.
    const bySex = { measures: ['PARTICIPANTS', 'APPLICATIONS', 'CARDS_ISSUED'], dimensions: ['SEX', 'AGE_BAND'] };
    const rollup = await table(bySex);
    expect(pick(rollup)).toEqual(pick(await table({ ...bySex, from: '2000-01-01T00:00:00Z' })));
  }, 180_000);
});
