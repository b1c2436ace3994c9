import type { DiffPartKind, PlanCascadeQuery, PlanChangesQuery, TargetCascadeQuery, VerdictReasonKind } from '@/graphql/generated/graphql';

export type TaskChange = PlanChangesQuery['planChanges']['tasks'][number];
export type TargetChange = TaskChange['targets'][number];
type CascadeTask = NonNullable<PlanCascadeQuery['plan']>['sections'][number]['tasks'][number];
export type CascadeIndicator = CascadeTask['indicators'][number];

/** A badge on a changed task: what happened to it (新增, 删除, 拆分, 合并) and inside it (措辞变化, 提高, 降低, 部门). */
export type ChangeBadge = 'ADDED' | 'DROPPED' | 'SPLIT' | 'MERGED' | 'REWORDED' | 'RAISED' | 'LOWERED' | 'AGENCIES';

/** The badges of a task change, most telling first. */
export function changeBadges(change: TaskChange): ChangeBadge[] {
  const badges: ChangeBadge[] = [];
  if (change.kind !== 'KEPT') badges.push(change.kind);
  if (change.reworded) badges.push('REWORDED');
  if (change.kind !== 'ADDED' && change.targets.some((target) => target.kind === 'RAISED')) badges.push('RAISED');
  if (change.kind !== 'DROPPED' && change.targets.some((target) => target.kind === 'LOWERED')) badges.push('LOWERED');
  if (change.agencies.length) badges.push('AGENCIES');
  return badges;
}

/** A kept task with nothing to show: same wording, clauses, agencies and targets. */
export function isUnchanged(change: TaskChange): boolean {
  return changeBadges(change).length === 0 && change.clauses.length === 0 && change.targets.every((target) => target.kind === 'UNCHANGED');
}

/** Counts of each kind of task change, for the summary line. */
export function changeCounts(tasks: TaskChange[]): Record<TaskChange['kind'] | 'REWORDED', number> {
  const counts = { KEPT: 0, ADDED: 0, DROPPED: 0, SPLIT: 0, MERGED: 0, REWORDED: 0 };
  for (const change of tasks) {
    counts[change.kind]++;
    if (change.reworded) counts.REWORDED++;
  }
  return counts;
}

export interface DiffSegment {
  text: string;
  changed: boolean;
}

/** A diff as its two sides, for a side-by-side view: the earlier text with deletions marked, the later with insertions. */
export function diffSides(diff: Array<{ kind: DiffPartKind; text: string }>): { before: DiffSegment[]; after: DiffSegment[] } {
  return {
    before: diff.filter((part) => part.kind !== 'INSERT').map((part) => ({ text: part.text, changed: part.kind === 'DELETE' })),
    after: diff.filter((part) => part.kind !== 'DELETE').map((part) => ({ text: part.text, changed: part.kind === 'INSERT' })),
  };
}

/** The targets of a plan with their verdicts, in document order, each with whether any level above asks more. */
export function cascadeRows(
  plan: NonNullable<PlanCascadeQuery['plan']>,
): Array<{ task: CascadeTask; indicator: CascadeIndicator; laxer: boolean }> {
  return plan.sections.flatMap((section) =>
    section.tasks.flatMap((task) =>
      task.indicators
        .filter((indicator) => indicator.metric)
        .map((indicator) => ({ task, indicator, laxer: indicator.cascade.some((verdict) => verdict.verdict === 'LAXER') })),
    ),
  );
}

/** Words the exported tables are written in (the page's language). */
export interface ChangeTableWords {
  header: string[];
  badge: (badge: ChangeBadge) => string;
  targetKind: (kind: TargetChange['kind']) => string;
  stricter: (stricter: boolean) => string;
}

/**
 * The task changes as the page shows them, one row per task change: the task numbers in both
 * years, the heading, the badges, and each moved target (kind, subject, old → new, stricter or not).
 */
