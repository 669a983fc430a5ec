import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { db, gatewayQuery, tokenFor } from '../support/client';
import { issueCredential, partnerRequest } from '../support/partner';
import { caughtUpAfter, cellOf, table } from '../analytics/support';

jest.setTimeout(60_000);

/*
 * The demo's programme journey (seed/journey.ts), as the suite's stack seeded it: both schemas agree as
 * production would leave them, and the README's examples answer with it. The demo's sales carry invoice codes
 * DEMO-…; other test files add sales of their own, so the checks name the demo's where they must.
 */

const q = async <T = any>(text: string, params: unknown[] = []) => (await db().query(text, params)).rows as T[];

/** The README's GraphQL examples from the text `from` up to `to`, the one starting with `start`. */
function readmeExample(from: string, to: string, start = '{'): string {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(from), readme.indexOf(to, readme.indexOf(from)));
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).find((d) => d.startsWith(start))!;
}

it('sells, attends, completes, reviews, voids and awaits OTPs in the planned numbers', async () => {
  const purchases = await q(
    `SELECT p.status AS purchase, e.status AS enrollment, count(*)::int AS n, count(r.id)::int AS reviewed
       FROM courses.purchase p LEFT JOIN courses.enrollment e ON e.purchase_id = p.id LEFT JOIN courses.review r ON r.enrollment_id = e.id
      WHERE p.invoice_code LIKE 'DEMO-%' GROUP BY 1, 2 ORDER BY p.status::text, e.status::text`,
  );
  // The two live purchases may have expired by now (their hold lasts ten minutes) and been released by the reconciler.
  const live = purchases.filter((p) => p.enrollment === null);
  expect(live.reduce((n, p) => n + p.n, 0)).toBe(2);
  for (const p of live) expect(['AWAITING_OTP', 'EXPIRED']).toContain(p.purchase);
  expect(purchases.filter((p) => p.enrollment !== null)).toEqual([
    { purchase: 'AUTHORIZED', enrollment: 'CANCELLED', n: 2, reviewed: 0 },
    { purchase: 'AUTHORIZED', enrollment: 'COMPLETED', n: 10, reviewed: 8 },
    { purchase: 'AUTHORIZED', enrollment: 'ENROLLED', n: 4, reviewed: 0 },
    { purchase: 'AUTHORIZED', enrollment: 'IN_PROGRESS', n: 20, reviewed: 0 },
  ]);
  // Past and in order: started, enrolled, each session, completed no earlier than the course allows, reviewed after.
  const [order] = await q(`SELECT
      count(*) FILTER (WHERE NOT (p.created_at < e.enrolled_at AND e.enrolled_at < now()))::int AS enrolled_out_of_order,
      count(*) FILTER (WHERE e.attended_sessions <> (SELECT count(*) FROM courses.attendance a WHERE a.enrollment_id = e.id)
        OR EXISTS (SELECT 1 FROM courses.attendance a WHERE a.enrollment_id = e.id
                   AND NOT (a.attended_at > e.enrolled_at AND a.attended_at < coalesce(e.completed_at, now()))))::int AS attendance_off,
      count(*) FILTER (WHERE e.status = 'COMPLETED' AND (e.attended_sessions <> c.session_count
        OR e.completed_at < e.enrolled_at + c.minimum_duration_minutes * interval '1 minute'))::int AS completed_off,
      count(*) FILTER (WHERE r.created_at <= e.completed_at OR r.created_at > now())::int AS reviewed_off
    FROM courses.purchase p JOIN courses.enrollment e ON e.purchase_id = p.id JOIN courses.course c ON c.id = e.course_id
    LEFT JOIN courses.review r ON r.enrollment_id = e.id WHERE p.invoice_code LIKE 'DEMO-%'`);
  expect(order).toEqual({ enrolled_out_of_order: 0, attendance_off: 0, completed_off: 0, reviewed_off: 0 });
  // Not from the suspended platform nor any platform that is not ACTIVE.
  const [sellers] = await q(`SELECT count(DISTINCT p.partner_id)::int AS platforms,
      count(*) FILTER (WHERE pa.status IS DISTINCT FROM 'ACTIVE')::int AS not_active
    FROM courses.purchase p LEFT JOIN partners.partner pa ON pa.id = p.partner_id WHERE p.invoice_code LIKE 'DEMO-%'`);
  expect(sellers).toEqual({ platforms: 3, not_active: 0 });
});

