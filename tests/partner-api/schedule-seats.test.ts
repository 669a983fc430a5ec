import { db, gatewayQuery } from '../support/client';
import {
  asAdmin,
  cardholder,
  cardholders,
  invoice,
  offeredCourse,
  partnerRequest,
  partnerWithCredential,
  readOtp,
  walletState,
  type PartnerCredential,
} from '../support/partner';

/*
 * Courses held on dates: a course with schedules is bought for one of them (purchaseStart `scheduleId`, an
 * optional input field the contract's StartPurchase document carries in its `input` variable). A seat is held at
 * start, taken at authorize, released when the purchase ends without an enrollment or its enrollment is voided;
 * a full schedule is refused with NOT_ELIGIBLE and the reason. N different participants at once against k seats
 * take exactly k.
 */

jest.setTimeout(180_000);

const { issueDevToken } = require('../../dist/common/dev-token') as typeof import('../../common/dev-token');
const staffToken = (partnerId: string) => issueDevToken({ role: 'partnerStaff', sub: `staff-${partnerId}`, partnerId });

const PRICE = 250_000;
const DAY = 86_400_000;
let platform: PartnerCredential;

const CREATE = `mutation($input: CourseScheduleCreateInput!) { courseScheduleCreate(input: $input) { schedule { id seatQuota seatsHeld seatsTaken seatsAvailable } userErrors { code field } } }`;
const UPDATE = `mutation($input: CourseScheduleUpdateInput!) { courseScheduleUpdate(input: $input) { schedule { id seatQuota } userErrors { code field } } }`;
const SEATS = `query($id: ID!) { course(id: $id) { schedules(first: 10) { totalCount edges { node { id seatQuota seatsHeld seatsTaken seatsAvailable startsAt } } } } }`;

async function scheduleOf(courseId: string, seatQuota: number, startsInDays = 7): Promise<string> {
  const startsAt = new Date(Date.now() + startsInDays * DAY);
  const res = await asAdmin(CREATE, {
    input: { courseId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(), seatQuota },
  });
  expect(res.courseScheduleCreate.userErrors).toEqual([]);
  return res.courseScheduleCreate.schedule.id;
}

/** The public view of a schedule's seats. */
async function seats(courseId: string, scheduleId: string) {
  const res = await gatewayQuery(SEATS, { id: courseId });
  const node = res
    .data!.course.schedules.edges.map((e: { node: { id: string } }) => e.node)
    .find((n: { id: string }) => n.id === scheduleId);
  return { held: node.seatsHeld, taken: node.seatsTaken, available: node.seatsAvailable };
}

const start = (cardNumber: string, courseId: string, scheduleId?: string | null, invoiceCode = invoice()) =>
  partnerRequest(platform, 'StartPurchase', {
    input: { cardNumber, courseId, invoiceCode, amount: PRICE, ...(scheduleId === undefined ? {} : { scheduleId }) },
  });

beforeAll(async () => {
  platform = await partnerWithCredential();
});

