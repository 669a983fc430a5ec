import type { EntityManager } from '@mikro-orm/postgresql';
import { Gauge } from 'prom-client';
import { registry } from '../../../common/metrics';

const backlog = new Gauge({
  name: 'prakerja_courses_reconciler_backlog',
  help: 'Rows waiting for a reconciler step after its last pass (a growing one is stuck: participants unreachable, a bug).',
  labelNames: ['step'],
  registers: [registry],
});

/**
 * Counts, after a pass, the rows each step would still pick (the same conditions as reconcileOnce, without its
 * batch limit): what the reconciler could not finish, or had no time for.
 */
export async function measureBacklog(em: EntityManager, now: Date, settled: Date): Promise<void> {
  const [row] = await em.execute<Array<Record<string, string>>>(
    `select
       (select count(*) from courses.purchase where status in ('EXPIRED', 'LOCKED') and not hold_released) as hold_release,
       (select count(*) from courses.purchase where status = 'AWAITING_OTP' and otp_seed is not null and otp_expires_at > ? and updated_at <= ?) as otp_delivery,
       (select count(*) from courses.purchase where status = 'CAPTURING' and updated_at <= ?) as capture,
       (select count(*) from courses.enrollment where status = 'CANCELLING') as refund,
       (select count(*) from courses.enrollment where status = 'COMPLETED' and not completion_recorded) as completion_record`,
    [now, settled, settled],
  );
  for (const [step, count] of Object.entries(row)) backlog.set({ step }, Number(count));
}
