import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant } from './dates';

describe('formatDay', () => {
  it('writes a deadline date as the language does, whatever the time zone', () => {
    expect(formatDay('2021-06-30', 'zh-CN')).toBe('2021年6月30日');
    expect(formatDay('2021-12-01', 'en')).toBe('December 1, 2021');
  });

  it('gives back what it cannot read', () => {
    expect(formatDay('6月底', 'zh-CN')).toBe('6月底');
  });
});

describe('formatInstant', () => {
  it('writes the day and time of an instant', () => {
    expect(formatInstant('2026-11-30T08:15:00Z', 'en')).toMatch(/2026/);
    expect(formatInstant('soon', 'en')).toBe('soon');
  });
});
