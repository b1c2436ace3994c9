import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import type { Context } from './context.js';
import { fromGlobalId, toGlobalId } from './global-id.js';
import type { Loaders } from './loaders.js';
import { Node } from './node.js';

/** How `node(id:)` finds each type that implements Node, by the key inside its global id. */
const NODE_LOADERS: Record<string, (loaders: Loaders, key: string) => Promise<object | null>> = {
  Jurisdiction: (loaders, key) => loaders.jurisdictionByCode.load(key),
  Plan: (loaders, key) => loaders.planById.load(key),
  PlanRevision: (loaders, key) => loaders.revisionById.load(key),
  Section: (loaders, key) => loaders.sectionById.load(key),
  SectionGroup: (loaders, key) => loaders.groupById.load(key),
  Task: (loaders, key) => loaders.taskById.load(key),
  Clause: (loaders, key) => loaders.clauseById.load(key),
  Agency: async (loaders, key) => (/^[1-9]\d{0,9}$/.test(key) ? loaders.agencyById.load(Number(key)) : null),
  Indicator: (loaders, key) => loaders.indicatorById.load(key),
  ScheduleItem: (loaders, key) => loaders.scheduleItemById.load(key),
  TaskAlignment: (loaders, key) => loaders.taskAlignmentById.load(key),
};

/** The primary key behind a Node: jurisdictions are keyed by their GB/T 2260 code, the rest by `id`. */
function primaryKey(node: object): string | number {
  return node instanceof Jurisdiction ? node.code : (node as { id: string | number }).id;
}

@Resolver(() => Node)
export class NodeResolver {
  @FieldResolver(() => ID)
  id(@Root() node: object, @Info() info: GraphQLResolveInfo): string {
    return toGlobalId(info.parentType.name, primaryKey(node));
  }

  @Query(() => Node, { nullable: true, description: 'Any object by its global id, or null when it no longer exists.' })
  node(@Arg('id', () => ID, { description: 'A global id, as returned in any `id` field.' }) id: string, @Ctx() { loaders }: Context) {
    const { type, key } = fromGlobalId(id);
    return NODE_LOADERS[type]?.(loaders, key) ?? null;
  }
}
