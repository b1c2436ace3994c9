import type DataLoader from 'dataloader';
import {
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { Extensions } from 'type-graphql';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { EntityReader, orderBy, type PropertyOrder } from './batch.js';
import type { Context } from './context.js';
import type { Loaders } from './loaders.js';

/**
 * Look-ahead: a root field reads its rows and, in the same statement, every relation below them
 * that the query selects and that says how (`@Prefetch` on its field resolver), as nested JSON
 * (PostgreSQL's json_agg, the way PostGraphile does it). The rows found prime the relations'
 * DataLoaders, so the field resolvers run as before and find their data already loaded: a plan
 * with its sections, tasks, clauses, assignments and agencies is one statement, not six in a row.
 * Relations without `@Prefetch` (or with arguments) still load through their DataLoaders.
 */
export interface PrefetchRelation {
  /** The entity the field returns (a function: entities import each other). */
  entity: () => EntityTarget<ObjectLiteral>;
  /** `many`: the rows whose `column` equals the parent's `parentProperty`; `one`: the row whose unique `column` does. */
  kind: 'many' | 'one';
  column: string;
  parentProperty: string;
  /** The order of a `many` relation, as its loader returns it. */
  order?: PropertyOrder<ObjectLiteral>;
  /** The loader the rows prime, keyed by the parent's `parentProperty`. */
  loader: keyof Loaders;
}

const EXTENSION = 'prefetch';
/** Deep enough for plan → sections → tasks → clauses → assignments → agency and then some. */
const MAX_DEPTH = 8;

/** Declares how a relation field is read ahead (see above). */
export function Prefetch(relation: PrefetchRelation): MethodDecorator {
  return Extensions({ [EXTENSION]: relation });
}

interface Node {
  name: string;
  relation: PrefetchRelation;
  reader: EntityReader<ObjectLiteral>;
  children: Node[];
}

/** The fields selected on `type`, by name (fragments included), each with all its occurrences. */
export function selectedFields(
  info: GraphQLResolveInfo,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === 'Field') fields.set(selection.name.value, [...(fields.get(selection.name.value) ?? []), selection]);
      else {
        const fragment = selection.kind === 'InlineFragment' ? selection : info.fragments[selection.name.value];
        const condition = fragment?.typeCondition?.name.value;
        if (fragment && (!condition || condition === type.name || type.getInterfaces().some((each) => each.name === condition)))
          visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return fields;
}

function plan(
  dataSource: DataSource,
  info: GraphQLResolveInfo,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  depth: number,
): Node[] {
  if (depth >= MAX_DEPTH) return [];
  const nodes: Node[] = [];
  for (const [name, occurrences] of selectedFields(info, type, sets)) {
    const field = type.getFields()[name];
    const relation = field?.extensions?.[EXTENSION] as PrefetchRelation | undefined;
    const childType = field && getNamedType(field.type);
    if (!relation || field.args.length > 0 || !isObjectType(childType)) continue;
    const childSets = occurrences.flatMap((occurrence) => (occurrence.selectionSet ? [occurrence.selectionSet] : []));
    nodes.push({
      name,
      relation,
      reader: EntityReader.of(dataSource, relation.entity()),
      children: plan(dataSource, info, childType, childSets, depth + 1),
    });
  }
  return nodes;
}

/** The SQL expressions (`'__name', (subquery)` pairs) of `nodes` below a row of `parent` under `alias`. */
function relationPairs(parent: EntityReader<ObjectLiteral>, alias: string, nodes: Node[], depth: number): string[] {
  return nodes.map((node, index) => {
    const child = `p${depth}_${index}`;
    const { relation, reader } = node;
    const object = reader.jsonObject(child, relationPairs(reader, child, node.children, depth + 1));
    const where = `${child}.${reader.column(relation.column)} = ${alias}.${parent.column(relation.parentProperty)}`;
    const subquery =
      relation.kind === 'many'
        ? `(SELECT coalesce(json_agg(${object}${relation.order ? ` ORDER BY ${orderBy(reader, child, relation.order)}` : ''}), CAST('[]' AS json)) FROM ${reader.table} ${child} WHERE ${where})`
        : `(SELECT ${object} FROM ${reader.table} ${child} WHERE ${where})`;
    return `'__${node.name}', ${subquery}`;
  });
}

/** Hydrates the relations of one row and primes their loaders. */
function prime(loaders: Loaders, entity: ObjectLiteral, row: Record<string, unknown>, nodes: Node[]): void {
  for (const node of nodes) {
    const value = row[`__${node.name}`];
    const key = entity[node.relation.parentProperty];
    const loader = loaders[node.relation.loader] as unknown as DataLoader<unknown, unknown>;
    const hydrate = (child: Record<string, unknown>) => {
      const hydrated = node.reader.hydrate(child);
      prime(loaders, hydrated, child, node.children);
      return hydrated;
    };
    if (node.relation.kind === 'many') loader.prime(key, (value as Record<string, unknown>[]).map(hydrate));
    else loader.prime(key, value ? hydrate(value as Record<string, unknown>) : null);
  }
}

/** What a connection's page adds to its select to read its nodes' relations ahead (paginate). */
export interface PagePrefetch {
  /** `"__relations"` for the select list, or null when the query selects no prefetchable relation. */
  select: string | null;
  /** Primes the loaders with the relations of one row read with `select`. */
  prime(entity: ObjectLiteral, row: Record<string, unknown>): void;
}

/** Look-ahead for the nodes of a connection field (`nodes { … }` and `edges { node { … } }`). */
export function prefetchNodes(
  { dataSource, loaders }: Context,
  info: GraphQLResolveInfo,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
): PagePrefetch {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return { select: null, prime: () => undefined };
  const fields = selectedFields(
    info,
    connection,
    info.fieldNodes.flatMap((node) => node.selectionSet ?? []),
  );
  const sets = (fields.get('nodes') ?? []).flatMap((node) => node.selectionSet ?? []);
  const nodeType = getNamedType(connection.getFields().nodes?.type);
  const edgeType = getNamedType(connection.getFields().edges?.type);
  if (isObjectType(edgeType)) {
    const edgeSets = (fields.get('edges') ?? []).flatMap((node) => node.selectionSet ?? []);
    for (const node of selectedFields(info, edgeType, edgeSets).get('node') ?? []) if (node.selectionSet) sets.push(node.selectionSet);
  }
  if (!isObjectType(nodeType) || sets.length === 0) return { select: null, prime: () => undefined };
  const reader = EntityReader.of(dataSource, entity);
  const nodes = plan(dataSource, info, nodeType, sets, 0);
  const relations = relationPairs(reader, alias, nodes, 0);
  if (!relations.length) return { select: null, prime: () => undefined };
  return {
    select: `json_build_object(${relations.join(', ')}) AS "__relations"`,
    prime: (hydrated, row) => prime(loaders, hydrated, row.__relations as Record<string, unknown>, nodes),
  };
}

/**
 * The rows of `entity` whose unique `column` is one of `keys` (null for a miss), read in one
 * statement with every prefetchable relation the current field's selection asks for.
 */
export async function loadWithRelations<E extends ObjectLiteral>(
  { dataSource, loaders }: Context,
  info: GraphQLResolveInfo,
  entity: EntityTarget<E>,
  column: keyof E & string,
  keys: readonly (string | number)[],
): Promise<(E | null)[]> {
  const type = getNamedType(info.returnType);
  const reader = EntityReader.of(dataSource, entity);
  const nodes = isObjectType(type)
    ? plan(
        dataSource,
        info,
        type,
        info.fieldNodes.flatMap((node) => node.selectionSet ?? []),
        0,
      )
    : [];
  const relations = relationPairs(reader as EntityReader<ObjectLiteral>, 'r', nodes, 0);
  const select = relations.length
    ? `${reader.select('r')}, json_build_object(${relations.join(', ')}) AS "__relations"`
    : reader.select('r');
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT ${select} FROM ${reader.table} r WHERE r.${reader.column(column)} = ANY($1)`,
    [keys],
  );
  const byKey = new Map<unknown, E>();
  for (const row of rows) {
    const hydrated = reader.hydrate(row);
    if (relations.length) prime(loaders, hydrated, row.__relations as Record<string, unknown>, nodes);
    byKey.set(row[column], hydrated);
  }
  return keys.map((key) => byKey.get(key) ?? null);
}
