import type { ComparisonQuery } from '@/graphql/generated/graphql';

/**
 * A comparison of Tongzhou (320612) and Xuzhou (320300) for 2021 shaped as the API answers it,
 * with four of its rows: sampling (T4 ↔ X1, with 6 vs 4.5 批次/千人), campus food safety (T5 ↔ X2),
 * small workshops (T8, Tongzhou only) and infant formula (X5, Xuzhou only). Titles, texts,
 * clauses, agencies, roles and spans are the importer's reading of seeds/tongzhou-2021.txt and
 * seeds/xuzhou-2021.md; scores and evidence are the alignment engine's. Abridged in one way: of
 * the tasks' targets only the sampling-density ones are listed.
 */
type Task = ComparisonQuery['comparison']['rows'][number]['cells'][number]['tasks'][number];
type Assignment = Task['clauses'][number]['assignments'][number];
type Indicator = ComparisonQuery['comparison']['rows'][number]['cells'][number]['indicators'][number];
type Agency = Assignment['agency'];

const tongzhou = { id: 'J320612', code: '320612', name: '通州区', shortName: '通州', level: 'DISTRICT' as const };
const xuzhou = { id: 'J320300', code: '320300', name: '徐州市', shortName: '徐州', level: 'CITY' as const };

function agency(name: string, kind: Agency['kind'], collective = false): Agency {
  return { id: `A-${name}`, name, kind, collective };
}

const agencies = {
  tzDevelopmentReform: agency('区发展改革委', 'DEVELOPMENT_REFORM'),
  tzAgriculture: agency('区农业农村局', 'AGRICULTURE_RURAL'),
  tzMarket: agency('区市场监管局', 'MARKET_REGULATION'),
  tzNaturalResources: agency('区自然资源和规划局', 'NATURAL_RESOURCES'),
  tzHealth: agency('区卫生健康委', 'HEALTH'),
  tzZone: agency('南通高新区管委会', 'DEVELOPMENT_ZONE'),
  tzTowns: agency('各镇（街道）人民政府（办事处）', 'SUBORDINATE_GOVERNMENTS', true),
  tzEducation: agency('区教体局', 'EDUCATION'),
  xzCounties: agency('各县（市）区人民政府', 'SUBORDINATE_GOVERNMENTS', true),
  xzMarket: agency('市市场监管局', 'MARKET_REGULATION'),
  xzAgriculture: agency('市农业农村局', 'AGRICULTURE_RURAL'),
  xzHealth: agency('市卫生健康委', 'HEALTH'),
  xzNaturalResources: agency('市自然资源和规划局', 'NATURAL_RESOURCES'),
  xzEducation: agency('市教育局', 'EDUCATION'),
};

/** One bracket's agencies, all in one role, each with its span in the plan's sourceText. */
function bracket(role: Assignment['role'], ...named: [Agency, number, number, string?][]): Assignment[] {
  return named.map(([agency, spanStart, spanEnd, printedName], index) => ({
    role,
    ordinal: index + 1,
    printedName: printedName ?? agency.name,
    spanStart,
    spanEnd,
    agency,
  }));
}

interface Equivalent {
  code: string;
  ordinal: number;
  evidence: string[];
}

function task(code: string, ordinal: number, title: string, text: string, clauses: Assignment[][], equivalent?: Equivalent): Task {
  return {
    id: `T${code}-${ordinal}`,
    ordinal,
    fullLabel: String(ordinal),
    title,
    text,
    plan: { id: `${code}-2021` },
    clauses: clauses.map((assignments, index) => ({ id: `C${code}-${ordinal}-${index + 1}`, assignments })),
    equivalents: equivalent
      ? [
          {
            id: `AL-${code}-${ordinal}-${equivalent.ordinal}`,
            score: 0.9,
            status: 'SUGGESTED' as const,
            evidence: equivalent.evidence,
            method: 'SIMILARITY' as const,
            reviewedBy: null,
            reviewedAt: null,
            task: {
              id: `T${equivalent.code}-${equivalent.ordinal}`,
              ordinal: equivalent.ordinal,
              fullLabel: String(equivalent.ordinal),
              plan: {
                id: `${equivalent.code}-2021`,
                jurisdiction: { id: `J${equivalent.code}`, code: equivalent.code, name: equivalent.code },
              },
            },
          },
        ]
      : [],
  };
}

