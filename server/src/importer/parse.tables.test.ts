import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlAsText } from './html.js';
import { parsePlanFile, parsePlanText } from './parse.js';
import { PlanParseError, type ParsedPlan } from './parsed-plan.js';
import { buildDocx, htmlPage, type FixtureCell } from './testing/fixtures.js';
import { spanProblems } from './testing/spans.js';

/*
 * Plans that are one table, written in the shape of real ones (a county's 任务分解表 sent as a
 * Word file, a county-level city's 任务清单 reposted on its portal, a converted text file).
 */

const cell = (text: string, span: { rowSpan?: number; colSpan?: number } = {}): FixtureCell => ({ text, ...span });
const row = (...texts: string[]) => texts.map((text) => cell(text));

/** 云峰县2022年食品安全重点工作任务分解表: a notice with 文号, the plan a Word table with merged cells. */
const yunfengBefore = [
  '云峰县食品安全委员会办公室文件',
  '云食安办〔2022〕3号',
  '云峰县食品安全委员会办公室关于印发2022年食品安全重点工作任务分解表的通知',
  '各乡（镇）人民政府，县食安委各成员单位：',
  '现将《云峰县2022年食品安全重点工作任务分解表》印发给你们，请结合实际认真抓好落实。',
  '云峰县2022年食品安全重点工作任务分解表',
];
const yunfengTable: FixtureCell[][] = [
  row('序号', '工作任务', '具体内容', '牵头单位', '责任单位', '完成时限'),
  [cell('一、落实食品安全责任', { colSpan: 6 })],
  [
    cell('1'),
    cell('落实党政同责', { rowSpan: 2 }),
    ...row(
      '将食品安全工作纳入县、乡两级党委和政府年度综合考核，考核分值占比不低于3%。',
      '县委督查室',
      '县食安办、各乡（镇）人民政府',
      '2022年12月1日前',
    ),
  ],
  row('2', '县、乡两级党政领导干部按要求完成包保督导，督导覆盖率达到100%。', '县食安办', '各乡（镇）人民政府', '长期坚持'),
  row(
    '3',
    '压实企业主体责任',
    '推动食品生产企业全面配备食品安全总监和食品安全员，配备率达到100%。',
    '县市场监管局',
    '县工业信息化商务科技局\n县农业农村局',
    '6月底前',
  ),
  [cell('二、强化源头治理', { colSpan: 6 })],
  row(
    '4',
    '严格农药兽药管控',
    '食用农产品例行监测不少于800批次，合格率稳定在97%以上。',
    '县农业农村局',
    '县市场监管局、县林草局',
    '年底前',
  ),
  [
    cell('5', { rowSpan: 2 }),
    cell('治理耕地土壤污染', { rowSpan: 2 }),
    ...row('受污染耕地安全利用率达到90%以上。', '县生态环境分局', '县农业农村局', '2022年10月底前'),
  ],
  row('开展耕地周边涉重金属企业排查整治。', '县生态环境分局', '县工业信息化商务科技局', '年底前'),
  [cell('三、加强监管执法', { colSpan: 6 })],
  row('6', '抽检监测', '市场监管环节食品安全监督抽检量达到5批次/千人。', '县市场监管局', '各乡（镇）人民政府', '11月底前'),
  row('7', '校园食品安全', '学校食堂“明厨亮灶”覆盖率达到100%。', '县教育体育局', '县市场监管局、县卫生健康局', '9月1日前'),
];
const yunfengAfter = [
  '云峰县食品安全委员会办公室',
  '2022年3月10日',
  '抄送：县委办公室，县人大常委会办公室，县政府办公室。',
  '云峰县食品安全委员会办公室 2022年3月15日印发',
];

/**
 * 湘源市2021年食品安全重点工作任务清单: a portal repost without 文号; a section is 一 in the 序号
 * cell beside its title, the numbers restart in each section, there is no content column, and the
 * 完成时间 stands before the unit columns.
 */
