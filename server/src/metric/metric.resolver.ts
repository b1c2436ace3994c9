import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, selects, type Connection } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import { Indicator, Period } from '../indicator/indicator.entity.js';
import { compareIndicators, IndicatorValue } from './indicator-comparison.js';
import { Metric } from './metric.entity.js';
import { AnswerSize } from '../graphql/answer-size.js';

const IndicatorValueConnection = connectionType(IndicatorValue, 'indicator values');

@Resolver(() => Metric)
export class MetricResolver {
  @AnswerSize({ items: 30 })
  @Query(() => [Metric], { description: 'The canonical metrics of indicator targets, in matching order.' })
  metrics(@Ctx() { dataSource }: Context): Promise<Metric[]> {
    return dataSource.getRepository(Metric).find({ order: { ordinal: 'ASC' } });
  }

  @Query(() => IndicatorValueConnection, {
    description:
      "Every target of one metric across jurisdictions, in the metric's unit, a page at a time: e.g. sampling density, Tongzhou 6 and Xuzhou 4.5 批次/千人 for 市场监管环节. Read each value's subject: one plan may set several targets of a metric.",
  })
  indicatorComparison(
    @Arg('metricKey', () => String, { description: 'The metric, e.g. "sampling-density".' }) metricKey: string,
    @Arg('jurisdictionCodes', () => [String], { nullable: true, description: 'Only these jurisdictions, in this order; all when omitted.' })
    jurisdictionCodes: string[] | null,
    @Arg('year', () => Int, { nullable: true, description: 'Only plans for this year; all years when omitted.' }) year: number | null,
    @Arg('period', () => Period, { defaultValue: Period.YEAR, description: 'Whole-year targets (default) or one quarter of a schedule.' })
    period: Period,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<IndicatorValue>> {
    return compareIndicators(context, { metricKey, codes: jurisdictionCodes ?? null, year: year ?? null, period }, page, {
      countNow: selects(info, 'totalCount'),
    });
  }
}

/** `Indicator.metric`, added here because metrics own the data. */
@Resolver(() => Indicator)
export class IndicatorMetricResolver {
  @FieldResolver(() => Metric, { nullable: true, description: 'The canonical metric this target measures; null when none fits.' })
  metric(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Metric | null> | null {
    return indicator.metricKey ? loaders.metricByKey.load(indicator.metricKey) : null;
  }
}
