import 'reflect-metadata';
import {
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { AgencyResolver } from '../agency/agency.resolver.js';
import { TaskAlignmentResolver, TaskEquivalentsResolver } from '../alignment/alignment.resolver.js';
import { authChecker } from '../auth/auth-checker.js';
import { CascadeTargetResolver, IndicatorCascadeResolver } from '../cascade/cascade.resolver.js';
import { AgencyChangeResolver, PlanChangesResolver, PlanPreviousResolver } from '../change/change.resolver.js';
import { AuditLogResolver } from '../auth/auth.resolver.js';
import {
  AgencyAssignmentsResolver,
  AssignmentResolver,
  ClauseAssignmentsResolver,
  ScheduleItemAgenciesResolver,
  TaskAgenciesResolver,
} from '../assignment/assignment.resolver.js';
import { ClauseResolver, TaskClausesResolver } from '../clause/clause.resolver.js';
import {
  ClauseIndicatorsResolver,
  IndicatorResolver,
  ScheduleItemIndicatorsResolver,
  TaskIndicatorsResolver,
} from '../indicator/indicator.resolver.js';
import { JurisdictionResolver } from '../jurisdiction/jurisdiction.resolver.js';
import { IndicatorMetricResolver, MetricResolver } from '../metric/metric.resolver.js';
import { JurisdictionPlansResolver, PlanResolver, PlanRevisionResolver } from '../plan/plan.resolver.js';
import { PlanScheduleResolver, ScheduleItemResolver, TaskScheduleItemsResolver } from '../schedule/schedule-item.resolver.js';
import { PlanSectionsResolver, SectionGroupResolver, SectionGroupsResolver, SectionResolver } from '../section/section.resolver.js';
import { PlanTasksResolver, SectionGroupTasksResolver, SectionTasksResolver, TaskResolver } from '../task/task.resolver.js';
import { TaskThemeResolver, TaskThemesResolver, ThemeResolver } from '../theme/theme.resolver.js';
import { nodeTypeName } from './node.js';
import { NodeResolver } from './node.resolver.js';
import { COUNTS_ITS_PAGE, usePrefetchedValues } from './prefetch.js';

const resolvers = [
  NodeResolver,
  JurisdictionResolver,
  JurisdictionPlansResolver,
  PlanResolver,
  PlanRevisionResolver,
  PlanSectionsResolver,
  PlanTasksResolver,
  PlanScheduleResolver,
  SectionResolver,
  SectionGroupsResolver,
  SectionGroupResolver,
  SectionGroupTasksResolver,
  SectionTasksResolver,
  TaskResolver,
  TaskClausesResolver,
  TaskAgenciesResolver,
  TaskIndicatorsResolver,
  TaskScheduleItemsResolver,
  ClauseResolver,
  ClauseAssignmentsResolver,
  ClauseIndicatorsResolver,
  AssignmentResolver,
  AgencyResolver,
  AgencyAssignmentsResolver,
  IndicatorResolver,
  ScheduleItemResolver,
  ScheduleItemAgenciesResolver,
  ScheduleItemIndicatorsResolver,
  ThemeResolver,
  TaskThemeResolver,
  TaskThemesResolver,
  MetricResolver,
  IndicatorMetricResolver,
  TaskAlignmentResolver,
  TaskEquivalentsResolver,
  PlanChangesResolver,
  PlanPreviousResolver,
  AgencyChangeResolver,
  IndicatorCascadeResolver,
  CascadeTargetResolver,
  AuditLogResolver,
] as const;

let schema: Promise<GraphQLSchema> | undefined;

/** The API's schema, built once per process (type-graphql's metadata is global anyway). */
export function buildApiSchema(): Promise<GraphQLSchema> {
  useSimpleResolvers();
  const options = { resolvers, validate: false, authChecker } satisfies BuildSchemaOptions;
  schema ??= buildSchema(options).then((built) => {
    // Global middlewares would run around every field: then no field resolver may skip them.
    if (!(options as BuildSchemaOptions).globalMiddlewares?.length) {
      useDirectFieldResolvers(built);
      usePrefetchedValues(built);
    }
    resolveTotalCounts(built);
    // type-graphql wraps resolveType in an async function; compiled execution calls it as is.
    const node = built.getType('Node');
    if (isInterfaceType(node)) node.resolveType = nodeTypeName;
    // type-graphql has no option for the root type's description; every type must have one.
    built.getQueryType()!.description = 'Read access to the plans, their parts and the agencies they name.';
    built.getMutationType()!.description =
      'Changes by editors (reviews of alignments, task themes); each needs an API token and is audit-logged.';
    return built;
  });
  return schema;
}

/**
 * Plain fields (a property read) with no middleware and no `@Authorized` get graphql-js's own
 * resolver instead of type-graphql's wrapper, which adds a closure and a middleware chain to
 * every field of every row (type-graphql's `simpleResolvers`, applied to all such fields). The
 * default resolver also calls a function it finds: `Connection.totalCount` counts only when asked.
 */
function useSimpleResolvers(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && !field.roles && !field.middlewares?.length) field.simple = true;
  }
}

