import type { MikroORM } from '@mikro-orm/postgresql';
import { db, gatewayQuery, tokenFor } from '../support/client';
import { buyAttendComplete } from '../support/journey';
import { cardholder, cardholders, partnerWithCredential, registerPerson, type PartnerCredential } from '../support/partner';

/*
 * Notifications in the participant's inbox, read through the gateway: the participants subgraph's own facts
 * (selection, card) written with them, the courses facts (purchase, attendance, completion, certificate) from
 * the courses event feed, the deadline reminder job, the incentive hook, and read state.
 */

const { createParticipantsOrm } = require('../../dist/subgraphs/participants/orm') as typeof import('../../subgraphs/participants/orm');
const { remindPurchaseDeadlines } =
  require('../../dist/subgraphs/participants/inbox/reminder') as typeof import('../../subgraphs/participants/inbox/reminder');
const { deliverToChannel } =
  require('../../dist/subgraphs/participants/inbox/channel') as typeof import('../../subgraphs/participants/inbox/channel');
const { notifyIncentivePaid } =
  require('../../dist/subgraphs/participants/inbox/inbox.service') as typeof import('../../subgraphs/participants/inbox/inbox.service');

let orm: MikroORM;
let partner: PartnerCredential;
beforeAll(async () => {
  orm = await createParticipantsOrm(process.env.TEST_DATABASE_URL!);
  partner = await partnerWithCredential();
});
afterAll(async () => {
  await orm.close();
});

interface Message {
  id: string;
  kind: string;
  subject: string;
  body: string;
  readAt: string | null;
}

const INBOX = `query Inbox($unreadOnly: Boolean) { me { inboxUnreadCount inbox(first: 100, unreadOnly: $unreadOnly) { totalCount edges { node { id kind subject body readAt createdAt } } } } }`;

async function inboxOf(participantId: string, unreadOnly = false) {
  const res = await gatewayQuery(INBOX, { unreadOnly }, { token: await tokenFor('participant', participantId) });
  expect(res.errors).toBeUndefined();
  const me = res.data!.me;
  return { unread: me.inboxUnreadCount as number, messages: me.inbox.edges.map((e: { node: Message }) => e.node) as Message[] };
}

const kinds = (messages: Message[]) => messages.map((m) => m.kind).sort();

/** Polls (no fixed sleep) until the inbox satisfies `done`; the courses feed is consumed in the background. */
async function eventually(participantId: string, done: (messages: Message[]) => boolean): Promise<Message[]> {
  for (let i = 0; i < 200; i++) {
    const { messages } = await inboxOf(participantId);
    if (done(messages)) return messages;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`inbox never reached the expected state: ${JSON.stringify((await inboxOf(participantId)).messages)}`);
}

