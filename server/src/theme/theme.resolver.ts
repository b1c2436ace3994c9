import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/api-token.entity.js';
import { PageArgs, pageAfter, pageOf, pageSize, type Connection } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import { keyOfType } from '../graphql/global-id.js';
import { Task } from '../task/task.entity.js';
import { TaskConnection } from '../task/task.resolver.js';
import { TASK_KEYSET } from '../task/task.service.js';
import { TaskTheme, Theme } from './theme.entity.js';
import { setTaskThemesByEditor } from './theme.service.js';
import { AnswerSize } from '../graphql/answer-size.js';
import { Reads } from '../graphql/prefetch.js';

@Resolver(() => Theme)
export class ThemeResolver {
  @AnswerSize({ items: 30 })
  @Query(() => [Theme], { description: 'The canonical theme taxonomy, in its order.' })
  themes(@Ctx() { dataSource }: Context): Promise<Theme[]> {
    return dataSource.getRepository(Theme).find({ order: { ordinal: 'ASC' } });
  }

  @FieldResolver(() => TaskConnection, {
    description: 'Tasks in this theme, by jurisdiction code, year and printed number, a page at a time.',
  })
  async tasks(
    @Root() theme: Theme,
    @Arg('jurisdictionCodes', () => [String], { nullable: true, description: 'Only tasks of these jurisdictions (GB/T 2260 codes).' })
    jurisdictionCodes: string[] | null,
    @Arg('year', () => Int, { nullable: true, description: 'Only tasks of plans for this year.' }) year: number | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: Context,
  ): Promise<Connection<Task>> {
    const first = pageSize(page.first);
    const after = pageAfter(TASK_KEYSET, page.after) as [string, number] | null;
    const filter = { themeKey: theme.key, jurisdictionCodes: jurisdictionCodes ?? null, year: year ?? null };
    const rows = await loaders.tasksByTheme.load({ ...filter, limit: first + 1, after });
    return pageOf(rows, first, TASK_KEYSET, () => loaders.taskCountByTheme.load(filter));
  }
}

@Resolver(() => TaskTheme)
export class TaskThemeResolver {
  @FieldResolver(() => Theme, { description: 'The theme.' })
  @Reads({ TaskTheme: ['themeKey'] })
  async theme(@Root() taskTheme: TaskTheme, @Ctx() { loaders }: Context): Promise<Theme> {
    return (await loaders.themeByKey.load(taskTheme.themeKey))!;
  }
}

/** `Task.themes` and `setTaskThemes`, added here because themes own the data. */
@Resolver(() => Task)
export class TaskThemesResolver {
  @FieldResolver(() => [TaskTheme], { description: 'The themes of this task, the primary one first.' })
  @Reads({ Task: ['id'] })
  themes(@Root() task: Task, @Ctx() { loaders }: Context): Promise<TaskTheme[]> {
    return loaders.taskThemesByTaskId.load(task.id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Task, {
    description: "Sets a task's themes by hand (the first is primary). Alignment runs keep them from then on. Needs an editor token.",
  })
  async setTaskThemes(
    @Arg('taskId', () => ID, { description: 'The task (global id).' }) taskId: string,
    @Arg('themeKeys', () => [String], { description: 'Theme keys, e.g. ["campus-food-safety"]; at least one.' }) themeKeys: string[],
    @Ctx() context: Context,
  ): Promise<Task> {
    return setTaskThemesByEditor(context.dataSource, (await context.user())!, keyOfType(taskId, 'Task'), themeKeys);
  }
}
