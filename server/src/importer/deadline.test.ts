import { describe, expect, it } from 'vitest';
import { findProseDeadline, readDeadline } from './deadline.js';

const read = (text: string, year = 2021) => {
  const found = readDeadline(text, year);
  return found && [found.text, found.date];
};
const prose = (text: string, year = 2021) => {
  const found = findProseDeadline(text, year);
  return found && [found.text, found.date, text.slice(found.index, found.index + found.length)];
};

describe('readDeadline: a 完成时限 as printed, and the date it names', () => {
  it('reads full dates, with or without the year, in digits or Chinese numerals', () => {
    expect(read('2021年12月1日前')).toEqual(['2021年12月1日前', '2021-12-01']);
    expect(read('12月1日之前', 2020)).toEqual(['12月1日之前', '2020-12-01']);
    expect(read('二〇二一年十二月三十一日前')).toEqual(['二〇二一年十二月三十一日前', '2021-12-31']);
    // A cell often prints the date alone.
    expect(read('2021年12月31日')).toEqual(['2021年12月31日', '2021-12-31']);
  });

  it('reads month ends, year ends, halves and quarters, filling in the plan year', () => {
    expect(read('6月底前')).toEqual(['6月底前', '2021-06-30']);
    expect(read('2020年2月底前')).toEqual(['2020年2月底前', '2020-02-29']);
    expect(read('十一月末', 2022)).toEqual(['十一月末', '2022-11-30']);
    expect(read('年底前')).toEqual(['年底前', '2021-12-31']);
    expect(read('2022年底前完成')).toEqual(['2022年底前', '2022-12-31']);
    expect(read('年内')).toEqual(['年内', '2021-12-31']);
    expect(read('上半年')).toEqual(['上半年', '2021-06-30']);
    expect(read('下半年')).toEqual(['下半年', '2021-12-31']);
    expect(read('三季度末')).toEqual(['三季度末', '2021-09-30']);
    expect(read('第1季度')).toEqual(['第1季度', '2021-03-31']);
  });

  it('keeps open-ended and recurring deadlines without a date', () => {
    expect(read('长期坚持')).toEqual(['长期坚持', null]);
    expect(read('持续推进')).toEqual(['持续推进', null]);
    expect(read('每季度')).toEqual(['每季度', null]);
  });

  it('takes the first deadline in the text, and none where there is none', () => {
    expect(read('6月底前启动，年底前完成')).toEqual(['6月底前', '2021-06-30']);
    expect(read('按要求')).toBeNull();
    expect(read('')).toBeNull();
  });

  it('refuses dates that do not exist', () => {
    expect(read('2021年2月30日前')).toEqual(['2021年2月30日前', null]);
    expect(read('13月底前')).toEqual(['13月底前', null]);
  });
});

describe('findProseDeadline: by when a clause says something is done', () => {
  it('finds the phrase and where it is', () => {
    expect(prose('制定具体措施，2020年6月底前出台。', 2020)).toEqual(['2020年6月底前', '2020-06-30', '2020年6月底前']);
    expect(prose('年底前完成超标粮食处置')).toEqual(['年底前', '2021-12-31', '年底前']);
    expect(prose('2021年12月1日前报告本地区本部门全年食品安全工作完成情况。')).toEqual([
      '2021年12月1日前',
      '2021-12-01',
      '2021年12月1日前',
    ]);
    expect(prose('组织开展食品安全宣传周活动，6月底前完成。')).toEqual(['6月底前', '2021-06-30', '6月底前']);
  });

  it('ignores dates that do not say by when (施行, 起), and open-ended wording', () => {
    expect(prose('条例自2021年12月1日起施行。')).toBeNull();
    expect(prose('将落实情况作为年底前向市委、市政府报告的重要内容。')).toBeNull();
    expect(prose('长期坚持开展专项整治。')).toBeNull();
  });
});
