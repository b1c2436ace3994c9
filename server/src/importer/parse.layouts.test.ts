/**
 * Plans laid out as other jurisdictions lay them out (testing/layouts/, written in the shape of
 * real plans): outlines of other depths, numbering that restarts per part, responsibility on lines
 * of its own, deadlines, drafts and portal reposts. Every expected value was read off the documents.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from './parse.js';
import { PlanParseError, type ParsedPlan, type ParsedTask } from './parsed-plan.js';
import { spanProblems } from './testing/spans.js';

const LAYOUTS = new URL('./testing/layouts/', import.meta.url);

function layoutText(name: string): string {
  return readFileSync(new URL(name, LAYOUTS), 'utf8');
}

function parseLayout(name: string, text = layoutText(name)): ParsedPlan {
  return parsePlanText(name, text, name.endsWith('.md') ? 'MARKDOWN' : 'TEXT');
}

const tasksOf = (plan: ParsedPlan) => plan.sections.flatMap((section) => section.tasks);
/** Each task as [ordinal, where it sits (path + label), group ordinal, title]. */
const places = (plan: ParsedPlan) =>
  tasksOf(plan).map((task) => [task.ordinal, [...task.path, task.label].join(' '), task.groupOrdinal, task.title]);
const outline = (plan: ParsedPlan) =>
  plan.sections.map((section) => [section.label, section.title, section.groups.map((group) => `${group.label}${group.title}`)]);
const roles = (task: ParsedTask, clause = 1) => task.clauses[clause - 1].assignments.map(({ name, role }) => [name, role]);
const deadlineOf = (task: ParsedTask) => task.deadline && [task.deadline.text, task.deadline.date];
const targets = (task: ParsedTask) =>
  task.clauses.flatMap((clause) => clause.indicators.map(({ subject, comparator, value, unit }) => [subject, comparator, value, unit]));

