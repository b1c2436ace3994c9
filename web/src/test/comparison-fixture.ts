import type { ComparisonQuery } from '@/graphql/generated/graphql';

/**
 * A comparison of Tongzhou (320612) and Xuzhou (320300) for 2021 shaped as the API answers it,
 * abridged from the seed plans: campus food safety (T5 ↔ X2), sampling (T4 ↔ X1, with
 * 6 vs 4.5 批次/千人), small workshops (Tongzhou only) and infant formula (Xuzhou only).
 */
type Task = ComparisonQuery['comparison']['rows'][number]['cells'][number]['tasks'][number];
type Indicator = ComparisonQuery['comparison']['rows'][number]['cells'][number]['indicators'][number];

const tongzhou = { id: 'J320612', code: '320612', name: '通州区', shortName: '通州', level: 'DISTRICT' as const };
const xuzhou = { id: 'J320300', code: '320300', name: '徐州市', shortName: '徐州', level: 'CITY' as const };

function task(code: string, ordinal: number, title: string, text: string, lead: string, equivalentOf: [string, number][] = []): Task {
  return {
    id: `T${code}-${ordinal}`,
    ordinal,
    title,
    text,
    plan: { id: `${code}-2021` },
    clauses: [
      {
        id: `C${code}-${ordinal}-1`,
        assignments: [
          {
            role: 'LEAD',
            ordinal: 1,
            printedName: lead,
            spanStart: 0,
            spanEnd: 1,
            agency: { id: `A-${lead}`, name: lead, kind: 'MARKET_REGULATION', collective: false },
          },
          {
            role: 'SHARED',
            ordinal: 1,
            printedName: '教育局',
            spanStart: 0,
            spanEnd: 1,
            agency: { id: `A-${code}-edu`, name: `${code === '320612' ? '区' : '市'}教育局`, kind: 'EDUCATION', collective: false },
          },
        ],
      },
    ],
    equivalents: equivalentOf.map(([otherCode, otherOrdinal]) => ({
      id: `AL-${code}-${ordinal}-${otherOrdinal}`,
      score: 0.9,
      status: 'SUGGESTED' as const,
      evidence: ['校园食品安全'],
      task: {
        id: `T${otherCode}-${otherOrdinal}`,
        ordinal: otherOrdinal,
        plan: { id: `${otherCode}-2021`, jurisdiction: { id: `J${otherCode}`, code: otherCode } },
      },
    })),
  };
}

function indicator(code: string, taskOrdinal: number, id: string, subject: string, value: number, sourceText: string): Indicator {
  return {
    id,
    subject,
    comparator: 'EQ',
    value,
    unit: '批次/千人',
    period: 'YEAR',
    cumulative: false,
    qualifier: '达到',
    sourceText,
    spanStart: 0,
    spanEnd: sourceText.length,
    metric: { key: 'sampling-density' },
    task: { id: `T${code}-${taskOrdinal}` },
  };
}

const theme = (key: string, name: string, nameEn: string) => ({ key, name, nameEn });

function cellOf(jurisdiction: typeof tongzhou | typeof xuzhou, unmatched: string[]) {
  return {
    jurisdiction: { id: jurisdiction.id, code: jurisdiction.code },
    plan: { id: `${jurisdiction.code}-2021` },
    unmatchedTasks: unmatched.map((id) => ({ id })),
  };
}

export const comparisonFixture: ComparisonQuery = {
  comparison: {
    jurisdictions: [tongzhou, xuzhou],
    rows: [
      {
        theme: theme('risk-monitoring-sampling', '风险监测与抽检', 'Risk monitoring and sampling'),
        uniqueTo: null,
        cells: [
          {
            ...cellOf(tongzhou, []),
            tasks: [
              task(
                '320612',
                4,
                '实施风险评估与监测专项提升行动',
                '实施风险评估与监测专项提升行动。市场监管环节食品安全监督抽检量达到6批次/千人。',
                '区市场监管局',
                [['320300', 1]],
              ),
            ],
            indicators: [
              indicator('320612', 4, 'I-t4', '市场监管环节食品安全监督抽检量', 6, '市场监管环节食品安全监督抽检量达到6批次/千人'),
            ],
          },
          {
            ...cellOf(xuzhou, []),
            tasks: [
              task(
                '320300',
                1,
                '实施风险评估与监测专项提升行动',
                '实施风险评估与监测专项提升行动。全市农产品和食品抽检量达到 6 批次 / 千人。市场监管环节食品安全监督抽检量达到 4.5 批次 / 千人。',
                '市市场监管局',
                [['320612', 4]],
              ),
            ],
            indicators: [
              indicator('320300', 1, 'I-x1a', '全市农产品和食品抽检量', 6, '全市农产品和食品抽检量达到 6 批次 / 千人'),
              indicator('320300', 1, 'I-x1b', '市场监管环节食品安全监督抽检量', 4.5, '市场监管环节食品安全监督抽检量达到 4.5 批次 / 千人'),
              {
                ...indicator('320300', 1, 'I-x1q', '农产品和食品抽检量', 2, '农产品和食品抽检量达到 2 批次 / 千人'),
                period: 'Q2',
                cumulative: true,
              },
            ],
          },
        ],
      },
      {
        theme: theme('campus-food-safety', '校园食品安全', 'Campus food safety'),
        uniqueTo: null,
        cells: [
          {
            ...cellOf(tongzhou, []),
            tasks: [
              task(
                '320612',
                5,
                '实施校园食品安全守护行动',
                '实施校园食品安全守护行动。组织开展春秋季校园食品安全专项检查，切实加大日常监管力度。',
                '区市场监管局',
                [['320300', 2]],
              ),
            ],
            indicators: [],
          },
          {
            ...cellOf(xuzhou, []),
            tasks: [
              task(
                '320300',
                2,
                '实施校园食品安全守护行动',
                '实施校园食品安全守护行动。组织开展春秋季节校园食品安全专项检查，切实加大日常监管力度。',
                '市市场监管局',
                [['320612', 5]],
              ),
            ],
            indicators: [],
          },
        ],
      },
      {
        theme: theme('small-workshops', '食品小作坊', 'Small food workshops'),
        uniqueTo: { id: tongzhou.id, code: tongzhou.code },
        cells: [
          {
            ...cellOf(tongzhou, ['T320612-8']),
            tasks: [task('320612', 8, '实施食品小作坊整治提优工程', '实施食品小作坊整治提优工程。', '区市场监管局')],
            indicators: [],
          },
          { ...cellOf(xuzhou, []), tasks: [], indicators: [] },
        ],
      },
      {
        theme: theme('infant-formula', '婴幼儿配方乳粉', 'Infant formula'),
        uniqueTo: { id: xuzhou.id, code: xuzhou.code },
        cells: [
          { ...cellOf(tongzhou, []), tasks: [], indicators: [] },
          {
            ...cellOf(xuzhou, ['T320300-5']),
            tasks: [task('320300', 5, '实施婴幼儿配方乳粉提升行动', '实施婴幼儿配方乳粉提升行动。', '市市场监管局')],
            indicators: [],
          },
        ],
      },
    ],
  },
  metrics: [
    { key: 'pass-rate', name: '合格率', nameEn: 'Pass rate', unit: '%', higherIsStricter: true },
    { key: 'sampling-density', name: '抽检量', nameEn: 'Sampling density', unit: '批次/千人', higherIsStricter: true },
  ],
};
