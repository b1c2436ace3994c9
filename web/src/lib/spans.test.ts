import { describe, expect, it } from 'vitest';
import { cutBySpans, findPhrases } from './spans';

describe('cutBySpans', () => {
  const text = '4.提升食品检测能力，抽检量达到6批次/千人。';

  it('cuts at every span boundary and lists the spans covering each piece', () => {
    const pieces = cutBySpans(text, [
      { start: 0, end: text.length, kind: 'task', id: 't4' },
      { start: 11, end: 22, kind: 'indicator' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.map((p) => [p.text, p.kinds])).toEqual([
      ['4.提升食品检测能力，', ['task']],
      ['抽检量达到6批次/千人', ['task', 'indicator']],
      ['。', ['task']],
    ]);
    expect(pieces[0]!.anchors).toEqual(['t4']);
    expect(pieces[1]!.anchors).toEqual([]);
  });

  it('keeps text outside every span and drops spans that do not fit the text', () => {
    const pieces = cutBySpans('abcdef', [
      { start: 2, end: 4, kind: 'x' },
      { start: 5, end: 99, kind: 'bad' },
    ]);
    expect(pieces.map((p) => [p.text, p.kinds])).toEqual([
      ['ab', []],
      ['cd', ['x']],
      ['ef', []],
    ]);
  });

  it('counts offsets in UTF-16 code units, as the API does', () => {
    const pieces = cutBySpans('𠀀食品', [{ start: 2, end: 4, kind: 'x' }]);
    expect(pieces.map((p) => p.text)).toEqual(['𠀀', '食品']);
  });
});

describe('findPhrases', () => {
  it('finds each phrase once and skips the missing ones', () => {
    expect(
      findPhrases('抽检量达到6批次/千人，合格率稳定在97%以上', [
        { phrase: '合格率稳定在97%以上', kind: 'indicator', id: 'i2' },
        { phrase: '不存在', kind: 'indicator' },
      ]),
    ).toEqual([{ start: 12, end: 23, kind: 'indicator', id: 'i2' }]);
  });
});
