import { describe, expect, it } from 'vitest';
import { changeBadges, changeCounts, changesTable, diffSides, isUnchanged, verdictReasonText, type TaskChange } from './plan-changes';

const task = (ordinal: number) => ({ id: `T${ordinal}`, ordinal, fullLabel: String(ordinal), title: null, text: '' });
const indicator = (value: number) => ({
  id: `I${value}`,
  subject: '抽检量',
  comparator: 'EQ' as const,
  value,
  unit: '批次/千人',
  period: 'YEAR' as const,
  cumulative: false,
  qualifier: null,
  sourceText: '',
  spanStart: 0,
  spanEnd: 0,
});

function change(fields: Partial<TaskChange>): TaskChange {
  return {
    kind: 'KEPT',
    score: 1,
    reworded: false,
    before: [task(1)],
    after: [task(1)],
    clauses: [],
    agencies: [],
    targets: [],
    ...fields,
  };
}

describe('plan changes', () => {
  it('gives a task the badges of what happened to it', () => {
    expect(changeBadges(change({ kind: 'ADDED', before: [], score: null }))).toEqual(['ADDED']);
    expect(changeBadges(change({ kind: 'SPLIT', reworded: true, after: [task(1), task(2)] }))).toEqual(['SPLIT', 'REWORDED']);
    const raised = { kind: 'RAISED' as const, stricter: true, delta: 1, before: indicator(6), after: indicator(7) };
    expect(
      changeBadges(change({ targets: [raised], agencies: [{ kind: 'LOST', role: 'SHARED', agency: { id: 'A', name: '区发展改革委' } }] })),
    ).toEqual(['RAISED', 'AGENCIES']);
    expect(isUnchanged(change({}))).toBe(true);
    expect(isUnchanged(change({ clauses: [{ before: null, after: { id: 'C', ordinal: 1 }, diff: [] }] }))).toBe(false);
  });

  it('counts the kinds of change', () => {
    expect(changeCounts([change({}), change({ reworded: true }), change({ kind: 'DROPPED', after: [] })])).toEqual({
      KEPT: 2,
      ADDED: 0,
      DROPPED: 1,
      SPLIT: 0,
      MERGED: 0,
      REWORDED: 1,
    });
  });

  it('splits a diff into its two sides', () => {
    const sides = diffSides([
      { kind: 'EQUAL', text: '抽检量达到' },
      { kind: 'DELETE', text: '6' },
      { kind: 'INSERT', text: '7' },
      { kind: 'EQUAL', text: '批次/千人' },
    ]);
    expect(sides.before.map((s) => (s.changed ? `[${s.text}]` : s.text)).join('')).toBe('抽检量达到[6]批次/千人');
    expect(sides.after.map((s) => (s.changed ? `[${s.text}]` : s.text)).join('')).toBe('抽检量达到[7]批次/千人');
  });

  it('exports the changes as the page shows them, one row per task change', () => {
    const raised = { kind: 'RAISED' as const, stricter: true, delta: 1, before: indicator(6), after: indicator(7) };
    const unchanged = { kind: 'UNCHANGED' as const, stricter: false, delta: 0, before: indicator(5), after: indicator(5) };
    const words = {
      header: ['2021', '2022', '任务', '变化', '指标变化'],
      badge: (badge: string) => ({ RAISED: '提高', ADDED: '新增' })[badge] ?? badge,
      targetKind: (kind: string) => ({ RAISED: '提高' })[kind] ?? kind,
      stricter: (stricter: boolean) => (stricter ? '更严' : '放宽'),
    };
    const table = changesTable(
      [
        change({ targets: [raised, unchanged], after: [{ ...task(2), title: '抽检' }] }),
        change({ kind: 'ADDED', before: [], score: null, after: [{ ...task(3), title: null, text: '新增的任务' }] }),
      ],
      words,
    );
    expect(table).toEqual([
      ['2021', '2022', '任务', '变化', '指标变化'],
      ['1', '2', '抽检', '提高', '提高 抽检量：6批次/千人 → 7批次/千人（更严）'],
      ['', '3', '新增的任务', '新增', ''],
    ]);
  });
});

describe('verdictReasonText', () => {
  const english: Record<string, string> = {
    UNIT: 'different units ({value} here, {parentValue} above)',
    PERIOD: 'different periods ({value} here, {parentValue} above)',
    PARENT_YEAR_END_VALUE: 'the level above compared by {parentValue}',
  };
  const word = (kind: string, values: { value: string; parentValue: string }) =>
    english[kind]!.replace('{value}', values.value).replace('{parentValue}', values.parentValue);
  const period = (name: string) => ({ Q1: 'Q1', YEAR: 'the year' })[name] ?? name;

  it('words every part in order, periods by their names, joined by the separator', () => {
    expect(
      verdictReasonText(
        [
          { kind: 'UNIT', value: '批次/千人', parentValue: '万批次' },
          { kind: 'PERIOD', value: 'Q1', parentValue: 'YEAR' },
          { kind: 'PARENT_YEAR_END_VALUE', value: null, parentValue: '6批次/千人' },
        ],
        word,
        period,
        '; ',
      ),
    ).toBe(
      'different units (批次/千人 here, 万批次 above); different periods (Q1 here, the year above); the level above compared by 6批次/千人',
    );
  });

  it('is empty without parts', () => {
    expect(verdictReasonText([], word, period, '; ')).toBe('');
  });
});
