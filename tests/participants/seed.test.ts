import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { createParticipantsOrm as Create } from '../../subgraphs/participants/orm';
import type { migrate as Migrate } from '../../common/orm';
import type { seedParticipants as Seed } from '../../seed/participants';
import type { seedCourses as SeedCourses } from '../../seed/courses';
import type { seedJourney as SeedJourney } from '../../seed/journey';
import type { createCoursesOrm as CreateCourses } from '../../subgraphs/courses/orm';
import type { loadConfig as LoadConfig } from '../../subgraphs/courses/config';
import { isValidCardNumber } from '../../common/luhn';
import { parseNik } from '../../subgraphs/participants/nik/nik';

// dist/seed/participants.js exists once a compiled script imports the seed (scripts/seed.ts).
const { seedParticipants } = require('../../dist/seed/participants') as { seedParticipants: typeof Seed };
const { createParticipantsOrm } = require('../../dist/subgraphs/participants/orm') as { createParticipantsOrm: typeof Create };
const { migrate } = require('../../dist/common/orm') as { migrate: typeof Migrate };
const { seedCourses } = require('../../dist/seed/courses') as { seedCourses: typeof SeedCourses };
const { seedJourney } = require('../../dist/seed/journey') as { seedJourney: typeof SeedJourney };
const { createCoursesOrm } = require('../../dist/subgraphs/courses/orm') as { createCoursesOrm: typeof CreateCourses };
const { loadConfig } = require('../../dist/subgraphs/courses/config') as { loadConfig: typeof LoadConfig };

/** The seed runs on an empty schema, so it gets a database of its own next to the test database. */
const url = new URL(process.env.TEST_DATABASE_URL!);
const seedDb = `${url.pathname.slice(1)}_seed`;
const seedUrl = Object.assign(new URL(url.toString()), { pathname: `/${seedDb}` }).toString();