describe('schedules at purchaseStart', () => {
  it('needs one of the course’s own schedules, not started, for a course held on dates, and none for a course without', async () => {
    const holder = await cardholder();
    const scheduled = await offeredCourse(platform.partnerId, PRICE);
    const other = await offeredCourse(platform.partnerId, PRICE);
    await scheduleOf(scheduled, 5);
    const othersSchedule = await scheduleOf(other, 5);
    const cases: Array<[string | null | undefined, string, string]> = [
      [undefined, scheduled, 'choose one of its schedules'],
      [null, scheduled, 'choose one of its schedules'],
      ['not-a-uuid', scheduled, 'no schedule with this id'],
      [othersSchedule, scheduled, 'no schedule with this id'],
    ];
    for (const [scheduleId, courseId, message] of cases) {
      const res = await start(holder.cardNumber, courseId, scheduleId);
      expect(res.data!.purchaseStart).toEqual({
        purchase: null,
        userErrors: [{ code: 'NOT_ELIGIBLE', message: expect.stringContaining(message), field: ['input', 'scheduleId'] }],
      });
    }
    const unscheduled = await offeredCourse(platform.partnerId, PRICE);
    const res = await start(holder.cardNumber, unscheduled, othersSchedule);
    expect(res.data!.purchaseStart.userErrors[0]).toMatchObject({ code: 'NOT_ELIGIBLE', field: ['input', 'scheduleId'] });
    // A session that has started is no longer sold.
    const started = await scheduleOf(scheduled, 5);
    await db().query(`update courses.course_schedule set starts_at = now() - interval '1 minute' where id = $1`, [started]);
    const late = await start(holder.cardNumber, scheduled, started);
    expect(late.data!.purchaseStart.userErrors[0]).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: expect.stringContaining('already started'),
    });
    // Nothing of the refusals remains: no purchase, no hold, no seat.
    const { rows } = await db().query(`select count(*)::int as n from courses.purchase where participant_id = $1`, [holder.participantId]);
    expect(rows[0].n).toBe(0);
    expect((await walletState(holder.cardNumber)).available).toBe(3_500_000);
    expect(await seats(scheduled, started)).toEqual({ held: 0, taken: 0, available: 5 });
  });

  it('N different participants at once against k seats: exactly k purchases hold a seat, the rest are refused as full', async () => {
    const N = 10;
    const K = 3;
    const [holders, courseId] = await Promise.all([cardholders(N), offeredCourse(platform.partnerId, PRICE)]);
    const scheduleId = await scheduleOf(courseId, K);
    const answers = await Promise.all(holders.map((h) => start(h.cardNumber, courseId, scheduleId)));
    const started = answers.filter((a) => a.data!.purchaseStart.purchase);
    const refused = answers.filter((a) => !a.data!.purchaseStart.purchase);
    expect(started).toHaveLength(K);
    for (const a of refused)
      expect(a.data!.purchaseStart.userErrors).toEqual([
        { code: 'NOT_ELIGIBLE', message: 'The schedule is full: no seat is left', field: ['input', 'scheduleId'] },
      ]);
    expect(await seats(courseId, scheduleId)).toEqual({ held: K, taken: 0, available: 0 });
    const { rows } = await db().query(`select seat_status, count(*)::int as n from courses.purchase where schedule_id = $1 group by 1`, [
      scheduleId,
    ]);
    expect(rows).toEqual([{ seat_status: 'HELD', n: K }]);
    // Every refused holder's balance is whole: a full schedule places no hold.
    const refusedHolders = holders.filter((_, i) => !answers[i].data!.purchaseStart.purchase);
    for (const h of refusedHolders) expect((await walletState(h.cardNumber)).available).toBe(3_500_000);
  });

  it('takes the seat at authorize, releases it on a void and on a locked purchase, and sells it again', async () => {
    const [a, b, c] = await cardholders(3);
    const courseId = await offeredCourse(platform.partnerId, PRICE);
    const scheduleId = await scheduleOf(courseId, 2);
    const first = invoice();
    const startedA = await start(a.cardNumber, courseId, scheduleId, first);
    const startedB = await start(b.cardNumber, courseId, scheduleId);
    expect(startedA.data!.purchaseStart.userErrors).toEqual([]);
    expect(startedB.data!.purchaseStart.userErrors).toEqual([]);
    expect((await start(c.cardNumber, courseId, scheduleId)).data!.purchaseStart.userErrors[0].code).toBe('NOT_ELIGIBLE');

    // A retry under the same invoice code for another schedule is a conflict; the same request is the same purchase.
    const elsewhere = await scheduleOf(courseId, 2, 14);
    expect((await start(a.cardNumber, courseId, elsewhere, first)).data!.purchaseStart.userErrors[0].code).toBe('INVOICE_CONFLICT');
    expect((await start(a.cardNumber, courseId, scheduleId, first)).data!.purchaseStart.purchase.id).toBe(
      startedA.data!.purchaseStart.purchase.id,
    );

    const authorized = await partnerRequest(platform, 'AuthorizePurchase', {
      input: { purchaseId: startedA.data!.purchaseStart.purchase.id, otp: await readOtp(a.participantId) },
    });
    expect(authorized.data!.purchaseAuthorize.userErrors).toEqual([]);
    expect(await seats(courseId, scheduleId)).toEqual({ held: 1, taken: 1, available: 0 });

    // Three wrong OTPs lock B's purchase: its hold and its seat are released at once.
    for (let i = 0; i < 3; i++)
      await partnerRequest(platform, 'AuthorizePurchase', {
        input: { purchaseId: startedB.data!.purchaseStart.purchase.id, otp: '000000' },
      });
    expect(await seats(courseId, scheduleId)).toEqual({ held: 0, taken: 1, available: 1 });

    const voided = await partnerRequest(platform, 'VoidPurchase', { input: { invoiceCode: first, reason: 'participant changed plans' } });
    expect(voided.data!.enrollmentVoid.userErrors).toEqual([]);
    expect(await seats(courseId, scheduleId)).toEqual({ held: 0, taken: 0, available: 2 });
    // A second void releases nothing more.
    await partnerRequest(platform, 'VoidPurchase', { input: { invoiceCode: first, reason: 'again' } });
    expect(await seats(courseId, scheduleId)).toEqual({ held: 0, taken: 0, available: 2 });

    const again = await start(c.cardNumber, courseId, scheduleId);
    expect(again.data!.purchaseStart.userErrors).toEqual([]);
    expect(await seats(courseId, scheduleId)).toEqual({ held: 1, taken: 0, available: 1 });
  });

  it('the reconciler releases the seat of a purchase whose hold expired', async () => {
    const holder = await cardholder();
    const courseId = await offeredCourse(platform.partnerId, PRICE);
    const scheduleId = await scheduleOf(courseId, 1);
    const started = await start(holder.cardNumber, courseId, scheduleId);
    expect(started.data!.purchaseStart.userErrors).toEqual([]);
    await db().query(
      `update courses.purchase set hold_expires_at = now() - interval '1 second', otp_expires_at = now() - interval '1 second' where id = $1`,
      [started.data!.purchaseStart.purchase.id],
    );
    const deadline = Date.now() + 40_000;
    while ((await seats(courseId, scheduleId)).available === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await seats(courseId, scheduleId)).toEqual({ held: 0, taken: 0, available: 1 });
  });
});

