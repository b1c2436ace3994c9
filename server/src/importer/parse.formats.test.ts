import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlanFile } from './parse.js';
import type { ParsedPlan } from './parsed-plan.js';
import { buildDocx, htmlPage, readSeed, seedLines, xuzhouParagraphs, xuzhouScheduleTable } from './testing/fixtures.js';
import { spanProblems } from './testing/spans.js';

const counts = (plan: ParsedPlan) => {
  const tasks = plan.sections.flatMap((section) => section.tasks);
  return {
    sections: plan.sections.length,
    tasks: tasks.length,
    clauses: tasks.flatMap((task) => task.clauses).length,
    indicators: tasks.flatMap((task) => task.clauses).flatMap((clause) => clause.indicators).length,
    rows: plan.schedule.length,
  };
};
const TONGZHOU_COUNTS = { sections: 7, tasks: 22, clauses: 37, indicators: 12, rows: 0 };
const XUZHOU_MAIN_COUNTS = { sections: 8, tasks: 19, clauses: 39, indicators: 5 };

const tongzhouParagraphs = seedLines('tongzhou-2021.txt')
  .map((line) => line.trim())
  .filter(Boolean);
const xuzhouMain = xuzhouParagraphs(1, 92);
const xuzhouTrailer = xuzhouParagraphs(165, 175);

describe('text encodings', () => {
  it('reads GB18030 the same as UTF-8', async () => {
    const utf8 = await parsePlanFile('tongzhou-2021.txt', readSeed('tongzhou-2021.txt'));
    const gb = await parsePlanFile('tongzhou-2021.txt', iconv.encode(readSeed('tongzhou-2021.txt').toString('utf8'), 'gb18030'));
    expect(counts(gb)).toEqual(TONGZHOU_COUNTS);
    expect(gb.header).toEqual(utf8.header);
    expect(gb.sourceText).toBe(utf8.sourceText);
  });

  it('drops a UTF-8 byte-order mark without shifting the spans', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readSeed('xuzhou-2021.md')]);
    const plan = await parsePlanFile('xuzhou-2021.md', withBom);
    expect(plan.sourceText.startsWith('\uFEFF')).toBe(false);
    expect(counts(plan)).toMatchObject({ ...XUZHOU_MAIN_COUNTS, rows: 37 });
    expect(spanProblems(plan)).toEqual([]);
  });

  it('sniffs Markdown and HTML when the extension says nothing', async () => {
    expect((await parsePlanFile('download', readSeed('xuzhou-2021.md'))).format).toBe('MARKDOWN');
    expect((await parsePlanFile('download', Buffer.from(htmlPage(tongzhouParagraphs, null)))).format).toBe('HTML');
    expect((await parsePlanFile('download', buildDocx(tongzhouParagraphs))).format).toBe('DOCX');
  });
});

