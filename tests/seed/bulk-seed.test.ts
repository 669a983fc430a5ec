import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { startStack as StartStack, RunningStack } from '../../scripts/stack';
import { isValidCardNumber } from '../../common/luhn';
import { drawKey } from '../../subgraphs/participants/cohort/selection';
import { familyCardProblems, parseNik } from '../../subgraphs/participants/nik/nik';
import { gatewayQuery, tokenFor } from '../support/client';
import { issueCredential, partnerRequest, type PartnerCredential } from '../support/partner';
import { caughtUpAfter, table } from '../analytics/support';

const { startStack } = require('../../dist/scripts/stack') as { startStack: typeof StartStack };

/*
 * `npm run seed -- --participants 2000` into a database of its own, then the invariants the demo data keeps,
 * read through SQL and through a stack of its own (gateway and subgraphs) serving that database.
 */
const PARTICIPANTS = 2000;
const url = new URL(process.env.TEST_DATABASE_URL!);
const bulkDb = `${url.pathname.slice(1)}_bulk`;
const bulkUrl = Object.assign(new URL(url.toString()), { pathname: `/${bulkDb}` }).toString();
// Its own stack, on ports no other test takes (they use +20…+99 beside the suite's gateway).
const gatewayPort = Number(process.env.TEST_PORT_BASE ?? 4100) + 150; // clear of the stack, the other tests and NATS on 4222