type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type Param = NonNullable<FieldResolverMetadata['params']>[number];

/**
 * Field resolvers with no middleware, no `@Authorized` and no arguments (`@Root`, `@Ctx` and
 * `@Info` only: every relation of a plan's parts, Node ids) are called directly. type-graphql's
 * wrapper builds a resolver-data object, runs an empty middleware chain and sorts and maps the
 * method's parameters on every call: ~4 % of a plan detail's CPU, which resolves ~1,000 such fields.
 * Which method serves which field is found the way type-graphql's schema generator finds it.
 */
function useDirectFieldResolvers(built: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const registered = new Set<unknown>(resolvers);
  const instances = new Map<unknown, Record<string, (...values: unknown[]) => unknown>>();
  for (const objectType of storage.objectTypes) {
    const type = built.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const interfaces = storage.interfaceTypes.filter((each) => objectType.interfaceClasses?.includes(each.target));
    const byName = new Map<string, FieldResolverMetadata | undefined>();
    for (const field of [...interfaces.flatMap((each) => each.fields ?? []), ...(objectType.fields ?? [])]) {
      byName.set(
        field.schemaName,
        storage.fieldResolvers.find(
          (each) =>
            (each.kind === 'internal' || registered.has(each.target)) &&
            each.getObjectType?.() === field.target &&
            each.methodName === field.name,
        ),
      );
    }
    for (const [name, metadata] of byName) {
      const field = type.getFields()[name];
      if (!metadata || !field?.resolve || field.args.length > 0 || metadata.kind !== 'external') continue;
      if (metadata.middlewares?.length || metadata.roles) continue;
      const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
      if (!params.every(isPlainParam)) continue;
      let instance = instances.get(metadata.target);
      if (!instance)
        instances.set(metadata.target, (instance = new (metadata.target as new () => Record<string, (...values: unknown[]) => unknown>)()));
      field.resolve = directResolver(instance, metadata.methodName, params);
    }
  }
}

/** A parameter the direct call can pass as type-graphql would: the root as is, the context (or a property of it), info. */
function isPlainParam(param: Param): boolean {
  return (param.kind === 'root' && !(param as { getType?: unknown }).getType) || param.kind === 'context' || param.kind === 'info';
}

function directResolver(
  instance: Record<string, (...values: unknown[]) => unknown>,
  method: string,
  params: Param[],
): GraphQLFieldResolver<unknown, Record<string, unknown>> {
  const pick = params.map((param): ((root: unknown, context: Record<string, unknown>, info: unknown) => unknown) => {
    const property = (param as { propertyName?: string }).propertyName;
    if (param.kind === 'info') return (_root, _context, info) => info;
    if (param.kind === 'context') return property ? (_root, context) => context[property] : (_root, context) => context;
    return property ? (root) => (root as Record<string, unknown>)[property] : (root) => root;
  });
  const [first, second] = pick;
  switch (pick.length) {
    case 1:
      return (root, _args, context, info) => instance[method](first(root, context, info));
    case 2:
      return (root, _args, context, info) => instance[method](first(root, context, info), second(root, context, info));
    default:
      return (root, _args, context, info) => instance[method](...pick.map((each) => each(root, context, info)));
  }
}

/**
 * A connection counts only when `totalCount` is selected: its value is a function (connection.ts),
 * called by this resolver. graphql-js's default resolver would call it too; the compiled execution
 * (compiled-execution.ts) reads a field without a resolver as a plain property.
 */
function resolveTotalCounts(built: GraphQLSchema): void {
  for (const type of Object.values(built.getTypeMap())) {
    const field = isObjectType(type) && type.name.endsWith('Connection') ? type.getFields().totalCount : undefined;
    if (!field || field.resolve) continue;
    field.resolve = (connection: { totalCount: number | (() => Promise<number>) }) =>
      typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount;
    field.extensions = { ...field.extensions, [COUNTS_ITS_PAGE]: true };
  }
}

/** The SDL committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(built: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(built))}\n`;
}
