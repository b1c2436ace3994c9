import type DataLoader from 'dataloader';
import {
  getArgumentValues,
  getNamedType,
  type DocumentNode,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
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
 * Relations without `@Prefetch` (or with arguments) still load through their DataLoaders, but for
 * fields read by SQL of their own whatever their arguments (`@PrefetchBy`: a task's agencies).
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

/**
 * A field read ahead by SQL of its own, where no one-column relation says what it reads (a task's
 * agencies: its clauses' assignments, each with its agency). What is read does not depend on the
 * field's arguments, which the field's resolver applies to what it finds in the loader primed here
 * (`agencies(role: LEAD)` filters the assignments by role): such a field is read ahead whatever its
 * arguments. Nothing below it is read ahead but what its SQL reads.
 */
export interface PrefetchQuery {
  /** The field's value for the parent row under `alias` (a subquery giving JSON), read into the parent's nested JSON. */
  sql(dataSource: DataSource, alias: string, parent: EntityReader<ObjectLiteral>): string;
  /** Primes the field's loader for `entity` with the JSON read by `sql`. */
  prime(loaders: Loaders, dataSource: DataSource, entity: ObjectLiteral, value: unknown): void;
}

const QUERY = 'prefetchQuery';

/** Declares how a field is read ahead by SQL of its own (see `PrefetchQuery`). */
export function PrefetchBy(query: PrefetchQuery): MethodDecorator {
  return Extensions({ [QUERY]: query });
}

function queryOf(field: GraphQLField<unknown, unknown> | undefined): PrefetchQuery | undefined {
  return field?.extensions?.[QUERY] as PrefetchQuery | undefined;
}

const READS = 'reads';

/** What a field resolver reads of the rows an operation reads ahead: per GraphQL type, property names. */
export type ReadProperties = Record<string, readonly string[]>;

/**
 * Declares every property a field resolver reads of the entities it is handed or loads, per
 * GraphQL type (each named after its entity): its parent's (`{ Task: ['deadline', …] }`), and
 * those of the rows it gets from loaders (an assignment's `role` and `agencyId`). An operation
 * selecting such a field still reads narrowed rows (see `OperationSelection`), keeping these
 * properties of those types. What it returns to graphql-js needs no declaring: only the fields the
 * operation selects are read of it. A resolver that hands an entity to a service, or reads what it
 * cannot name, declares nothing, and an operation selecting it reads whole rows.
 * A test holds every declaration to its entity's columns (reads.test.ts).
 */
export function Reads(properties: ReadProperties): MethodDecorator {
  return Extensions({ [READS]: properties });
}

/** The properties a field declares it reads (`@Reads`), or undefined. */
export function readsOf(field: GraphQLField<unknown, unknown>): ReadProperties | undefined {
  return field.extensions?.[READS] as ReadProperties | undefined;
}

const ONE_STATEMENT = 'oneStatement';

/**
 * Marks a connection's `totalCount` (connection.ts): its resolver reads no column of the page's
 * rows, and a root field that counts in its own statement says so with `@OneStatement`'s `unless`.
 */
export const COUNTS_ITS_PAGE = 'countsItsPage';

interface OneStatementRead {
  /** Fields which, selected on what the root field returns, cost a statement of their own (a count). */
  unless?: string[];
  /** When the read is one statement only for some arguments (a text search, not a filter alone). */
  when?: (args: Record<string, unknown>) => boolean;
}

/**
 * Declares that a root query field reads its rows, and every `@Prefetch` relation below them, in one
 * statement (loadWithRelations, or paginate with a prefetch), unless one of `unless` (the
 * connection's `totalCount`, a count of its own) is selected on what it returns, and when `when`
 * says so of its arguments.
 */
export function OneStatement(options: OneStatementRead = {}): MethodDecorator {
  return Extensions({ [ONE_STATEMENT]: options });
}

/** The root field of an operation whose selection one statement answers, per operation (Apollo keeps parsed documents). */
const oneStatementRoots = new WeakMap<OperationDefinitionNode, { field: GraphQLField<unknown, unknown>; node: FieldNode } | null>();

/**
 * Whether the whole answer to `operation` comes from one SQL statement: one root field declared
 * `@OneStatement` (its `when` holding for the arguments given), and below it nothing but plain
 * fields (a property read), Node ids, `@Prefetch` relations without arguments and `@PrefetchBy`
 * fields (with only plain fields below them), no deeper than the look-ahead reads. Such a read needs no snapshot (snapshot.ts): a statement always sees one
 * state of the database. Skipped fields (`@skip`, `@include`) count as selected, which only ever says no.
 */
export function readsInOneStatement(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): boolean {
  let root = oneStatementRoots.get(operation);
  if (root === undefined) oneStatementRoots.set(operation, (root = oneStatementRoot(schema, document, operation)));
  if (!root) return false;
  const { when } = root.field.extensions[ONE_STATEMENT] as OneStatementRead;
  if (!when) return true;
  try {
    return when(getArgumentValues(root.field, root.node, variables));
  } catch {
    // Arguments graphql-js will refuse: no statement at all.
    return false;
  }
}

function oneStatementRoot(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): { field: GraphQLField<unknown, unknown>; node: FieldNode } | null {
  if (operation.operation !== 'query') return null;
  const scope = {
    fragments: Object.fromEntries(
      document.definitions.flatMap((definition) =>
        definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
      ),
    ),
  };
  /** Every field below is answered from the rows read ahead; `depth` counts the relations crossed. */
  const readAhead = (sets: readonly SelectionSetNode[], type: GraphQLNamedType, depth: number, unless: readonly string[]): boolean => {
    if (!isObjectType(type)) return false;
    return [...selectedFields(scope, type, sets)].every(([name, nodes]) => {
      if (name === '__typename') return true;
      const field = type.getFields()[name];
      if (!field || unless.includes(name)) return false;
      let next = depth;
      if (field.resolve && !isNodeId(type, name) && !field.extensions?.[COUNTS_ITS_PAGE]) {
        if (depth >= MAX_DEPTH) return false;
        // Below a field read by its own SQL, only plain fields: nothing more is read ahead there.
        if (queryOf(field)) next = MAX_DEPTH;
        else if (!field.extensions?.[EXTENSION] || field.args.length > 0) return false;
        else next = depth + 1;
      }
      const below = nodes.flatMap((node) => node.selectionSet ?? []);
      return !below.length || readAhead(below, getNamedType(field.type), next, []);
    });
  };
  const root = schema.getQueryType();
  if (!root) return null;
  const roots = [...selectedFields(scope, root, [operation.selectionSet])].filter(([name]) => name !== '__typename');
  // One root field, once: two occurrences (aliases) read their rows apart.
  if (roots.length !== 1 || roots[0][1].length !== 1) return null;
  const [[name, [node]]] = roots;
  const field = root.getFields()[name];
  const declared = field?.extensions?.[ONE_STATEMENT] as OneStatementRead | undefined;
  if (!declared) return null;
  return !node.selectionSet || readAhead([node.selectionSet], getNamedType(field.type), 0, declared.unless ?? []) ? { field, node } : null;
}

type Node = RelationNode | QueryNode;

interface RelationNode {
  name: string;
  relation: PrefetchRelation;
  reader: EntityReader<ObjectLiteral>;
  children: Node[];
}

interface QueryNode {
  name: string;
  query: PrefetchQuery;
}

/** The fields selected on `type`, by name (fragments included), each with all its occurrences. */
export function selectedFields(
  info: Pick<GraphQLResolveInfo, 'fragments'>,
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

/**
 * What an operation selects of each type, operation-wide (every path, fragments and interfaces
 * included), and whether the rows it reads ahead may leave out the columns of fields it never
 * selects. They may only when nothing but plain fields (a column read as is), Node ids,
 * `@Prefetch` relations and fields that declare what they read (`@Reads`) are selected below a
 * single root field: then every entity of the answer is read here or by a loader primed here, and
 * seen only by graphql-js, which reads the selected properties and nothing else, and by resolvers
 * that read the properties they declared, which are kept. A field with a resolver of its own and no
 * declaration may read any property (or hand the entity to a service), so an operation selecting
 * one reads whole rows, as does one with another root field, whose resolver may read through the
 * same loaders.
 */
interface OperationSelection {
  narrow: boolean;
  fields: Map<string, Set<string>>;
  /** Properties left out per entity type (cache). */
  omitted: Map<string, string[]>;
}

const operations = new WeakMap<OperationDefinitionNode, OperationSelection>();

function operationSelection(info: GraphQLResolveInfo): OperationSelection {
  let selection = operations.get(info.operation);
  if (!selection) operations.set(info.operation, (selection = selectionOf(info)));
  return selection;
}

function selectionOf(info: GraphQLResolveInfo): OperationSelection {
  const fields = new Map<string, Set<string>>();
  const roots = new Set<string>();
  const fragments = new Set<string>();
  let narrow = true;
  const visit = (set: SelectionSetNode, type: GraphQLNamedType, root: boolean) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        if (root) roots.add(name);
        let names = fields.get(type.name);
        if (!names) fields.set(type.name, (names = new Set()));
        names.add(name);
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        if (!field) {
          narrow = false;
          continue;
        }
        if (!root && field.resolve && !isNodeId(type, name) && !field.extensions?.[COUNTS_ITS_PAGE]) {
          const relation = field.extensions?.[EXTENSION] as PrefetchRelation | undefined;
          const reads = readsOf(field);
          if (reads) {
            for (const [typeName, properties] of Object.entries(reads)) {
              let kept = fields.get(typeName);
              if (!kept) fields.set(typeName, (kept = new Set()));
              for (const property of properties) kept.add(property);
            }
          } else if ((!relation || field.args.length > 0) && !queryOf(field)) narrow = false;
        }
        if (selection.selectionSet) visit(selection.selectionSet, getNamedType(field.type), false);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? info.schema.getType(selection.typeCondition.name.value) : type;
        if (condition) visit(selection.selectionSet, condition, root);
      } else {
        const fragment = info.fragments[selection.name.value];
        const condition = fragment && info.schema.getType(fragment.typeCondition.name.value);
        if (!condition || fragments.has(selection.name.value)) continue;
        fragments.add(selection.name.value);
        visit(fragment.selectionSet, condition, root);
      }
    }
  };
  visit(info.operation.selectionSet, info.schema.getRootType(info.operation.operation)!, true);
  // Aliases of one root field are fine: each reads its own rows.
  return { narrow: narrow && roots.size === 1, fields, omitted: new Map() };
}