describe('managing schedules', () => {
  it('the office and the staff of a platform selling the course; not another platform’s staff, not anonymous', async () => {
    const courseId = await offeredCourse(platform.partnerId, PRICE);
    const startsAt = new Date(Date.now() + 3 * DAY).toISOString();
    const endsAt = new Date(Date.now() + 3 * DAY + 3_600_000).toISOString();
    const input = { courseId, startsAt, endsAt, seatQuota: 30 };
    const own = await gatewayQuery(CREATE, { input }, { token: await staffToken(platform.partnerId) });
    expect(own.data!.courseScheduleCreate.userErrors).toEqual([]);
    const stranger = await gatewayQuery(CREATE, { input }, { token: await staffToken('00000000-0000-4000-8000-000000000001') });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gatewayQuery(CREATE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gatewayQuery(SEATS, { id: courseId })).data!.course.schedules.totalCount).toBe(1);
  });

  it('refuses bad times and quotas, and a quota below the seats held and taken', async () => {
    const [holder, second] = await cardholders(2);
    const courseId = await offeredCourse(platform.partnerId, PRICE);
    const past = new Date(Date.now() - DAY).toISOString();
    const soon = new Date(Date.now() + DAY).toISOString();
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ startsAt: past, endsAt: soon, seatQuota: 5 }, 'INVALID_TIME'],
      [{ startsAt: soon, endsAt: soon, seatQuota: 5 }, 'INVALID_TIME'],
      [{ startsAt: soon, endsAt: new Date(Date.now() + 2 * DAY).toISOString(), seatQuota: 0 }, 'INVALID_QUOTA'],
      [{ startsAt: soon, endsAt: new Date(Date.now() + 2 * DAY).toISOString(), seatQuota: 100_001 }, 'INVALID_QUOTA'],
    ];
    for (const [fields, code] of refusals) {
      const res = await asAdmin(CREATE, { input: { courseId, ...fields } });
      expect(res.courseScheduleCreate.userErrors.map((e: { code: string }) => e.code)).toEqual([code]);
    }
    const missing = await asAdmin(CREATE, { input: { courseId: '00000000-0000-4000-8000-000000000002', ...refusals[2][0], seatQuota: 5 } });
    expect(missing.courseScheduleCreate.userErrors[0].code).toBe('COURSE_NOT_FOUND');
    const scheduleId = await scheduleOf(courseId, 3);
    expect((await start(holder.cardNumber, courseId, scheduleId)).data!.purchaseStart.userErrors).toEqual([]);
    const below = await asAdmin(UPDATE, { input: { scheduleId, seatQuota: 0 } });
    expect(below.courseScheduleUpdate.userErrors[0].code).toBe('INVALID_QUOTA');
    expect((await start(second.cardNumber, courseId, scheduleId)).data!.purchaseStart.userErrors).toEqual([]);
    const tooFew = await asAdmin(UPDATE, { input: { scheduleId, seatQuota: 1 } });
    expect(tooFew.courseScheduleUpdate.userErrors).toEqual([{ code: 'QUOTA_BELOW_SEATS', field: ['input', 'seatQuota'] }]);
    const exact = await asAdmin(UPDATE, { input: { scheduleId, seatQuota: 2 } });
    expect(exact.courseScheduleUpdate.userErrors).toEqual([]);
    const grown = await asAdmin(UPDATE, { input: { scheduleId, seatQuota: 4 } });
    expect(grown.courseScheduleUpdate.schedule.seatQuota).toBe(4);
    expect(
      (await asAdmin(UPDATE, { input: { scheduleId: '00000000-0000-4000-8000-000000000003', seatQuota: 4 } })).courseScheduleUpdate
        .userErrors[0].code,
    ).toBe('NOT_FOUND');
  });
});
