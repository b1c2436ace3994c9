import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
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
import { NodeResolver } from './node.resolver.js';

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
  schema ??= buildSchema({ resolvers, validate: false, authChecker }).then((built) => {
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

/** The SDL committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(built: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(built))}\n`;
}
