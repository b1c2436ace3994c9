import { describe, expect, it } from 'vitest';
import { sectionOutline } from './plan-outline';

const group = (ordinal: number) => ({ id: `G${ordinal}`, ordinal });
const task = (id: string, groupOrdinal: number | null) => ({ id, group: groupOrdinal ? { id: `G${groupOrdinal}` } : null });
const shape = (blocks: ReturnType<typeof sectionOutline>) => blocks.map((b) => [b.group?.id ?? null, b.tasks.map((t) => t.id)]);

describe('sectionOutline', () => {
  it('puts each task under its group, in document order', () => {
    const blocks = sectionOutline([group(2), group(1)], [task('1', 1), task('2', 1), task('3', 2)]);
    expect(shape(blocks)).toEqual([
      ['G1', ['1', '2']],
      ['G2', ['3']],
    ]);
  });

  it('keeps tasks that sit right under the section, before or without groups', () => {
    expect(shape(sectionOutline([], [task('1', null), task('2', null)]))).toEqual([[null, ['1', '2']]]);
    expect(shape(sectionOutline([group(1)], [task('1', null), task('2', 1)]))).toEqual([
      [null, ['1']],
      ['G1', ['2']],
    ]);
  });

  it('shows a group without tasks in its place', () => {
    expect(shape(sectionOutline([group(1), group(2), group(3)], [task('1', 1), task('2', 3)]))).toEqual([
      ['G1', ['1']],
      ['G2', []],
      ['G3', ['2']],
    ]);
    expect(shape(sectionOutline([group(1)], []))).toEqual([['G1', []]]);
  });
});