const xiangyuanBefore = [
  '湘源市2021年食品安全重点工作任务清单',
  '为深入贯彻落实党中央、国务院和省委、省政府关于食品安全工作的决策部署，现将2021年全市食品安全重点工作任务分解如下：',
];
const xiangyuanTable: FixtureCell[][] = [
  row('序号', '工作内容', '完成时间', '牵头单位', '配合单位'),
  [cell('一'), cell('源头治理', { colSpan: 4 })],
  row(
    '1',
    '强化产地环境治理。开展农用地土壤污染状况详查，受污染耕地安全利用率达到91%以上。',
    '2021年11月30日前',
    '市生态环境局',
    '市农业农村局、市自然资源和规划局',
  ),
  row('2', '加强农业投入品监管，开展禁限用农药专项整治行动不少于2次。', '长期坚持', '市农业农村局', '市市场监管局'),
  [cell('二'), cell('过程监管', { colSpan: 4 })],
  row('1', '推进“互联网+明厨亮灶”，全市学校食堂覆盖率达到100%。', '8月底前', '市教育局', '市市场监管局'),
  row('2', '对全市食品生产企业开展食品安全体系检查不少于30家。', '年底前', '市市场监管局', ''),
];
const xiangyuanAfter = ['湘源市食品安全委员会办公室', '2021年4月2日'];

/**
 * 江北县2023年食品安全重点工作任务清单 as a converter writes a Word table to text: one row per line,
 * cells apart by tabs, the header repeated on the next page and row 3 continued there.
 */
const jiangbeiLines = [
  '江北县2023年食品安全重点工作任务清单',
  '序号\t责任单位\t重点任务\t具体措施\t时间节点',
  '1\t县市场监管局\t食品安全抽检\t完成食品安全抽检3000批次以上，其中农产品抽检不少于1500批次。\t2023年11月30日前',
  '2\t县卫生健康委\t风险监测\t开展食源性疾病监测，哨点医院覆盖率达到100%。\t一季度末',
  '3\t县公安局\t打击食品犯罪\t严厉打击危害食品安全犯罪，破获案件\t',
  '序号\t责任单位\t重点任务\t具体措施\t时间节点',
  '\t\t\t不少于20件。\t年底前',
  '4\t各乡镇人民政府\t农村集体聚餐\t规范农村集体聚餐备案管理，备案率达到95%。\t长期坚持',
  '',
  '江北县食品安全委员会办公室',
  '2023年2月20日',
];

const tasksOf = (plan: ParsedPlan) => plan.sections.flatMap((section) => section.tasks);
const outline = (plan: ParsedPlan) =>
  plan.sections.map((section) => ({
    section: [section.label, section.title],
    tasks: section.tasks.map((task) => [task.ordinal, task.label, task.path, task.title]),
  }));
const clausesOf = (plan: ParsedPlan) =>
  tasksOf(plan).map((task) =>
    task.clauses.map((clause) => ({
      text: clause.text,
      roles: clause.assignments.map((ref) => `${ref.role} ${ref.name}`),
      deadline: clause.deadline && [clause.deadline.text, clause.deadline.date],
    })),
  );
const indicatorsOf = (plan: ParsedPlan) =>
  tasksOf(plan).map((task) =>
    task.clauses.flatMap((clause) => clause.indicators.map((i) => `${i.subject} ${i.comparator} ${i.value}${i.unit}`)),
  );

function refusal(run: () => unknown): PlanParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanParseError) return error;
    throw error;
  }
  throw new Error('the plan was accepted');
}