describe('notifications', () => {
  it('tells every applicant the draw result with its reason, and the selected that their card is active; no NIK or KK', async () => {
    const [holder] = await cardholders(1);
    const { messages } = await inboxOf(holder.participantId);
    expect(kinds(messages)).toEqual(['CARD_ISSUED', 'SELECTION_RESULT']);
    expect(messages.find((m) => m.kind === 'SELECTION_RESULT')!.subject).toContain('terpilih');
    expect(messages.find((m) => m.kind === 'CARD_ISSUED')!.body).toContain('Rp3.500.000');
    const { rows } = await db().query(`SELECT nik, family_card_number FROM participants.participant WHERE id = $1`, [holder.participantId]);
    for (const m of messages)
      for (const secret of [rows[0].nik, rows[0].family_card_number]) expect(m.body + m.subject).not.toContain(secret);

    // A draw with a quota of one and two applicants: the other learns they were not drawn, and why.
    const a = await registerPerson();
    const b = await registerPerson();
    const opened = await gatewayQuery(
      `mutation($input: CohortOpenInput!) { cohortOpen(input: $input) { cohort { id } } }`,
      {
        input: {
          name: `Notif ${Date.now()}`,
          quota: 1,
          opensAt: new Date(Date.now() - 3_600_000).toISOString(),
          closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
      },
      { token: await tokenFor('admin'), headers: { 'x-purpose': 'automated test' } },
    );
    const cohortId = opened.data!.cohortOpen.cohort.id;
    for (const p of [a, b])
      await gatewayQuery(
        `mutation($input: CohortApplyInput!) { cohortApply(input: $input) { application { id } } }`,
        { input: { cohortId } },
        {
          token: await tokenFor('participant', p.participantId),
        },
      );
    await db().query(
      `UPDATE participants.cohort SET opens_at = now() - interval '2 hours', closes_at = now() - interval '1 second' WHERE id = $1`,
      [cohortId],
    );
    await gatewayQuery(
      `mutation($input: CohortSelectInput!) { cohortSelect(input: $input) { selectedCount } }`,
      { input: { cohortId } },
      {
        token: await tokenFor('admin'),
      },
    );
    const results = await Promise.all([a, b].map(async (p) => (await inboxOf(p.participantId)).messages));
    const loser = results.find((m) => !m.some((x) => x.kind === 'CARD_ISSUED'))!;
    expect(kinds(loser)).toEqual(['SELECTION_RESULT']);
    expect(loser[0].body).toContain('kuota gelombang ini sudah penuh');
  });

  it('turns the courses events of a purchase, its attendance and its completion into notifications, once even when redelivered', async () => {
    const holder = await cardholder();
    await buyAttendComplete(partner, holder.participantId, holder.cardNumber);
    const expected = [
      'ATTENDANCE_RECORDED',
      'CARD_ISSUED',
      'CERTIFICATE_ISSUED',
      'COURSE_COMPLETED',
      'PURCHASE_AUTHORIZED',
      'SELECTION_RESULT',
    ];
    const done = (m: Message[]) => expected.every((k) => m.some((x) => x.kind === k));
    const first = await eventually(holder.participantId, done);
    expect(kinds(first.filter((m) => m.kind !== 'OTP'))).toEqual(expected);
    expect(first.find((m) => m.kind === 'ATTENDANCE_RECORDED')!.subject).toContain('sesi 1');

    // Redelivery: the consumer's cursor goes back to the start, so it reads every courses event again.
    const [{ position }] = (await db().query(`SELECT position FROM participants.notice_feed_cursor WHERE source = 'courses'`)).rows;
    await db().query(`UPDATE participants.notice_feed_cursor SET position = '0:0' WHERE source = 'courses'`);
    const [xact, id] = position.split(':').map(BigInt);
    for (let i = 0; i < 300; i++) {
      const [now] = (await db().query(`SELECT position FROM participants.notice_feed_cursor WHERE source = 'courses'`)).rows;
      const [x, n] = now.position.split(':').map(BigInt);
      if (x > xact || (x === xact && n >= id)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const again = (await inboxOf(holder.participantId)).messages;
    expect(again.map((m) => m.id).sort()).toEqual(first.map((m) => m.id).sort());
  });

  it('reminds of the purchase deadline once per card, however often and however many processes run the job', async () => {
    const [soon, later, bought] = await cardholders(3);
    await db().query(`UPDATE participants.card SET purchase_deadline = now() + interval '2 days' WHERE participant_id = ANY($1)`, [
      [soon.participantId, bought.participantId],
    ]);
    await db().query(`UPDATE participants.card SET first_purchase_at = now() WHERE participant_id = $1`, [bought.participantId]);
    // Two processes (two ORMs, two pools) running the job at the same moment, twice.
    const other = await createParticipantsOrm(process.env.TEST_DATABASE_URL!);
    try {
      for (let round = 0; round < 2; round++)
        await Promise.all([remindPurchaseDeadlines(orm.em.fork(), 3), remindPurchaseDeadlines(other.em.fork(), 3)]);
    } finally {
      await other.close();
    }
    const reminders = async (p: { participantId: string }) =>
      (await inboxOf(p.participantId)).messages.filter((m) => m.kind === 'PURCHASE_DEADLINE_REMINDER');
    const [s, l, b] = await Promise.all([soon, later, bought].map(reminders));
    expect(s).toHaveLength(1);
    expect(s[0].body).toContain('Rp3.500.000');
    expect(l).toHaveLength(0); // its deadline is beyond the window
    expect(b).toHaveLength(0); // it already bought a course
  });

  it('notifies an incentive payment once per payout reference', async () => {
    const holder = await cardholder();
    const reference = `PAYOUT-${Date.now()}`;
    expect(await notifyIncentivePaid(orm.em.fork(), holder.participantId, 600_000, reference)).toBe(1);
    expect(await notifyIncentivePaid(orm.em.fork(), holder.participantId, 600_000, reference)).toBe(0);
    const paid = (await inboxOf(holder.participantId)).messages.filter((m) => m.kind === 'INCENTIVE_PAID');
    expect(paid).toHaveLength(1);
    expect(paid[0].body).toContain('Rp600.000');
  });

  it('hands every notification to the channel, never the same one to two senders at once, and records it delivered', async () => {
    const holders = await cardholders(4);
    const sent: string[][] = [[], []];
    const channel = (i: number) => ({ send: async (m: { id: string }) => void sent[i].push(m.id) });
    // Two senders (two pools) at once, beside the subgraph's own channel job.
    const other = await createParticipantsOrm(process.env.TEST_DATABASE_URL!);
    try {
      await Promise.all([deliverToChannel(orm.em.fork(), channel(0)), deliverToChannel(other.em.fork(), channel(1))]);
    } finally {
      await other.close();
    }
    expect(sent[0].filter((id) => sent[1].includes(id))).toEqual([]);
    const { rows } = await db().query(
      `SELECT count(*)::int AS pending FROM participants.inbox_message WHERE participant_id = ANY($1) AND channel_delivered_at IS NULL`,
      [holders.map((h) => h.participantId)],
    );
    expect(rows[0].pending).toBe(0);
  });

  it('keeps read state per participant: many marking at once each change and see only their own', async () => {
    const holders = await cardholders(8);
    const MARK = `mutation Mark($input: InboxMessageMarkReadInput!) { inboxMessageMarkRead(input: $input) { message { id readAt } unreadCount userErrors { code } } }`;
    const ALL = `mutation { inboxMarkAllRead { markedCount participant { inboxUnreadCount } userErrors { code } } }`;
    const before = await Promise.all(holders.map((h) => inboxOf(h.participantId)));
    expect(before.map((b) => b.unread)).toEqual(holders.map(() => 2));
    // Everyone at once: the even ones mark one message, the odd ones everything; each also tries a neighbour's message.
    const answers = await Promise.all(
      holders.map(async (h, i) => {
        const token = await tokenFor('participant', h.participantId);
        const neighbour = before[(i + 1) % holders.length].messages[0].id;
        const foreign = await gatewayQuery(MARK, { input: { id: neighbour } }, { token });
        const own =
          i % 2 === 0
            ? (await gatewayQuery(MARK, { input: { id: before[i].messages[0].id } }, { token })).data!.inboxMessageMarkRead
            : (await gatewayQuery(ALL, {}, { token })).data!.inboxMarkAllRead;
        return { foreign: foreign.data!.inboxMessageMarkRead, own };
      }),
    );
    for (const [i, a] of answers.entries()) {
      expect(a.foreign).toEqual({ message: null, unreadCount: null, userErrors: [{ code: 'MESSAGE_NOT_FOUND' }] });
      if (i % 2 === 0) expect(a.own).toMatchObject({ message: { id: before[i].messages[0].id }, unreadCount: 1, userErrors: [] });
      else expect(a.own).toEqual({ markedCount: 2, participant: { inboxUnreadCount: 0 }, userErrors: [] });
    }
    const after = await Promise.all(holders.map((h) => inboxOf(h.participantId, true)));
    for (const [i, a] of after.entries()) {
      expect(a.unread).toBe(i % 2 === 0 ? 1 : 0);
      expect(a.messages.map((m) => m.id)).toEqual(i % 2 === 0 ? [before[i].messages[1].id] : []);
    }
    // Nobody else reads anyone's unread count, the office included.
    const office = await gatewayQuery(
      `query($id: ID!) { participant(id: $id) { inboxUnreadCount } }`,
      { id: holders[0].participantId },
      { token: await tokenFor('admin'), headers: { 'x-purpose': 'automated test' } },
    );
    expect(office.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