/** `id` of a Node: resolved from the primary key (node.resolver.ts), which every read keeps. */
function isNodeId(type: GraphQLNamedType, name: string): boolean {
  return name === 'id' && (type.name === 'Node' || (isObjectType(type) && type.getInterfaces().some((each) => each.name === 'Node')));
}

/**
 * `reader` without the columns of `type`'s fields that the operation never selects (see above).
 * A row read ahead below another (`nested`, an object of the nested JSON) also leaves out its
 * properties that are no field, foreign keys and the like (a task's `planId`, `clauseRoles`,
 * `deadlineDate`), but for the key of each relation selected below it: only graphql-js reads those
 * rows, and the loaders primed with them are keyed by their parent's property, which its own row
 * kept. A root field's rows keep them: its service may sort, page or filter by them.
 */
function narrowed<E extends ObjectLiteral>(
  reader: EntityReader<E>,
  type: GraphQLObjectType,
  info: GraphQLResolveInfo,
  nested = false,
): EntityReader<E> {
  const selection = operationSelection(info);
  if (!selection.narrow) return reader;
  const cacheKey = nested ? `${type.name} nested` : type.name;
  let omitted = selection.omitted.get(cacheKey);
  if (!omitted) {
    const fields = type.getFields();
    const selected = new Set([type, ...type.getInterfaces()].flatMap((each) => [...(selection.fields.get(each.name) ?? [])]));
    // A relation's key on the parent (`planId`) may be exposed too: the relation needs it.
    for (const name of selected) {
      const relation = fields[name]?.extensions?.[EXTENSION] as PrefetchRelation | undefined;
      if (relation) selected.add(relation.parentProperty);
    }
    // Properties that are no field (foreign keys) stay in a root field's rows: resolvers find relations by them.
    omitted = reader.properties.filter((property) => (nested || property in fields) && !selected.has(property));
    selection.omitted.set(cacheKey, omitted);
  }
  return reader.without(omitted);
}