const yunfengOutline = [
  {
    section: ['一', '落实食品安全责任'],
    tasks: [
      [1, '1', ['一'], '落实党政同责'],
      // Rows under one merged 工作任务 cell, each with its own 序号: two tasks sharing the title.
      [2, '2', ['一'], '落实党政同责'],
      [3, '3', ['一'], '压实企业主体责任'],
    ],
  },
  {
    section: ['二', '强化源头治理'],
    tasks: [
      [4, '4', ['二'], '严格农药兽药管控'],
      // 序号 merged too: one task of two rows.
      [5, '5', ['二'], '治理耕地土壤污染'],
    ],
  },
  {
    section: ['三', '加强监管执法'],
    tasks: [
      [6, '6', ['三'], '抽检监测'],
      [7, '7', ['三'], '校园食品安全'],
    ],
  },
];
const yunfengClauses = [
  [
    {
      text: '将食品安全工作纳入县、乡两级党委和政府年度综合考核，考核分值占比不低于3%。',
      roles: ['LEAD 县委督查室', 'RESPONSIBLE 县食安办', 'RESPONSIBLE 各乡（镇）人民政府'],
      deadline: ['2022年12月1日前', '2022-12-01'],
    },
  ],
  [
    {
      text: '县、乡两级党政领导干部按要求完成包保督导，督导覆盖率达到100%。',
      roles: ['LEAD 县食安办', 'RESPONSIBLE 各乡（镇）人民政府'],
      deadline: ['长期坚持', null],
    },
  ],
  [
    {
      text: '推动食品生产企业全面配备食品安全总监和食品安全员，配备率达到100%。',
      // One unit per paragraph in the cell.
      roles: ['LEAD 县市场监管局', 'RESPONSIBLE 县工业信息化商务科技局', 'RESPONSIBLE 县农业农村局'],
      deadline: ['6月底前', '2022-06-30'],
    },
  ],
  [
    {
      text: '食用农产品例行监测不少于800批次，合格率稳定在97%以上。',
      roles: ['LEAD 县农业农村局', 'RESPONSIBLE 县市场监管局', 'RESPONSIBLE 县林草局'],
      deadline: ['年底前', '2022-12-31'],
    },
  ],
  [
    {
      text: '受污染耕地安全利用率达到90%以上。',
      roles: ['LEAD 县生态环境分局', 'RESPONSIBLE 县农业农村局'],
      deadline: ['2022年10月底前', '2022-10-31'],
    },
    {
      text: '开展耕地周边涉重金属企业排查整治。',
      roles: ['LEAD 县生态环境分局', 'RESPONSIBLE 县工业信息化商务科技局'],
      deadline: ['年底前', '2022-12-31'],
    },
  ],
  [
    {
      text: '市场监管环节食品安全监督抽检量达到5批次/千人。',
      roles: ['LEAD 县市场监管局', 'RESPONSIBLE 各乡（镇）人民政府'],
      deadline: ['11月底前', '2022-11-30'],
    },
  ],
  [
    {
      text: '学校食堂“明厨亮灶”覆盖率达到100%。',
      roles: ['LEAD 县教育体育局', 'RESPONSIBLE 县市场监管局', 'RESPONSIBLE 县卫生健康局'],
      deadline: ['9月1日前', '2022-09-01'],
    },
  ],
];

