import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Agency } from '../agency/agency.entity.js';
import { Clause } from '../clause/clause.entity.js';
import { connectionType, PageArgs, pageAfter, pageOf, pageSize, type Connection, type Keyset } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import type { Loaders } from '../graphql/loaders.js';
import { ScheduleItem } from '../schedule/schedule-item.entity.js';
import { Task } from '../task/task.entity.js';
import { Assignment, AssignmentRole } from './assignment.entity.js';
import { Prefetch, PrefetchBy, prefetched, Reads } from '../graphql/prefetch.js';
import { TASK_CLAUSE_ASSIGNMENTS } from './assignment.loader.js';

/** What `agenciesOf` reads of the assignments it is handed (`@Reads` of the fields that call it). */
const AGENCIES_OF_READS = ['role', 'agencyId'];

/** The distinct agencies of `assignments` (in role `role` when given), in order of first mention. */
async function agenciesOf(assignments: Assignment[], role: AssignmentRole | null, loaders: Loaders): Promise<Agency[]> {
  const named = assignments.filter((it) => !role || it.role === role);
  const agencyIds = [...new Set(named.map((it) => it.agencyId))];
  // Read with the assignments (clauseAssignmentsByTaskId), or loaded now.
  const read = new Map(named.map((it) => [it.agencyId, prefetched<Agency>(it, 'agency')]));
  if (agencyIds.every((id) => read.get(id))) return agencyIds.map((id) => read.get(id)!);
  return (await loaders.agencyById.loadMany(agencyIds)) as Agency[];
}

@Resolver(() => Assignment)
export class AssignmentResolver {
  @FieldResolver(() => Agency, { description: 'The agency named.' })
  @Prefetch({ entity: () => Agency, kind: 'one', column: 'id', parentProperty: 'agencyId', loader: 'agencyById' })
  async agency(@Root() assignment: Assignment, @Ctx() { loaders }: Context): Promise<Agency> {
    return (await loaders.agencyById.load(assignment.agencyId))!;
  }

  @FieldResolver(() => Clause, { nullable: true, description: 'The clause whose bracket names the agency; null for a schedule row.' })
  clause(@Root() assignment: Assignment, @Ctx() { loaders }: Context): Promise<Clause | null> | null {
    return assignment.clauseId ? loaders.clauseById.load(assignment.clauseId) : null;
  }

  @FieldResolver(() => ScheduleItem, {
    nullable: true,
    description: 'The schedule row whose unit columns name the agency; null for a clause.',
  })
  scheduleItem(@Root() assignment: Assignment, @Ctx() { loaders }: Context): Promise<ScheduleItem | null> | null {
    return assignment.scheduleItemId ? loaders.scheduleItemById.load(assignment.scheduleItemId) : null;
  }
}

/** `Clause.assignments`. */
@Resolver(() => Clause)
export class ClauseAssignmentsResolver {
  @FieldResolver(() => [Assignment], { description: 'The agencies the bracket names, with their roles, in bracket order.' })
  @Prefetch({
    entity: () => Assignment,
    kind: 'many',
    column: 'clauseId',
    parentProperty: 'id',
    order: { ordinal: 'ASC', id: 'ASC' },
    loader: 'assignmentsByClauseId',
  })
  assignments(@Root() clause: Clause, @Ctx() { loaders }: Context): Promise<Assignment[]> {
    return loaders.assignmentsByClauseId.load(clause.id);
  }
}

const AssignmentConnection = connectionType(Assignment, 'assignments');

/** An agency's assignments page by id: the order they were imported in. */
const AGENCY_ASSIGNMENT_KEYSET: Keyset<Assignment> = {
  name: 'AssignmentConnection',
  columns: ['assignment.id'],
  kinds: ['integer'],
  values: (assignment) => [assignment.id],
};

/** `Agency.assignments`. */
@Resolver(() => Agency)
export class AgencyAssignmentsResolver {
  @FieldResolver(() => AssignmentConnection, {
    description: 'The clauses and schedule rows that name this agency, with its role there, a page at a time.',
  })
  async assignments(
    @Root() agency: Agency,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: Context,
  ): Promise<Connection<Assignment>> {
    const first = pageSize(page.first);
    const [after] = (pageAfter(AGENCY_ASSIGNMENT_KEYSET, page.after) ?? [0]) as number[];
    const rows = await loaders.assignmentPageByAgencyId(first + 1, after).load(agency.id);
    return pageOf(rows, first, AGENCY_ASSIGNMENT_KEYSET, () => loaders.assignmentCountByAgencyId.load(agency.id));
  }
}

/** `Task.agencies`. */
@Resolver(() => Task)
export class TaskAgenciesResolver {
  @FieldResolver(() => [Agency], { description: "The distinct agencies named by the task's clauses, in order of first mention." })
  @Reads({ Task: ['id'], Assignment: AGENCIES_OF_READS })
  @PrefetchBy(TASK_CLAUSE_ASSIGNMENTS)
  async agencies(
    @Root() task: Task,
    @Arg('role', () => AssignmentRole, { nullable: true, description: 'Only agencies named in this role (e.g. LEAD for 牵头).' })
    role: AssignmentRole | null,
    @Ctx() { loaders }: Context,
  ): Promise<Agency[]> {
    return agenciesOf(await loaders.clauseAssignmentsByTaskId.load(task.id), role, loaders);
  }
}

/** `ScheduleItem.leadAgencies` and `responsibleAgencies`: the 牵头单位 and 责任单位 columns of a 推进表 row. */
@Resolver(() => ScheduleItem)
export class ScheduleItemAgenciesResolver {
  @FieldResolver(() => [Agency], { description: 'The lead units (牵头单位) of the row, in printed order.' })
  @Reads({ ScheduleItem: ['id'], Assignment: AGENCIES_OF_READS })
  async leadAgencies(@Root() item: ScheduleItem, @Ctx() { loaders }: Context): Promise<Agency[]> {
    return agenciesOf(await loaders.assignmentsByScheduleItemId.load(item.id), AssignmentRole.LEAD, loaders);
  }

  @FieldResolver(() => [Agency], { description: 'The responsible units (责任单位) of the row, in printed order.' })
  @Reads({ ScheduleItem: ['id'], Assignment: AGENCIES_OF_READS })
  async responsibleAgencies(@Root() item: ScheduleItem, @Ctx() { loaders }: Context): Promise<Agency[]> {
    return agenciesOf(await loaders.assignmentsByScheduleItemId.load(item.id), AssignmentRole.RESPONSIBLE, loaders);
  }

  @FieldResolver(() => [Assignment], { description: 'Every agency of the row with its role, lead units first.' })
  @Reads({ ScheduleItem: ['id'] })
  assignments(@Root() item: ScheduleItem, @Ctx() { loaders }: Context): Promise<Assignment[]> {
    return loaders.assignmentsByScheduleItemId.load(item.id);
  }
}