it('keeps every wallet equal to its ledger, and each demo purchase equal to its debit and refund', async () => {
  const [wallets] = await q(`SELECT count(*)::int AS wallets,
      count(*) FILTER (WHERE w.balance <> (SELECT coalesce(sum(l.amount), 0) FROM participants.ledger_entry l WHERE l.wallet_id = w.id))::int AS off_ledger,
      count(*) FILTER (WHERE w.balance < 0)::int AS negative,
      count(*) FILTER (WHERE w.held <> (SELECT coalesce(sum(h.amount), 0) FROM participants.wallet_hold h WHERE h.wallet_id = w.id AND h.status = 'ACTIVE'))::int AS off_holds
    FROM participants.wallet w`);
  expect(wallets).toEqual({ wallets: expect.any(Number), off_ledger: 0, negative: 0, off_holds: 0 });
  const sales = await q(
    `SELECT p.id, p.status, p.amount::bigint::text AS amount, e.status AS enrollment, e.refunded_amount::bigint::text AS refunded, c.id AS card,
            c.first_purchase_at IS NOT NULL AND c.first_purchase_at <= e.enrolled_at AS first_purchase_ok,
            (SELECT string_agg(l.kind || ':' || l.amount, ',' ORDER BY l.created_at) FROM participants.ledger_entry l WHERE l.reference_id = p.id::text) AS entries,
            (SELECT h.status || ':' || h.amount FROM participants.wallet_hold h WHERE h.reference_id = p.id::text) AS hold
       FROM courses.purchase p JOIN participants.card c ON c.number = p.card_number AND c.participant_id = p.participant_id
       LEFT JOIN courses.enrollment e ON e.purchase_id = p.id
      WHERE p.invoice_code LIKE 'DEMO-%'`,
  );
  expect(sales).toHaveLength(38);
  for (const s of sales) {
    if (s.enrollment === 'CANCELLED') {
      expect([s.entries, s.hold, s.refunded]).toEqual([
        `DEBIT_PURCHASE:-${s.amount},CREDIT_REFUND:${s.amount}`,
        `REFUNDED:${s.amount}`,
        s.amount,
      ]);
    } else if (s.enrollment) {
      expect([s.entries, s.hold, s.first_purchase_ok]).toEqual([`DEBIT_PURCHASE:-${s.amount}`, `CAPTURED:${s.amount}`, true]);
    } else {
      // Not captured: a hold of the amount, still reserving it or expired by the sweep, and no debit.
      expect(s.entries).toBeNull();
      expect(s.hold).toMatch(new RegExp(`^(ACTIVE|EXPIRED|RELEASED):${s.amount}$`));
    }
  }
});

it('puts the incentives of Gelombang 1 on completed enrollments of their own, reviewed unless awaiting the review', async () => {
  const incentives = await q(`SELECT p.incentive_status::text AS status, e.status AS enrollment, r.id IS NOT NULL AS reviewed,
        (SELECT o.status FROM participants.payout o WHERE o.participant_id = p.id AND o.kind = 'TRAINING') AS payout
      FROM participants.participant p JOIN participants.card c ON c.participant_id = p.id JOIN participants.cohort co ON co.id = c.cohort_id
      LEFT JOIN courses.enrollment e ON e.id::text = p.incentive_enrollment_id AND e.participant_id = p.id
      LEFT JOIN courses.review r ON r.enrollment_id = e.id
     WHERE co.name = 'Gelombang 1' AND p.incentive_enrollment_id IS NOT NULL ORDER BY 1, 4`);
  const count = (status: string) => incentives.filter((i) => i.status === status).length;
  expect([count('PAID'), count('DUE'), count('FAILED'), count('AWAITING_REVIEW')]).toEqual([3, 3, 2, 2]);
  for (const i of incentives) {
    expect([i.status, i.enrollment]).toEqual([i.status, 'COMPLETED']);
    expect([i.status, i.reviewed]).toEqual([i.status, i.status !== 'AWAITING_REVIEW']);
    const payout = { PAID: 'PAID', DUE: 'PENDING', FAILED: 'FAILED', AWAITING_REVIEW: null }[i.status as string];
    expect([i.status, i.payout]).toEqual([i.status, payout]);
  }
});

