import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { migrate } from '../common/orm';
import { seedParticipants } from '../seed/participants';
import { selectCohort } from '../subgraphs/participants/cohort/cohort.service';
import { applyCourseEvents } from '../subgraphs/participants/inbox/course-events';
import { InboxMessageKind } from '../subgraphs/participants/inbox/inbox.entity';
import { writeNotices } from '../subgraphs/participants/inbox/inbox.service';
import { createParticipantsOrm } from '../subgraphs/participants/orm';
import { cpuMs } from './cpu';
import { benchDatabase } from './database';

/**
 * What notifications cost. On the demo data (3,000 people), in rounds interleaved A B A B, each in a
 * transaction rolled back: (A) the draw of Gelombang 2 (its ~1,000 applicants), which now writes their
 * results and cards' notices; (B) a notice write alone of two rows per applicant, at least what the draw writes. Prints the median
 * wall-ms of each and B/A, the notifications' share of a draw. Then a 500-event page of the courses feed as
 * the notifier applies it (rolled back), in ms and this process's CPU-ms per event.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

class Rollback extends Error {}
async function rolledBack(em: EntityManager, work: (tx: EntityManager) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await em
    .transactional(async (tx) => {
      await work(tx as EntityManager);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return performance.now() - started;
}

async function main() {
  const db = await benchDatabase('postgres-bench-notifications', 55480, console.log);
  const orm = await createParticipantsOrm(db.url);
  try {
    await orm.em.getConnection().execute(`DROP SCHEMA IF EXISTS participants CASCADE`);
    await orm.em.getConnection().execute(`CREATE SCHEMA participants`);
    await migrate(orm, 'participants');
    await seedParticipants(orm);
    const em = orm.em.fork() as EntityManager;
    const [g2] = await em.execute<Array<{ id: string }>>(`SELECT id FROM participants.cohort WHERE name = 'Gelombang 2'`);
    await em.execute(
      `UPDATE participants.cohort SET closes_at = now() - interval '1 second', opens_at = now() - interval '2 days' WHERE id = ?`,
      [g2.id],
    );
    const applicants = await em.execute<Array<{ participant_id: string }>>(
      `SELECT participant_id FROM participants.application WHERE cohort_id = ?`,
      [g2.id],
    );
    // Two per applicant, a result and a card notice: at least what the draw writes (it selects up to its quota).
    const notices = applicants.flatMap((a) => [
      {
        participantId: a.participant_id,
        referenceId: randomUUID(),
        kind: InboxMessageKind.CARD_ISSUED,
        subject: 'Kartu aktif',
        body: 'x'.repeat(120),
      },
      {
        participantId: a.participant_id,
        referenceId: randomUUID(),
        kind: InboxMessageKind.SELECTION_RESULT,
        subject: 'Hasil seleksi',
        body: 'x'.repeat(80),
      },
    ]);
    const draw: number[] = [];
    const write: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      draw.push(await rolledBack(orm.em.fork() as EntityManager, (tx) => selectCohort(tx, g2.id)));
      write.push(await rolledBack(orm.em.fork() as EntityManager, (tx) => writeNotices(tx, notices)));
    }
    console.log(
      `draw of ${applicants.length} applicants: median ${median(draw).toFixed(0)} ms; its notices alone (${notices.length}, an upper bound): ${median(write).toFixed(0)} ms; ratio ${(median(write) / median(draw)).toFixed(3)}`,
    );

    // A page of the courses feed: purchases, enrollments, attendance and completions of the demo's people.
    const people = applicants.slice(0, 125).map((a) => a.participant_id);
    let position = 0;
    const event = (type: string, payload: object) => ({
      id: randomUUID(),
      type,
      occurredAt: new Date().toISOString(),
      position: `1:${++position}`,
      payload: JSON.stringify(payload),
    });
    const page = people.flatMap((participantId) => {
      const enrollmentId = randomUUID();
      return [
        event('purchase.authorized', { participantId, amount: '500000' }),
        event('enrollment.enrolled', { enrollmentId, participantId }),
        event('attendance.recorded', { enrollmentId, session: 1 }),
        event('enrollment.completed', { enrollmentId, participantId, score: 90 }),
      ];
    });
    const times: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = cpuMs(process.pid);
      times.push(await rolledBack(orm.em.fork() as EntityManager, (tx) => applyCourseEvents(tx, page)));
      cpu.push(cpuMs(process.pid) - before);
    }
    console.log(
      `courses feed page of ${page.length} events (${people.length * 4} notifications): median ${median(times).toFixed(0)} ms, ${(median(cpu) / page.length).toFixed(3)} CPU-ms per event in this process, 3 statements`,
    );
  } finally {
    await orm.close();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