export function changesTable(changes: TaskChange[], words: ChangeTableWords): string[][] {
  const labels = (tasks: TaskChange['before']) => tasks.map((task) => `${task.fullLabel || task.ordinal}`).join('、');
  const value = (indicator: TargetChange['before']) => (indicator ? `${indicator.value}${indicator.unit}` : '—');
  return [
    words.header,
    ...changes.map((change) => {
      const task = change.after[0] ?? change.before[0];
      const targets = change.targets
        .filter((target) => target.kind !== 'UNCHANGED')
        .map((target) => {
          const strictness = target.stricter === null ? '' : `（${words.stricter(target.stricter)}）`;
          return `${words.targetKind(target.kind)} ${(target.after ?? target.before)!.subject}：${value(target.before)} → ${value(target.after)}${strictness}`;
        });
      return [
        labels(change.before),
        labels(change.after),
        task.title ?? task.text.slice(0, 40),
        changeBadges(change).map(words.badge).join('、'),
        targets.join('\n'),
      ];
    }),
  ];
}

/** One part of a verdict's reason, as the API gives it (`TargetVerdict.reasons`). */
export interface VerdictReasonPart {
  kind: VerdictReasonKind;
  value?: string | null;
  parentValue?: string | null;
}

/**
 * A verdict's reason in the page's language: each part worded by `word(kind, values)` (a period's
 * name through `period`), joined by `separator` (；in Chinese). Empty when there is no part.
 */
export function verdictReasonText(
  parts: readonly VerdictReasonPart[],
  word: (kind: VerdictReasonKind, values: { value: string; parentValue: string }) => string,
  period: (name: string) => string,
  separator: string,
): string {
  return parts
    .map(({ kind, value, parentValue }) => {
      const show = (text: string | null | undefined) => (kind === 'PERIOD' && text ? period(text) : (text ?? ''));
      return word(kind, { value: show(value), parentValue: show(parentValue) });
    })
    .join(separator);
}

/** The words a cascade table is exported with (the page's language). */
export interface CascadeTableWords {
  header: string[];
  verdict: (verdict: string) => string;
  reason: (parts: readonly VerdictReasonPart[]) => string;
  none: string;
  laxer: string;
}

interface TableVerdict {
  verdict: string;
  reasons: readonly VerdictReasonPart[];
  parent: { subject: string; value: number; unit: string; task: { plan: { jurisdiction: { name: string } } } };
}

const targetText = (indicator: { subject: string; value: number; unit: string }) =>
  `${indicator.subject} ${indicator.value}${indicator.unit}`;

/** A target's rows: its own cells (`own`) then one row per verdict, or one row saying no level sets one. */
function verdictRows(own: string[], verdicts: readonly TableVerdict[], words: CascadeTableWords): string[][] {
  if (!verdicts.length) return [[...own, '', '', words.none, '']];
  return verdicts.map((verdict) => [
    ...own,
    verdict.parent.task.plan.jurisdiction.name,
    targetText(verdict.parent),
    words.verdict(verdict.verdict),
    words.reason(verdict.reasons),
  ]);
}

/** The cascade as the panel shows it: one row per verdict (a target without any keeps one row). */
export function cascadeTable(rows: ReturnType<typeof cascadeRows>, words: CascadeTableWords): string[][] {
  return [
    words.header,
    ...rows.flatMap(({ task, indicator, laxer }) =>
      verdictRows([`${task.fullLabel || task.ordinal}`, targetText(indicator), laxer ? words.laxer : ''], indicator.cascade, words),
    ),
  ];
}

type ProvinceNode = TargetCascadeQuery['targetCascade']['nodes'][number];

/**
 * A province's targets of one metric as the province view shows them: one row per verdict (a
 * target without any keeps one row), its jurisdiction first.
 */
export function provinceCascadeTable(nodes: readonly ProvinceNode[], words: CascadeTableWords): string[][] {
  return [
    words.header,
    ...nodes.flatMap((node) =>
      verdictRows(
        [
          node.plan.jurisdiction.name,
          `${node.indicator.task.fullLabel || node.indicator.task.ordinal}`,
          targetText(node.indicator),
          node.laxer ? words.laxer : '',
        ],
        node.verdicts,
        words,
      ),
    ),
  ];
}
