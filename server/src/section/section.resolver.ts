import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { Plan } from '../plan/plan.entity.js';
import { Section } from './section.entity.js';

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
  sections(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Section[]> {
    return loaders.sectionsByPlanId.load(plan.id);
  }
}
