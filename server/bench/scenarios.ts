import type { DataSource } from 'typeorm';
import { toGlobalId } from '../src/graphql/global-id.js';
import type { Scenario } from './http-load.js';

const PLAN_DETAIL = `query PlanDetail($id: ID!) {
  plan(id: $id) {
    id title year documentNumber issuedOn
    jurisdiction { code name parent { name } }
    sections { id ordinal title tasks {
      id ordinal title text
      clauses { id ordinal text assignments { role agency { id name kind } } indicators { id subject comparator value unit } }
      indicators { id value unit }
    } }
    schedule { id ordinal content q1 q2 q3 q4 leadAgencies { name } responsibleAgencies { name } indicators { period value unit } task { ordinal } }
  }
}`;

const TASK_SEARCH = `query TaskSearch($filter: TaskFilter, $first: Int) {
  tasks(filter: $filter, first: $first) {
    totalCount
    nodes { id ordinal title plan { id title jurisdiction { name } } agencies(role: LEAD) { name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const COMPARISON = `query Comparison($codes: [String!]!, $year: Int!) {
  comparison(jurisdictionCodes: $codes, year: $year) {
    jurisdictions { code name }
    rows {
      theme { key name }
      uniqueTo { code }
      cells { jurisdiction { code } tasks { id ordinal title } unmatchedTasks { id } indicators { subject value unit } }
    }
  }
}`;

const INDICATOR_COMPARISON = `query IndicatorComparison($metricKey: String!, $codes: [String!], $year: Int) {
  indicatorComparison(metricKey: $metricKey, jurisdictionCodes: $codes, year: $year, first: 100) {
    nodes { jurisdiction { code name } plan { id } subject value unit }
  }
}`;

export const PLAN_CHANGES = `query PlanChanges($from: ID!, $to: ID!) {
  planChanges(from: $from, to: $to) {
    from { id year } to { id year }
    tasks {
      kind score reworded
      before { id ordinal title } after { id ordinal title }
      clauses { before { id } after { id } diff { kind text } }
      agencies { kind role agency { id name } }
      targets { kind stricter delta before { id subject value unit } after { id subject value unit } }
    }
  }
}`;

const TARGET_CASCADE = `query TargetCascade($metricKey: String!, $code: String!, $year: Int!) {
  targetCascade(metricKey: $metricKey, jurisdictionCode: $code, year: $year, first: 100) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { laxer plan { id jurisdiction { code name } } indicator { id subject value unit period } verdicts { verdict distance reason parent { id value unit } } }
  }
}`;

/** Words researchers search tasks for. */
const SEARCH_WORDS = ['校园', '冷链', '抽检', '餐饮', '农村', '信用', '保健食品', '明厨亮灶'];
/** Different plans, so the figures are not one plan's. */
const PLANS_ROTATED = 500;

/**
 * The requests the bench measures, over the loaded corpus: a plan with all its parts, a task
 * search with filters, a comparison of 10 jurisdictions (a city and its counties), the
 * sampling-density targets of all cities of a province, what changed in a plan since the year
 * before, and the sampling-density cascade of a whole province. Each rotates over many arguments.
 */
export async function benchScenarios(dataSource: DataSource, year: number): Promise<Scenario[]> {
  const plans: { id: string }[] = await dataSource.query(`SELECT id FROM plan WHERE year = $1 ORDER BY md5(id) LIMIT $2`, [
    year,
    PLANS_ROTATED,
  ]);
  // Cities with at least nine counties that have plans: a comparison of ten.
  const tens: { codes: string[] }[] = await dataSource.query(
    `SELECT (array[city.code] || (array_agg(county.code ORDER BY county.code))[1:9]) AS codes
     FROM jurisdiction city JOIN jurisdiction county ON county.parent_code = city.code
     WHERE city.level = 'CITY' AND EXISTS (SELECT 1 FROM plan WHERE plan.jurisdiction_code = county.code AND plan.year = $1)
     GROUP BY city.code HAVING count(*) >= 9 ORDER BY md5(city.code) LIMIT 50`,
    [year],
  );
  const provinces: { codes: string[] }[] = await dataSource.query(
    `SELECT array_agg(city.code ORDER BY city.code) AS codes
     FROM jurisdiction city JOIN plan ON plan.jurisdiction_code = city.code AND plan.year = $1
     WHERE city.level = 'CITY' GROUP BY city.parent_code ORDER BY city.parent_code`,
    [year],
  );
  // A jurisdiction's plan and the one of the year before: what changed since last year.
  const consecutive: { from: string; to: string }[] = await dataSource.query(
    `SELECT earlier.id AS "from", later.id AS "to" FROM plan later
     JOIN plan earlier ON earlier.jurisdiction_code = later.jurisdiction_code AND earlier.year = later.year - 1
     WHERE later.year = $1 ORDER BY md5(later.id) LIMIT $2`,
    [year, PLANS_ROTATED],
  );
  const provinceCodes = [...new Set(provinces.map(({ codes }) => `${codes[0].slice(0, 2)}0000`))];
  if (!plans.length || !tens.length || !provinces.length) throw new Error(`The corpus has too few plans for ${year} to benchmark.`);
  return [
    {
      name: 'plan detail',
      query: PLAN_DETAIL,
      variables: (call) => ({ id: toGlobalId('Plan', plans[call % plans.length].id) }),
      rotation: plans.length,
    },
    {
      name: 'task search',
      query: TASK_SEARCH,
      variables: (call) => ({ first: 20, filter: { year, role: 'LEAD', text: SEARCH_WORDS[call % SEARCH_WORDS.length] } }),
      rotation: SEARCH_WORDS.length,
    },
    {
      name: 'comparison of 10',
      query: COMPARISON,
      variables: (call) => ({ codes: tens[call % tens.length].codes, year }),
      rotation: tens.length,
    },
    {
      name: 'indicators, cities of a province',
      query: INDICATOR_COMPARISON,
      variables: (call) => ({ metricKey: 'sampling-density', codes: provinces[call % provinces.length].codes, year }),
      rotation: provinces.length,
    },
    // Only a corpus of several years (the bench's default three) has a year before.
    ...(consecutive.length ? [planChangesScenario(consecutive)] : []),
    {
      name: 'sampling cascade, a province',
      query: TARGET_CASCADE,
      variables: (call) => ({ metricKey: 'sampling-density', code: provinceCodes[call % provinceCodes.length], year }),
      rotation: provinceCodes.length,
    },
  ];
}

/** What changed in a plan since the year before, rotating over jurisdictions. */
function planChangesScenario(consecutive: { from: string; to: string }[]): Scenario {
  return {
    name: 'plan changes',
    query: PLAN_CHANGES,
    variables: (call) => ({
      from: toGlobalId('Plan', consecutive[call % consecutive.length].from),
      to: toGlobalId('Plan', consecutive[call % consecutive.length].to),
    }),
    rotation: consecutive.length,
  };
}
