import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Brackets, SelectQueryBuilder, type DataSource, type ObjectLiteral } from 'typeorm';
import { getNamedType, isObjectType, type GraphQLResolveInfo } from 'graphql';
import type { EntityReader } from './batch.js';
import { selectedFields, type PagePrefetch } from './prefetch.js';
import { ApiError, ErrorCode } from './errors.js';
import { textProblem } from './input-guard.js';

/** The most a connection returns per page; larger `first` values are refused, not clamped. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, 0 to ${MAX_PAGE_SIZE} (null means ${DEFAULT_PAGE_SIZE}); larger values are refused with the error code input/first_too_large.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return the items after this cursor (a `pageInfo.endCursor` or an edge's `cursor`).",
  })
  after?: string | null;
}

@ObjectType({ description: 'Where a page stands in its connection.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of this page; pass it as `after` for the next page. Null on an empty page.',
  })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  /**
   * Counted only when a query selects `totalCount`: the default field resolver calls a function
   * it finds (type-graphql's simple resolvers), so a page without it costs no COUNT.
   */
  totalCount: () => Promise<number>;
  nodes: T[];
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * The GraphQL types of a connection over `nodeType` (`PlanConnection`, `PlanEdge`), following the
 * Relay cursor-connection shape, plus `nodes` for clients that need no cursors.
 */
export function connectionType<T extends object>(nodeType: ClassType<T>, plural: string): ClassType<Connection<T>> {
  const name = nodeType.name;

  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: `Opaque cursor of this ${name}; pass it as \`after\` to continue after it.` })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${plural}.` })
  class ConnectionType {
    @Field(() => Int, { description: `How many ${plural} match, across all pages.` })
    totalCount: () => Promise<number>;

    @Field(() => [nodeType], { description: `The ${plural} of this page.` })
    nodes: T[];

    @Field(() => [EdgeType], { description: `The ${plural} of this page with their cursors.` })
    edges: Edge<T>[];

    @Field(() => PageInfo, { description: 'Where this page stands.' })
    pageInfo: PageInfo;
  }

  return ConnectionType;
}

/**
 * The order a connection pages in: columns (as query-builder property paths) that together are
 * unique, all ascending (or all descending), and how to read their values from an entity.
 */
export interface Keyset<T> {
  /** The connection's type name, written into its cursors so one connection's cursor is refused by another. */
  name: string;
  columns: string[];
  /**
   * What each column holds: a cursor whose values are of other kinds (a string where an integer
   * goes, 1e400, a NUL) is forged and refused with `cursor/invalid`, before PostgreSQL sees it.
   */
  kinds: CursorValueKind[];
  values(entity: T): (string | number)[];
  /** Newest first, say: every column descending. */
  descending?: boolean;
  /**
   * The columns as SQL over the page's alias, for a keyset read from a `PageSql` whose order is
   * not only the alias's properties (a text search's relevance first); without it, `columns` are
   * properties of the alias, written as their columns.
   */
  sql?: string[];
}

/** `integer` is PostgreSQL's (32 bits), which every integer column of a keyset is. */
export type CursorValueKind = 'text' | 'integer';

const INT4 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function isOfKind(value: unknown, kind: CursorValueKind): boolean {
  if (kind === 'integer') return Number.isInteger(value) && (value as number) >= INT4.min && (value as number) <= INT4.max;
  return typeof value === 'string' && textProblem(value) === null;
}

function encodeCursor(keyset: Keyset<never>, values: (string | number)[]): string {
  return Buffer.from(`${keyset.name}:${JSON.stringify(values)}`, 'utf8').toString('base64url');
}

function decodeCursor(keyset: Keyset<never>, cursor: string): (string | number)[] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${keyset.name}:`;
  if (text.startsWith(prefix)) {
    try {
      const values: unknown = JSON.parse(text.slice(prefix.length));
      if (
        Array.isArray(values) &&
        values.length === keyset.kinds.length &&
        values.every((value, index) => isOfKind(value, keyset.kinds[index]))
      ) {
        return values;
      }
    } catch {
      // Not JSON: refused below like any other foreign cursor.
    }
  }
  throw new ApiError(ErrorCode.CURSOR_INVALID, `"${cursor}" is not a cursor of ${keyset.name}.`, { cursor });
}

/** The page size asked for; refuses sizes outside 0…MAX_PAGE_SIZE with a message that says the limit. */
export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (first > MAX_PAGE_SIZE) {
    throw new ApiError(ErrorCode.INPUT_FIRST_TOO_LARGE, `first is ${first}, but a page holds at most ${MAX_PAGE_SIZE} items.`, {
      argument: 'first',
      max: MAX_PAGE_SIZE,
    });
  }
  if (first < 0) throw new ApiError(ErrorCode.INPUT_INVALID, `first is ${first}; it must be 0 or more.`, { argument: 'first' });
  return first;
}

