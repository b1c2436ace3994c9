import { describe, expect, it } from 'vitest';
import { printedNumber, taskBody } from './task-text';

describe('taskBody', () => {
  it('drops the heading sentence the text starts with', () => {
    expect(taskBody('实施校园食品安全守护行动。组织开展春秋季校园食品安全专项检查。', '实施校园食品安全守护行动')).toBe(
      '组织开展春秋季校园食品安全专项检查。',
    );
  });

  it('keeps text without a heading, or that does not start with it', () => {
    expect(taskBody('督促进口冷链食品生产经营者落实主体责任。', null)).toBe('督促进口冷链食品生产经营者落实主体责任。');
    expect(taskBody('组织开展检查。', '强化党政同责')).toBe('组织开展检查。');
  });
});

describe('printedNumber', () => {
  it('prints a number of a plan numbered through with its point, any other label as it is', () => {
    expect(printedNumber('5')).toBe('5.');
    expect(printedNumber('二（三）3')).toBe('二（三）3');
    expect(printedNumber('（二）')).toBe('（二）');
    expect(printedNumber('')).toBe('');
  });
});
