import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, selects, type Connection } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import { Plan } from '../plan/plan.entity.js';
import { Deadline, DEADLINE_PROPERTIES, deadlineOf } from '../deadline/deadline.type.js';
import { SectionGroup } from '../section/section-group.entity.js';
import { Section } from '../section/section.entity.js';
import { TaskMatch, TaskOrder, taskMatches } from './task-match.type.js';
import { Task } from './task.entity.js';
import { TaskFilter } from './task.input.js';
import { findTasks, searchesByIndex } from './task.service.js';
import { OneStatement, Prefetch, prefetchNodes, Reads } from '../graphql/prefetch.js';
import { AnswerSize } from '../graphql/answer-size.js';

export const TaskConnection = connectionType(Task, 'tasks');

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => TaskConnection, { description: 'Tasks of all plans, plan by plan in document order, a page at a time.' })
  // A first page of a text search is one statement, its count included; a later page may count apart.
  @OneStatement({ when: ({ filter, after }) => after == null && searchesByIndex((filter as TaskFilter | null)?.text) })
  tasks(
    @Arg('filter', () => TaskFilter, { nullable: true, description: 'Which tasks to return.' }) filter: TaskFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => TaskOrder, {
      defaultValue: TaskOrder.DOCUMENT,
      description: 'The order of the tasks; RELEVANCE puts those whose title holds `filter.text` first.',
    })
    orderBy: TaskOrder,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Task>> {
    return findTasks(context.dataSource, filter, page, orderBy, {
      countNow: selects(info, 'totalCount'),
      prefetch: prefetchNodes(context, info, Task, 'task'),
    });
  }

  @FieldResolver(() => [TaskMatch], {
    description:
      'Where the text searched for (`tasks(filter: { text })`) occurs in the title and text, for highlighting; empty when the task was not found by a text search.',
  })
  matches(@Root() task: Task): TaskMatch[] {
    return task.search ? taskMatches(task, task.search.text, task.search.folded) : [];
  }

  @FieldResolver(() => Plan, { description: 'The plan this task belongs to.' })
  @Prefetch({ entity: () => Plan, kind: 'one', column: 'id', parentProperty: 'planId', loader: 'planById' })
  async plan(@Root() task: Task, @Ctx() { loaders }: Context): Promise<Plan> {
    return (await loaders.planById.load(task.planId))!;
  }

  @FieldResolver(() => Section, { description: 'The section this task is listed under.' })
  @Reads({ Task: ['sectionId'] })
  async section(@Root() task: Task, @Ctx() { loaders }: Context): Promise<Section> {
    return (await loaders.sectionById.load(task.sectionId))!;
  }

  @FieldResolver(() => SectionGroup, {
    nullable: true,
    description: 'The group (（一）…) inside its section that the task sits in, or null.',
  })
  @Reads({ Task: ['groupId'] })
  group(@Root() task: Task, @Ctx() { loaders }: Context): Promise<SectionGroup | null> | null {
    return task.groupId === null ? null : loaders.groupById.load(task.groupId);
  }

  @FieldResolver(() => Deadline, { nullable: true, description: 'The deadline (完成时限) stated for the whole task, or null.' })
  @Reads({ Task: DEADLINE_PROPERTIES })
  deadline(@Root() task: Task): Deadline | null {
    return deadlineOf(task);
  }
}

/** `SectionGroup.tasks`, added here because tasks own the data. */
@Resolver(() => SectionGroup)
export class SectionGroupTasksResolver {
  @FieldResolver(() => [Task], { description: 'The tasks of this group, in document order.' })
  tasks(@Root() group: SectionGroup, @Ctx() { loaders }: Context): Promise<Task[]> {
    return loaders.tasksByGroupId.load(group.id);
  }
}

/** `Plan.tasks`, added here because tasks own the data. */
@Resolver(() => Plan)
export class PlanTasksResolver {
  @AnswerSize({ items: 25 })
  @FieldResolver(() => [Task], { description: 'All tasks of the plan, in document order.' })
  @Prefetch({
    entity: () => Task,
    kind: 'many',
    column: 'planId',
    parentProperty: 'id',
    order: { ordinal: 'ASC' },
    loader: 'tasksByPlanId',
  })
  tasks(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Task[]> {
    return loaders.tasksByPlanId.load(plan.id);
  }
}

/** `Section.tasks`, added here because tasks own the data. */
@Resolver(() => Section)
export class SectionTasksResolver {
  @FieldResolver(() => [Task], { description: 'The tasks of this section, in document order.' })
  @Prefetch({
    entity: () => Task,
    kind: 'many',
    column: 'sectionId',
    parentProperty: 'id',
    order: { ordinal: 'ASC' },
    loader: 'tasksBySectionId',
  })
  tasks(@Root() section: Section, @Ctx() { loaders }: Context): Promise<Task[]> {
    return loaders.tasksBySectionId.load(section.id);
  }
}
