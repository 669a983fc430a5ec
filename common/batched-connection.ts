import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { ClassType } from 'type-graphql';
import { badInput } from './errors';
import { isUuid } from './ids';
import { decodeCursor, encodeCursor, pageInfoOf, pageSize, type Page } from './pagination';

export interface ConnectionKey {
  parentId: string;
  first: number;
  after?: string | null;
}

export interface ConnectionSpec<T extends object> {
  entity: ClassType<T>;
  /** Schema-qualified table, for example `courses.offering`; the owning subgraph's own. */
  table: string;
  /** Column holding the parent's id. */
  parentColumn: string;
  /** Sort column and the entity property it maps to; ties are broken by id. */
  sortColumn: string;
  sortProperty: keyof T & string;
  /** What the sort column holds: a timestamp (the default) or a whole number (a price). */
  sortKind?: 'timestamp' | 'integer';
  direction: 'asc' | 'desc';
  /** Extra SQL condition on alias `t` (constants only, no parameters). */
  where?: string;
}

/**
 * A paginated list field on many parents (`Partner.offerings`, `TrainingInstitution.courses`,
 * `WalletView.ledger`) in two queries per page shape, however many parents the response holds: a grouped
 * count and a window query that keeps the first `first + 1` rows of each parent after the cursor. A bad
 * cursor fails only the keys that carry it, not the other parents of the batch.
 */
export function connectionLoader<T extends { id: string }>(em: EntityManager, spec: ConnectionSpec<T>) {
  return new DataLoader<ConnectionKey, Page<T>, string>(
    async (keys) => {
      const groups = new Map<string, ConnectionKey[]>();
      for (const key of keys) {
        const shape = JSON.stringify([key.first, key.after ?? null]);
        groups.set(shape, [...(groups.get(shape) ?? []), key]);
      }
      const pages = new Map<string, Page<T> | Error>();
      for (const group of groups.values()) {
        const { first, after } = group[0];
        const result = await loadGroup(em, spec, [...new Set(group.map((k) => k.parentId))], first, after ?? null).catch(
          (error: Error) => error,
        );
        for (const key of group) pages.set(cacheKey(key), result instanceof Error ? result : result.get(key.parentId)!);
      }
      return keys.map((key) => pages.get(cacheKey(key))!);
    },
    { cacheKeyFn: cacheKey },
  );
}

const cacheKey = (key: ConnectionKey) => JSON.stringify([key.parentId, key.first, key.after ?? null]);

async function loadGroup<T extends { id: string }>(
  em: EntityManager,
  spec: ConnectionSpec<T>,
  requested: string[],
  first: number,
  after: string | null,
) {
  // A malformed parent id (from a crafted reference) has an empty page; sent to PostgreSQL it would fail the whole batch.
  const parentIds = requested.filter(isUuid);
  if (!parentIds.length) return emptyPages<T>(requested, after);
  const limit = pageSize(first);
  const marks = parentIds.map(() => '?').join(', ');
  const where = `t.${spec.parentColumn} in (${marks})${spec.where ? ` and (${spec.where})` : ''}`;
  const counts = await em.execute<Array<{ parent: string; n: number }>>(
    `select t.${spec.parentColumn} as parent, count(*)::int as n from ${spec.table} t where ${where} group by 1`,
    parentIds,
  );
  let rows: Array<Record<string, unknown>> = [];
  if (limit > 0) {
    const params: unknown[] = [...parentIds];
    let keyset = '';
    if (after) {
      const [sortText, id] = decodeCursor(after);
      const sortValue = sortKeyOf(spec, sortText);
      // A crafted cursor must be refused as input, not reach PostgreSQL as an Invalid Date or a non-uuid id.
      if (sortValue === null || !isUuid(id)) throw badInput('`after` is not a cursor returned by this field', 'after');
      keyset = ` and (t.${spec.sortColumn}, t.id) ${spec.direction === 'asc' ? '>' : '<'} (?, ?)`;
      params.push(sortValue, id);
    }
    const dir = spec.direction;
    params.push(limit + 1);
    rows = await em.execute(
      `select * from (select t.*, row_number() over (partition by t.${spec.parentColumn} order by t.${spec.sortColumn} ${dir}, t.id ${dir}) as _rn
         from ${spec.table} t where ${where}${keyset}) x where x._rn <= ? order by x._rn`,
      params,
    );
  }
  const byParent = new Map<string, T[]>(requested.map((id) => [id, []]));
  for (const row of rows) {
    const parent = row[spec.parentColumn] as string;
    delete row._rn;
    byParent.get(parent)!.push(em.map(spec.entity, row as never) as T);
  }
  const totals = new Map(counts.map((c) => [c.parent, c.n]));
  const result = new Map<string, Page<T>>();
  for (const [parentId, nodes] of byParent) {
    const page = nodes.slice(0, limit);
    const edges = page.map((node) => ({
      cursor: encodeCursor([cursorTextOf(spec, node[spec.sortProperty]), node.id]),
      node,
    }));
    result.set(parentId, {
      edges,
      totalCount: totals.get(parentId) ?? 0,
      pageInfo: pageInfoOf(edges, nodes.length > limit, after),
    });
  }
  return result;
}

function emptyPages<T>(parentIds: string[], after: string | null): Map<string, Page<T>> {
  return new Map(parentIds.map((id) => [id, { edges: [], totalCount: 0, pageInfo: pageInfoOf([], false, after) }]));
}

/** The sort key a cursor carries, as a query parameter; null when the cursor was not made by this field. */
function sortKeyOf<T extends object>(spec: ConnectionSpec<T>, text: string): Date | number | null {
  if (spec.sortKind === 'integer') return /^-?\d{1,15}$/.test(text) ? Number(text) : null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function cursorTextOf<T extends object>(spec: ConnectionSpec<T>, value: unknown): string {
  return spec.sortKind === 'integer' ? String(value) : (value as Date).toISOString();
}