describe('a plan that is one Word table (云峰县2022年食品安全重点工作任务分解表)', () => {
  let docx: ParsedPlan;
  let html: ParsedPlan;
  beforeAll(async () => {
    docx = await parsePlanFile('yunfeng.docx', buildDocx(yunfengBefore, yunfengTable, yunfengAfter));
    html = await parsePlanFile('yunfeng.html', Buffer.from(htmlPage(yunfengBefore, yunfengTable, yunfengAfter)));
  });

  it('reads the notice around the table as for any plan', () => {
    expect(docx.format).toBe('DOCX');
    expect(docx.title).toBe('云峰县2022年食品安全重点工作任务分解表');
    expect(docx.year).toBe(2022);
    expect(docx.header).toMatchObject({
      documentNumber: '云食安办〔2022〕3号',
      noticeTitle: '云峰县食品安全委员会办公室关于印发2022年食品安全重点工作任务分解表的通知',
      issuer: '云峰县食品安全委员会办公室',
      issuedOn: '2022-03-10',
      copyTo: '县委办公室，县人大常委会办公室，县政府办公室',
      printedOn: '2022-03-15',
    });
    expect(docx.schedule).toEqual([]);
  });

  it('reads sections from rows spanning the table and tasks from numbered rows', () => {
    expect(outline(docx)).toEqual(yunfengOutline);
    expect(tasksOf(docx).every((task) => task.groupOrdinal === null && task.indicators.length === 0)).toBe(true);
  });

  it('reads each row as a clause: content, units by column, 完成时限', () => {
    expect(clausesOf(docx)).toEqual(yunfengClauses);
    expect(tasksOf(docx)[0].clauses[0].responsibility).toBe('县委督查室牵头，县食安办、各乡（镇）人民政府负责');
  });

  it('gives a task its 完成时限, the latest of its rows when they differ', () => {
    expect(tasksOf(docx).map((task) => task.deadline && [task.deadline.text, task.deadline.date])).toEqual([
      ['2022年12月1日前', '2022-12-01'],
      ['长期坚持', null],
      ['6月底前', '2022-06-30'],
      ['年底前', '2022-12-31'],
      ['年底前', '2022-12-31'],
      ['11月底前', '2022-11-30'],
      ['9月1日前', '2022-09-01'],
    ]);
    expect(tasksOf(docx)[4].text).toBe('受污染耕地安全利用率达到90%以上。开展耕地周边涉重金属企业排查整治。');
  });

  it('reads the targets in the content cells', () => {
    expect(indicatorsOf(docx)).toEqual([
      ['考核分值占比 GTE 3%'],
      ['督导覆盖率 EQ 100%'],
      ['配备率 EQ 100%'],
      // The bare 合格率 keeps its own name (the extractor's choice, not the table's).
      ['食用农产品例行监测 GTE 800批次', '合格率 GTE 97%'],
      ['受污染耕地安全利用率 GTE 90%'],
      ['市场监管环节食品安全监督抽检量 EQ 5批次/千人'],
      ['学校食堂“明厨亮灶”覆盖率 EQ 100%'],
    ]);
  });

  it('points every span at the cells it read', () => {
    expect(spanProblems(docx)).toEqual([]);
    expect(spanProblems(html)).toEqual([]);
  });

  it('reads the same plan from a portal page with rowspan and colspan', () => {
    expect(html.format).toBe('HTML');
    expect(outline(html)).toEqual(yunfengOutline);
    expect(clausesOf(html)).toEqual(yunfengClauses);
    expect(indicatorsOf(html)).toEqual(indicatorsOf(docx));
  });

  it('reads a section row that renders as a cell alone in its row', async () => {
    const unspanned = yunfengTable.map((cells) => cells.map(({ text, rowSpan }) => ({ text, rowSpan })));
    const plan = await parsePlanFile('yunfeng.html', Buffer.from(htmlPage(yunfengBefore, unspanned, yunfengAfter)));
    expect(plan.sourceText).toContain('\n二、强化源头治理\n');
    expect(outline(plan)).toEqual(yunfengOutline);
    expect(spanProblems(plan)).toEqual([]);
  });
});

