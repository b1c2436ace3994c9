import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/api-token.entity.js';
import type { Context } from '../graphql/context.js';
import { keyOfType } from '../graphql/global-id.js';
import { narrowedReader } from '../graphql/prefetch.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { Task } from '../task/task.entity.js';
import { Theme } from '../theme/theme.entity.js';
import { reviewAlignment } from './alignment.service.js';
import { compare } from './comparison.service.js';
import { Comparison } from './comparison.types.js';
import { AlignmentStatus, TaskAlignment } from './task-alignment.entity.js';

@Resolver(() => TaskAlignment)
export class TaskAlignmentResolver {
  @FieldResolver(() => Task, { description: 'The equivalent task, in the other plan.' })
  async task(@Root() alignment: TaskAlignment, @Ctx() { loaders }: Context): Promise<Task> {
    return (await loaders.taskById.load(alignment.otherTaskId))!;
  }

  @FieldResolver(() => Task, { description: 'The task whose equivalent this is.' })
  async fromTask(@Root() alignment: TaskAlignment, @Ctx() { loaders }: Context): Promise<Task> {
    return (await loaders.taskById.load(alignment.taskId))!;
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TaskAlignment, {
    description:
      'Confirms or rejects a link (both directions). The decision survives re-alignment and re-import; REJECTED links leave `equivalents`. Needs an editor token.',
  })
  async reviewAlignment(
    @Arg('id', () => ID, { description: 'The TaskAlignment (global id).' }) id: string,
    @Arg('status', () => AlignmentStatus, { description: 'The decision.' }) status: AlignmentStatus,
    @Arg('note', () => String, { nullable: true, description: 'Why, for the next reviewer.' }) note: string | null,
    @Ctx() context: Context,
  ): Promise<TaskAlignment> {
    const user = (await context.user())!;
    return reviewAlignment(context.dataSource, user, { id: keyOfType(id, 'TaskAlignment'), status, note: note ?? null });
  }

  @Query(() => Comparison, {
    description:
      'Plans of several jurisdictions for one year side by side, theme by theme: who has which work, what is unique to whom, and the targets.',
  })
  comparison(
    @Arg('jurisdictionCodes', () => [String], { description: 'GB/T 2260 codes, in the column order wanted, e.g. ["320612", "320300"].' })
    jurisdictionCodes: string[],
    @Arg('year', () => Int, { description: 'The plan year, e.g. 2021.' }) year: number,
    @Ctx() { dataSource }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Comparison> {
    return compare(dataSource, jurisdictionCodes, year, {
      jurisdiction: narrowedReader(dataSource, info, Jurisdiction),
      plan: narrowedReader(dataSource, info, Plan),
      task: narrowedReader(dataSource, info, Task),
      indicator: narrowedReader(dataSource, info, Indicator),
      theme: narrowedReader(dataSource, info, Theme),
    });
  }
}

/** `Task.equivalents`, added here because alignments own the data. */
@Resolver(() => Task)
export class TaskEquivalentsResolver {
  @FieldResolver(() => [TaskAlignment], {
    description:
      'Tasks of other plans that are the same work as this one (what the engine links, plus confirmed links; rejected ones left out), best first.',
  })
  equivalents(
    @Root() task: Task,
    @Arg('jurisdictionCode', () => String, { nullable: true, description: 'Only equivalents in this jurisdiction (GB/T 2260 code).' })
    jurisdictionCode: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<TaskAlignment[]> {
    return loaders.equivalentsByTask.load({ taskId: task.id, jurisdictionCode: jurisdictionCode ?? null });
  }
}