it("answers the README's participant example with the demo participant's enrollments, certificate and incentive", async () => {
  const [paid] = await q(`SELECT p.id FROM participants.participant p JOIN courses.enrollment e ON e.id::text = p.incentive_enrollment_id
    WHERE p.incentive_status = 'PAID' AND e.invoice_code LIKE 'DEMO-%' ORDER BY p.id LIMIT 1`);
  const token = await tokenFor('participant', paid.id);
  const res = await gatewayQuery(readmeExample('**Participant**', '**Ratings and reviews**'), {}, { token });
  expect(res.errors).toBeUndefined();
  const { me } = res.data!;
  expect(me.enrollments).toEqual([
    { status: 'COMPLETED', course: { title: expect.any(String) }, certificate: { number: expect.stringMatching(/^CERT-DEMO-/) } },
  ]);
  expect(me.wallet.balance.amount).toBeLessThan(3_500_000);
  const incentive = await gatewayQuery(`{ me { incentiveStatus incentive { payouts { kind status } } } }`, {}, { token });
  expect(incentive.data!.me.incentiveStatus).toBe('PAID');
  expect(incentive.data!.me.incentive.payouts).toEqual(expect.arrayContaining([{ kind: 'TRAINING', status: 'PAID' }]));
  // The course they reviewed shows the review in the public catalogue.
  const [reviewed] = await q(`SELECT course_id FROM courses.review WHERE participant_id = $1`, [paid.id]);
  const course = await gatewayQuery(`query($id: ID!) { course(id: $id) { rating { count average } } }`, { id: reviewed.course_id });
  expect(course.data!.course.rating.count).toBeGreaterThan(0);
});

it("answers the office's enrollment example and a demo platform's own PartnerEnrollments with the demo's sales", async () => {
  const [seller] = await q(
    `SELECT partner_id, count(*)::int AS n FROM courses.enrollment WHERE invoice_code LIKE 'DEMO-%' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  // The README's query, for one demo platform: the newest enrollments of all are other test files' sales, on
  // platforms of their own that the partners subgraph may not know.
  const example = readmeExample('a course with an age requirement', 'Partner status has consequences', '{ enrollments');
  expect(example).toContain('enrollments(first: 3)');
  const admin = await gatewayQuery(
    example.replace('enrollments(first: 3)', 'enrollments(first: 50, partnerId: $p)').replace(/^\{/, 'query($p: ID!) {'),
    { p: seller.partner_id },
    {
      token: await tokenFor('admin'),
    },
  );
  expect(admin.errors).toBeUndefined();
  const nodes = admin.data!.enrollments.edges.map((e: { node: any }) => e.node);
  const demo = nodes.filter((n: { invoiceCode: string }) => n.invoiceCode.startsWith('DEMO-'));
  expect(demo).toHaveLength(seller.n);
  for (const n of demo) {
    expect(n.platform.name).toMatch(/./);
    expect(n.participantReference).toMatch(/./);
    expect(n.participant.id).toMatch(/^[0-9a-f-]{36}$/);
  }
  const credential = await issueCredential(seller.partner_id);
  const own = await partnerRequest(credential, 'PartnerEnrollments', { first: 50 });
  expect(own.errors).toBeUndefined();
  const invoices = own.data!.partnerEnrollments.edges.map((e: { node: { invoiceCode: string } }) => e.node.invoiceCode);
  expect(invoices.filter((i: string) => i.startsWith('DEMO-'))).toHaveLength(seller.n);
});

it("shows analysts each demo platform's sales: 12 purchases per platform, its spend what courses sold there", async () => {
  await caughtUpAfter(new Date());
  const sellers =
    await q(`SELECT p.partner_id::text AS platform, count(*)::int AS purchases, sum(p.amount)::float8 - sum(coalesce(e.refunded_amount, 0))::float8 AS spend
      FROM courses.purchase p JOIN courses.enrollment e ON e.purchase_id = p.id WHERE p.invoice_code LIKE 'DEMO-%' GROUP BY 1`);
  expect(sellers.map((s) => s.purchases)).toEqual([12, 12, 12]);
  for (const s of sellers) {
    // Filtered to the platform: other test files' sales go to platforms of their own.
    const t = await table({
      measures: ['PURCHASES', 'SPEND'],
      dimensions: ['PLATFORM'],
      filters: [{ dimension: 'PLATFORM', values: [s.platform] }],
    });
    expect(cellOf(t, s.platform, 'PURCHASES')).toEqual({ measure: 'PURCHASES', value: 12, suppressed: false });
    expect(cellOf(t, s.platform, 'SPEND')).toEqual({ measure: 'SPEND', value: s.spend, suppressed: false });
  }
});