function indicator(
  code: string,
  taskOrdinal: number,
  id: string,
  subject: string,
  value: number,
  sourceText: string,
  spanStart: number,
): Indicator {
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
    spanStart,
    spanEnd: spanStart + sourceText.length,
    metric: { key: 'sampling-density' },
    task: { id: `T${code}-${taskOrdinal}` },
    // Xuzhou's 4.5 批次/千人 asks less than Jiangsu's 5 (server/test/target-cascade.test.ts).
    cascade: id === 'I-x1b' ? [{ verdict: 'LAXER' }] : [],
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

const samplingEvidence = [
  '国家级监督抽检不合格食品核查处置率达到',
  '市场监管环节食品安全监督抽检量达到',
  '实施风险评估与监测专项提升行动',
  '按时完成率达到',
  '食品安全风险',
  '食品相关产品',
];
const campusEvidence = [
  '督促学校严格落实食品安全校长',
  '实施校园食品安全守护行动',
  '校园食品安全专项检查',
  '切实加大日常监管力度',
  '组织开展春秋季',
  '全覆盖的基础上',
];

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
                '实施风险评估与监测专项提升行动。提升食品检测能力，市场监管环节食品安全监督抽检量达到6批次/千人。国家级监督抽检不合格食品核查处置率达到100%，按时完成率达到85%。主要农产品质量安全监测总体合格率稳定在97%以上，食品安全抽检合格率稳定在98%以上。〔区发改委、区农业农村局、区市场监管局按职责分工负责〕开展食品安全风险预警交流，提高食品安全风险管理能力。开展食品污染物及有害因素、食源性疾病、食品相关产品等风险监测，加强地方特色食品、食用林产品、高风险食品和高风险项目的专项监测，开展风险监测结果分析和通报会商。〔区自然资源和规划局、区农业农村局、区卫生健康委、区市场监管局、南通高新区管委会、各镇（街道）人民政府（办事处）按职责分工负责〕',
                [
                  bracket(
                    'SHARED',
                    [agencies.tzDevelopmentReform, 1385, 1389, '区发改委'],
                    [agencies.tzAgriculture, 1390, 1396],
                    [agencies.tzMarket, 1397, 1403],
                  ),
                  bracket(
                    'SHARED',
                    [agencies.tzNaturalResources, 1517, 1526],
                    [agencies.tzAgriculture, 1527, 1533],
                    [agencies.tzHealth, 1534, 1540],
                    [agencies.tzMarket, 1541, 1547],
                    [agencies.tzZone, 1548, 1556],
                    [agencies.tzTowns, 1557, 1572],
                  ),
                ],
                { code: '320300', ordinal: 1, evidence: samplingEvidence },
              ),
            ],
            indicators: [
              indicator('320612', 4, 'I-t4', '市场监管环节食品安全监督抽检量', 6, '市场监管环节食品安全监督抽检量达到6批次/千人', 1282),
            ],
          },
          {
            ...cellOf(xuzhou, []),
            tasks: [
              task(
                '320300',
                1,
                '实施风险评估与监测专项提升行动',
                '实施风险评估与监测专项提升行动。全市农产品和食品抽检量达到6批次/千人。（各县（市）区人民政府负责）市场监管环节食品安全监督抽检量达到4.5批次/千人。国家级监督抽检不合格食品核查处置率达到100%，按时完成率达到85%。完成食品相关产品监督抽检任务。（市市场监管局负责）食用农产品例行监测合格率达到97%。（市农业农村局负责）制定全市食品安全风险监测计划，认真做好市级风险评估工作，强化评估结果有效运用。（市卫生健康委负责）加强食用林产品质量安全及产地环境风险监测。（市自然资源和规划局负责）',
                [
                  bracket('RESPONSIBLE', [agencies.xzCounties, 545, 555]),
                  bracket('RESPONSIBLE', [agencies.xzMarket, 641, 647]),
                  bracket('RESPONSIBLE', [agencies.xzAgriculture, 670, 676]),
                  bracket('RESPONSIBLE', [agencies.xzHealth, 719, 725]),
                  bracket('RESPONSIBLE', [agencies.xzNaturalResources, 750, 759]),
                ],
                { code: '320612', ordinal: 4, evidence: samplingEvidence },
              ),
            ],
            indicators: [
              indicator('320300', 1, 'I-x1a', '全市农产品和食品抽检量', 6, '全市农产品和食品抽检量达到6批次/千人', 520),
              indicator('320300', 1, 'I-x1b', '市场监管环节食品安全监督抽检量', 4.5, '市场监管环节食品安全监督抽检量达到4.5批次/千人', 558),
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
                '实施校园食品安全守护行动。组织开展春秋季校园食品安全专项检查，切实加大日常监管力度。在学校食堂“明厨亮灶”全覆盖的基础上，进一步提升“明厨亮灶+互联网”覆盖率。〔区市场监管局负责〕督促学校严格落实食品安全校长（园长）负责制，不断完善“阳光食堂”平台建设，提升运行质量。〔区教体局负责〕',
                [bracket('RESPONSIBLE', [agencies.tzMarket, 1666, 1672]), bracket('RESPONSIBLE', [agencies.tzEducation, 1720, 1724])],
                { code: '320300', ordinal: 2, evidence: campusEvidence },
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
                '实施校园食品安全守护行动。组织开展春秋季节校园食品安全专项检查，切实加大日常监管力度。在学校食堂“明厨亮灶”全覆盖的基础上，进一步提升“明厨亮灶+互联网”覆盖率。（市市场监管局负责）督促学校严格落实食品安全校长（园长）负责制，不断完善“阳光食堂”平台建设，提升运行质量。（市教育局负责）',
                [bracket('RESPONSIBLE', [agencies.xzMarket, 851, 857]), bracket('RESPONSIBLE', [agencies.xzEducation, 905, 909])],
                { code: '320612', ordinal: 5, evidence: campusEvidence },
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
            tasks: [
              task(
                '320612',
                8,
                '开展食品小作坊整治提优工程',
                '开展食品小作坊整治提优工程。充分利用食品小作坊整治提优工程列入2021年省政府民生实事清单的契机，全面加强食品小作坊监管，推动整治提优工程实施方案全面落实。实现食品小作坊100%建档、登记，抽检覆盖率60%以上；积极推进食品小作坊生产园区或集聚区建设，全区培育“名特优”食品小作坊不少于8家。〔区市场监管局、南通高新区管委会、各镇（街道）人民政府（办事处）负责〕',
                [bracket('RESPONSIBLE', [agencies.tzMarket, 2283, 2289], [agencies.tzZone, 2290, 2298], [agencies.tzTowns, 2299, 2314])],
              ),
            ],
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
            tasks: [
              task(
                '320300',
                5,
                '实施婴幼儿配方乳粉提升行动',
                '实施婴幼儿配方乳粉提升行动。突出婴幼儿配方乳粉经营单位“三合法、一标签”为监管重点，以“一取得、一健全、一规范”为主要方法，提升婴配经营单位食品安全保障能力。（市市场监管局负责）',
                [bracket('RESPONSIBLE', [agencies.xzMarket, 1273, 1279])],
              ),
            ],
            indicators: [],
          },
        ],
      },
    ],
  },
  // The food-sampling-pass-rate targets (T4's 98%) are abridged away: a metric without targets gets no chart.
  metrics: [
    { key: 'sampling-density', name: '抽检量', nameEn: 'Sampling density', unit: '批次/千人', higherIsStricter: true },
    { key: 'food-sampling-pass-rate', name: '食品安全抽检合格率', nameEn: 'Food sampling pass rate', unit: '%', higherIsStricter: true },
  ],
};