async function admin(statement: string) {
  const client = new Client({ connectionString: Object.assign(new URL(url.toString()), { pathname: '/postgres' }).toString() });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

describe('bulk seed (npm run seed -- --participants N)', () => {
  let client: Client;
  let stack: RunningStack;
  let seedOutput = '';
  const q = async <T = any>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[];
  const mainGateway = process.env.TEST_GATEWAY_URL;

  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${bulkDb}"`);
    await admin(`CREATE DATABASE "${bulkDb}"`);
    seedOutput = execFileSync(
      process.execPath,
      // Up to four courses a card, each further one at even odds: the chain of purchases, not only a second one.
      [
        resolve(__dirname, '../../dist/scripts/seed.js'),
        '--participants',
        String(PARTICIPANTS),
        '--courses-per-card',
        '4',
        '--second-purchase-share',
        '0.5',
      ],
      {
        env: { ...process.env, DATABASE_URL: bulkUrl, PRAKERJA_LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    client = new Client({ connectionString: bulkUrl });
    await client.connect();
    stack = await startStack({
      databaseUrl: bulkUrl,
      gatewayPort,
      output: 'ignore',
      env: { PRAKERJA_LOG_LEVEL: 'silent', NODE_ENV: 'test', PARTICIPANTS_REVOCATION_INTERVAL_SECONDS: '86400' },
    });
  }, 240_000);

  afterAll(async () => {
    process.env.TEST_GATEWAY_URL = mainGateway;
    await stack?.stop();
    await client?.end();
    await admin(`DROP DATABASE IF EXISTS "${bulkDb}"`);
  }, 60_000);

  it('writes the year it reports, with about a fifth of the people holding a card', async () => {
    expect(seedOutput).toMatch(new RegExp(`seeded a year in [\\d.]+ s: ${PARTICIPANTS} participants`));
    const [counts] = await q(
      `SELECT (SELECT count(*)::int FROM participants.participant) AS people, (SELECT count(*)::int FROM participants.card) AS cards,
              (SELECT count(*)::int FROM courses.purchase) AS purchases, (SELECT count(*)::int FROM courses.attendance) AS attendance,
              (SELECT count(*)::int FROM participants.cohort) AS cohorts`,
    );
    expect(counts.people).toBe(PARTICIPANTS);
    expect(counts.cohorts).toBe(12);
    expect(counts.cards).toBeGreaterThan(PARTICIPANTS * 0.18);
    expect(counts.cards).toBeLessThanOrEqual(PARTICIPANTS * 0.2 + 12);
    expect(counts.purchases).toBeGreaterThan(counts.cards * 0.7);
    expect(counts.attendance).toBeGreaterThan(counts.purchases);
    const [chain] = await q(
      `SELECT (SELECT max(n)::int FROM (SELECT count(*) AS n FROM courses.purchase GROUP BY card_number) x) AS most_per_card,
              (SELECT count(*)::int FROM courses.enrollment WHERE enrolled_at > now()) AS in_the_future`,
    );
    expect(chain).toEqual({ most_per_card: 4, in_the_future: 0 });
  });

  it('gives every person a valid NIK matching their record and a valid family card, provinces spread like the population', async () => {
    const people = await q(
      `SELECT nik, family_card_number, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, gender, province_code, district_code FROM participants.participant`,
    );
    for (const p of people) {
      expect(parseNik(p.nik)).toEqual({
        ok: true,
        value: expect.objectContaining({
          birthDate: p.birth_date,
          gender: p.gender,
          provinceCode: p.province_code,
          districtCode: p.district_code,
        }),
      });
      expect(familyCardProblems(p.family_card_number)).toEqual([]);
    }
    const byProvince = await q(`SELECT province_code, count(*)::int AS n FROM participants.participant GROUP BY 1 ORDER BY 2 DESC`);
    expect(byProvince).toHaveLength(38);
    expect(byProvince.slice(0, 3).map((p) => p.province_code)).toEqual(expect.arrayContaining(['32', '33', '35'])); // the three Javas
  });

  it('keeps the money right: ledger sums equal balances, one debit per purchase, one refund per void, holds settled', async () => {
    const [money] = await q(
      `SELECT
         (SELECT count(*)::int FROM participants.wallet w WHERE w.balance <> (SELECT coalesce(sum(amount), 0) FROM participants.ledger_entry l WHERE l.wallet_id = w.id)) AS ledger_off,
         (SELECT count(*)::int FROM participants.wallet WHERE held <> 0 OR balance < 0) AS held_or_negative,
         (SELECT count(*)::int FROM participants.wallet_hold WHERE status NOT IN ('CAPTURED', 'REFUNDED')) AS open_holds,
         (SELECT count(*)::int FROM courses.purchase p WHERE p.status <> 'AUTHORIZED'
            OR (SELECT count(*) FROM participants.ledger_entry l WHERE l.kind = 'DEBIT_PURCHASE' AND l.reference_id = p.id::text AND l.amount = -p.amount) <> 1
            OR NOT EXISTS (SELECT 1 FROM participants.wallet_hold h JOIN participants.card c ON c.id = h.wallet_id
                           WHERE h.reference_id = p.id::text AND h.amount = p.amount AND c.number = p.card_number AND c.participant_id = p.participant_id)) AS purchases_off,
         (SELECT count(*)::int FROM courses.enrollment e JOIN participants.wallet_hold h ON h.reference_id = e.purchase_id::text
            WHERE (e.status = 'CANCELLED') <> (h.status = 'REFUNDED')
               OR (e.status = 'CANCELLED') <> EXISTS (SELECT 1 FROM participants.ledger_entry l WHERE l.kind = 'CREDIT_REFUND' AND l.reference_id = e.purchase_id::text AND l.amount = e.amount)
               OR (e.status = 'CANCELLED' AND e.refunded_amount IS DISTINCT FROM e.amount)) AS voids_off,
         (SELECT count(*)::int FROM courses.enrollment) AS enrollments, (SELECT count(*)::int FROM courses.purchase) AS purchases,
         (SELECT count(*)::int FROM courses.enrollment WHERE status = 'CANCELLED') AS voids`,
    );
    expect(money).toMatchObject({ ledger_off: 0, held_or_negative: 0, open_holds: 0, purchases_off: 0, voids_off: 0 });
    expect(money.enrollments).toBe(money.purchases);
    expect(money.voids).toBeGreaterThan(0);
    const cards = await q(`SELECT number FROM participants.card`);
    expect(cards.every((c) => isValidCardNumber(c.number))).toBe(true);
  });

  it('draws each cohort as the selection does: selected applicants hold the cards, at or under the published cut-off', async () => {
    const [off] = await q(
      `SELECT
         (SELECT count(*)::int FROM participants.card c WHERE NOT EXISTS (SELECT 1 FROM participants.application a
            WHERE a.participant_id = c.participant_id AND a.cohort_id = c.cohort_id AND a.status = 'SELECTED')) AS cards_without_selection,
         (SELECT count(*)::int FROM participants.application a WHERE a.status = 'SELECTED'
            AND NOT EXISTS (SELECT 1 FROM participants.card c WHERE c.participant_id = a.participant_id)) AS selected_without_card,
         (SELECT count(*)::int FROM (SELECT p.family_card_number FROM participants.card c JOIN participants.participant p ON p.id = c.participant_id
            GROUP BY 1 HAVING count(*) > 2) x) AS family_cards_over_cap,
         (SELECT count(*)::int FROM participants.cohort WHERE encode(sha256(convert_to(selection_seed, 'UTF8')), 'hex') <> selection_seed_commitment) AS uncommitted`,
    );
    expect(off).toEqual({ cards_without_selection: 0, selected_without_card: 0, family_cards_over_cap: 0, uncommitted: 0 });
    const cohorts = await q(`SELECT id, selection_seed, draw_cutoff_key FROM participants.cohort`);
    for (const cohort of cohorts) {
      const selected = await q(`SELECT participant_id FROM participants.application WHERE cohort_id = $1 AND status = 'SELECTED'`, [
        cohort.id,
      ]);
      const keys = selected.map((s) => drawKey(cohort.selection_seed, s.participant_id));
      expect(keys.reduce((max, key) => (key > max ? key : max))).toBe(cohort.draw_cutoff_key);
    }
  });

  it('keeps enrollments, attendance and completions consistent across courses and participants', async () => {
    const [off] = await q(
      `SELECT
         (SELECT count(*)::int FROM courses.enrollment e WHERE e.attended_sessions <> (SELECT count(*) FROM courses.attendance a WHERE a.enrollment_id = e.id)) AS attendance_off,
         (SELECT count(*)::int FROM courses.enrollment e JOIN courses.course c ON c.id = e.course_id WHERE e.status = 'COMPLETED'
            AND (e.attended_sessions <> c.session_count OR e.completed_at < e.enrolled_at + c.minimum_duration_minutes * interval '1 minute'
                 OR e.certificate_number IS NULL OR NOT e.completion_recorded OR e.completed_at > now())) AS completions_off,
         (SELECT count(*)::int FROM participants.participant p WHERE (p.incentive_status <> 'NOT_DUE') <> EXISTS (
            SELECT 1 FROM courses.enrollment e WHERE e.participant_id = p.id AND e.status = 'COMPLETED')) AS incentives_off,
         (SELECT count(*)::int FROM participants.participant p JOIN courses.enrollment e ON e.id::text = p.incentive_enrollment_id
            WHERE e.participant_id <> p.id OR e.completed_at <> p.first_completed_at) AS incentive_enrollment_off,
         (SELECT count(*)::int FROM participants.card c WHERE (c.status = 'REVOKED') <> (c.first_purchase_at IS NULL AND c.purchase_deadline <= now())) AS revocations_off`,
    );
    expect(off).toEqual({ attendance_off: 0, completions_off: 0, incentives_off: 0, incentive_enrollment_off: 0, revocations_off: 0 });
  });

  it('writes one outbox event per loaded row, carrying its final state, though the row triggers were off for the load', async () => {
    const feeds: Array<[schema: string, table: string, type: string, idKey: string]> = [
      ['participants', 'participant', 'participant.registered', 'participantId'],
      ['participants', 'cohort', 'cohort.opened', 'cohortId'],
      ['participants', 'application', 'application.applied', 'applicationId'],
      ['participants', 'card', 'card.issued', 'cardId'],
      ['participants', 'wallet', 'wallet.opened', 'walletId'],
      ['participants', 'ledger_entry', 'ledger.entry_recorded', 'entryId'],
      ['courses', 'purchase', 'purchase.started', 'purchaseId'],
      ['courses', 'enrollment', 'enrollment.enrolled', 'enrollmentId'],
      ['courses', 'attendance', 'attendance.recorded', 'attendanceId'],
    ];
    for (const [schema, table, type, idKey] of feeds) {
      const [row] = await q(
        `SELECT (SELECT count(*)::int FROM ${schema}.${table}) AS rows,
                (SELECT count(*)::int FROM ${schema}.outbox_event WHERE split_part(type, '.', 1) = split_part($1, '.', 1)) AS events,
                (SELECT count(DISTINCT e.payload->>'${idKey}')::int FROM ${schema}.outbox_event e
                   JOIN ${schema}.${table} r ON r.id::text = e.payload->>'${idKey}' WHERE e.type = $1) AS matched`,
        [type],
      );
      expect({ table, ...row }).toEqual({ table, rows: row.rows, events: row.rows, matched: row.rows });
    }
    // The state after the load: the completions awaiting their review for the incentive, the enrollments' refunds.
    const [state] = await q(
      `SELECT (SELECT count(*)::int FROM participants.participant WHERE incentive_status = 'AWAITING_REVIEW') AS due,
              (SELECT count(*)::int FROM participants.outbox_event WHERE payload->>'incentiveStatus' = 'AWAITING_REVIEW') AS due_events,
              (SELECT coalesce(sum(refunded_amount), 0)::text FROM courses.enrollment) AS refunded,
              (SELECT coalesce(sum((payload->>'refundedAmount')::bigint), 0)::text FROM courses.outbox_event WHERE type = 'enrollment.enrolled') AS refunded_events,
              (SELECT count(*)::int FROM participants.outbox_event WHERE xact_id <> (SELECT min(xact_id) FROM participants.outbox_event WHERE type = 'participant.registered')
                 AND type = 'participant.registered') AS split`,
    );
    expect(state.due).toBeGreaterThan(0);
    expect(state).toMatchObject({ due_events: state.due, refunded_events: state.refunded, split: 0 });
    const triggers = await q(
      `SELECT tgrelid::regclass::text AS on, tgenabled FROM pg_trigger WHERE tgname LIKE 'outbox\\_%' AND tgenabled <> 'O'`,
    );
    expect(triggers).toEqual([]); // every outbox trigger is on again
    // The load's fillfactor (room for the completions' heap-only updates) is not left on the table.
    const [storage] = await q(`SELECT reloptions FROM pg_class WHERE oid = 'participants.participant'::regclass`);
    expect(storage.reloptions).toBeNull();
  });

  it('projects the whole year into the analytics read model once: its totals equal the operational tables', async () => {
    process.env.TEST_GATEWAY_URL = stack.gatewayUrl;
    const seen = await caughtUpAfter(new Date(), 120_000);
    expect(seen.freshness.sources.length).toBeGreaterThan(0);
    const t = await table({ measures: ['PARTICIPANTS', 'INCENTIVES_DUE', 'CARDS_ISSUED', 'PURCHASES', 'SPEND', 'REFUNDS'] });
    const [sql] = await q(
      `SELECT (SELECT count(*)::int FROM participants.participant) AS participants,
              (SELECT count(*)::int FROM participants.participant WHERE incentive_status IN ('DUE', 'PAID', 'FAILED')) AS due,
              (SELECT count(*)::int FROM participants.card) AS cards,
              (SELECT count(*)::int FROM courses.purchase WHERE status = 'AUTHORIZED') AS purchases,
              (SELECT (sum(p.amount) - coalesce(sum(e.refunded_amount), 0))::float8 FROM courses.purchase p
                 LEFT JOIN courses.enrollment e ON e.purchase_id = p.id WHERE p.status = 'AUTHORIZED') AS spend,
              (SELECT coalesce(sum(refunded_amount), 0)::float8 FROM courses.enrollment) AS refunds`,
    );
    expect(Object.fromEntries(t.total.map((c) => [c.measure, c.value]))).toEqual({
      PARTICIPANTS: sql.participants,
      INCENTIVES_DUE: sql.due,
      CARDS_ISSUED: sql.cards,
      PURCHASES: sql.purchases,
      SPEND: sql.spend,
      REFUNDS: sql.refunds,
    });
  });

  it("answers through the gateway: CheckEligibility gives a seeded card's balance, the statistics count the seeded people", async () => {
    process.env.TEST_GATEWAY_URL = stack.gatewayUrl; // the fixtures' admin calls go to this stack
    const [partner] = await q(`SELECT id FROM partners.partner WHERE status = 'ACTIVE' ORDER BY slug LIMIT 1`);
    const credential: PartnerCredential = await issueCredential(partner.id);
    const cards = await q(
      `(SELECT c.number, w.balance::int AS balance, true AS active FROM participants.card c JOIN participants.wallet w ON w.id = c.id
        WHERE c.status = 'ACTIVE' AND c.first_purchase_at IS NOT NULL AND w.balance > 0 ORDER BY c.number LIMIT 3)
       UNION ALL (SELECT c.number, 0, false FROM participants.card c WHERE c.status = 'REVOKED' ORDER BY c.number LIMIT 1)`,
    );
    expect(cards.filter((c) => c.active)).toHaveLength(3);
    for (const card of cards) {
      const answer = await partnerRequest(credential, 'CheckEligibility', { cardNumber: card.number }, { url: stack.gatewayUrl });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.eligibility.availableBalance.amount).toBe(card.balance);
      expect(answer.data!.eligibility.eligible).toBe(card.active);
    }
    const statistics = await gatewayQuery(`{ participantStatistics { total selectedCount } }`, {}, { token: await tokenFor('analyst') });
    const [selected] = await q(`SELECT count(*)::int AS n FROM participants.card`);
    expect(statistics.data).toEqual({ participantStatistics: { total: PARTICIPANTS, selectedCount: selected.n } });
  });
});
