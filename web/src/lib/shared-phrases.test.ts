import { describe, expect, it } from 'vitest';
import { markSharedPhrases, sharedRatio } from './shared-phrases';

// The campus food-safety clauses of Tongzhou 5 and Xuzhou 2 (seeds/), abridged.
const tongzhou = '组织开展春秋季校园食品安全专项检查，切实加大日常监管力度。';
const xuzhou = '组织开展春秋季节校园食品安全专项检查，切实加大日常监管力度。';

describe('markSharedPhrases', () => {
  it('marks the runs another text also contains and keeps the text whole', () => {
    const segments = markSharedPhrases(xuzhou, [tongzhou]);
    expect(segments.map((s) => s.text).join('')).toBe(xuzhou);
    expect(segments).toEqual([
      { text: '组织开展春秋季', shared: true },
      { text: '节', shared: false },
      { text: '校园食品安全专项检查，切实加大日常监管力度。', shared: true },
    ]);
  });

  it('leaves unrelated text unmarked and ignores runs shorter than the minimum', () => {
    expect(markSharedPhrases('制止餐饮浪费', ['婴幼儿配方乳粉'])).toEqual([{ text: '制止餐饮浪费', shared: false }]);
    expect(markSharedPhrases('开展风险监测工作', ['加强风险监测能力'])).toEqual([{ text: '开展风险监测工作', shared: false }]);
  });

  it('does not count shared punctuation or numbers as a phrase', () => {
    expect(markSharedPhrases('达到100.00%。', ['合格率100.00%。']).some((s) => s.shared)).toBe(false);
  });

  it('measures the shared share', () => {
    expect(sharedRatio(markSharedPhrases(xuzhou, [xuzhou]))).toBe(1);
    expect(sharedRatio([])).toBe(0);
  });
});
