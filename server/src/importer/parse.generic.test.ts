import { describe, expect, it } from 'vitest';
import { extractIndicators } from './indicators.js';
import { MappedText } from './mapped-text.js';
import { repair } from './normalize.js';
import { parsePlanText } from './parse.js';
import type { ParsedPlan } from './parsed-plan.js';
import { isResponsibility, parseAssignments } from './responsibility.js';
import { spanProblems } from './testing/spans.js';

const targetsIn = (text: string) =>
  extractIndicators(repair(MappedText.fromSource(text))).map(({ subject, comparator, value, unit, qualifier }) => ({
    subject,
    comparator,
    value,
    unit,
    qualifier,
  }));
const rolesIn = (inner: string) => parseAssignments(repair(MappedText.fromSource(inner))).map(({ name, role }) => [name, role]);
const tasksOf = (plan: ParsedPlan) => plan.sections.flatMap((section) => section.tasks);

describe('numeric targets', () => {
  it('reads full-width digits, ％ and ／', () => {
    expect(targetsIn('食品监督抽检量达到６批次／千人，抽检合格率不低于９８．５％')).toEqual([
      { subject: '食品监督抽检量', comparator: 'EQ', value: 6, unit: '批次/千人', qualifier: '达到' },
      // A bare measure borrows what it measures from the target before it in the same sentence.
      { subject: '食品监督抽检合格率', comparator: 'GTE', value: 98.5, unit: '%', qualifier: '不低于' },
    ]);
  });

  it('reads comparators written as symbols and words', () => {
    expect(targetsIn('问题食品处置率≥95%；投诉处理时限不超过7天；不合格率低于2%；快检量超过3万批次；抽检批次数＞500批次。')).toEqual([
      { subject: '问题食品处置率', comparator: 'GTE', value: 95, unit: '%', qualifier: null },
      { subject: '投诉处理时限', comparator: 'LTE', value: 7, unit: '天', qualifier: '不超过' },
      { subject: '不合格率', comparator: 'LT', value: 2, unit: '%', qualifier: '低于' },
      { subject: '快检量', comparator: 'GT', value: 3, unit: '万批次', qualifier: '超过' },
      { subject: '抽检批次数', comparator: 'GT', value: 500, unit: '批次', qualifier: null },
    ]);
  });

  it('reads 以内, 以上 and counts of 家, 个, 次', () => {
    expect(targetsIn('农药残留超标率控制在2%以内，新建放心农贸市场10个以上，开展培训不少于4次，创建示范企业20家。')).toEqual([
      { subject: '农药残留超标率', comparator: 'LTE', value: 2, unit: '%', qualifier: '控制在…以内' },
      { subject: '新建放心农贸市场', comparator: 'GTE', value: 10, unit: '个', qualifier: '以上' },
      { subject: '开展培训', comparator: 'GTE', value: 4, unit: '次', qualifier: '不少于' },
      { subject: '创建示范企业', comparator: 'EQ', value: 20, unit: '家', qualifier: null },
    ]);
  });

  it('ignores years, dates, ranges, anniversaries, durations, codes and Chinese ordinals', () => {
    expect(
      targetsIn(
        '2021年12月1日前报告；按照《方案（2020-2021年）》要求；迎接建党100 周年；第三批试点；“八五”普法；GB31605-2020；苏农办质[2017]5号；3个月内完成。',
      ),
    ).toEqual([]);
  });
});

describe('responsibility brackets', () => {
  it('recognises a bracket only when it ends with a role word', () => {
    expect(isResponsibility('区市场监管局负责')).toBe(true);
    expect(isResponsibility('区教育局配合')).toBe(true);
    expect(isResponsibility('2020-2021年')).toBe(false);
    expect(isResponsibility('园长')).toBe(false);
  });

  it('reads roles: 牵头, 负责, 分工负责, 配合, 协作', () => {
    expect(rolesIn('区市场监管局牵头，区公安局协作，区教育局配合，区卫健委、区商务局分工负责')).toEqual([
      ['区市场监管局', 'LEAD'],
      ['区公安局', 'SUPPORT'],
      ['区教育局', 'SUPPORT'],
      ['区卫健委', 'SHARED'],
      ['区商务局', 'SHARED'],
    ]);
  });

  it('keeps an agency name holding its own (half-width) brackets whole', () => {
    expect(rolesIn('区发展改革委(粮食和储备局)负责')).toEqual([['区发展改革委（粮食和储备局）', 'RESPONSIBLE']]);
  });
});

