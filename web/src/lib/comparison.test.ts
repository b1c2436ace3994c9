import { describe, expect, it } from 'vitest';
import { coverageMatrix, coveredCodes, exportRows, isUniqueTask, metricTargets, sharedSegments } from './comparison';
import { comparisonFixture } from '@/test/comparison-fixture';

const { comparison, metrics } = comparisonFixture;
const [, campus, workshops, formula] = comparison.rows;
const codes = ['320612', '320300'];

describe('comparison helpers', () => {
  it('finds the jurisdictions covering a theme', () => {
    expect(coveredCodes(campus!)).toEqual(codes);
    expect(coveredCodes(workshops!)).toEqual(['320612']);
    expect(coveredCodes(formula!)).toEqual(['320300']);
  });

  it('calls a task unique when the API lists it as unmatched', () => {
    expect(isUniqueTask(campus!.cells[0]!, campus!.cells[0]!.tasks[0]!)).toBe(false);
    expect(isUniqueTask(workshops!.cells[0]!, workshops!.cells[0]!.tasks[0]!)).toBe(true);
  });

  it('marks what the campus tasks share and what differs', () => {
    const segments = sharedSegments(campus!, 1, campus!.cells[1]!.tasks[0]!);
    // Xuzhou writes 春秋季节 for 春秋季, （市…负责） for 〔区…负责〕, and its 市教育局 where Tongzhou has 区教体局.
    expect(segments.filter((s) => !s.shared).map((s) => s.text)).toEqual(['节', '（市', '）', '（市教育局负责）']);
  });

  it('counts tasks per theme and jurisdiction', () => {
    expect(coverageMatrix(comparison)).toEqual([
      [1, 1],
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
  });

  it('lines up annual targets by metric and subject: Tongzhou 6 vs Xuzhou 4.5 批次/千人', () => {
    const [density, ...rest] = metricTargets(comparison, metrics);
    expect(rest).toEqual([]);
    expect(density!.metric.key).toBe('sampling-density');
    expect(density!.subjects).toEqual(['市场监管环节食品安全监督抽检量', '全市农产品和食品抽检量']);
    expect(density!.values).toEqual([
      [6, null],
      [4.5, 6],
    ]);
    // Marked where a level above asks more: Xuzhou's 4.5 against Jiangsu's 5.
    expect(density!.laxer).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(density!.jurisdictionsWithTargets).toBe(2);
  });

  it('exports one row per theme, jurisdiction and task, with agencies, targets and uniqueness', () => {
    const rows = exportRows(comparison, {
      header: ['主题', '地区', '序号', '任务', '牵头/负责', '分工/配合', '指标', '独有'],
      themeName: (row) => row.theme.name,
      noTask: '无对应任务',
      onlyHere: '仅此地',
      roleSeparator: '、',
    });
    expect(rows).toHaveLength(1 + 8);
    expect(rows[1]).toEqual([
      '风险监测与抽检',
      '通州区',
      '4',
      comparison.rows[0]!.cells[0]!.tasks[0]!.text,
      // Both of T4's brackets are 按职责分工负责: no lead, seven sharing agencies in bracket order,
      // named as printed (区发改委, whose canonical name is 区发展改革委).
      '',
      '区发改委、区农业农村局、区市场监管局、区自然资源和规划局、区卫生健康委、南通高新区管委会、各镇（街道）人民政府（办事处）',
      '市场监管环节食品安全监督抽检量达到6批次/千人',
      '',
    ]);
    expect(rows[2]!.slice(4, 7)).toEqual([
      '各县（市）区人民政府、市市场监管局、市农业农村局、市卫生健康委、市自然资源和规划局',
      '',
      '全市农产品和食品抽检量达到6批次/千人；市场监管环节食品安全监督抽检量达到4.5批次/千人',
    ]);
    expect(rows[3]!.slice(1, 5)).toEqual(['通州区', '5', campus!.cells[0]!.tasks[0]!.text, '区市场监管局、区教体局']);
    expect(rows.filter((row) => row[0] === '校园食品安全').map((row) => [row[1], row[2]])).toEqual([
      ['通州区', '5'],
      ['徐州市', '2'],
    ]);
    expect(rows.find((row) => row[0] === '食品小作坊' && row[1] === '徐州市')![3]).toBe('无对应任务');
    expect(rows.find((row) => row[0] === '食品小作坊' && row[1] === '通州区')![7]).toBe('仅此地');
  });
});
