import { describe, expect, it } from 'vitest';
import { decodePlanText, linesAround } from './source-lines';

describe('linesAround', () => {
  const text = ['一、总体要求', '（一）强化源头治理', '1. 开展抽检', '2. 推进治理', '二、保障措施'].join('\r\n');

  it('shows the line with its neighbours, numbered from 1', () => {
    expect(linesAround(text, 3, 1)).toEqual([
      { number: 2, text: '（一）强化源头治理', current: false },
      { number: 3, text: '1. 开展抽检', current: true },
      { number: 4, text: '2. 推进治理', current: false },
    ]);
  });

  it('stops at the ends of the document and shows nothing for a line it does not have', () => {
    expect(linesAround(text, 1, 2).map((line) => line.number)).toEqual([1, 2, 3]);
    expect(linesAround(text, 5, 2).map((line) => line.number)).toEqual([3, 4, 5]);
    expect(linesAround(text, 9)).toEqual([]);
  });
});

describe('decodePlanText', () => {
  it('reads UTF-8 (without its BOM) and falls back to GB18030', () => {
    expect(decodePlanText(new TextEncoder().encode('\uFEFF通州区').buffer)).toBe('通州区');
    // 通州 in GB18030.
    expect(decodePlanText(new Uint8Array([0xcd, 0xa8, 0xd6, 0xdd]).buffer)).toBe('通州');
  });
});
