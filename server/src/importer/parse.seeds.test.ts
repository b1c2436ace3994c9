import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlanFile } from './parse.js';
import type { ParsedIndicator, ParsedPlan, ParsedTask } from './parsed-plan.js';
import { readSeed } from './testing/fixtures.js';
import { spanProblems } from './testing/spans.js';

const tasksOf = (plan: ParsedPlan) => plan.sections.flatMap((section) => section.tasks);
const clausesOf = (plan: ParsedPlan) => tasksOf(plan).flatMap((task) => task.clauses);
const task = (plan: ParsedPlan, ordinal: number): ParsedTask => tasksOf(plan).find((candidate) => candidate.ordinal === ordinal)!;
const targets = (indicators: ParsedIndicator[]) =>
  indicators.map(({ subject, comparator, value, unit, qualifier }) => ({ subject, comparator, value, unit, qualifier }));
const taskTargets = (plan: ParsedPlan, ordinal: number) =>
  targets([...task(plan, ordinal).clauses.flatMap((clause) => clause.indicators), ...task(plan, ordinal).indicators]);
const roles = (plan: ParsedPlan, ordinal: number, clause = 1) =>
  task(plan, ordinal).clauses[clause - 1].assignments.map(({ name, role }) => [name, role]);

describe('Tongzhou 2021 (plain text)', () => {
  let plan: ParsedPlan;
  beforeAll(async () => {
    plan = await parsePlanFile('tongzhou-2021.txt', readSeed('tongzhou-2021.txt'));
  });

  it('finds 7 sections, 22 tasks numbered through the document and 37 clauses', () => {
    expect(plan.format).toBe('TEXT');
    expect(plan.sections.map((section) => section.label)).toEqual(['一', '二', '三', '四', '五', '六', '七']);
    expect(plan.sections[2].title).toBe('严格进口冷链食品监管');
    expect(tasksOf(plan).map((candidate) => candidate.ordinal)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(plan.sections.map((section) => section.tasks.length)).toEqual([3, 7, 3, 2, 2, 4, 1]);
    expect(clausesOf(plan)).toHaveLength(37);
    expect(plan.schedule).toEqual([]);
  });

  it('reads the covering notice and the 版记', () => {
    expect(plan.title).toBe('2021年通州区食品安全重点工作安排');
    expect(plan.year).toBe(2021);
    expect(plan.preamble).toMatch(/^2021年全区食品安全工作要坚持/);
    expect(plan.header).toEqual({
      issuerMark: '南通市通州区食品安全委员会办公室',
      documentNumber: '通食安办〔2021〕2号',
      noticeTitle: '关于印发《2021年通州区食品安全重点工作安排》的通知',
      addressees: '南通高新区管委会、各镇（街道）人民政府（办事处），区食品安全委员会各成员单位',
      issuer: '南通市通州区食品安全委员会办公室',
      issuedOn: '2021-05-06',
      disclosure: '主动公开',
      attachments: ['2021年通州区食品安全重点工作安排'],
      copyTo: '南通市食品安全委员会办公室',
      printedBy: '南通市通州区食品安全委员会办公室',
      printedOn: '2021-05-06',
    });
  });

  it('reads task headings, and none where a task starts with its content', () => {
    expect(task(plan, 1).title).toBe('强化党政同责');
    expect(task(plan, 10).title).toBe('开展“昆仑2021”行动');
    expect(task(plan, 14).title).toBeNull();
    expect(task(plan, 22).title).toBeNull();
    expect(task(plan, 1).clauses[0].text).toMatch(/^各级党委、政府和各有关单位/);
  });

  it('splits a bracket into lead and shared agencies, keeping nested brackets inside one name', () => {
    expect(roles(plan, 6)).toEqual([
      ['区市场监管局', 'LEAD'],
      ['区农业农村局', 'LEAD'],
      ['区公安局', 'SHARED'],
      ['区商务局', 'SHARED'],
      ['区供销合作总社', 'SHARED'],
      ['南通高新区管委会', 'SHARED'],
      ['各镇（街道）人民政府（办事处）', 'SHARED'],
    ]);
    expect(roles(plan, 1)).toEqual([
      ['南通高新区管委会', 'RESPONSIBLE'],
      ['各镇（街道）人民政府（办事处）', 'RESPONSIBLE'],
      ['区食安委各成员单位', 'RESPONSIBLE'],
    ]);
    expect(task(plan, 5).clauses.map((clause) => clause.responsibility)).toEqual(['区市场监管局负责', '区教体局负责']);
    expect(task(plan, 10).clauses).toHaveLength(3);
    expect(task(plan, 15).clauses).toHaveLength(4);
  });

  it('does not take （园长） or （2020-2021年） for responsibility brackets', () => {
    expect(task(plan, 5).clauses[1].text).toContain('校长（园长）负责制');
    expect(task(plan, 7).clauses[0].text).toContain('（2020-2021年）');
    expect(task(plan, 7).clauses).toHaveLength(2);
  });

  it('reads the targets of task 4, lending the entity to the bare 按时完成率', () => {
    expect(taskTargets(plan, 4)).toEqual([
      { subject: '市场监管环节食品安全监督抽检量', comparator: 'EQ', value: 6, unit: '批次/千人', qualifier: '达到' },
      { subject: '国家级监督抽检不合格食品核查处置率', comparator: 'EQ', value: 100, unit: '%', qualifier: '达到' },
      { subject: '国家级监督抽检不合格食品按时完成率', comparator: 'EQ', value: 85, unit: '%', qualifier: '达到' },
      { subject: '主要农产品质量安全监测总体合格率', comparator: 'GTE', value: 97, unit: '%', qualifier: '稳定在…以上' },
      { subject: '食品安全抽检合格率', comparator: 'GTE', value: 98, unit: '%', qualifier: '稳定在…以上' },
    ]);
    expect(task(plan, 4).clauses[0].indicators.every((indicator) => indicator.period === 'YEAR' && !indicator.cumulative)).toBe(true);
  });

  it('reads the targets of task 3: two rates sharing a value, a target without a verb, 以上', () => {
    expect(taskTargets(plan, 3)).toEqual([
      { subject: '食品生产企业自查率', comparator: 'EQ', value: 100, unit: '%', qualifier: '达到' },
      { subject: '食品生产企业自查报告率', comparator: 'EQ', value: 100, unit: '%', qualifier: '达到' },
      { subject: '食品生产企业食品安全管理人员监督抽考覆盖率', comparator: 'EQ', value: 100, unit: '%', qualifier: null },
      { subject: '食品生产企业食品安全管理人员监督抽考合格率', comparator: 'GTE', value: 99, unit: '%', qualifier: '达到…以上' },
    ]);
  });

  it('reads the targets of task 8: a value before its measure, 以上, 不少于', () => {
    expect(taskTargets(plan, 8)).toEqual([
      { subject: '食品小作坊建档、登记', comparator: 'EQ', value: 100, unit: '%', qualifier: null },
      { subject: '食品小作坊抽检覆盖率', comparator: 'GTE', value: 60, unit: '%', qualifier: '以上' },
      { subject: '全区培育“名特优”食品小作坊', comparator: 'GTE', value: 8, unit: '家', qualifier: '不少于' },
    ]);
  });

  it('takes no years, dates, anniversaries or ordinals for targets', () => {
    const all = clausesOf(plan).flatMap((clause) => clause.indicators);
    expect(all).toHaveLength(12);
    expect(all.map((indicator) => indicator.value)).not.toContain(2021);
    expect(taskTargets(plan, 7)).toEqual([]);
    expect(taskTargets(plan, 10)).toEqual([]);
    expect(taskTargets(plan, 22)).toEqual([]);
  });

  it('points every span at the original characters', () => {
    expect(spanProblems(plan)).toEqual([]);
    const indicator = task(plan, 4).clauses[0].indicators[0];
    expect(plan.sourceText.slice(indicator.span.start, indicator.span.end)).toBe('市场监管环节食品安全监督抽检量达到6批次/千人');
    const agency = task(plan, 6).clauses[0].assignments[6];
    expect(plan.sourceText.slice(agency.span.start, agency.span.end)).toBe('各镇（街道）人民政府（办事处）');
  });
});

describe('Xuzhou 2021 (Markdown with a 推进表)', () => {
  let plan: ParsedPlan;
  beforeAll(async () => {
    plan = await parsePlanFile('xuzhou-2021.md', readSeed('xuzhou-2021.md'));
  });

  it('finds 8 sections, 19 tasks, 39 clauses and 37 schedule rows', () => {
    expect(plan.format).toBe('MARKDOWN');
    expect(plan.sections).toHaveLength(8);
    expect(plan.sections[1].title).toBe('严格进口冷链食品监管');
    expect(tasksOf(plan)).toHaveLength(19);
    expect(clausesOf(plan)).toHaveLength(39);
    expect(plan.schedule.map((row) => row.ordinal)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
  });

  it('reads the header through Markdown damage', () => {
    expect(plan.title).toBe('2021年徐州市食品安全重点工作安排');
    expect(plan.year).toBe(2021);
    expect(plan.header).toEqual({
      issuerMark: '徐州市食品安全委员会文件',
      documentNumber: '徐食安委〔2021〕1号',
      noticeTitle: '市食品安全委员会关于印发2021年徐州市食品安全重点工作安排的通知',
      addressees:
        '各县（市）区人民政府，徐州经济技术开发区、徐州高新技术产业开发区、徐州淮海国际港务区管委会，市食品安全委员会各成员单位，市各有关单位',
      issuer: '徐州市食品安全委员会',
      issuedOn: '2021-04-23',
      disclosure: '主动公开',
      attachments: ['全市食品安全重点工作推进表'],
      copyTo: '省食品安全委员会办公室，各县（市）区食品安全委员会办公室',
      printedBy: '徐州市食品安全委员会办公室',
      printedOn: '2021-04-23',
    });
  });

  it('joins sentences split across page breaks', () => {
    expect(task(plan, 2).clauses[0].text).toContain('“明厨亮灶”全覆盖的基础上');
    expect(task(plan, 6).clauses[0].text).toContain('严格落实疫情防控措施，用好“江苏冷链”追溯平台。');
    expect(task(plan, 10).clauses[0].text).toContain('严把粮食收储质量安全关');
    expect(task(plan, 12).clauses[0].text).toMatch(/非现场监管。$/);
  });

  it('reads half-width brackets, also when broken across a page break', () => {
    expect(roles(plan, 17)).toEqual([
      ['市食安委办公室', 'LEAD'],
      ['市食安委相关成员单位', 'SUPPORT'],
      ['有关部门', 'SUPPORT'],
    ]);
    expect(roles(plan, 13)).toEqual([
      ['市食安委各成员单位', 'SHARED'],
      ['各县（市）区人民政府', 'SHARED'],
    ]);
    expect(roles(plan, 19, 2)).toEqual([
      ['市食安委办公室', 'RESPONSIBLE'],
      ['市食安委相关成员单位', 'SHARED'],
    ]);
    expect(roles(plan, 6).at(-1)).toEqual(['徐州海关', 'SHARED']);
    expect(roles(plan, 19, 1).slice(0, 2)).toEqual([
      ['各县（市）区党委', 'RESPONSIBLE'],
      ['各县（市）区政府', 'RESPONSIBLE'],
    ]);
  });

  it('reads task 17, whose heading is closed straight away by its bracket, with names as printed', () => {
    // The heading is the first clause too; 市食安委相关成员单位 stays as printed (the agency it
    // resolves to, 市食安委成员单位, is the importer's business, not the parser's).
    expect(task(plan, 17).title).toBe('举办全市食品安全宣传周活动');
    expect(task(plan, 17).clauses.map((clause) => clause.text)).toEqual([
      '举办全市食品安全宣传周活动。',
      '支持新闻媒体准确客观报道和舆论监督，宣传食品安全先进典型和行业自律、诚信建设的典型经验。',
    ]);
    expect(roles(plan, 17)).toEqual([
      ['市食安委办公室', 'LEAD'],
      ['市食安委相关成员单位', 'SUPPORT'],
      ['有关部门', 'SUPPORT'],
    ]);
    // Task 8 opens the same way; Tongzhou prints the same heading (its task 13).
    expect(task(plan, 8).title).toBe('严厉打击来源不明冷链食品走私入境');
  });

  it('places its tasks in the outline: labels, paths, no groups, deadlines', () => {
    expect(tasksOf(plan).map((candidate) => candidate.label)).toEqual(tasksOf(plan).map((candidate) => String(candidate.ordinal)));
    expect(task(plan, 17).path).toEqual(['七']);
    expect(plan.sections.every((section) => section.groups.length === 0 && section.preamble === null)).toBe(true);
    expect(plan.draft).toBe(false);
    expect(task(plan, 19).clauses[0].deadline).toMatchObject({ text: '2021年12月1日前', date: '2021-12-01' });
  });

  it('normalises units written with spaces (4.5 批次 / 千人)', () => {
    expect(taskTargets(plan, 1)).toEqual([
      { subject: '全市农产品和食品抽检量', comparator: 'EQ', value: 6, unit: '批次/千人', qualifier: '达到' },
      { subject: '市场监管环节食品安全监督抽检量', comparator: 'EQ', value: 4.5, unit: '批次/千人', qualifier: '达到' },
      { subject: '国家级监督抽检不合格食品核查处置率', comparator: 'EQ', value: 100, unit: '%', qualifier: '达到' },
      { subject: '国家级监督抽检不合格食品按时完成率', comparator: 'EQ', value: 85, unit: '%', qualifier: '达到' },
      { subject: '食用农产品例行监测合格率', comparator: 'EQ', value: 97, unit: '%', qualifier: '达到' },
    ]);
    expect(taskTargets(plan, 16)).toEqual([]);
    expect(taskTargets(plan, 18)).toEqual([]);
  });

  it('links every schedule row to its main-text task', () => {
    const expected = [
      1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 7, 7, 7, 8, 9, 9, 10, 10, 10, 11, 11, 12, 13, 14, 15, 16, 16, 17, 17, 18, 18, 18, 18, 19, 19,
    ];
    expect(plan.schedule.map((row) => row.taskOrdinal)).toEqual(expected);
  });

  it('reads row 1: a lone unit is the one responsible; cumulative quarterly targets', () => {
    const row = plan.schedule[0];
    expect(row).toMatchObject({
      sectionLabel: '一',
      workTitle: '实施风险评估与监测专项提升行动',
      content: '全市农产品和食品抽检量达到6批次/千人。',
      q1: '制定全市农产品和食品抽检工作计划，部署开展抽检工作。',
      q2: '农产品和食品抽检量达到2批次/千人。',
    });
    expect(row.lead).toEqual([]);
    expect(row.responsible.map((ref) => [ref.name, ref.role])).toEqual([['各县（市）区人民政府', 'RESPONSIBLE']]);
    expect(row.indicators.map(({ period, comparator, value, unit, cumulative }) => [period, comparator, value, unit, cumulative])).toEqual([
      ['Q2', 'EQ', 2, '批次/千人', true],
      ['Q3', 'EQ', 4, '批次/千人', true],
      ['Q4', 'EQ', 6, '批次/千人', true],
    ]);
  });

  it('reads row 3: a rate held each quarter is not cumulative', () => {
    const row = plan.schedule[2];
    expect(
      row.indicators.map(({ period, comparator, value, cumulative, subject }) => [period, comparator, value, cumulative, subject]),
    ).toEqual((['Q1', 'Q2', 'Q3', 'Q4'] as const).map((period) => [period, 'GTE', 97, false, '食用农产品例行监测合格率']));
  });

  it('reads rows with both units, a repeated section title, a heading with 。 and a fused row number', () => {
    const row9 = plan.schedule[8];
    expect(row9.lead.map((ref) => ref.name)).toEqual(['市市场监管局']);
    expect(row9.responsible.map((ref) => ref.name)).toEqual(['市委宣传部', '市公安局', '市商务局', '市文化广电和旅游局', '市卫生健康委']);
    expect(plan.schedule[3]).toMatchObject({
      sectionLabel: '一',
      workTitle: null,
      content: expect.stringMatching(/^制定全市食品安全风险监测计划/),
    });
    expect(plan.schedule[27]).toMatchObject({ sectionLabel: '七', workTitle: '实施“双安双创”示范引领行动' });
    expect(plan.schedule[31].content).toBe('把食品安全普法宣传纳入“八五”普法规划，普及食品安全法律法规。');
    expect(plan.schedule[31].lead.map((ref) => ref.name)).toEqual(['市司法局']);
    expect(plan.schedule[9].lead).toEqual([]);
    expect(plan.schedule[9].responsible.map((ref) => ref.name)).toEqual(['市市场监管局']);
  });

  it('continues rows across page breaks', () => {
    expect(plan.schedule[22].content).toMatch(/从严从重处罚。打击野生动物违法违规交易、持续推进“长江禁捕打非断链”专项行动。$/);
    const row29 = plan.schedule[28];
    expect(row29.q1).toMatch(/开展创建。$/);
    expect(row29.q2).toMatch(
      /督促邳州、睢宁做好省级农产品质量安全县的对标找差工作，继续整改提升工作水平，纳入2021年省级农产品质量安全县创建试点。$/,
    );
    expect(row29.q3).toMatch(/省级农产品质量安全县的对标找差工作，继续整改提升工作水平。$/);
    expect(row29.q4).toMatch(/年底省级验收达标；督促邳州、睢宁做好省级农产品质量安全县的对标找差工作/);
    expect(plan.schedule[29]).toMatchObject({ q1: null, q3: null, q4: null });
  });

  it('reads quarterly targets in other units: 万批次, progress shares', () => {
    expect(
      plan.schedule[33].indicators
        .filter((indicator) => indicator.period === 'Q1')
        .map(({ subject, value, unit }) => [subject, value, unit]),
    ).toEqual([
      ['全市监督性快检任务', 20, '万批次'],
      ['“你点我检”任务', 2, '万批次'],
    ]);
    expect(plan.schedule[15].indicators.map(({ value, cumulative }) => [value, cumulative])).toEqual([
      [30, true],
      [60, true],
      [90, true],
    ]);
  });

  it('points every span at the original characters', () => {
    expect(spanProblems(plan)).toEqual([]);
    const indicator = task(plan, 1).clauses[1].indicators[0];
    expect(plan.sourceText.slice(indicator.span.start, indicator.span.end)).toBe('市场监管环节食品安全监督抽检量达到 4.5 批次 / 千人');
    const clause = task(plan, 17).clauses[0];
    expect(plan.sourceText.slice(clause.span.start, clause.span.end)).toBe(
      '举办全市食品安全宣传周活动。(市食安委办公室牵头，\n\n市食安委相关成员单位及有关部门配合)',
    );
  });
});
