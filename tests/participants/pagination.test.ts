import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { subgraphQuery } from '../support/client';
import { asParticipant, personWithCard } from './fixtures';

const { createParticipantsOrm } = require('../../dist/subgraphs/participants/orm') as typeof import('../../subgraphs/participants/orm');
const wallet =
  require('../../dist/subgraphs/participants/wallet/wallet.service') as typeof import('../../subgraphs/participants/wallet/wallet.service');
const inbox =
  require('../../dist/subgraphs/participants/inbox/inbox.service') as typeof import('../../subgraphs/participants/inbox/inbox.service');

let orm: MikroORM;
beforeAll(async () => {
  orm = await createParticipantsOrm(process.env.TEST_DATABASE_URL!);
});
afterAll(async () => {
  await orm.close();
});

/** Pages through `field` one item at a time and returns every node id seen, in order. */
async function pageThrough(participantId: string, field: 'inbox' | 'ledger'): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const query =
      field === 'inbox'
        ? `query($after: String) { me { inbox(first: 1, after: $after, kind: OTP) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`
        : `query($after: String) { me { wallet { ledger(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`;
    const res = await subgraphQuery('participants', query, { after }, asParticipant(participantId));
    expect(res.errors).toBeUndefined();
    const page = field === 'inbox' ? res.data.me.inbox : res.data.me.wallet.ledger;
    seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('keyset pagination over rows written in the same instant', () => {
  // One transaction: every now() in it is the same instant, to the microsecond.
  it('pages an inbox written in one transaction one message at a time, each message exactly once', async () => {
    const { participantId } = await personWithCard();
    await orm.em.fork().transactional(async (tx) => {
      for (let i = 0; i < 4; i++)
        await inbox.deliverInboxMessage(tx as never, { participantId, referenceId: randomUUID(), subject: `s${i}`, body: 'b' });
    });
    const seen = await pageThrough(participantId, 'inbox');
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('pages a ledger written in one transaction one entry at a time, each entry exactly once', async () => {
    const { participantId, cardNumber } = await personWithCard();
    await orm.em.fork().transactional(async (tx) => {
      for (let i = 0; i < 3; i++) {
        const referenceId = randomUUID();
        await wallet.placeHold(tx as never, { referenceId, cardNumber, amount: 1000, expiresAt: new Date(Date.now() + 600_000) });
        expect((await wallet.captureHold(tx as never, referenceId)).userErrors).toEqual([]);
      }
    });
    const seen = await pageThrough(participantId, 'ledger');
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });
});

describe('crafted ledger cursors', () => {
  it('refuses them as BAD_USER_INPUT, before they reach PostgreSQL', async () => {
    const { participantId } = await personWithCard();
    const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const query = `query($after: String) { me { wallet { ledger(first: 1, after: $after) { totalCount } } } }`;
    for (const after of [cursor(['not-a-date', randomUUID()]), cursor([new Date().toISOString(), 'x']), 'garbage']) {
      const res = await subgraphQuery('participants', query, { after }, asParticipant(participantId));
      expect([after, res.errors?.[0]?.extensions?.code]).toEqual([after, 'BAD_USER_INPUT']);
    }
    const fine = await subgraphQuery(
      'participants',
      query,
      { after: cursor([new Date().toISOString(), randomUUID()]) },
      asParticipant(participantId),
    );
    expect(fine.data?.me.wallet.ledger.totalCount).toBe(1);
  });
});

describe('PageInfo', () => {
  const PAGE_INFO = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor }';
  type PageShape = { totalCount: number; pageInfo: Record<string, unknown>; edges: { cursor: string }[] };

  /** The first page of two items, then the page after it, for one paged field. */
  async function twoPages(participantId: string, field: 'inbox' | 'ledger'): Promise<[PageShape, PageShape]> {
    const query =
      field === 'inbox'
        ? `query($after: String) { me { inbox(first: 2, after: $after, kind: OTP) { ${PAGE_INFO} } } }`
        : `query($after: String) { me { wallet { ledger(first: 2, after: $after) { ${PAGE_INFO} } } } }`;
    const pages: PageShape[] = [];
    let after: string | null = null;
    for (let i = 0; i < 2; i++) {
      const res = await subgraphQuery('participants', query, { after }, asParticipant(participantId));
      expect(res.errors).toBeUndefined();
      pages.push(field === 'inbox' ? res.data.me.inbox : res.data.me.wallet.ledger);
      after = pages[i].pageInfo.endCursor as string;
    }
    return pages as [PageShape, PageShape];
  }

  // inbox is paged by `paginate`, the ledger by the batched connectionLoader: both fill PageInfo the same way.
  it('gives each page its start and end cursors, and says a page asked for after a cursor has one before it', async () => {
    const { participantId, cardNumber } = await personWithCard();
    await orm.em.fork().transactional(async (tx) => {
      for (let i = 0; i < 3; i++) {
        await inbox.deliverInboxMessage(tx as never, { participantId, referenceId: randomUUID(), subject: `s${i}`, body: 'b' });
        const referenceId = randomUUID();
        await wallet.placeHold(tx as never, { referenceId, cardNumber, amount: 1000, expiresAt: new Date(Date.now() + 600_000) });
        await wallet.captureHold(tx as never, referenceId);
      }
    });
    for (const field of ['inbox', 'ledger'] as const) {
      const [first, second] = await twoPages(participantId, field);
      expect([field, first.pageInfo]).toEqual([
        field,
        { hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[1].cursor },
      ]);
      expect([field, second.pageInfo]).toEqual([
        field,
        {
          hasNextPage: 2 + second.edges.length < second.totalCount,
          hasPreviousPage: true,
          startCursor: second.edges[0].cursor,
          endCursor: second.edges.at(-1)!.cursor,
        },
      ]);
    }
  });
});