/**
 * The reader of `entity` for a service that reads its rows itself and hands them to graphql-js: the
 * columns the operation selects of the GraphQL type of the same name (see `narrowed`).
 */
export function narrowedReader<E extends ObjectLiteral>(
  dataSource: DataSource,
  info: GraphQLResolveInfo,
  entity: (new () => E) & EntityTarget<E>,
): EntityReader<E> {
  const reader = EntityReader.of(dataSource, entity);
  const type = info.schema.getType(entity.name);
  return isObjectType(type) ? narrowed(reader, type, info) : reader;
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
    const query = queryOf(field);
    if (query) {
      nodes.push({ name, query });
      continue;
    }
    const relation = field?.extensions?.[EXTENSION] as PrefetchRelation | undefined;
    const childType = field && getNamedType(field.type);
    if (!relation || field.args.length > 0 || !isObjectType(childType)) continue;
    const childSets = occurrences.flatMap((occurrence) => (occurrence.selectionSet ? [occurrence.selectionSet] : []));
    nodes.push({
      name,
      relation,
      reader: narrowed(EntityReader.of(dataSource, relation.entity()), childType, info, true),
      children: plan(dataSource, info, childType, childSets, depth + 1),
    });
  }
  return nodes;
}

/** The SQL expressions (`'__name', (subquery)` pairs) of `nodes` below a row of `parent` under `alias`. */
function relationPairs(dataSource: DataSource, parent: EntityReader<ObjectLiteral>, alias: string, nodes: Node[], depth: number): string[] {
  return nodes.map((node, index) => {
    if ('query' in node) return `'__${node.name}', (${node.query.sql(dataSource, alias, parent)})`;
    const child = `p${depth}_${index}`;
    const { relation, reader } = node;
    const object = reader.jsonObject(child, relationPairs(dataSource, reader, child, node.children, depth + 1));
    const where = `${child}.${reader.column(relation.column)} = ${alias}.${parent.column(relation.parentProperty)}`;
    const subquery =
      relation.kind === 'many'
        ? `(SELECT coalesce(json_agg(${object}${relation.order ? ` ORDER BY ${orderBy(reader, child, relation.order)}` : ''}), CAST('[]' AS json)) FROM ${reader.table} ${child} WHERE ${where})`
        : `(SELECT ${object} FROM ${reader.table} ${child} WHERE ${where})`;
    return `'__${node.name}', ${subquery}`;
  });
}

