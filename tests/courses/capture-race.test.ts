import type { MikroORM } from '@mikro-orm/postgresql';
import type { CoursesServices } from '../../subgraphs/courses/context';
import type { ParticipantsPort, WalletResult } from '../../subgraphs/courses/shared/participants.client';
import { db } from '../support/client';
import { createCourse, createPartner, insertPendingPurchase, offer } from './fixtures';

const { createCoursesOrm } = require('../../dist/subgraphs/courses/orm') as typeof import('../../subgraphs/courses/orm');
const { finishCapture } =
  require('../../dist/subgraphs/courses/purchase/authorize.service') as typeof import('../../subgraphs/courses/purchase/authorize.service');
const { loadConfig } = require('../../dist/subgraphs/courses/config') as typeof import('../../subgraphs/courses/config');

/*
 * The last step of an authorization (enrollment row, purchase AUTHORIZED) run by many callers at the same
 * instant, as concurrent retries and the reconciler do. The wallet's side is idempotent and tested through the
 * gateway elsewhere; here its capture always succeeds so that every caller reaches the enrollment write together.
 */
const captured: WalletResult = { hold: null, userErrors: [] };
const wallet = { holdCapture: async () => captured } as unknown as ParticipantsPort;

let orm: MikroORM;
let services: CoursesServices;
beforeAll(async () => {
  orm = await createCoursesOrm(process.env.TEST_DATABASE_URL!);
  services = {
    config: loadConfig({ ...process.env, DATABASE_URL: 'unused' }),
    participants: wallet,
    notifier: { sendOtp: async () => undefined },
  } as unknown as CoursesServices;
});
afterAll(() => orm.close());

it('20 callers finishing one capture at once all get the one enrollment, 30 purchases in a row', async () => {
  const partnerId = await createPartner();
  const courseId = await createCourse();
  await offer(courseId, partnerId, 500_000);
  for (let round = 0; round < 30; round++) {
    const { id } = await insertPendingPurchase({
      partnerId,
      courseId,
      amount: 500_000,
      otpHash: null,
      otpExpiresAt: new Date(Date.now() + 300_000),
    });
    await db().query(`update courses.purchase set status = 'CAPTURING' where id = $1`, [id]);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => finishCapture(orm.em.fork(), services, id, false)));
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect({ round, failures }).toEqual({ round, failures: [] });
    const enrollmentIds = new Set(
      outcomes.map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof finishCapture>>>).value.enrollment?.id),
    );
    expect(enrollmentIds.size).toBe(1);
    const { rows } = await db().query(
      `select p.status, count(e.id)::int as enrollments from courses.purchase p left join courses.enrollment e on e.purchase_id = p.id where p.id = $1 group by p.status`,
      [id],
    );
    expect(rows).toEqual([{ status: 'AUTHORIZED', enrollments: 1 }]);
  }
});
