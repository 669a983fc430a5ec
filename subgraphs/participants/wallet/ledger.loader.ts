import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { badInput } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { decodeCursor, encodeCursor, PageInfo, pageSize, type Page } from '../../../common/pagination';
import { toSafeInt } from '../../../common/scalars';
import { json, S, sql, toDate } from '../sql';
import { LedgerEntry, LedgerKind } from './wallet.entity';

export interface LedgerPageKey {
  walletId: string;
  /** Already capped by pageSize. */
  limit: number;
  /** A cursor already checked by ledgerPageKey. */
  after: string | null;
}

const keyOf = (k: LedgerPageKey) => `${k.walletId}|${k.limit}|${k.after ?? ''}`;

function cursorOf(after: string): [Date, string] | null {
  const [at, id] = decodeCursor(after);
  const date = new Date(at);
  return Number.isNaN(date.getTime()) || !isUuid(id) ? null : [date, id];
}

/** Validates the page arguments in the resolver, so that one bad cursor cannot fail other wallets' pages in the batch. */
export function ledgerPageKey(walletId: string, first: number, after?: string | null): LedgerPageKey {
  const limit = pageSize(first);
  if (after && !cursorOf(after)) throw badInput('`after` is not a cursor returned by this field', 'after');
  return { walletId, limit, after: after || null };
}

interface LedgerRow {
  id: string;
  wallet_id: string;
  kind: LedgerKind;
  amount: string;
  reference_id: string;
  created_at: string | Date;
}

/**
 * Ledger pages of many wallets, newest first, with the same keyset as `paginate` (created_at, id): two
 * statements per distinct (first, after) — usually one group, as list queries ask every wallet the same page —
 * the page cut per wallet by row_number().
 */
export function ledgerPageLoader(em: EntityManager) {
  return new DataLoader<LedgerPageKey, Page<LedgerEntry>, string>(
    async (keys) => {
      const groups = new Map<string, LedgerPageKey[]>();
      for (const k of keys) {
        const group = `${k.limit}|${k.after ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), k]);
      }
      const pages = new Map<string, Page<LedgerEntry>>();
      await Promise.all([...groups.values()].map(async (group) => {
        const { limit, after } = group[0];
        const ids = json([...new Set(group.map((k) => k.walletId))]);
        const cursor = after ? cursorOf(after) : null;
        const wallets = `(SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`;
        const [rows, counts] = await Promise.all([
          limit === 0
            ? Promise.resolve([] as LedgerRow[])
            : sql<LedgerRow>(
                em,
                `SELECT id, wallet_id, kind, amount, reference_id, created_at FROM (
                   SELECT l.*, row_number() OVER (PARTITION BY l.wallet_id ORDER BY l.created_at DESC, l.id DESC) AS rn
                   FROM ${S}.ledger_entry l
                   WHERE l.wallet_id IN ${wallets} AND (?::timestamptz IS NULL OR (l.created_at, l.id) < (?::timestamptz, ?::uuid))) x
                 WHERE rn <= ? ORDER BY wallet_id, rn`,
                [ids, cursor?.[0] ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
              ),
          sql<{ wallet_id: string; n: string }>(em, `SELECT wallet_id, count(*) AS n FROM ${S}.ledger_entry WHERE wallet_id IN ${wallets} GROUP BY 1`, [ids]),
        ]);
        const total = new Map(counts.map((c) => [c.wallet_id, Number(c.n)]));
        const byWallet = new Map<string, LedgerEntry[]>();
        for (const r of rows) {
          const entry = Object.assign(new LedgerEntry(), { id: r.id, kind: r.kind, amount: toSafeInt(r.amount), referenceId: r.reference_id, createdAt: toDate(r.created_at) });
          byWallet.set(r.wallet_id, [...(byWallet.get(r.wallet_id) ?? []), entry]);
        }
        for (const k of group) {
          const entries = byWallet.get(k.walletId) ?? [];
          const edges = entries.slice(0, limit).map((node) => ({ cursor: encodeCursor([node.createdAt.toISOString(), node.id]), node }));
          pages.set(keyOf(k), {
            edges,
            totalCount: total.get(k.walletId) ?? 0,
            pageInfo: Object.assign(new PageInfo(), { hasNextPage: entries.length > limit, endCursor: edges.at(-1)?.cursor ?? null }),
          });
        }
      }));
      return keys.map((k) => pages.get(keyOf(k))!);
    },
    { cacheKeyFn: keyOf },
  );
}