export interface PageOptions<T = never> {
  /**
   * The query selects `totalCount` (selects() on the connection field): count while the page is
   * read, not after it. Without it, a count still runs if the field is resolved.
   */
  countNow?: boolean;
  /** Reads the nodes' selected relations in the page's statement (prefetchNodes). */
  prefetch?: PagePrefetch;
  /**
   * More values read in the page's statement (`select`, each named `"__…"`) and put on each node
   * by `read`, before its cursor is made: a keyset over a joined table's columns needs them.
   */
  extra?: { select: string; read(entity: T, row: Record<string, unknown>): void };
}

/** Whether the connection field being resolved selects `field` (fragments included). */
export function selects(info: GraphQLResolveInfo, field: string): boolean {
  const type = getNamedType(info.returnType);
  return (
    isObjectType(type) &&
    selectedFields(
      info,
      type,
      info.fieldNodes.flatMap((node) => node.selectionSet ?? []),
    ).has(field)
  );
}

/**
 * A connection's rows as SQL written by its service, for the lists read most (plans, agencies):
 * `paginate` then writes the page's statement around it with template strings, where TypeORM's
 * query builder would clone itself and rebuild the statement, rewriting every property name in it
 * by regular expression, on every page (~10 % of the CPU of a page of plans). Conditions refer to
 * their parameters as `$1`, `$2`… in the order of `params`.
 */
export interface PageSql {
  dataSource: DataSource;
  /** The alias of the table read (the reader's) in `where`. */
  alias: string;
  where: string[];
  params: unknown[];
}

/**
 * One page of `query` in keyset order: one select, and a count when `totalCount` is asked for.
 * Keyset paging (WHERE (keys) > (cursor keys), or < descending) stays correct when rows are added
 * between pages. Rows are read through `reader` (its columns only, no TypeORM hydration).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T> | PageSql,
  keyset: Keyset<T>,
  args: PageArgs,
  reader: EntityReader<T>,
  options: PageOptions<T> = {},
): Promise<Connection<T>> {
  const first = pageSize(args.first);
  const after = pageAfter(keyset, args.after);
  const relations = options.prefetch?.select;
  reader = pageReader(reader, keyset, options.prefetch);
  const select = [reader.select(query.alias), relations, options.extra?.select].filter((part) => part).join(', ');
  const { rows, count } =
    query instanceof SelectQueryBuilder
      ? readBuilt(query, keyset, select, after, first)
      : readSql(query, reader, keyset, select, after, first);
  let counted: Promise<number> | undefined;
  const totalCount = () => (counted ??= count());
  if (options.countNow) void totalCount().catch(() => undefined);
  const entities = (await rows).map((row) => {
    const entity = reader.hydrate(row);
    if (relations) options.prefetch!.prime(entity, row);
    options.extra?.read(entity, row);
    return entity;
  });
  return pageOf(entities, first, keyset, totalCount);
}

interface PageRead {
  rows: Promise<Record<string, unknown>[]>;
  count: () => Promise<number>;
}

/** The page of a query builder's rows, and their count (paginate). */
function readBuilt<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keyset: Keyset<T>,
  select: string,
  after: (string | number)[] | null,
  first: number,
): PageRead {
  const count = () =>
    query
      .clone()
      .select('count(*)::int', 'count')
      .getRawOne<{ count: number }>()
      .then((row) => row!.count);
  const page = query.clone().select(select);
  if (after) {
    const params = Object.fromEntries(after.map((value, index) => [`cursor${index}`, value]));
    page.andWhere(
      new Brackets((where) =>
        where.where(
          `(${keyset.columns.join(', ')}) ${keyset.descending ? '<' : '>'} (${after.map((_, index) => `:cursor${index}`).join(', ')})`,
          params,
        ),
      ),
    );
  }
  const direction = keyset.descending ? 'DESC' : 'ASC';
  keyset.columns.forEach((column, index) => (index === 0 ? page.orderBy(column, direction) : page.addOrderBy(column, direction)));
  return { rows: page.limit(first + 1).getRawMany<Record<string, unknown>>(), count };
}