/**
 * The relations read ahead for an entity, by field name, kept on the entity itself: the field's
 * resolver hands them back as they are (usePrefetchedValues), with no DataLoader call and no
 * promise for graphql-js to wait on (a plan detail has ~1,000 such fields).
 */
const PREFETCHED = Symbol('prefetched');

interface Prefetched {
  [PREFETCHED]?: Record<string, unknown>;
}

/** Keeps `value` on `entity` as what its `@Prefetch` field `field` answers, as if it had been read ahead. */
export function holdPrefetched(entity: ObjectLiteral, field: string, value: unknown): void {
  ((entity as Prefetched)[PREFETCHED] ??= Object.create(null))[field] = value;
}

/** What was read ahead for `entity`'s field `field`, or undefined. */
export function prefetched<T>(entity: ObjectLiteral, field: string): T | undefined {
  return (entity as Prefetched)[PREFETCHED]?.[field] as T | undefined;
}

/** Hydrates the relations of one row, keeps them on the entity and primes their loaders. */
function prime(context: Pick<Context, 'dataSource' | 'loaders'>, entity: ObjectLiteral, row: Record<string, unknown>, nodes: Node[]): void {
  const { loaders } = context;
  for (const node of nodes) {
    const value = row[`__${node.name}`];
    if ('query' in node) {
      node.query.prime(loaders, context.dataSource, entity, value);
      continue;
    }
    const key = entity[node.relation.parentProperty];
    const loader = loaders[node.relation.loader] as unknown as DataLoader<unknown, unknown>;
    const hydrate = (child: Record<string, unknown>) => {
      const hydrated = node.reader.hydrate(child);
      prime(context, hydrated, child, node.children);
      return hydrated;
    };
    const hydrated =
      node.relation.kind === 'many'
        ? (value as Record<string, unknown>[]).map(hydrate)
        : value
          ? hydrate(value as Record<string, unknown>)
          : null;
    loader.prime(key, hydrated);
    holdPrefetched(entity, node.name, hydrated);
  }
}

