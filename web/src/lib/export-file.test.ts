import { describe, expect, it } from 'vitest';
import { toCsv } from './export-file';

describe('toCsv', () => {
  it('starts with a BOM, ends rows with CRLF and quotes only what needs quoting', () => {
    expect(
      toCsv([
        ['主题', '任务'],
        ['校园食品安全', '检查，"明厨亮灶"\n全覆盖, 提升'],
      ]),
    ).toBe('\uFEFF主题,任务\r\n校园食品安全,"检查，""明厨亮灶""\n全覆盖, 提升"\r\n');
  });
});
