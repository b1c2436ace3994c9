import { Field, Float, ObjectType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import { EntityReader } from '../graphql/batch.js';
import { paginate, type Connection, type Keyset, type PageArgs, type PageOptions } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { Indicator, Period } from '../indicator/indicator.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Plan } from '../plan/plan.entity.js';
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

/** Extra columns each page reads beside the indicator: its plan's and the place of its jurisdiction in the order asked. */
interface Placed {
  __planId: string;
  __code: string;
  __year: number;
  __rank: number;
}

/**
 * In the order of the codes asked for (their position; 0 for all when none were), then by
 * jurisdiction code, year and position in the plan; the id makes it unique.
 */
const COMPARISON_KEYSET: Keyset<Indicator & Placed> = {
  name: 'IndicatorValueConnection',
  columns: [
    'COALESCE(array_position(CAST(:rankCodes AS varchar[]), plan.jurisdictionCode), 0)',
    'plan.jurisdictionCode',
    'plan.year',
    'indicator.spanStart',
    'indicator.id',
  ],
  kinds: ['integer', 'text', 'integer', 'integer', 'text'],
  values: (indicator) => [indicator.__rank, indicator.__code, indicator.__year, indicator.spanStart, indicator.id],
};

/**
 * The targets of one metric across jurisdictions (all when `codes` is null), for one year or all,
 * a page at a time: in the order of `codes` (else by jurisdiction code), then by year and
 * position in the plan.
 */
export async function compareIndicators(
  { dataSource, loaders }: Pick<Context, 'dataSource' | 'loaders'>,
  args: { metricKey: string; codes: string[] | null; year: number | null; period: Period },
  page: PageArgs,
  options: Pick<PageOptions, 'countNow'> = {},
): Promise<Connection<IndicatorValue>> {
  const metric = await loaders.metricByKey.load(args.metricKey);
  if (!metric) throw new ApiError(ErrorCode.METRIC_NOT_FOUND, `No metric "${args.metricKey}".`, { metricKey: args.metricKey });
  const query = dataSource
    .getRepository(Indicator)
    .createQueryBuilder('indicator')
    .innerJoin('indicator.task', 'task')
    .innerJoin(Plan, 'plan', 'plan.id = task.planId')
    .where('indicator.metricKey = :metricKey', { metricKey: metric.key })
    .andWhere('indicator.period = :period', { period: args.period })
    .setParameter('rankCodes', args.codes ?? []);
  if (args.codes) query.andWhere('plan.jurisdictionCode IN (:...codes)', { codes: args.codes.length ? args.codes : [''] });
  if (args.year !== null) query.andWhere('plan.year = :year', { year: args.year });
  const connection = await paginate(
    query as unknown as SelectQueryBuilder<Indicator & Placed>,
    COMPARISON_KEYSET,
    page,
    EntityReader.of(dataSource, Indicator) as EntityReader<Indicator & Placed>,
    {
      ...options,
      extra: {
        select: `plan.id AS "__planId", plan.jurisdiction_code AS "__code", plan.year AS "__year", ${COMPARISON_KEYSET.columns[0]} AS "__rank"`,
        read: (indicator, row) =>
          Object.assign(indicator, { __planId: row.__planId, __code: row.__code, __year: row.__year, __rank: row.__rank }),
      },
    },
  );
  const [plans, jurisdictions] = await Promise.all([
    loaders.planById.loadMany(connection.nodes.map((indicator) => indicator.__planId)),
    loaders.jurisdictionByCode.loadMany(connection.nodes.map((indicator) => indicator.__code)),
  ]);
  const values = connection.nodes.map((indicator, index): IndicatorValue => {
    const { __planId, __code, __year, __rank, ...rest } = indicator;
    return {
      jurisdiction: jurisdictions[index] as Jurisdiction,
      plan: plans[index] as Plan,
      indicator: Object.assign(new Indicator(), rest),
      subject: indicator.subject,
      ...valueInMetricUnit(metric, indicator.value, indicator.unit),
    };
  });
  return {
    ...connection,
    nodes: values,
    edges: connection.edges.map((edge, index) => ({ cursor: edge.cursor, node: values[index] })),
  };
}
