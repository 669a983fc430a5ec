import { Client } from 'pg';
import { seededRandom } from '../catalog';
import { attendanceCount, readOfferings, writeCoursesYear } from './courses-load';
import { copyRows } from './copy';
import { deferIndexes } from './deferred-indexes';
import { outboxDeferred } from './outbox';
import { emptyPeople, PARTICIPANT_COLUMNS, participantRows } from './people';
import { ledgerEntryCount, recordCompletions, writeParticipantsYear } from './participants-load';
import { DEFAULT_SHAPE, planYear, type YearPlan, type YearShape } from './plan';
import { inLane, phaseTimes, progressBar } from './progress';

/** The tables each load fills, whose indexes and constraints are built once at the end instead of per row. */
const PARTICIPANTS_TABLES = ['application', 'card', 'wallet', 'wallet_hold', 'ledger_entry', 'outbox_event'];
const COURSES_TABLES = ['purchase', 'enrollment', 'attendance', 'outbox_event'];

const rowsAfterParticipants = (plan: YearPlan): number =>
  plan.applications.length + 2 * plan.cards.length + 3 * plan.purchases.length + ledgerEntryCount(plan) + attendanceCount(plan);

export interface BulkYearResult {
  participants: number;
  applications: number;
  cards: number;
  purchases: number;
  ledgerEntries: number;
  attendance: number;
  milliseconds: number;
  /** Wall time of each phase, a line per lane (participants schema, courses schema, the whole load). */
  phases: string;
}

/**
 * A year of the programme for `count` participants, written through COPY: the participants schema as its
 * owner (`participantsOwnerUrl`), the purchases, enrollments and attendance in the courses schema as that
 * schema's owner (after the demo catalogue, whose offerings they buy). Each schema is written in one
 * transaction, so a failure leaves it empty; the two load at the same time on two connections.
 */
export async function seedBulkYear(
  owners: { participants: string; courses: string },
  count: number,
  shape: YearShape = DEFAULT_SHAPE,
): Promise<BulkYearResult> {
  const started = Date.now();
  const now = new Date();
  const rng = seededRandom(20260101);
  const participants = await loadClient(owners.participants);
  const courses = await loadClient(owners.courses);
  try {
    const offerings = await readOfferings(courses);
    const people = emptyPeople(count);
    const bar = progressBar('bulk seed', count);
    const times = phaseTimes();
    const progress = inLane(bar, times, 'participants');
    const coursesProgress = inLane(bar, times, 'courses');
    const whole = inLane(bar, times, 'load');
    whole.phase('both schemas');
    coursesProgress.phase('wait for the plan');
    let startCourses: (plan: YearPlan) => void = () => undefined;
    let failBeforePlan: (error: unknown) => void = () => undefined;
    const planned = new Promise<YearPlan>((resolve, reject) => {
      startCourses = resolve;
      failBeforePlan = reject;
    });
    await participants.query('BEGIN');
    await courses.query('BEGIN');
    const participantsDone = (async () => {
      progress.phase('participants');
      const writeParticipantEvents = await outboxDeferred(participants, 'participants');
      const restoreParticipant = await deferIndexes(participants, 'participants', ['participant']);
      // Room on each page for the completions' update to stay a heap-only update (no index entry per changed row).
      await participants.query(`ALTER TABLE participants.participant SET (fillfactor = 85)`);
      await copyRows(participants, 'participants.participant', PARTICIPANT_COLUMNS, participantRows(people, rng, now), progress);
      await participants.query(`ALTER TABLE participants.participant RESET (fillfactor)`);
      progress.phase('plan and participant indexes');
      // Sent before the plan is drawn: PostgreSQL builds the participant indexes while this process plans.
      const participantIndexes = participants.query(restoreParticipant);
      const plan = planYear(people, offerings, shape, rng, now);
      progress.setTotal(count + rowsAfterParticipants(plan));
      startCourses(plan);
      await participantIndexes;
      progress.phase('completions');
      await recordCompletions(participants, plan);
      const restoreRest = await deferIndexes(participants, 'participants', PARTICIPANTS_TABLES);
      await writeParticipantsYear(participants, plan, progress);
      progress.phase('events');
      await writeParticipantEvents();
      progress.phase('indexes');
      await participants.query(restoreRest);
      progress.phase('wait for the other schema');
      return plan;
    })();
    // The courses schema loads as soon as the plan exists, beside the rest of the participants schema.
    const coursesDone = planned.then(async (plan) => {
      const writeCourseEvents = await outboxDeferred(courses, 'courses');
      const restore = await deferIndexes(courses, 'courses', COURSES_TABLES);
      await writeCoursesYear(courses, plan, coursesProgress);
      coursesProgress.phase('events');
      await writeCourseEvents();
      coursesProgress.phase('indexes');
      await courses.query(restore);
      coursesProgress.phase('wait for the other schema');
    });
    participantsDone.catch(failBeforePlan); // the courses side must not wait for a plan that never comes
    const [year] = await Promise.all([participantsDone, coursesDone]);
    whole.phase('commit');
    await participants.query('COMMIT');
    await courses.query('COMMIT');
    await skipSeededRevocations(participants, courses);
    bar.done();
    whole.phase('analyze');
    // The two schemas' statistics at once, each on its own connection.
    await Promise.all([
      participants.query(`ANALYZE ${['participant', ...PARTICIPANTS_TABLES].map((t) => `participants.${t}`).join(', ')}`),
      courses.query(`ANALYZE ${COURSES_TABLES.map((t) => `courses.${t}`).join(', ')}`),
    ]);
    return {
      participants: count,
      applications: year.applications.length,
      cards: year.cards.length,
      purchases: year.purchases.length,
      ledgerEntries: ledgerEntryCount(year),
      attendance: attendanceCount(year),
      milliseconds: Date.now() - started,
      phases: times.summary(),
    };
  } catch (error) {
    await participants.query('ROLLBACK').catch(() => undefined);
    await courses.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await participants.end();
    await courses.end();
  }
}

/** An owner's connection set for loading: no wait for WAL flush per commit, room to sort when indexes are built and events ordered. */
async function loadClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  // work_mem: the events are written in feed order, sorting each loaded table (its indexes not yet rebuilt) in memory.
  await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '256MB'; SET statement_timeout = 0`);
  return client;
}

/**
 * The courses subgraph reads the participants feed for `card.revoked` (purchase/card-revocation.ts). The seed's
 * revocations are the deadline rule's, which leave no purchase awaiting an OTP, so its cursor moves past the
 * year just written rather than have courses read millions of events that change nothing. Never backwards.
 */
async function skipSeededRevocations(participants: Client, courses: Client): Promise<void> {
  const { rows } = await participants.query<{ position: string | null }>(
    `SELECT xact_id::text || ':' || id::text AS position FROM participants.outbox_event ORDER BY xact_id DESC, id DESC LIMIT 1`,
  );
  const position = rows[0]?.position;
  if (!position) return;
  const [xact, id] = position.split(':');
  await courses.query(
    `UPDATE courses.participant_feed_cursor SET position = $1
      WHERE source = 'participants' AND (split_part(position, ':', 1)::xid8, split_part(position, ':', 2)::bigint) < ($2::xid8, $3::bigint)`,
    [position, xact, id],
  );
}