/**
 * Each `@Prefetch` field answers with the value read ahead for its parent when there is one, and
 * calls its resolver otherwise. Every such resolver returns its loader's value for the parent's
 * key as is, which is what was read ahead (and primed) for it.
 */
export function usePrefetchedValues(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || !field.extensions?.[EXTENSION] || field.args.length > 0) continue;
      const name = field.name;
      field.resolve = (root: Prefetched, args, context, info) => {
        const held = root[PREFETCHED];
        return held !== undefined && name in held ? held[name] : resolve(root, args, context, info);
      };
    }
  }
}

/** What a connection's page adds to its select to read its nodes' relations ahead (paginate). */
export interface PagePrefetch {
  /** `"__relations"` for the select list, or null when the query selects no prefetchable relation. */
  select: string | null;
  /** Primes the loaders with the relations of one row read with `select`. */
  prime(entity: ObjectLiteral, row: Record<string, unknown>): void;
  /** The page's own reader without the columns the operation never asks of its nodes (narrowed). */
  narrow?<T extends ObjectLiteral>(reader: EntityReader<T>): EntityReader<T>;
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
  const relations = relationPairs(dataSource, reader, alias, nodes, 0);
  const narrow = <T extends ObjectLiteral>(whole: EntityReader<T>) => narrowed(whole, nodeType, info);
  if (!relations.length) return { select: null, prime: () => undefined, narrow };
  return {
    select: `json_build_object(${relations.join(', ')}) AS "__relations"`,
    prime: (hydrated, row) => prime({ dataSource, loaders }, hydrated, row.__relations as Record<string, unknown>, nodes),
    narrow,
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
  const whole = EntityReader.of(dataSource, entity);
  const narrower = isObjectType(type) ? narrowed(whole, type, info) : whole;
  // The key finds each row's place in the answer.
  const reader = narrower.properties.includes(column) ? narrower : whole;
  const nodes = isObjectType(type)
    ? plan(
        dataSource,
        info,
        type,
        info.fieldNodes.flatMap((node) => node.selectionSet ?? []),
        0,
      )
    : [];
  const relations = relationPairs(dataSource, reader as EntityReader<ObjectLiteral>, 'r', nodes, 0);
  const select = relations.length
    ? `${reader.select('r')}, json_build_object(${relations.join(', ')}) AS "__relations"`
    : reader.select('r');
  // One key is compared as one value: PostgreSQL prices `= ANY($1)` for an array of unknown length
  // as ten rows, so the prepared statement's generic plan always looked dearer than one planned for
  // the values at hand, and the statement (a plan with its parts: ~6 KB of SQL) was planned again
  // on every run, ~0.5–0.9 ms. With `= $1` the generic plan is kept after the fifth run.
  const [where, values] = keys.length === 1 ? ['= $1', keys[0]] : ['= ANY($1)', keys];
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT ${select} FROM ${reader.table} r WHERE r.${reader.column(column)} ${where}`,
    [values],
  );
  const byKey = new Map<unknown, E>();
  for (const row of rows) {
    const hydrated = reader.hydrate(row);
    if (relations.length) prime({ dataSource, loaders }, hydrated, row.__relations as Record<string, unknown>, nodes);
    byKey.set(row[column], hydrated);
  }
  return keys.map((key) => byKey.get(key) ?? null);
}
