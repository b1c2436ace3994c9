import { describe, expect, it } from 'vitest';
import { diffText } from './text-diff.js';

const side = (parts: ReturnType<typeof diffText>, drop: string) =>
  parts
    .filter((part) => part.kind !== drop)
    .map((part) => part.text)
    .join('');

describe('diffText', () => {
  it('keeps Chinese words and numbers whole', () => {
    const before = '深入开展校园及周边食品安全专项整治，合格率稳定在97%以上。';
    const after = '持续开展学校食堂及校外托管机构食品安全检查，合格率稳定在98%以上。';
    const parts = diffText(before, after);
    expect(side(parts, 'INSERT')).toBe(before);
    expect(side(parts, 'DELETE')).toBe(after);
    expect(parts.filter((part) => part.kind !== 'EQUAL').map((part) => `${part.kind}:${part.text}`)).toEqual([
      'DELETE:深入',
      'INSERT:持续',
      'DELETE:校园',
      'INSERT:学校食堂',
      'DELETE:周边',
      'INSERT:校外托管机构',
      'DELETE:专项整治',
      'INSERT:检查',
      'DELETE:97',
      'INSERT:98',
    ]);
  });

  it('moves the cuts of a common beginning and end to word boundaries of both texts', () => {
    const parts = diffText('抽检量达到6批次/千人。', '抽检量达到16批次/千人。');
    expect(parts).toEqual([
      { kind: 'EQUAL', text: '抽检量达到' },
      { kind: 'DELETE', text: '6' },
      { kind: 'INSERT', text: '16' },
      { kind: 'EQUAL', text: '批次/千人。' },
    ]);
    expect(diffText('合格率稳定在97%以上。', '合格率稳定在97%以上。')).toEqual([{ kind: 'EQUAL', text: '合格率稳定在97%以上。' }]);
  });

  it('gives one piece for a text added or dropped whole', () => {
    expect(diffText('', '新增条款。')).toEqual([{ kind: 'INSERT', text: '新增条款。' }]);
    expect(diffText('删除条款。', '')).toEqual([{ kind: 'DELETE', text: '删除条款。' }]);
  });

  it('cuts a decimal whole and keeps Latin letters with their digits', () => {
    const changed = (parts: ReturnType<typeof diffText>) =>
      parts.filter((part) => part.kind !== 'EQUAL').map((part) => `${part.kind}:${part.text}`);
    expect(changed(diffText('抽检合格率稳定在97.5%以上', '抽检合格率稳定在98%以上'))).toEqual(['DELETE:97.5', 'INSERT:98']);
    expect(changed(diffText('执行GB2760标准', '执行GB2761标准'))).toEqual(['DELETE:GB2760', 'INSERT:GB2761']);
    expect(changed(diffText('全年抽检1,000批次', '全年抽检1,200批次'))).toEqual(['DELETE:1,000', 'INSERT:1,200']);
  });
});