describe('a plan table with its columns in another order', () => {
  it('reads a portal 任务清单 with 一 | title section rows, numbers restarting and no content column', async () => {
    const plan = await parsePlanFile('xiangyuan.html', Buffer.from(htmlPage(xiangyuanBefore, xiangyuanTable, xiangyuanAfter)));
    expect(plan.title).toBe('湘源市2021年食品安全重点工作任务清单');
    expect(plan.preamble).toBe(xiangyuanBefore[1]);
    expect(plan.header).toMatchObject({ documentNumber: null, issuer: '湘源市食品安全委员会办公室', issuedOn: '2021-04-02' });
    expect(outline(plan)).toEqual([
      {
        section: ['一', '源头治理'],
        // The 工作内容 cell is the text; only a short opening sentence is a title.
        tasks: [
          [1, '1', ['一'], '强化产地环境治理'],
          [2, '2', ['一'], null],
        ],
      },
      {
        section: ['二', '过程监管'],
        tasks: [
          [3, '1', ['二'], null],
          [4, '2', ['二'], null],
        ],
      },
    ]);
    expect(clausesOf(plan)).toEqual([
      [
        {
          text: '强化产地环境治理。开展农用地土壤污染状况详查，受污染耕地安全利用率达到91%以上。',
          roles: ['LEAD 市生态环境局', 'SUPPORT 市农业农村局', 'SUPPORT 市自然资源和规划局'],
          deadline: ['2021年11月30日前', '2021-11-30'],
        },
      ],
      [
        {
          text: '加强农业投入品监管，开展禁限用农药专项整治行动不少于2次。',
          roles: ['LEAD 市农业农村局', 'SUPPORT 市市场监管局'],
          deadline: ['长期坚持', null],
        },
      ],
      [
        {
          text: '推进“互联网+明厨亮灶”，全市学校食堂覆盖率达到100%。',
          roles: ['LEAD 市教育局', 'SUPPORT 市市场监管局'],
          deadline: ['8月底前', '2021-08-31'],
        },
      ],
      [
        {
          text: '对全市食品生产企业开展食品安全体系检查不少于30家。',
          roles: ['LEAD 市市场监管局'],
          deadline: ['年底前', '2021-12-31'],
        },
      ],
    ]);
    expect(tasksOf(plan)[1].clauses[0].responsibility).toBe('市农业农村局牵头，市市场监管局配合');
    expect(indicatorsOf(plan)).toEqual([
      ['受污染耕地安全利用率 GTE 91%'],
      ['开展禁限用农药专项整治行动 GTE 2次'],
      ['全市学校食堂覆盖率 EQ 100%'],
      ['对全市食品生产企业开展食品安全体系检查 GTE 30家'],
    ]);
    expect(spanProblems(plan)).toEqual([]);
  });

  it('reads a converted table: units first, header repeated on a new page, a row continued there', () => {
    const plan = parsePlanText('jiangbei.txt', jiangbeiLines.join('\n'), 'TEXT');
    expect(plan.title).toBe('江北县2023年食品安全重点工作任务清单');
    expect(plan.header).toMatchObject({ issuer: '江北县食品安全委员会办公室', issuedOn: '2023-02-20' });
    // No section rows: one unnamed section.
    expect(outline(plan)).toEqual([
      {
        section: ['', ''],
        tasks: [
          [1, '1', [], '食品安全抽检'],
          [2, '2', [], '风险监测'],
          [3, '3', [], '打击食品犯罪'],
          [4, '4', [], '农村集体聚餐'],
        ],
      },
    ]);
    expect(clausesOf(plan)).toEqual([
      [
        {
          text: '完成食品安全抽检3000批次以上，其中农产品抽检不少于1500批次。',
          roles: ['RESPONSIBLE 县市场监管局'],
          deadline: ['2023年11月30日前', '2023-11-30'],
        },
      ],
      [{ text: '开展食源性疾病监测，哨点医院覆盖率达到100%。', roles: ['RESPONSIBLE 县卫生健康委'], deadline: ['一季度末', '2023-03-31'] }],
      [{ text: '严厉打击危害食品安全犯罪，破获案件不少于20件。', roles: ['RESPONSIBLE 县公安局'], deadline: ['年底前', '2023-12-31'] }],
      [{ text: '规范农村集体聚餐备案管理，备案率达到95%。', roles: ['RESPONSIBLE 各乡镇人民政府'], deadline: ['长期坚持', null] }],
    ]);
    expect(indicatorsOf(plan)).toEqual([
      ['完成食品安全抽检 GTE 3000批次', '其中农产品抽检 GTE 1500批次'],
      ['哨点医院覆盖率 EQ 100%'],
      ['破获案件 GTE 20件'],
      ['备案率 EQ 95%'],
    ]);
    // Row 3 runs from its 序号 on line 5 to its 完成时限 on line 7.
    const lineOf = (offset: number) => plan.sourceText.slice(0, offset).split('\n').length;
    const row3 = tasksOf(plan)[2];
    expect([lineOf(row3.span.start), lineOf(row3.span.end)]).toEqual([5, 7]);
    expect(spanProblems(plan)).toEqual([]);
  });
});

/**
 * 青川区2020年食品安全重点工作任务分解表: a two-row header (责任分工 over 牵头单位 | 配合单位) and the
 * sections in a 类别 column merged down the side of their tasks.
 */
