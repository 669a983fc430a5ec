import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';
import { isUuid } from './ids';
import { MAX_PAGE_SIZE } from './limits';

@ObjectType({ description: 'Where a page sits in the whole list (Relay cursor connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage: boolean;

  @Field({
    description:
      'Whether items precede this page: true for a page asked for `after` a cursor (the cursor’s own item comes before it). Lists page forward only.',
  })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page; null for an empty page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

/** The PageInfo of a page of `edges` asked for `after` a cursor (or from the start). */
export function pageInfoOf(edges: ReadonlyArray<{ cursor: string }>, hasNextPage: boolean, after: string | null | undefined): PageInfo {
  return Object.assign(new PageInfo(), {
    hasNextPage,
    hasPreviousPage: after != null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  });
}

/** The arguments of every cursor-paginated field; a field with filters extends it. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { description: 'Page size; capped at 100.' })
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the item after which the page starts.' })
  after?: string | null;
}

/** Validates `first` and caps it at MAX_PAGE_SIZE. */
export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0) throw badInput('`first` must be a non-negative integer', 'first');
  return Math.min(first, MAX_PAGE_SIZE);
}

export function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((k) => typeof k === 'string')) return key as [string, string];
  } catch {
    // fall through to the uniform error below
  }
  throw badInput('`after` is not a cursor returned by this field', 'after');
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A promise when counted lazily (only if the client selects the field). */
  totalCount: number | Promise<number>;
}

/** Builds `XConnection` and `XEdge` object types for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${description} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor: string;

    @Field(() => node, { description: `The ${description}.` })
    node: T;
  }

  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, in order.' })
    edges: Edge<T>[];

    @Field(() => PageInfo, { description: 'Whether more pages follow and the cursor to fetch the next.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list, across all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}

export interface KeysetOptions {
  first: number;
  after?: string | null;
  /** Sort property: a timestamp column, or `id`; ties are broken by `id`. */
  sortBy: string;
  direction: 'asc' | 'desc';
  /** The sort column may hold microseconds: compare at the cursors' millisecond precision (small tables only). */
  microseconds?: boolean;
}

/**
 * Keyset pagination over (sortBy, id): stable under concurrent inserts, and one indexed range scan per page
 * however deep the page.
 */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: ClassType<T>,
  where: FilterQuery<T>,
  options: KeysetOptions,
): Promise<Page<T>> {
  const limit = pageSize(options.first);
  const op = options.direction === 'desc' ? '$lt' : '$gt';
  // Cursors carry milliseconds (JS dates). A column that may hold microseconds (written by SQL now()) is
  // compared and ordered truncated to milliseconds, or a row a few microseconds from a page's last one would fall
  // between two pages; that costs the index range scan, so only small tables ask for it (`microseconds`).
  const column =
    options.sortBy === 'id' || !options.microseconds
      ? null
      : em.getMetadata().get(entity.name).properties[options.sortBy as never].fieldNames[0];
  const sortExpression = (alias: string) => `date_trunc('milliseconds', ${alias}.${column})`;
  let filter: FilterQuery<T> = where;
  if (options.after) {
    const [sortValue, id] = decodeCursor(options.after);
    const sortKey = options.sortBy === 'id' ? sortValue : new Date(sortValue);
    // A crafted cursor must not reach SQL as an invalid uuid or date (a 500 instead of the caller's mistake).
    if (!isUuid(id) || (sortKey instanceof Date && Number.isNaN(sortKey.getTime())))
      throw badInput('`after` is not a cursor returned by this field', 'after');
    const keyset = column
      ? { [raw((alias: string) => `(${sortExpression(alias)}, ${alias}.id) ${op === '$lt' ? '<' : '>'} (?, ?)`, [sortKey, id])]: [] }
      : { $or: [{ [options.sortBy]: { [op]: sortKey } }, { [options.sortBy]: sortKey, id: { [op]: id } }] };
    filter = { $and: [where, keyset] } as FilterQuery<T>;
  }
  const orderBy = (
    column
      ? { [raw(sortExpression)]: options.direction, id: options.direction }
      : { [options.sortBy]: options.direction, id: options.direction }
  ) as never;
  const rows = limit === 0 ? [] : await em.find(entity, filter, { orderBy, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor([sortValueOf(node, options.sortBy), node.id]), node }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    // Counting the whole list is the costly part of a page: done only when the client selects totalCount.
    get totalCount() {
      return (counted ??= em.count(entity, where));
    },
    pageInfo: pageInfoOf(edges, rows.length > limit, options.after),
  };
}

function sortValueOf(node: object, key: string): string {
  const value = (node as Record<string, unknown>)[key];
  return value instanceof Date ? value.toISOString() : String(value);
}
