import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { Deadline, DEADLINE_PROPERTIES, deadlineOf } from '../deadline/deadline.type.js';
import { Task } from '../task/task.entity.js';
import { Clause } from './clause.entity.js';
import { Prefetch, Reads } from '../graphql/prefetch.js';

@Resolver(() => Clause)
export class ClauseResolver {
  @FieldResolver(() => Task, { description: 'The task this clause is part of.' })
  @Reads({ Clause: ['taskId'] })
  async task(@Root() clause: Clause, @Ctx() { loaders }: Context): Promise<Task> {
    return (await loaders.taskById.load(clause.taskId))!;
  }

  @FieldResolver(() => Deadline, { nullable: true, description: 'A deadline the clause states (…，6月底前完成), or null.' })
  @Reads({ Clause: DEADLINE_PROPERTIES })
  deadline(@Root() clause: Clause): Deadline | null {
    return deadlineOf(clause);
  }
}

/** `Task.clauses`, added here because clauses own the data. */
@Resolver(() => Task)
export class TaskClausesResolver {
  @FieldResolver(() => [Clause], { description: "The task's clauses, each with its responsibility bracket, in document order." })
  @Prefetch({
    entity: () => Clause,
    kind: 'many',
    column: 'taskId',
    parentProperty: 'id',
    order: { ordinal: 'ASC' },
    loader: 'clausesByTaskId',
  })
  clauses(@Root() task: Task, @Ctx() { loaders }: Context): Promise<Clause[]> {
    return loaders.clausesByTaskId.load(task.id);
  }
}