const qingchuanBefore = ['青川区2020年食品安全重点工作任务分解表'];
const qingchuanTable: FixtureCell[][] = [
  [
    cell('序号', { rowSpan: 2 }),
    cell('类别', { rowSpan: 2 }),
    cell('重点任务', { rowSpan: 2 }),
    cell('责任分工', { colSpan: 2 }),
    cell('完成时限', { rowSpan: 2 }),
  ],
  row('牵头单位', '配合单位'),
  [
    cell('1'),
    cell('一、严防严管', { rowSpan: 3 }),
    ...row('开展食品安全“守护”行动，查办食品安全案件不少于50件。', '区市场监管局', '区公安分局', '年底前'),
  ],
  row('2', '推进餐饮质量安全提升，新增“明厨亮灶”餐饮单位200家。', '区市场监管局', '各街道办事处', '10月底前'),
  row('3', '落实进口冷链食品“物防”措施。', '区商务局', '区市场监管局、区卫生健康局', '长期坚持'),
  row('4', '二、社会共治', '组织开展食品安全宣传周活动不少于3场。', '区食安办', '区委宣传部\n区教育局', '6月底前'),
];
const qingchuanAfter = ['青川区食品安全委员会办公室', '2020年4月8日'];

describe('other table layouts', () => {
  const qingchuanOutline = [
    {
      section: ['一', '严防严管'],
      tasks: [
        [1, '1', ['一'], null],
        [2, '2', ['一'], null],
        [3, '3', ['一'], null],
      ],
    },
    { section: ['二', '社会共治'], tasks: [[4, '4', ['二'], null]] },
  ];
  const qingchuanClauses = [
    [
      {
        text: '开展食品安全“守护”行动，查办食品安全案件不少于50件。',
        roles: ['LEAD 区市场监管局', 'SUPPORT 区公安分局'],
        deadline: ['年底前', '2020-12-31'],
      },
    ],
    [
      {
        text: '推进餐饮质量安全提升，新增“明厨亮灶”餐饮单位200家。',
        roles: ['LEAD 区市场监管局', 'SUPPORT 各街道办事处'],
        deadline: ['10月底前', '2020-10-31'],
      },
    ],
    [
      {
        text: '落实进口冷链食品“物防”措施。',
        roles: ['LEAD 区商务局', 'SUPPORT 区市场监管局', 'SUPPORT 区卫生健康局'],
        deadline: ['长期坚持', null],
      },
    ],
    [
      {
        text: '组织开展食品安全宣传周活动不少于3场。',
        roles: ['LEAD 区食安办', 'SUPPORT 区委宣传部', 'SUPPORT 区教育局'],
        deadline: ['6月底前', '2020-06-30'],
      },
    ],
  ];

  it('reads a two-row header and sections merged down a side column, from Word and from a page', async () => {
    const docx = await parsePlanFile('qingchuan.docx', buildDocx(qingchuanBefore, qingchuanTable, qingchuanAfter));
    const html = await parsePlanFile('qingchuan.html', Buffer.from(htmlPage(qingchuanBefore, qingchuanTable, qingchuanAfter)));
    for (const plan of [docx, html]) {
      expect(plan.title).toBe('青川区2020年食品安全重点工作任务分解表');
      expect(plan.header).toMatchObject({ issuer: '青川区食品安全委员会办公室', issuedOn: '2020-04-08' });
      expect(outline(plan)).toEqual(qingchuanOutline);
      expect(clausesOf(plan)).toEqual(qingchuanClauses);
      expect(indicatorsOf(plan)).toEqual([
        ['查办食品安全案件 GTE 50件'],
        ['新增“明厨亮灶”餐饮单位 EQ 200家'],
        [],
        ['组织开展食品安全宣传周活动 GTE 3场'],
      ]);
      expect(spanProblems(plan)).toEqual([]);
    }
  });

  it('reads （一） rows spanning the table as groups', () => {
    const text = [
      '南湖区2021年食品安全重点工作任务表',
      '序号\t工作任务\t牵头单位\t责任单位\t完成时限',
      '一、源头治理\t\t\t\t',
      '（一）农业投入品管控\t\t\t\t',
      '1\t开展农药兽药残留专项整治，抽检样品不少于500批次。\t区农业农村局\t各镇人民政府\t年底前',
      '2\t推进化肥农药减量增效。\t区农业农村局\t各镇人民政府\t长期坚持',
      '（二）产地环境治理\t\t\t\t',
      '3\t完成受污染耕地安全利用任务。\t区生态环境分局\t区农业农村局\t11月底前',
      '二、过程监管\t\t\t\t',
      '4\t对学校食堂开展全覆盖检查，检查频次不少于2次。\t区市场监管局\t区教育局\t9月底前',
      '南湖区食品安全委员会办公室',
      '2021年3月1日',
    ].join('\n');
    const plan = parsePlanText('nanhu.txt', text, 'TEXT');
    expect(plan.sections.map((section) => section.groups.map((group) => [group.ordinal, group.label, group.title]))).toEqual([
      [
        [1, '（一）', '农业投入品管控'],
        [2, '（二）', '产地环境治理'],
      ],
      [],
    ]);
    expect(tasksOf(plan).map((task) => [task.label, task.path, task.groupOrdinal, task.title])).toEqual([
      ['1', ['一', '（一）'], 1, null],
      ['2', ['一', '（一）'], 1, null],
      ['3', ['一', '（二）'], 2, null],
      ['4', ['二'], null, null],
    ]);
    expect(tasksOf(plan).map((task) => task.clauses.map((clause) => clause.responsibility))).toEqual([
      ['区农业农村局牵头，各镇人民政府负责'],
      ['区农业农村局牵头，各镇人民政府负责'],
      ['区生态环境分局牵头，区农业农村局负责'],
      ['区市场监管局牵头，区教育局负责'],
    ]);
    const group = plan.sections[0].groups[1];
    expect(plan.sourceText.slice(group.span.start, group.span.end)).toMatch(/^（二）产地环境治理[\s\S]*11月底前$/);
    expect(spanProblems(plan)).toEqual([]);
  });
});