async function admin(statement: string) {
  const client = new Client({ connectionString: Object.assign(new URL(url.toString()), { pathname: '/postgres' }).toString() });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

describe('seedParticipants', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${seedDb}"`);
    await admin(`CREATE DATABASE "${seedDb}"`);
    orm = await createParticipantsOrm(seedUrl);
    await migrate(orm, 'participants');
  });
  afterAll(async () => {
    await orm.close();
    await admin(`DROP DATABASE IF EXISTS "${seedDb}"`);
  });

  it('writes valid participants over all provinces, a selected and an open cohort, with consistent wallets', async () => {
    await seedParticipants(orm);
    const q = <T = any>(text: string) => orm.em.getConnection().execute<T[]>(text);
    const people = await q(`SELECT nik, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, province_code FROM participants.participant`);
    expect(people.length).toBe(3000);
    expect(new Set(people.map((p) => p.province_code)).size).toBe(38);
    for (const p of people) expect(parseNik(p.nik)).toMatchObject({ ok: true, value: { birthDate: p.birth_date } });

    const cohorts = await q(
      `SELECT name, selected_at, encode(sha256(convert_to(selection_seed, 'UTF8')), 'hex') = selection_seed_commitment AS committed FROM participants.cohort ORDER BY name`,
    );
    // Every seed committed (the open and upcoming cohorts' too), one draw run.
    expect(cohorts.map((c) => [c.name, c.committed, c.selected_at !== null])).toEqual([
      ['Gelombang 1', true, true],
      ['Gelombang 2', true, false],
      ['Gelombang 3', true, false],
    ]);
    const statuses = await q(`SELECT status, count(*)::int AS n FROM participants.application GROUP BY 1`);
    const by = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(by.SELECTED).toBe(1000);
    expect(by.INELIGIBLE).toBeGreaterThan(100);
    expect(by.APPLIED).toBeGreaterThan(500);
    const cards = await q(`SELECT number FROM participants.card`);
    expect(cards.every((c) => isValidCardNumber(c.number))).toBe(true);
    const [sums] = await q(
      `SELECT (SELECT sum(balance) FROM participants.wallet)::bigint AS balance, (SELECT sum(amount) FROM participants.ledger_entry)::bigint AS ledger`,
    );
    // Five cards lapsed and were revoked: their balance went back, their seats to Gelombang 3.
    expect(Number(sums.balance)).toBe(995 * 3_500_000);
    expect(Number(sums.ledger)).toBe(Number(sums.balance));
    const [family] = await q(
      `SELECT max(n)::int AS max FROM (SELECT count(*) AS n FROM participants.card c JOIN participants.participant p ON p.id = c.participant_id GROUP BY p.family_card_number) t`,
    );
    expect(family.max).toBeLessThanOrEqual(2);

    const [recycled] = await q(
      `SELECT (SELECT count(*)::int FROM participants.recycled_quota WHERE reused_by_cohort_id IS NOT NULL) AS reused,
              (SELECT quota FROM participants.cohort WHERE name = 'Gelombang 3') AS quota`,
    );
    expect(recycled).toEqual({ reused: 5, quota: 505 });
    const inbox = await q(
      `SELECT kind, (read_at IS NOT NULL) AS read, count(*)::int AS n FROM participants.inbox_message GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(inbox.filter((r) => r.kind === 'SELECTION_RESULT').map((r) => r.read)).toEqual([false, true]);
    expect(inbox.find((r) => r.kind === 'CARD_ISSUED' && !r.read).n).toBeGreaterThan(400);
    const cases = await q(
      `SELECT status, (SELECT count(*)::int FROM participants.personal_data_access a WHERE a.complaint_case_id = c.id) AS reads FROM participants.complaint_case c ORDER BY status`,
    );
    expect(cases).toEqual([
      { status: 'OPEN', reads: 0 },
      { status: 'RESOLVED', reads: 1 },
    ]);
    // No purchase, completion or incentive without the courses: those come with the journey (below).
    const [untouched] = await q(`SELECT count(*) FILTER (WHERE incentive_status <> 'NOT_DUE')::int AS incentives,
      (SELECT count(*)::int FROM participants.payout) AS payouts, (SELECT count(*)::int FROM participants.wallet_hold) AS holds FROM participants.participant`);
    expect(untouched).toEqual({ incentives: 0, payouts: 0, holds: 0 });
  });

  it('then the journey over the demo courses: sales paid from the wallets, incentives on real reviewed completions', async () => {
    const courses = await createCoursesOrm(seedUrl);
    try {
      await migrate(courses, 'courses');
      await seedCourses(courses);
      await seedJourney({ participants: orm, courses }, loadConfig({ ...process.env, COURSES_DATABASE_URL: seedUrl }));
    } finally {
      await courses.close();
    }
    const q = <T = any>(text: string) => orm.em.getConnection().execute<T[]>(text);
    // What the wallets paid is what courses sold: the authorized purchases less the voids' refunds.
    const [money] = await q(`SELECT (SELECT sum(balance) FROM participants.wallet)::bigint AS balance,
        (SELECT sum(amount) FROM participants.ledger_entry)::bigint AS ledger,
        (SELECT sum(amount) FROM courses.purchase WHERE status = 'AUTHORIZED')::bigint AS sold,
        (SELECT sum(refunded_amount) FROM courses.enrollment)::bigint AS refunded`);
    expect(Number(money.sold)).toBeGreaterThan(0);
    expect(Number(money.refunded)).toBeGreaterThan(0);
    expect(Number(money.balance)).toBe(995 * 3_500_000 - Number(money.sold) + Number(money.refunded));
    expect(Number(money.ledger)).toBe(Number(money.balance));
    // Incentives in every state: paid (one with a survey), pending without an account, awaiting review, failed.
    const incentives = await q(`SELECT incentive_status AS status, count(*)::int AS n FROM participants.participant
      WHERE incentive_status <> 'NOT_DUE' GROUP BY 1 ORDER BY incentive_status::text`);
    expect(incentives).toEqual(
      [
        { status: 'AWAITING_REVIEW', n: 2 },
        { status: 'DUE', n: 3 },
        { status: 'PAID', n: 3 },
        { status: 'FAILED', n: 2 },
      ].sort((a, b) => a.status.localeCompare(b.status)),
    );
    // Each on a completed enrollment of its own: reviewed unless awaiting the review.
    const [owed] = await q(`SELECT count(*)::int AS n, count(e.id) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
        count(r.id)::int AS reviewed FROM participants.participant p
        LEFT JOIN courses.enrollment e ON e.id::text = p.incentive_enrollment_id AND e.participant_id = p.id
        LEFT JOIN courses.review r ON r.enrollment_id = e.id WHERE p.incentive_status <> 'NOT_DUE'`);
    expect(owed).toEqual({ n: 10, completed: 10, reviewed: 8 });
    const payouts = await q(
      `SELECT kind, status, count(*)::int AS n, sum(amount)::int AS amount FROM participants.payout GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(payouts).toEqual([
      { kind: 'SURVEY', status: 'PAID', n: 1, amount: 50_000 },
      { kind: 'TRAINING', status: 'FAILED', n: 2, amount: 1_200_000 },
      { kind: 'TRAINING', status: 'PAID', n: 3, amount: 1_800_000 },
      { kind: 'TRAINING', status: 'PENDING', n: 3, amount: 1_800_000 },
    ]);
    const [ledger] = await q(`SELECT count(*)::int AS n, sum(amount)::int AS amount,
      (SELECT count(*)::int FROM participants.inbox_message WHERE kind = 'INCENTIVE_PAID') AS messages,
      (SELECT count(*)::int FROM participants.outbox_event WHERE type = 'incentive.paid') AS events FROM participants.incentive_ledger_entry`);
    expect(ledger).toEqual({ n: 4, amount: 1_850_000, messages: 4, events: 4 });
  });
});
