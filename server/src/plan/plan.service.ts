import type { DataSource } from 'typeorm';
import { EntityReader } from '../graphql/batch.js';
import { paginate, type Connection, type Keyset, type PageArgs, type PageOptions, type PageSql } from '../graphql/connection.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Plan } from './plan.entity.js';
import type { PlanFilter } from './plan.input.js';

/** Plans page by id (`<jurisdiction code>-<year>`): by jurisdiction, then year. */
const PLAN_KEYSET: Keyset<Plan> = { name: 'PlanConnection', columns: ['plan.id'], kinds: ['text'], values: (plan) => [plan.id] };

/** One page of the plans matching `filter`. */
export function findPlans(
  dataSource: DataSource,
  filter: PlanFilter | null | undefined,
  page: PageArgs,
  options: PageOptions = {},
): Promise<Connection<Plan>> {
  const query: PageSql = { dataSource, alias: 'plan', where: [], params: [] };
  const parameter = (value: unknown) => `$${query.params.push(value)}`;
  if (filter?.jurisdictionCodes) query.where.push(`plan.jurisdiction_code = ANY(${parameter(filter.jurisdictionCodes)})`);
  if (filter?.year != null) query.where.push(`plan.year = ${parameter(filter.year)}`);
  return paginate(query, PLAN_KEYSET, page, EntityReader.of(dataSource, Plan), options);
}

/** The distinct years there are plans for, newest first. */
export async function findPlanYears(dataSource: DataSource): Promise<number[]> {
  const rows: { year: number }[] = await dataSource
    .getRepository(Plan)
    .createQueryBuilder('plan')
    .select('DISTINCT plan.year', 'year')
    .orderBy('year', 'DESC')
    .getRawMany();
  return rows.map((row) => row.year);
}

/** The jurisdictions that have a plan (for `year`, when given), by code. */
export function findJurisdictionsWithPlans(dataSource: DataSource, year: number | null | undefined): Promise<Jurisdiction[]> {
  const plans = dataSource.getRepository(Plan).createQueryBuilder('plan').select('1').where('plan.jurisdictionCode = jurisdiction.code');
  if (year != null) plans.andWhere('plan.year = :year', { year });
  return dataSource
    .getRepository(Jurisdiction)
    .createQueryBuilder('jurisdiction')
    .where(`EXISTS (${plans.getQuery()})`, plans.getParameters())
    .orderBy('jurisdiction.code')
    .getMany();
}