describe('refusing a cut plan table', () => {
  const fields = ({ file, line, field }: PlanParseError) => ({ file, line, field });

  it('refuses a table whose last row lacks the unit cells every other row has', () => {
    const page = htmlPage(yunfengBefore, [...yunfengTable.slice(0, -1), row('7', '校园食品安全', '学校食堂“明厨亮灶”覆盖率')], []);
    const text = renderHtmlAsText(page);
    // Line 18 is row 7, as far as it got (6 lines of notice, the header, 3 section rows, 8 rows before it).
    expect(text.split('\n')[17]).toBe('7\t校园食品安全\t学校食堂“明厨亮灶”覆盖率');
    expect(fields(refusal(() => parsePlanText('cut.txt', text, 'TEXT')))).toEqual({ file: 'cut.txt', line: 18, field: 'responsibility' });
  });

  it('refuses a converted table that stops inside its last row', () => {
    const cut = [...jiangbeiLines.slice(0, 7), '4\t各乡镇人民政府\t农村集体聚餐\t规范农村集体聚餐备案管理，'].join('\n');
    expect(fields(refusal(() => parsePlanText('cut.txt', cut, 'TEXT')))).toEqual({ file: 'cut.txt', line: 8, field: 'deadline' });
  });

  it('refuses a gap in the 序号', () => {
    const gap = jiangbeiLines.filter((line) => !line.startsWith('2\t'));
    const error = refusal(() => parsePlanText('gap.txt', gap.join('\n'), 'TEXT'));
    // Row 3 stands on line 4 once row 2 is gone.
    expect(fields(error)).toEqual({ file: 'gap.txt', line: 4, field: 'task' });
    expect(error.expected).toBe('task 2 next (序号 are consecutive)');
  });

  it('refuses a section row out of order', () => {
    const page = htmlPage(
      yunfengBefore,
      yunfengTable.map((cells) => cells.map((one) => (one.text === '三、加强监管执法' ? { ...one, text: '四、加强监管执法' } : one))),
      yunfengAfter,
    );
    const error = refusal(() => parsePlanText('order.html', page, 'HTML'));
    // Line 16 of the rendition: 6 lines of notice, the header, then rows up to the third section row.
    expect(fields(error)).toEqual({ file: 'order.html', line: 16, field: 'section' });
  });

  it('refuses a table with no title above it', () => {
    const error = refusal(() => parsePlanText('untitled.txt', jiangbeiLines.slice(1).join('\n'), 'TEXT'));
    expect(fields(error)).toEqual({ file: 'untitled.txt', line: 1, field: 'title' });
  });
});
