import { describe, expect, it } from 'vitest';
import {
  changeBadges,
  changeCounts,
  changesTable,
  diffSides,
  isUnchanged,
  provinceCascadeTable,
  verdictReasonText,
  type TaskChange,
} from './plan-changes';

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

describe('provinceCascadeTable', () => {
  const target = (id: string, name: string, value: number) => ({
    id,
    subject: '按时完成率',
    comparator: 'EQ',
    value,
    unit: '%',
    period: 'YEAR',
    task: { id: `T${id}`, ordinal: 4, fullLabel: '4', plan: { id: `P${id}`, jurisdiction: { code: id, name } } },
  });
  const words = {
    header: ['H'],
    verdict: (verdict: string) => verdict.toLowerCase(),
    reason: (parts: readonly { kind: string }[]) => parts.map((part) => part.kind).join('+'),
    none: 'none',
    laxer: 'LAXER',
  };

  it('gives one row per verdict, the target and its jurisdiction on each, and one row for a target without verdicts', () => {
    const nodes = [
      {
        laxer: true,
        plan: { id: 'P1', jurisdiction: { code: '320612', name: '通州区' } },
        indicator: target('320612', '通州区', 85),
        verdicts: [
          { distance: 1, verdict: 'EQUAL', reason: null, reasons: [], parent: target('320600', '南通市', 85) },
          {
            distance: 2,
            verdict: 'NOT_COMPARABLE',
            reason: 'x',
            reasons: [{ kind: 'PERIOD', value: 'YEAR', parentValue: 'Q1' }],
            parent: target('320000', '江苏省', 90),
          },
        ],
      },
      {
        laxer: false,
        plan: { id: 'P2', jurisdiction: { code: '320000', name: '江苏省' } },
        indicator: target('320000', '江苏省', 90),
        verdicts: [],
      },
    ] as unknown as Parameters<typeof provinceCascadeTable>[0];
    expect(provinceCascadeTable(nodes, words)).toEqual([
      ['H'],
      ['通州区', '4', '按时完成率 85%', 'LAXER', '南通市', '按时完成率 85%', 'equal', ''],
      ['通州区', '4', '按时完成率 85%', 'LAXER', '江苏省', '按时完成率 90%', 'not_comparable', 'PERIOD'],
      ['江苏省', '4', '按时完成率 90%', '', '', '', 'none', ''],
    ]);
  });
});
