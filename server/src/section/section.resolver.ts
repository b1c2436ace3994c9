import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { Plan } from '../plan/plan.entity.js';
import { SectionGroup } from './section-group.entity.js';
import { Section } from './section.entity.js';
import { Prefetch, Reads } from '../graphql/prefetch.js';

@Resolver(() => Section)
export class SectionResolver {
  @FieldResolver(() => Plan, { description: 'The plan this section belongs to.' })
  async plan(@Root() section: Section, @Ctx() { loaders }: Context): Promise<Plan> {
    return (await loaders.planById.load(section.planId))!;
  }
}

/** `Plan.sections`, added here because sections own the data. */
@Resolver(() => Plan)
export class PlanSectionsResolver {
  @FieldResolver(() => [Section], { description: "The plan's sections (一、二、…), in document order." })
  @Prefetch({
    entity: () => Section,
    kind: 'many',
    column: 'planId',
    parentProperty: 'id',
    order: { ordinal: 'ASC' },
    loader: 'sectionsByPlanId',
  })
  sections(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Section[]> {
    return loaders.sectionsByPlanId.load(plan.id);
  }
}

/** `Section.groups`: the headings inside a section that group its tasks. */
@Resolver(() => Section)
export class SectionGroupsResolver {
  @FieldResolver(() => [SectionGroup], {
    description: 'The groups (（一）（二）…) inside this section, in document order; empty when its tasks sit right under it.',
  })
  @Reads({ Section: ['id'] })
  groups(@Root() section: Section, @Ctx() { loaders }: Context): Promise<SectionGroup[]> {
    return loaders.groupsBySectionId.load(section.id);
  }
}

@Resolver(() => SectionGroup)
export class SectionGroupResolver {
  @FieldResolver(() => Section, { description: 'The section this group is part of.' })
  async section(@Root() group: SectionGroup, @Ctx() { loaders }: Context): Promise<Section> {
    return (await loaders.sectionById.load(group.sectionId))!;
  }
}