describe('a saved government-portal page', () => {
  let tongzhou: ParsedPlan;
  let xuzhou: ParsedPlan;
  beforeAll(async () => {
    tongzhou = await parsePlanFile('tongzhou.html', Buffer.from(htmlPage(tongzhouParagraphs, null)));
    xuzhou = await parsePlanFile('xuzhou.htm', Buffer.from(htmlPage(xuzhouMain, xuzhouScheduleTable(), xuzhouTrailer)));
  });

  it('reads the article body, not the portal around it', () => {
    expect(tongzhou.format).toBe('HTML');
    expect(counts(tongzhou)).toEqual(TONGZHOU_COUNTS);
    expect(tongzhou.sourceText).not.toContain('政务服务');
    expect(tongzhou.sourceText).not.toContain('网站标识码');
    expect(tongzhou.sourceText.split('\n')[0]).toBe('南通市通州区食品安全委员会办公室');
    expect(tongzhou.header).toMatchObject({
      documentNumber: '通食安办〔2021〕2号',
      issuedOn: '2021-05-06',
      printedOn: '2021-05-06',
      disclosure: '主动公开',
    });
    expect(tongzhou.title).toBe('2021年通州区食品安全重点工作安排');
  });

  it('reads the same roles and targets as from the text file', async () => {
    const fromText = await parsePlanFile('tongzhou-2021.txt', readSeed('tongzhou-2021.txt'));
    const summary = (plan: ParsedPlan) =>
      plan.sections
        .flatMap((section) => section.tasks)
        .flatMap((task) =>
          task.clauses.map((clause) => [
            task.ordinal,
            clause.assignments.map((ref) => `${ref.name}:${ref.role}`),
            clause.indicators.map((i) => `${i.subject}${i.comparator}${i.value}${i.unit}`),
          ]),
        );
    expect(summary(tongzhou)).toEqual(summary(fromText));
    expect(spanProblems(tongzhou)).toEqual([]);
  });

  it('renders a 推进表 with rowspans as tab-separated rows', () => {
    expect(counts(xuzhou)).toEqual({ ...XUZHOU_MAIN_COUNTS, rows: 8 });
    const tableLines = xuzhou.sourceText.split('\n').filter((line) => line.includes('\t'));
    expect(tableLines).toHaveLength(9);
    // The section cell spans all rows and the task heading spans its task's rows: both repeat.
    expect(tableLines[5].split('\t').slice(0, 4)).toEqual([
      '一',
      '深入开展食品安全放心工程建设攻坚行动',
      '实施风险评估与监测专项提升行动',
      '5',
    ]);
    expect(xuzhou.schedule.map((row) => [row.taskOrdinal, row.workTitle])).toEqual([
      [1, '实施风险评估与监测专项提升行动'],
      [1, '实施风险评估与监测专项提升行动'],
      [1, '实施风险评估与监测专项提升行动'],
      [1, '实施风险评估与监测专项提升行动'],
      [1, '实施风险评估与监测专项提升行动'],
      [2, '实施校园食品安全守护行动'],
      [2, '实施校园食品安全守护行动'],
      [3, '开展农村假冒伪劣食品专项执法行动'],
    ]);
    expect(xuzhou.schedule[0].indicators.map((indicator) => [indicator.period, indicator.value, indicator.cumulative])).toEqual([
      ['Q2', 2, true],
      ['Q3', 4, true],
      ['Q4', 6, true],
    ]);
    expect(xuzhou.schedule[0].responsible.map((ref) => ref.name)).toEqual(['各县（市）区人民政府']);
    expect(xuzhou.header).toMatchObject({
      attachments: ['全市食品安全重点工作推进表'],
      printedBy: '徐州市食品安全委员会办公室',
      printedOn: '2021-04-23',
    });
    expect(spanProblems(xuzhou)).toEqual([]);
  });
});

describe('a Word document', () => {
  it('reads paragraphs through mammoth like a page', async () => {
    const plan = await parsePlanFile('tongzhou.docx', buildDocx(tongzhouParagraphs));
    expect(plan.format).toBe('DOCX');
    expect(counts(plan)).toEqual(TONGZHOU_COUNTS);
    expect(plan.header.documentNumber).toBe('通食安办〔2021〕2号');
    expect(spanProblems(plan)).toEqual([]);
  });

  it('keeps a table with merged cells', async () => {
    const plan = await parsePlanFile('xuzhou.docx', buildDocx(xuzhouMain, xuzhouScheduleTable(), xuzhouTrailer));
    expect(counts(plan)).toEqual({ ...XUZHOU_MAIN_COUNTS, rows: 8 });
    expect(plan.schedule.map((row) => row.taskOrdinal)).toEqual([1, 1, 1, 1, 1, 2, 2, 3]);
    expect(plan.schedule.every((row) => row.sectionLabel === '一')).toBe(true);
    expect(plan.schedule[7].responsible.map((ref) => ref.name)).toEqual([
      '市市场监管局',
      '市农业农村局',
      '市公安局',
      '市商务局',
      '市供销合作总社',
    ]);
    expect(spanProblems(plan)).toEqual([]);
  });
});