/** `FROM <table> <alias> WHERE …` of a service's SQL, with `conditions` (its own, or those and a cursor's). */
export function rowsOf(query: PageSql, table: string, conditions: string[] = query.where): string {
  return `FROM ${table} ${query.alias}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
}

/** The page of a service's SQL, and their count (paginate): the keyset's properties become their columns. */
function readSql<T extends ObjectLiteral>(
  query: PageSql,
  reader: EntityReader<T>,
  keyset: Keyset<T>,
  select: string,
  after: (string | number)[] | null,
  first: number,
): PageRead {
  const { dataSource, alias } = query;
  const table = reader.table;
  const columns =
    keyset.sql ??
    keyset.columns.map((path) => {
      const [owner, property] = path.split('.');
      if (owner !== alias || !property) throw new Error(`${keyset.name}: ${path} is not a property of ${alias}`);
      return `${alias}.${reader.column(property as keyof T & string)}`;
    });
  const count = () =>
    dataSource
      .query(`SELECT count(*)::int AS count ${rowsOf(query, table)}`, query.params)
      .then((result: { count: number }[]) => result[0].count);
  const params = [...query.params];
  const parameter = (value: unknown) => `$${params.push(value)}`;
  const conditions = [...query.where];
  if (after) conditions.push(`(${columns.join(', ')}) ${keyset.descending ? '<' : '>'} (${after.map(parameter).join(', ')})`);
  const direction = keyset.descending ? 'DESC' : 'ASC';
  const sql = `SELECT ${select} ${rowsOf(query, table, conditions)}
    ORDER BY ${columns.map((column) => `${column} ${direction}`).join(', ')} LIMIT ${parameter(first + 1)}`;
  return { rows: dataSource.query(sql, params), count };
}

/** The properties each keyset's `values` reads, found once by handing it a recording object (null: it needs a whole row). */
const keysetProperties = new WeakMap<Keyset<never>, string[] | null>();

function propertiesOf(keyset: Keyset<never>): string[] | null {
  if (!keysetProperties.has(keyset)) {
    const read = new Set<string>();
    const recorder = new Proxy({}, { get: (_, property) => (typeof property === 'string' && read.add(property), undefined) });
    try {
      keyset.values(recorder as never);
      keysetProperties.set(keyset, [...read]);
    } catch {
      keysetProperties.set(keyset, null);
    }
  }
  return keysetProperties.get(keyset)!;
}

/** The page's rows without the columns the operation never asks of them, keeping those its cursors are made of. */
export function pageReader<T extends ObjectLiteral>(
  reader: EntityReader<T>,
  keyset: Keyset<T>,
  prefetch: PagePrefetch | undefined,
): EntityReader<T> {
  const narrower = prefetch?.narrow?.(reader);
  if (!narrower || narrower === reader) return reader;
  const cursor = propertiesOf(keyset as Keyset<never>);
  if (!cursor) return reader;
  // The cursor's properties are read even when the operation does not select them.
  return reader.without(reader.properties.filter((property) => !narrower.properties.includes(property) && !cursor.includes(property)));
}

/**
 * The connection of a page read with `LIMIT first + 1` (the extra row only says that more
 * follow), e.g. one parent's page of a list paged under many parents (`pageAfter`).
 */
export function pageOf<T>(rows: T[], first: number, keyset: Keyset<T>, totalCount: () => Promise<number>): Connection<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(keyset, node), node }));
  return {
    totalCount,
    nodes,
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The cursor of one item, for lists that page without a connection around them. */
export function cursorOf<T>(keyset: Keyset<T>, item: T): string {
  return encodeCursor(keyset as Keyset<never>, keyset.values(item));
}

/** The keyset values after which a page starts (none without `after`); a forged cursor is `cursor/invalid`. */
export function pageAfter<T>(keyset: Keyset<T>, after: string | null | undefined): (string | number)[] | null {
  return after ? decodeCursor(keyset as Keyset<never>, after) : null;
}

/**
 * A page of a list read whole in the keyset's order, keeping only the items `keep` accepts (a
 * filter the database cannot apply, such as a verdict computed per row): the same cursors and
 * page info as `paginate`. The cursor is found among all items by its values (the database's
 * order and collation stay the only order), so it holds even when its item is no longer kept.
 */
export function pageOfList<T>(all: T[], keep: (item: T) => boolean, keyset: Keyset<T>, args: PageArgs): Connection<T> {
  const first = pageSize(args.first);
  let start = 0;
  if (args.after) {
    const cursor = JSON.stringify(decodeCursor(keyset as Keyset<never>, args.after));
    const at = all.findIndex((item) => JSON.stringify(keyset.values(item)) === cursor);
    // A cursor whose item is gone ends the list rather than starting it over.
    start = at < 0 ? all.length : at + 1;
  }
  const kept = all.filter(keep);
  return pageOf(all.slice(start).filter(keep), first, keyset, () => Promise.resolve(kept.length));
}