describe('plans laid out differently', () => {
  it('reads （一） items as tasks when there are no arabic-numbered tasks, and 【】/[] brackets', () => {
    const plan = parsePlanText(
      'other.txt',
      [
        '2022年某某区食品安全工作要点',
        '一、压实责任',
        '（一）落实属地责任。各镇要建立食安委。[区发展改革委(粮食和储备局)负责]',
        '（二）提升抽检能力。监督抽检量达到６批次／千人，抽检合格率不低于98%。【区市场监管局牵头，区卫健委协作】',
        '二、强化监管',
        '（一）农药残留超标率控制在2%以内。（区农业农村局负责）',
      ].join('\n'),
      'TEXT',
    );
    expect(plan.year).toBe(2022);
    expect(plan.header).toMatchObject({ documentNumber: null, issuer: null, attachments: [] });
    expect(tasksOf(plan).map((task) => [task.ordinal, task.title])).toEqual([
      [1, '落实属地责任'],
      [2, '提升抽检能力'],
      [3, null],
    ]);
    expect(tasksOf(plan)[0].clauses[0].assignments.map((ref) => ref.name)).toEqual(['区发展改革委（粮食和储备局）']);
    expect(tasksOf(plan)[1].clauses[0].assignments.map((ref) => ref.role)).toEqual(['LEAD', 'SUPPORT']);
    expect(tasksOf(plan)[1].clauses[0].indicators.map((indicator) => [indicator.value, indicator.unit])).toEqual([
      [6, '批次/千人'],
      [98, '%'],
    ]);
    expect(spanProblems(plan)).toEqual([]);
  });

  it('reads tasks numbered 1、 and 1． under （一） sub-headings', () => {
    const plan = parsePlanText(
      'other.txt',
      [
        '２０２２年某某县食品安全重点工作安排',
        '一、压实责任',
        '（一）属地责任',
        '1、强化党政同责。落实责任制规定。（县食安办负责）',
        '2．落实企业主体责任。企业自查率达到100%。（县市场监管局负责）',
        '二、强化监管',
        '3、开展专项整治。',
        '整治小作坊不少于10家。（县市场监管局牵头，各乡镇人民政府配合）',
      ].join('\n'),
      'TEXT',
    );
    expect(plan.title).toBe('2022年某某县食品安全重点工作安排');
    expect(tasksOf(plan).map((task) => [task.ordinal, task.title, task.clauses.length])).toEqual([
      [1, '强化党政同责', 1],
      [2, '落实企业主体责任', 1],
      [3, '开展专项整治', 1],
    ]);
    expect(tasksOf(plan)[2].clauses[0].indicators[0]).toMatchObject({ subject: '整治小作坊', comparator: 'GTE', value: 10, unit: '家' });
    expect(spanProblems(plan)).toEqual([]);
  });

  it('keeps a signature after the body out of the last task', () => {
    const plan = parsePlanText(
      'signed.txt',
      [
        '2022年某某区食品安全重点工作安排',
        '一、压实责任',
        '1.强化党政同责。落实责任制规定。（区食安办负责）',
        '某某区食品安全委员会办公室',
        '2022年3月1日',
      ].join('\n'),
      'TEXT',
    );
    expect(plan.header).toMatchObject({ issuer: '某某区食品安全委员会办公室', issuedOn: '2022-03-01' });
    expect(tasksOf(plan)[0].text).toBe('强化党政同责。落实责任制规定。（区食安办负责）');
  });

  it('finds the plan after a covering notice that numbers its own points 一、二、', () => {
    const plan = parsePlanText(
      'notice.txt',
      [
        '关于印发2022年某某区食品安全重点工作安排的通知',
        '各镇人民政府：',
        '一、请认真贯彻执行。',
        '二、请于年底前报告。',
        '附件：2022年某某区食品安全重点工作安排',
        '\t2022年某某区食品安全重点工作安排',
        '为做好全年工作，',
        '特制定本安排。',
        '一、压实责任',
        '\t1.强化党政同责。落实责任制规定。（区食安办负责）',
        '序号\t指标\t目标值',
        '1\t抽检量\t6批次/千人',
        '二、强化监管',
        '2.开展专项整治。整治小作坊不少于10家。（区市场监管局负责）',
      ].join('\n'),
      'TEXT',
    );
    expect(plan.title).toBe('2022年某某区食品安全重点工作安排');
    expect(plan.preamble).toBe('为做好全年工作，特制定本安排。');
    expect(plan.header).toMatchObject({ addressees: '各镇人民政府', attachments: ['2022年某某区食品安全重点工作安排'] });
    // The indented task is a paragraph, and the small table inside the body does not end it.
    expect(plan.sections.map((section) => section.tasks.map((task) => task.ordinal))).toEqual([[1], [2]]);
    expect(plan.schedule).toEqual([]);
  });

  it('takes the title from the page heading when the article body starts below it', () => {
    const html = `<html><body><h1>2022年某某区食品安全重点工作安排</h1><div id="zoom">
      <p>为做好2022年全区食品安全工作，特制定本安排。现将有关事项安排如下，请各单位认真落实并按时报送进展情况。</p>
      <p>一、压实责任</p><p>1.强化党政同责。落实责任制规定。（区食安办负责）</p></div></body></html>`;
    const plan = parsePlanText('page.html', html, 'HTML');
    expect(plan.title).toBe('2022年某某区食品安全重点工作安排');
    expect(plan.sourceText.split('\n')[0]).toBe('2022年某某区食品安全重点工作安排');
    expect(spanProblems(plan)).toEqual([]);
  });
});
