import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Clause } from '../clause/clause.entity.js';
import type { Context } from '../graphql/context.js';
import { ScheduleItem } from '../schedule/schedule-item.entity.js';
import { Task } from '../task/task.entity.js';
import { Indicator } from './indicator.entity.js';
import { Prefetch, Reads } from '../graphql/prefetch.js';

@Resolver(() => Indicator)
export class IndicatorResolver {
  @FieldResolver(() => Task, { description: 'The task the target belongs to.' })
  async task(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Task> {
    return (await loaders.taskById.load(indicator.taskId))!;
  }

  @FieldResolver(() => Clause, {
    nullable: true,
    description: 'The clause the target was read from; null when it comes from a schedule row.',
  })
  clause(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Clause | null> | null {
    return indicator.clauseId ? loaders.clauseById.load(indicator.clauseId) : null;
  }

  @FieldResolver(() => ScheduleItem, {
    nullable: true,
    description: 'The schedule row (推进表) the quarterly target was read from; null when it comes from a clause.',
  })
  scheduleItem(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<ScheduleItem | null> | null {
    return indicator.scheduleItemId ? loaders.scheduleItemById.load(indicator.scheduleItemId) : null;
  }
}

/** `Task.indicators`. */
@Resolver(() => Task)
export class TaskIndicatorsResolver {
  @FieldResolver(() => [Indicator], {
    description: "Every target of the task: those of its clauses in document order, then its schedule rows' quarterly ones.",
  })
  @Reads({ Task: ['id'] })
  indicators(@Root() task: Task, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    return loaders.indicatorsByTaskId.load(task.id);
  }
}

/** `Clause.indicators`. */
@Resolver(() => Clause)
export class ClauseIndicatorsResolver {
  @FieldResolver(() => [Indicator], { description: 'The targets read from this clause, in order.' })
  @Prefetch({
    entity: () => Indicator,
    kind: 'many',
    column: 'clauseId',
    parentProperty: 'id',
    order: { ordinal: 'ASC' },
    loader: 'indicatorsByClauseId',
  })
  indicators(@Root() clause: Clause, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    return loaders.indicatorsByClauseId.load(clause.id);
  }
}

/** `ScheduleItem.indicators`. */
@Resolver(() => ScheduleItem)
export class ScheduleItemIndicatorsResolver {
  @FieldResolver(() => [Indicator], { description: 'The quarterly targets read from this row (period Q1–Q4).' })
  @Prefetch({
    entity: () => Indicator,
    kind: 'many',
    column: 'scheduleItemId',
    parentProperty: 'id',
    order: { ordinal: 'ASC' },
    loader: 'indicatorsByScheduleItemId',
  })
  indicators(@Root() item: ScheduleItem, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    return loaders.indicatorsByScheduleItemId.load(item.id);
  }
}
