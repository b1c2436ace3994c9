import { Field, Float, ObjectType } from 'type-graphql';
import { In, type DataSource } from 'typeorm';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { Indicator, Period } from '../indicator/indicator.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { Metric } from './metric.entity.js';
import { valueInMetricUnit } from './metric.service.js';

@ObjectType({ description: "One jurisdiction's target for a metric, in the metric's unit." })
export class IndicatorValue {
  @Field(() => Jurisdiction, { description: 'Whose target it is.' })
  jurisdiction: Jurisdiction;

  @Field(() => Plan, { description: 'The plan that sets it.' })
  plan: Plan;

  @Field(() => Indicator, { description: 'The indicator as read from the plan (its subject says what exactly is measured).' })
  indicator: Indicator;

  @Field(() => String, { description: 'What is measured, e.g. "市场监管环节食品安全监督抽检量" (the indicator\'s subject).' })
  subject: string;

  @Field(() => Float, { description: "The target in the metric's unit." })
  value: number;

  @Field(() => String, { description: "The metric's unit (or the indicator's own, when it cannot be converted)." })
  unit: string;
}

/**
 * The targets of one metric across jurisdictions (all when `codes` is null), for one year or all,
 * in the order of `codes` (else by jurisdiction code), then by year and position in the plan.
 */
export async function compareIndicators(
  dataSource: DataSource,
  args: { metricKey: string; codes: string[] | null; year: number | null; period: Period },
): Promise<IndicatorValue[]> {
  const metric = await dataSource.getRepository(Metric).findOneBy({ key: args.metricKey });
  if (!metric) throw new ApiError(ErrorCode.METRIC_NOT_FOUND, `No metric "${args.metricKey}".`, { metricKey: args.metricKey });
  const query = dataSource
    .getRepository(Indicator)
    .createQueryBuilder('indicator')
    .innerJoin('indicator.task', 'task')
    .innerJoinAndMapOne('indicator.plan', Plan, 'plan', 'plan.id = task.planId')
    .where('indicator.metricKey = :metricKey', { metricKey: metric.key })
    .andWhere('indicator.period = :period', { period: args.period })
    .orderBy('plan.jurisdictionCode', 'ASC')
    .addOrderBy('plan.year', 'ASC')
    .addOrderBy('indicator.spanStart', 'ASC');
  if (args.codes) query.andWhere('plan.jurisdictionCode IN (:...codes)', { codes: args.codes.length ? args.codes : [''] });
  if (args.year !== null) query.andWhere('plan.year = :year', { year: args.year });
  const indicators = (await query.getMany()) as Array<Indicator & { plan: Plan }>;
  const codes = [...new Set(indicators.map((indicator) => indicator.plan.jurisdictionCode))];
  const jurisdictions = codes.length ? await dataSource.getRepository(Jurisdiction).findBy({ code: In(codes) }) : [];
  const byCode = new Map(jurisdictions.map((jurisdiction) => [jurisdiction.code, jurisdiction]));
  const rank = new Map((args.codes ?? []).map((code, index) => [code, index]));
  return indicators
    .map((indicator, index) => ({ indicator, index }))
    .sort(
      (a, b) =>
        (rank.get(a.indicator.plan.jurisdictionCode) ?? 0) - (rank.get(b.indicator.plan.jurisdictionCode) ?? 0) || a.index - b.index,
    )
    .map(({ indicator }) => {
      const { plan, ...rest } = indicator;
      return {
        jurisdiction: byCode.get(plan.jurisdictionCode)!,
        plan,
        indicator: Object.assign(new Indicator(), rest),
        subject: indicator.subject,
        ...valueInMetricUnit(metric, indicator.value, indicator.unit),
      };
    });
}
