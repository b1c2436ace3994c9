import { describe, expect, it } from 'vitest';
import { alignTasks, type AlignableTask } from './engine.js';
import { sharedPhrases } from './phrases.js';
import { ngrams, stripResponsibility } from './text.js';

const task = (id: string, jurisdictionCode: string, text: string, themes: string[], title: string | null = null): AlignableTask => ({
  id,
  planId: `${jurisdictionCode}-2021`,
  jurisdictionCode,
  title,
  text,
  themes,
});

describe('Chinese text features', () => {
  it('drops responsibility brackets, nested ones too, and keeps other brackets', () => {
    const text = '督促学校落实校长（园长）负责制。（市市场监管局牵头，各县（市）区人民政府按职责分工负责）加强监管。〔区公安局负责〕';
    expect(stripResponsibility(text)).toBe('督促学校落实校长（园长）负责制。。加强监管。。');
  });

  it('makes character bigrams and trigrams that never cross punctuation', () => {
    expect(ngrams('明厨亮灶，昆仑 2021')).toEqual(['明厨', '厨亮', '亮灶', '明厨亮', '厨亮灶', '昆仑', '2021']);
  });

  it('finds the longest phrases two texts share, only real ones', () => {
    expect(sharedPhrases('进一步提升明厨亮灶覆盖率', '在明厨亮灶全覆盖的基础上提升覆盖率')).toEqual(['明厨亮灶']);
  });
});

describe('the alignment engine', () => {
  const tongzhou = [
    task(
      'a-t1',
      '320612',
      '实施校园食品安全守护行动。组织开展春秋季校园食品安全专项检查，提升“明厨亮灶+互联网”覆盖率。',
      ['campus'],
      '实施校园食品安全守护行动',
    ),
    task('a-t2', '320612', '开展食品小作坊整治提优工程。实现食品小作坊100%建档、登记。', ['workshops']),
    task('a-t3', '320612', '推动食品领域信用体系建设。推进信用分级分类监管，做好信息归集共享和公开公示。', ['credit']),
  ];
  const xuzhou = [
    task(
      'b-t1',
      '320300',
      '实施校园食品安全守护行动。组织开展春秋季节校园食品安全专项检查。（市市场监管局负责）',
      ['campus'],
      '实施校园食品安全守护行动',
    ),
    task('b-t2', '320300', '实施婴幼儿配方乳粉提升行动。突出婴幼儿配方乳粉经营单位监管。', ['formula']),
    task('b-t3', '320300', '推动食品安全领域信用体系建设。推进信用分级分类监管，做好信息归集共享和公开公示。', ['credit']),
  ];
  const links = alignTasks([...tongzhou, ...xuzhou]);
  const pairs = links.map((link) => `${link.taskId}>${link.otherTaskId}`);

  it('links the same work in both directions and leaves unique work alone', () => {
    expect(pairs.sort()).toEqual(['a-t1>b-t1', 'a-t3>b-t3', 'b-t1>a-t1', 'b-t3>a-t3']);
  });

  it('links identical headings by rule and the rest by similarity, with evidence', () => {
    const campus = links.find((link) => link.taskId === 'a-t1')!;
    expect(campus.method).toBe('RULE');
    expect(campus.score).toBeGreaterThanOrEqual(0.9);
    const credit = links.find((link) => link.taskId === 'a-t3')!;
    expect(credit.method).toBe('SIMILARITY');
    expect(credit.score).toBeGreaterThan(0.5);
    expect(credit.score).toBeLessThanOrEqual(1);
    expect(credit.evidence.slice(0, 2)).toEqual(['做好信息归集共享和公开公示', '推进信用分级分类监管']);
  });

  it('never links tasks of one jurisdiction, nor across groups', () => {
    const sameJurisdiction = alignTasks([tongzhou[0], { ...tongzhou[0], id: 'a-t9', planId: '320612-2022' }]);
    expect(sameJurisdiction).toEqual([]);
    const otherYear = alignTasks([tongzhou[0], { ...xuzhou[0], planId: '320300-2022' }], {
      groupOf: (candidate) => candidate.planId.slice(-4),
    });
    expect(otherYear).toEqual([]);
  });
});