/** The error a parse throws, as file, line, field. */
function refusal(name: string, text: string): { line: number; field: string } {
  try {
    parseLayout(name, text);
  } catch (error) {
    if (error instanceof PlanParseError) return { line: error.line, field: error.field };
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

/** The layout cut just before the first occurrence of `marker`. */
function cutBefore(name: string, marker: string): string {
  const text = layoutText(name);
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker} in ${name}`);
  return text.slice(0, at);
}

describe('a provincial plan: parts, groups, tasks restarting in each group (安徽省 2020)', () => {
  const plan = parseLayout('anhui-2020.txt');

  it('reads parts as sections and （一） headings as groups', () => {
    expect(plan.title).toBe('安徽省2020年食品安全重点工作安排');
    expect(plan.year).toBe(2020);
    expect(plan.draft).toBe(false);
    expect(outline(plan)).toEqual([
      ['一', '年度重点任务', ['（一）深化食品安全改革', '（二）强化源头治理']],
      ['二', '长期推进工作', ['（一）加强风险监测评估', '（二）推进社会共治']],
    ]);
    expect(plan.sections[0].preamble).toBeNull();
    expect(plan.sections[1].preamble).toBe('这些工作需要久久为功，各地各部门要持续用力、常抓不懈。');
    expect(plan.sections[0].groups.map((group) => [group.ordinal, group.preamble])).toEqual([
      [1, null],
      [2, null],
    ]);
  });

  it('numbers tasks through the plan while their labels restart in each group', () => {
    expect(places(plan)).toEqual([
      [1, '一 （一） 1', 1, '推进食品安全领域改革'],
      [2, '一 （一） 2', 1, '完善食品安全地方标准'],
      [3, '一 （二） 1', 2, '开展农药兽药使用减量行动'],
      [4, '一 （二） 2', 2, '加强粮食质量安全监管'],
      [5, '一 （二） 3', 2, '治理土壤重金属污染'],
      [6, '二 （一） 1', 1, '完善风险监测体系'],
      [7, '二 （二） 1', 2, '开展食品安全宣传周活动'],
      [8, '二 （二） 2', 2, '畅通投诉举报渠道'],
    ]);
  });

  it('reads clauses, roles joined by 和 and 等部门和, targets and deadlines', () => {
    const tasks = tasksOf(plan);
    expect(tasks[4].clauses.map((clause) => clause.text)).toEqual(['治理土壤重金属污染。', '持续推进受污染耕地安全利用。']);
    expect(roles(tasks[4])).toEqual([
      ['省生态环境厅', 'SHARED'],
      ['省农业农村厅', 'SHARED'],
    ]);
    expect(roles(tasks[6])).toEqual([
      ['省食安办', 'LEAD'],
      ['省委宣传部', 'SUPPORT'],
      ['省教育厅', 'SUPPORT'],
      ['各市人民政府食安委', 'SUPPORT'],
    ]);
    expect(roles(tasks[3])).toEqual([['省粮食和储备局', 'RESPONSIBLE']]);
    expect(targets(tasks[5])).toEqual([
      ['食品安全监督抽检量', 'EQ', 4, '批次/千人'],
      ['食品安全监督抽检合格率', 'GTE', 97, '%'],
    ]);
    expect(targets(tasks[1])).toEqual([['全年制修订地方标准', 'GTE', 5, '项']]);
    expect(tasks.map(deadlineOf)).toEqual([['2020年6月底前', '2020-06-30'], null, null, ['年底前', '2020-12-31'], null, null, null, null]);
  });

  it('accepts a complete document with a 发文字号 and no 版记', () => {
    expect(plan.header).toMatchObject({
      documentNumber: '皖食安办〔2020〕5号',
      issuer: '安徽省食品安全委员会办公室',
      issuedOn: '2020-04-20',
      printedOn: null,
    });
    expect(spanProblems(plan)).toEqual([]);
  });

  it('refuses the plan cut inside or before the end of its last task, or after a heading', () => {
    const name = 'anhui-2020.txt';
    expect(refusal(name, cutBefore(name, '省市场监管局负责）\n'))).toEqual({ line: 29, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '投诉举报按时办结率'))).toEqual({ line: 29, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '（一）加强风险监测评估'))).toEqual({ line: 23, field: 'task' });
    expect(refusal(name, cutBefore(name, '1.开展食品安全宣传周'))).toEqual({ line: 27, field: 'task' });
  });

  it('refuses a gap in a group, but not a restart under a new group', () => {
    const text = layoutText('anhui-2020.txt').replace(/\n2\.加强粮食质量安全监管[^\n]*/, '');
    expect(refusal('anhui-2020.txt', text)).toEqual({ line: 21, field: 'task' });
  });
});

describe('a national plan whose tasks are （一）（二） items restarting per section (国办发〔2017〕28号 style)', () => {
  const plan = parseLayout('national-2017.txt');

  it('takes the （一） items as tasks, without groups', () => {
    expect(plan.title).toBe('2017年食品安全重点工作安排');
    expect(plan.header).toMatchObject({ documentNumber: '国办发〔2017〕28号', issuer: '国务院办公厅', issuedOn: '2017-04-07' });
    expect(outline(plan)).toEqual([
      ['一', '加快完善法规标准', []],
      ['二', '严格源头治理', []],
      ['三', '加强组织领导', []],
    ]);
    expect(places(plan)).toEqual([
      [1, '一 （一）', null, '推进法规制修订'],
      [2, '一 （二）', null, '完善食品安全标准'],
      [3, '二 （一）', null, '深入开展农药兽药残留治理'],
      [4, '二 （二）', null, '加强粮食质量安全监管'],
      [5, '三 （一）', null, '落实地方政府属地管理责任'],
      [6, '三 （二）', null, '加强督查考评'],
    ]);
  });

  it('keeps items below the task level (1. 2.) inside the task', () => {
    const task = tasksOf(plan)[2];
    expect(task.clauses).toHaveLength(1);
    expect(task.clauses[0].text).toBe(
      '实施化肥农药使用量零增长行动，重点做好以下工作：1.推进高毒农药定点经营和实名购买制度；2.开展兽用抗菌药治理行动。',
    );
    expect(roles(task)).toEqual([
      ['农业部', 'LEAD'],
      ['食品药品监管总局', 'SHARED'],
      ['卫生计生委', 'SHARED'],
    ]);
  });

  it('reads the national brackets, a target of 1000 and deadlines', () => {
    const tasks = tasksOf(plan);
    expect(roles(tasks[1])).toEqual([
      ['卫生计生委', 'LEAD'],
      ['农业部', 'LEAD'],
      ['食品药品监管总局', 'SHARED'],
    ]);
    expect(roles(tasks[5])).toEqual([
      ['国务院食品安全办', 'LEAD'],
      ['国务院食品安全委员会各成员单位', 'SUPPORT'],
    ]);
    expect(targets(tasks[1])).toEqual([['制定公布农药残留限量标准', 'GTE', 1000, '项']]);
    expect(tasks.map(deadlineOf)).toEqual([['年底前', '2017-12-31'], null, null, null, null, ['12月31日前', '2017-12-31']]);
    expect(spanProblems(plan)).toEqual([]);
  });

  it('refuses the plan cut inside a task, inside its sub-items, or after a section heading', () => {
    const name = 'national-2017.txt';
    expect(refusal(name, cutBefore(name, '国务院食品安全委员会各成员单位配合'))).toEqual({ line: 24, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '12月31日前完成对'))).toEqual({ line: 24, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '2.开展兽用抗菌药'))).toEqual({ line: 19, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '（一）深入开展农药兽药'))).toEqual({ line: 17, field: 'task' });
  });
});

describe('a portal repost with 牵头单位：/配合单位： lines and 完成时限 (池州市贵池区 2020)', () => {
  const plan = parseLayout('guichi-2020.txt');

  it('reads the plan without 发文字号 or 版记, signed and dated', () => {
    expect(plan.title).toBe('池州市贵池区2020年食品安全重点工作安排');
    expect(plan.header).toMatchObject({ documentNumber: null, issuer: '池州市贵池区食品安全委员会办公室', issuedOn: '2020-05-12' });
    expect(plan.preamble).toMatch(/^为深入贯彻落实.*制定本安排。$/);
    expect(outline(plan)).toEqual([
      ['一', '落实食品安全责任', []],
      ['二', '加强全链条监管', []],
      ['三', '提升应急处置能力', []],
    ]);
    expect(places(plan)).toEqual([
      [1, '一 1', null, '严格落实党政同责'],
      [2, '一 2', null, '压实企业主体责任'],
      [3, '二 3', null, '加强校园食品安全管理'],
      [4, '二 4', null, '开展农村假冒伪劣食品整治'],
      [5, '三 5', null, '修订食品安全事故应急预案'],
    ]);
  });

  it('makes each task one clause of its content, named by its lines', () => {
    const tasks = tasksOf(plan);
    expect(tasks.map((task) => task.clauses.length)).toEqual([1, 1, 1, 1, 1]);
    expect(tasks[0].text).toBe('严格落实党政同责。将食品安全工作纳入各乡镇（街道）年度目标管理绩效考核，考核权重不低于3%。');
    expect(tasks[0].clauses[0]).toMatchObject({
      text: '将食品安全工作纳入各乡镇（街道）年度目标管理绩效考核，考核权重不低于3%。',
      responsibility: '牵头单位：区食安办；配合单位：各乡镇人民政府、街道办事处',
    });
    expect(tasks[3].clauses[0].text).toBe('严厉打击农村制售“三无”食品等违法行为，全年抽检农村食品不少于500批次。');
    expect(tasks.map((task) => roles(task))).toEqual([
      [
        ['区食安办', 'LEAD'],
        ['各乡镇人民政府', 'SUPPORT'],
        ['街道办事处', 'SUPPORT'],
      ],
      [
        ['区市场监管局', 'LEAD'],
        ['区农业农村局', 'RESPONSIBLE'],
        ['区商务局', 'RESPONSIBLE'],
      ],
      [
        ['区教育局', 'LEAD'],
        ['区市场监管局', 'SUPPORT'],
        ['区卫生健康委', 'SUPPORT'],
      ],
      [
        ['区市场监管局', 'LEAD'],
        ['区公安局', 'SUPPORT'],
        ['区农业农村局', 'SUPPORT'],
        ['区商务局', 'SUPPORT'],
      ],
      [
        ['区食安办', 'LEAD'],
        ['区卫生健康委', 'RESPONSIBLE'],
        ['区市场监管局', 'RESPONSIBLE'],
      ],
    ]);
    expect(targets(tasks[0])).toEqual([['考核权重', 'GTE', 3, '%']]);
    expect(targets(tasks[3])).toEqual([['全年抽检农村食品', 'GTE', 500, '批次']]);
  });

  it('reads 完成时限 as printed and as a date where it names one', () => {
    const tasks = tasksOf(plan);
    expect(tasks.map(deadlineOf)).toEqual([
      ['2020年12月1日前', '2020-12-01'],
      ['6月底前', '2020-06-30'],
      ['长期坚持', null],
      ['年底前', '2020-12-31'],
      ['2020年9月底前', '2020-09-30'],
    ]);
    expect(tasks.map((task) => task.clauses[0].deadline?.text ?? null)).toEqual(tasks.map((task) => task.deadline?.text ?? null));
    expect(spanProblems(plan)).toEqual([]);
  });

  it('skips what the portal prints between the title and the text', () => {
    const page = layoutText('guichi-2020.txt').replace(
      '\n\n为深入',
      '\n发布时间：2020-05-12 09:30  来源：贵池区市场监管局  浏览次数：1024\n【字体：大 中 小】 打印\n\n为深入',
    );
    const reposted = parseLayout('guichi-2020.txt', page);
    expect(reposted.title).toBe('池州市贵池区2020年食品安全重点工作安排');
    expect(reposted.preamble).toBe(plan.preamble);
    expect(places(reposted)).toEqual(places(plan));
  });

  it('reads the same plan saved as the portal page', () => {
    const body = layoutText('guichi-2020.txt')
      .split('\n')
      .filter((line) => line.trim())
      .map((line, index) => (index === 0 ? `<h1>${line}</h1><div class="content">` : `<p>${line}</p>`))
      .join('\n');
    const page = parsePlanText('guichi.html', `<html><body>${body}</div></body></html>`, 'HTML');
    expect(places(page)).toEqual(places(plan));
    expect(tasksOf(page).map(deadlineOf)).toEqual(tasksOf(plan).map(deadlineOf));
    expect(spanProblems(page)).toEqual([]);
  });

  it('refuses the plan when its last task lacks its lines', () => {
    const name = 'guichi-2020.txt';
    expect(refusal(name, cutBefore(name, '牵头单位：区食安办；'))).toEqual({ line: 24, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '完成时限：2020年9月底前'))).toEqual({ line: 25, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '严厉打击农村制售'))).toEqual({ line: 18, field: 'responsibility' });
  });
});

describe('a draft for comment, in Markdown, with sub-items and 【】/[] brackets', () => {
  const plan = parseLayout('draft-2022.md');

  it('marks the draft and keeps the title without （征求意见稿）', () => {
    expect(plan.draft).toBe(true);
    expect(plan.title).toBe('某某市2022年食品安全重点工作安排');
    expect(plan.year).toBe(2022);
  });

  it('reads tasks 1、 with their （1）（2） sub-items inside', () => {
    expect(outline(plan)).toEqual([
      ['一', '强化食品安全源头治理', []],
      ['二', '提升食品安全监管效能', []],
    ]);
    expect(places(plan)).toEqual([
      [1, '一 1', null, '加强农业投入品监管'],
      [2, '一 2', null, null],
      [3, '二 3', null, '实施食品安全抽检监测计划'],
      [4, '二 4', null, '开展“守护舌尖安全”专项行动'],
    ]);
    const tasks = tasksOf(plan);
    expect(tasks[1].clauses[0].text).toBe(
      '推进“明厨亮灶”建设，重点做好以下工作：（1）学校食堂“明厨亮灶”覆盖率达到100%；（2）大中型餐馆“明厨亮灶”覆盖率达到90%以上。',
    );
    expect(targets(tasks[1])).toEqual([
      ['学校食堂“明厨亮灶”覆盖率', 'EQ', 100, '%'],
      ['大中型餐馆“明厨亮灶”覆盖率', 'GTE', 90, '%'],
    ]);
    expect(roles(tasks[1])).toEqual([
      ['市市场监管局', 'LEAD'],
      ['市教育局', 'SUPPORT'],
    ]);
    expect(roles(tasks[3])).toEqual([
      ['市公安局', 'SHARED'],
      ['市市场监管局', 'SHARED'],
    ]);
    expect(tasks.map(deadlineOf)).toEqual([null, null, ['2022年10月底前', '2022-10-31'], null]);
    expect(spanProblems(plan)).toEqual([]);
  });

  it('marks a draft named above the title or in the notice', () => {
    const text = layoutText('draft-2022.md').replace('# （征求意见稿）\n', '');
    expect(parseLayout('draft-2022.md', text).draft).toBe(false);
    const marked = parseLayout('draft-2022.md', `（送审稿）\n\n${text}`);
    expect([marked.draft, marked.title]).toEqual([true, '某某市2022年食品安全重点工作安排']);
  });

  it('refuses the draft cut inside a sub-item or a bracket', () => {
    const name = 'draft-2022.md';
    expect(refusal(name, cutBefore(name, '（2）大中型餐馆'))).toEqual({ line: 12, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '市公安局、市市场监管局按'))).toEqual({ line: 20, field: 'responsibility' });
  });
});

describe('a plan without section headings (工作要点)', () => {
  const plan = parseLayout('county-points-2021.txt');

  it('puts its tasks in one unnamed section', () => {
    expect(plan.title).toBe('2021年某某县食品安全工作要点');
    expect(plan.preamble).toMatch(/扎实做好以下工作：$/);
    expect(plan.sections.map((section) => [section.ordinal, section.label, section.title, section.groups])).toEqual([[1, '', '', []]]);
    expect(places(plan)).toEqual([
      [1, '1', null, '健全食品安全责任体系'],
      [2, '2', null, '加强食品安全抽检监测'],
      [3, '3', null, '治理农村食品市场'],
      [4, '4', null, '守护校园食品安全'],
      [5, '5', null, '推进餐饮质量安全提升'],
      [6, '6', null, '加强宣传教育'],
    ]);
  });

  it('reads clauses, roles joined by 及, targets and deadlines', () => {
    const tasks = tasksOf(plan);
    expect(tasks[3].clauses.map((clause) => clause.text)).toEqual(['守护校园食品安全。']);
    expect(roles(tasks[5])).toEqual([
      ['县食安办', 'LEAD'],
      ['县委宣传部', 'SUPPORT'],
      ['县教育局', 'SUPPORT'],
      ['各乡镇人民政府', 'SUPPORT'],
    ]);
    expect(targets(tasks[1])).toEqual([
      ['全县食品安全监督抽检量', 'EQ', 5, '批次/千人'],
      ['全县食品安全监督抽检合格率', 'GTE', 98, '%'],
    ]);
    expect(targets(tasks[2])).toEqual([['查处违法案件', 'GTE', 20, '件']]);
    expect(targets(tasks[4])).toEqual([['创建放心餐饮示范店', 'EQ', 10, '家']]);
    expect(tasks.map(deadlineOf)).toEqual([['年底前', '2021-12-31'], null, null, null, null, ['6月底前', '2021-06-30']]);
    expect(spanProblems(plan)).toEqual([]);
  });

  it('refuses the plan cut inside its last task, or with a task missing', () => {
    const name = 'county-points-2021.txt';
    expect(refusal(name, cutBefore(name, '6月底前完成。（'))).toEqual({ line: 9, field: 'responsibility' });
    expect(refusal(name, cutBefore(name, '县委宣传部'))).toEqual({ line: 9, field: 'responsibility' });
    const gap = layoutText(name).replace(/\n3\.治理农村食品市场[^\n]*/, '');
    expect(refusal(name, gap)).toEqual({ line: 6, field: 'task' });
  });

  it('refuses a plan naming no one whose last task stops mid-sentence', () => {
    const text = layoutText('county-points-2021.txt').replace(/（县[^）]*）/g, '');
    expect(tasksOf(parseLayout('points.txt', text))).toHaveLength(6);
    const cut = text.slice(0, text.indexOf('，6月底前完成'));
    expect(refusal('points.txt', cut)).toEqual({ line: 9, field: 'task' });
  });
});

describe('outlines of other depths and sizes', () => {
  it('keeps a third heading level in the path when tasks sit at （1）', () => {
    const plan = parsePlanText(
      'deep.txt',
      [
        '2023年某某市食品安全重点工作安排',
        '一、强化源头治理',
        '（一）农业投入品',
        '加强农业投入品全过程监管。',
        '1.农药',
        '（1）开展禁限用农药专项整治。（市农业农村局负责）',
        '（2）推进农药实名购买。（市农业农村局牵头，市市场监管局配合）',
        '2.兽药',
        '（1）开展兽用抗菌药减量行动。（市农业农村局负责）',
        '（二）粮食',
        '1.收储',
        '（1）严把粮食收储质量安全关。（市发展改革委负责）',
      ].join('\n'),
      'TEXT',
    );
    expect(outline(plan)).toEqual([['一', '强化源头治理', ['（一）农业投入品', '（二）粮食']]]);
    expect(plan.sections[0].groups.map((group) => group.preamble)).toEqual(['加强农业投入品全过程监管。', null]);
    expect(places(plan)).toEqual([
      [1, '一 （一） 1 （1）', 1, '开展禁限用农药专项整治'],
      [2, '一 （一） 1 （2）', 1, '推进农药实名购买'],
      [3, '一 （一） 2 （1）', 1, '开展兽用抗菌药减量行动'],
      [4, '一 （二） 1 （1）', 2, '严把粮食收储质量安全关'],
    ]);
    expect(spanProblems(plan)).toEqual([]);
  });

  it('reads a deadline closing a bracket, and duty labels inside one', () => {
    const plan = parsePlanText(
      'brackets.txt',
      [
        '2021年某某区食品安全重点工作安排',
        '一、加强监管',
        '1.开展校园食品安全检查。实现学校食堂全覆盖检查。（区教育局牵头，区市场监管局配合，9月底前完成）',
        '2.推进智慧监管。（牵头单位：区市场监管局；配合单位：区大数据局；完成时限：长期坚持）',
      ].join('\n'),
      'TEXT',
    );
    const [first, second] = tasksOf(plan);
    expect(roles(first)).toEqual([
      ['区教育局', 'LEAD'],
      ['区市场监管局', 'SUPPORT'],
    ]);
    expect(deadlineOf(first)).toEqual(['9月底前', '2021-09-30']);
    expect(roles(second)).toEqual([
      ['区市场监管局', 'LEAD'],
      ['区大数据局', 'SUPPORT'],
    ]);
    expect(deadlineOf(second)).toEqual(['长期坚持', null]);
    expect(second.title).toBe('推进智慧监管');
    expect(spanProblems(plan)).toEqual([]);
  });

  it('reads a task heading printed on its number line alone', () => {
    const plan = parsePlanText(
      'headings.txt',
      [
        '2021年某某区食品安全重点工作安排',
        '一、加强监管',
        '1.加强校园食品安全管理',
        '落实学校食品安全校长（园长）负责制，学校食堂“明厨亮灶”覆盖率达到100%。',
        '牵头单位：区教育局',
        '完成时限：年底前',
        '2.严格落实党政同责',
        '将食品安全工作纳入年度考核。（区食安办负责）',
        '3.开展食品安全宣传周活动',
        '牵头单位：区食安办',
        '完成时限：6月底前',
      ].join('\n'),
      'TEXT',
    );
    const [first, second, third] = tasksOf(plan);
    expect([first.title, first.clauses[0].text]).toEqual([
      '加强校园食品安全管理',
      '落实学校食品安全校长（园长）负责制，学校食堂“明厨亮灶”覆盖率达到100%。',
    ]);
    expect([second.title, second.clauses[0].text]).toEqual(['严格落实党政同责', '将食品安全工作纳入年度考核。']);
    // A task that is only its heading, closed by its lines, is whole.
    expect([third.title, third.clauses[0].text, roles(third)]).toEqual([null, '开展食品安全宣传周活动', [['区食安办', 'LEAD']]]);
    expect(spanProblems(plan)).toEqual([]);
  });

  it('reads tasks numbered 1000 and beyond', () => {
    const tasks = Array.from({ length: 1002 }, (_, i) => `${i + 1}.开展第${i + 1}项专项检查。（区市场监管局负责）`);
    const plan = parsePlanText('many.txt', ['2021年某某区食品安全重点工作安排', '一、加强监管', ...tasks].join('\n'), 'TEXT');
    expect(tasksOf(plan)).toHaveLength(1002);
    expect(
      tasksOf(plan)
        .slice(-3)
        .map((task) => task.label),
    ).toEqual(['1000', '1001', '1002']);
    expect(tasksOf(plan)[999].clauses[0].text).toBe('开展第1000项专项检查。');
  });
});
