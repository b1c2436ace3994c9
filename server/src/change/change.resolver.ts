import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Agency } from '../agency/agency.entity.js';
import type { Context } from '../graphql/context.js';
import { keyOfType } from '../graphql/global-id.js';
import { Plan } from '../plan/plan.entity.js';
import { AgencyChange, PlanChanges } from './change.types.js';
import { findPlanChanges } from './change.service.js';

@Resolver(() => PlanChanges)
export class PlanChangesResolver {
  @Query(() => PlanChanges, {
    description:
      "What changed from one plan of a jurisdiction to a later one (e.g. `plan.previous` to `plan`): tasks kept, added, dropped, split or merged, reworded clauses, agencies' roles and targets raised or lowered. Two plans of different jurisdictions, or a later plan first, are refused with change/plans_not_comparable.",
  })
  planChanges(
    @Arg('from', () => ID, { description: 'The earlier Plan.' }) from: string,
    @Arg('to', () => ID, { description: 'The later Plan of the same jurisdiction.' }) to: string,
    @Ctx() { dataSource, loaders }: Context,
  ): Promise<PlanChanges> {
    return findPlanChanges(dataSource, loaders, keyOfType(from, 'Plan'), keyOfType(to, 'Plan'));
  }
}

/** `Plan.previous`. */
@Resolver(() => Plan)
export class PlanPreviousResolver {
  @FieldResolver(() => Plan, {
    nullable: true,
    description: "The same jurisdiction's latest plan of an earlier year (last year's, usually); null when there is none.",
  })
  async previous(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Plan | null> {
    const id = await loaders.previousPlanIdByPlanId.load(plan.id);
    return id ? loaders.planById.load(id) : null;
  }
}

@Resolver(() => AgencyChange)
export class AgencyChangeResolver {
  @FieldResolver(() => Agency, { description: 'The agency.' })
  async agency(@Root() change: AgencyChange, @Ctx() { loaders }: Context): Promise<Agency> {
    return (await loaders.agencyById.load(change.agencyId))!;
  }
}
