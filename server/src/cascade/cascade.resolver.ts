import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../graphql/connection.js';
import { PageArgs } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { CascadeTarget, CascadeTargetConnection, TargetVerdict, Verdict } from './cascade.types.js';
import { findTargetCascade } from './cascade.service.js';

/** `Indicator.cascade`. */
@Resolver(() => Indicator)
export class IndicatorCascadeResolver {
  @FieldResolver(() => [TargetVerdict], {
    description:
      "How the target stands against the same metric's targets in the plans of the levels above for the same year (city, province, country), nearest first. Where a level has no target of comparable unit, subject and period, its targets are listed NOT_COMPARABLE with the reason. Empty for a target without a metric.",
  })
  cascade(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<TargetVerdict[]> {
    return loaders.cascadeByIndicatorId.load(indicator.id);
  }
}

@Resolver(() => CascadeTarget)
export class CascadeTargetResolver {
  @Query(() => CascadeTargetConnection, {
    description:
      'Every target of one metric in the plans of a jurisdiction and all jurisdictions under it for one year (a province-wide view), by plan, a page at a time; `laxer` flags those asking less than a level above.',
  })
  targetCascade(
    @Arg('metricKey', () => String, { description: 'The metric, e.g. "sampling-density".' }) metricKey: string,
    @Arg('jurisdictionCode', () => String, { description: 'The top of the view, e.g. "320000" for 江苏省.' }) jurisdictionCode: string,
    @Arg('year', () => Int, { description: 'The plans’ year.' }) year: number,
    @Arg('laxerOnly', () => Boolean, {
      defaultValue: false,
      description: 'Only the targets that ask less than a target of a level above (`laxer`); `totalCount` counts those.',
    })
    laxerOnly: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { dataSource, loaders }: Context,
  ): Promise<Connection<CascadeTarget>> {
    return findTargetCascade(dataSource, loaders, { metricKey, jurisdictionCode, year, laxerOnly }, page);
  }

  @FieldResolver(() => Plan, { description: 'The plan that sets the target.' })
  async plan(@Root() target: CascadeTarget, @Ctx() { loaders }: Context): Promise<Plan> {
    const task = (await loaders.taskById.load(target.indicator.taskId))!;
    return (await loaders.planById.load(task.planId))!;
  }

  @FieldResolver(() => [TargetVerdict], { description: "The target's verdicts against the levels above (as `Indicator.cascade`)." })
  verdicts(@Root() target: CascadeTarget, @Ctx() { loaders }: Context): Promise<TargetVerdict[]> {
    return loaders.cascadeByIndicatorId.load(target.indicator.id);
  }

  @FieldResolver(() => Boolean, { description: 'True when the target asks less than a target of a level above (LAXER).' })
  async laxer(@Root() target: CascadeTarget, @Ctx() { loaders }: Context): Promise<boolean> {
    return (await loaders.cascadeByIndicatorId.load(target.indicator.id)).some((verdict) => verdict.verdict === Verdict.LAXER);
  }
}
