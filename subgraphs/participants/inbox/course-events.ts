import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { internalClient } from '../../../common/internal-client';
import type { Job } from '../../../common/jobs';
import { log } from '../../../common/logger';
import { consumeFeedPage, type FeedPage } from '../../../common/outbox-feed';
import { recordReviews, type ReviewFact } from '../incentive/incentive.service';
import { json, SCHEMA, sql } from '../sql';
import { InboxMessageKind } from './inbox.entity';
import { rupiah, writeNotices, type Notice } from './inbox.service';

const CURSOR_TABLE = `${SCHEMA}.notice_feed_cursor`;
const FEED = `query Feed($after: String!, $limit: Int!) { feed: coursesOutboxFeed(after: $after, limit: $limit) { caughtUp events { id type occurredAt position payload } } }`;

type Event = FeedPage['events'][number];
type Payload = Record<string, string | number | null>;

/** The notifications one courses event makes; keyed by the event id, so a redelivered event makes none. */
function noticesOf(e: Event, p: Payload, participantOfEnrollment: Map<string, string>): Notice[] {
  const ref = `courses:${e.id}`;
  switch (e.type) {
    case 'purchase.authorized':
      return [
        {
          participantId: String(p.participantId),
          referenceId: ref,
          kind: InboxMessageKind.PURCHASE_AUTHORIZED,
          subject: 'Pembelian pelatihan berhasil',
          body: `Pembelian pelatihan seharga ${rupiah(p.amount)} telah dibayar dari saldo Kartu Prakerja Anda.`,
        },
      ];
    case 'attendance.recorded': {
      const participantId = participantOfEnrollment.get(String(p.enrollmentId));
      if (!participantId) return [];
      return [
        {
          participantId,
          referenceId: ref,
          kind: InboxMessageKind.ATTENDANCE_RECORDED,
          subject: `Kehadiran sesi ${p.session} tercatat`,
          body: `Platform pelatihan mencatat kehadiran Anda pada sesi ${p.session}.`,
        },
      ];
    }
    case 'enrollment.completed':
      // The completion report carries the certificate number: completing a course issues its certificate.
      return [
        {
          participantId: String(p.participantId),
          referenceId: ref,
          kind: InboxMessageKind.COURSE_COMPLETED,
          subject: 'Pelatihan selesai',
          body: `Selamat, Anda telah menyelesaikan pelatihan${p.score == null ? '' : ` dengan nilai ${p.score}`}.`,
        },
        {
          participantId: String(p.participantId),
          referenceId: `${ref}:certificate`,
          kind: InboxMessageKind.CERTIFICATE_ISSUED,
          subject: 'Sertifikat pelatihan terbit',
          body: 'Sertifikat pelatihan Anda telah terbit; nomornya ada di halaman pelatihan Anda.',
        },
      ];
    default:
      return [];
  }
}

/**
 * Applies one page of the courses feed, in the transaction that moves the cursor: remembers whose each
 * enrollment is (attendance events name only the enrollment; the feed is in order, so the enrollment
 * comes first), records the page's reviews for the incentive, then writes its notifications in one statement.
 */
export async function applyCourseEvents(tx: EntityManager, events: Event[]): Promise<number> {
  const parsed = events.map((e) => ({ e, p: JSON.parse(e.payload) as Payload }));
  const enrolled = parsed
    .filter(({ e }) => e.type === 'enrollment.enrolled')
    .map(({ p }) => ({ enrollmentId: p.enrollmentId, participantId: p.participantId }));
  if (enrolled.length)
    await sql(
      tx,
      `INSERT INTO ${SCHEMA}.notice_enrollment (enrollment_id, participant_id)
       SELECT x."enrollmentId", p.id FROM jsonb_to_recordset(?::jsonb) AS x("enrollmentId" uuid, "participantId" uuid)
       JOIN ${SCHEMA}.participant p ON p.id = x."participantId" ON CONFLICT DO NOTHING`,
      [json(enrolled)],
    );
  const attended = [...new Set(parsed.filter(({ e }) => e.type === 'attendance.recorded').map(({ p }) => String(p.enrollmentId)))];
  const owners = attended.length
    ? await sql<{ enrollment_id: string; participant_id: string }>(
        tx,
        `SELECT enrollment_id, participant_id FROM ${SCHEMA}.notice_enrollment
          WHERE enrollment_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
        [json(attended)],
      )
    : [];
  const participantOfEnrollment = new Map(owners.map((o) => [o.enrollment_id, o.participant_id]));
  // The incentive waits for a review of the completed course (incentive.service.ts says why it comes this way).
  await recordReviews(
    tx,
    parsed.filter(({ e }) => e.type === 'review.submitted').map(({ p }) => p as unknown as ReviewFact),
  );
  return writeNotices(
    tx,
    parsed.flatMap(({ e, p }) => noticesOf(e, p, participantOfEnrollment)),
  );
}

/** Reads the courses feed as the signed `participants` service and consumes one page. */
export function courseEventsOnce(em: EntityManager, read: (after: string) => Promise<FeedPage>) {
  return consumeFeedPage(em, CURSOR_TABLE, 'courses', read, async (tx, events) => void (await applyCourseEvents(tx, events)));
}

/** The background consumer: reads again at once while a backlog remains, else every `pollIntervalMs`. */
export function courseEventsJob(orm: MikroORM, coursesUrl: string, pollIntervalMs: number, batchSize: number): Job {
  const call = internalClient(coursesUrl, 'participants', 30_000);
  const read = async (after: string) => (await call<{ feed: FeedPage }>(FEED, { after, limit: batchSize })).feed;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  const loop = async () => {
    let again = false;
    const page = courseEventsOnce(orm.em.fork(), read);
    current = page;
    try {
      again = !(await page).caughtUp;
    } catch (error) {
      // Courses down or restarting: the cursor has not moved; try again next interval.
      log.warn('notifications: reading the courses feed failed', { error: String(error) });
    }
    current = undefined;
    if (!stopped) timer = setTimeout(() => void loop(), again ? 0 : pollIntervalMs);
  };
  void loop();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current?.catch(() => undefined);
    },
  };
}
