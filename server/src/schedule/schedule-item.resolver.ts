import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { Plan } from '../plan/plan.entity.js';
import { Task } from '../task/task.entity.js';
import { ScheduleItem } from './schedule-item.entity.js';
import { Prefetch } from '../graphql/prefetch.js';
import { AnswerSize } from '../graphql/answer-size.js';

@Resolver(() => ScheduleItem)
export class ScheduleItemResolver {
  @FieldResolver(() => Plan, { description: 'The plan whose schedule table holds this row.' })
  async plan(@Root() item: ScheduleItem, @Ctx() { loaders }: Context): Promise<Plan> {
    return (await loaders.planById.load(item.planId))!;
  }

  @FieldResolver(() => Task, { description: 'The main-text task this row schedules.' })
  @Prefetch({ entity: () => Task, kind: 'one', column: 'id', parentProperty: 'taskId', loader: 'taskById' })
  async task(@Root() item: ScheduleItem, @Ctx() { loaders }: Context): Promise<Task> {
    return (await loaders.taskById.load(item.taskId))!;
  }
}

/** `Plan.schedule`. */
@Resolver(() => Plan)
export class PlanScheduleResolver {
  @AnswerSize({ items: 40 })
  @FieldResolver(() => [ScheduleItem], {
    description: "The rows of the plan's quarterly schedule table (推进表), by row number; empty when it has none.",
  })
  @Prefetch({
    entity: () => ScheduleItem,
    kind: 'many',
    column: 'planId',
    parentProperty: 'id',
    order: { ordinal: 'ASC' },
    loader: 'scheduleItemsByPlanId',
  })
  schedule(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<ScheduleItem[]> {
    return loaders.scheduleItemsByPlanId.load(plan.id);
  }
}

/** `Task.scheduleItems`. */
@Resolver(() => Task)
export class TaskScheduleItemsResolver {
  @FieldResolver(() => [ScheduleItem], { description: 'The schedule table rows (推进表) that schedule this task, by row number.' })
  scheduleItems(@Root() task: Task, @Ctx() { loaders }: Context): Promise<ScheduleItem[]> {
    return loaders.scheduleItemsByTaskId.load(task.id);
  }
}
