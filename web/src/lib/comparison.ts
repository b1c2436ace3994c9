import type { ComparisonQuery } from '@/graphql/generated/graphql';
import { groupByRole } from './assignments';
import { markSharedPhrases, type TextSegment } from './shared-phrases';

/**
 * What the Compare view derives from one `comparison` answer: which tasks exist in one plan only,
 * the shared wording of aligned tasks, the coverage matrix, the targets per metric and the rows
 * of the export. Pure functions, so the view stays a template and these stay tested.
 */
export type Comparison = ComparisonQuery['comparison'];
export type ComparisonRow = Comparison['rows'][number];
export type ComparisonCell = ComparisonRow['cells'][number];
export type ComparisonTask = ComparisonCell['tasks'][number];
export type Metric = ComparisonQuery['metrics'][number];

/** A theme row's jurisdictions that have at least one task under it. */
export function coveredCodes(row: ComparisonRow): string[] {
  return row.cells.filter((cell) => cell.tasks.length > 0).map((cell) => cell.jurisdiction.code);
}

/** True when the API found no equivalent of the task in any other compared plan: work unique to its plan. */
export function isUniqueTask(cell: ComparisonCell, task: ComparisonTask): boolean {
  return cell.unmatchedTasks.some((unmatched) => unmatched.id === task.id);
}

/** The task's text with the wording it shares with the other jurisdictions' tasks of the row marked. */
export function sharedSegments(row: ComparisonRow, cellIndex: number, task: ComparisonTask): TextSegment[] {
  const others = row.cells.filter((_, index) => index !== cellIndex).flatMap((cell) => cell.tasks.map((t) => t.text));
  return markSharedPhrases(task.text, others);
}

/** Tasks per theme and jurisdiction: the heatmap's values, rows in theme order. */
export function coverageMatrix(comparison: Comparison): number[][] {
  return comparison.rows.map((row) => row.cells.map((cell) => cell.tasks.length));
}

export interface MetricTargets {
  metric: Metric;
  /** What is measured, e.g. 市场监管环节食品安全监督抽检量 and 全市农产品和食品抽检量 for sampling density. */
  subjects: string[];
  /** values[jurisdiction index][subject index]: the annual target, or null where the plan sets none. */
  values: (number | null)[][];
  /** laxer[jurisdiction index][subject index]: the target asks less than one of a level above (Indicator.cascade). */
  laxer: boolean[][];
  /** How many jurisdictions set at least one target: the charts with 2+ come first. */
  jurisdictionsWithTargets: number;
}

/**
 * Annual targets (period YEAR) grouped by metric, then by subject, one value per jurisdiction.
 * An indicator listed under several themes counts once.
 */
export function metricTargets(comparison: Comparison, metrics: readonly Metric[]): MetricTargets[] {
  const codes = comparison.jurisdictions.map((j) => j.code);
  const byMetric = new Map<string, Map<string, (number | null)[]>>();
  const laxerOf = new Map<string, Map<string, boolean[]>>();
  const seen = new Set<string>();
  for (const row of comparison.rows) {
    for (const cell of row.cells) {
      const index = codes.indexOf(cell.jurisdiction.code);
      for (const indicator of cell.indicators) {
        if (!indicator.metric || indicator.period !== 'YEAR' || seen.has(indicator.id) || index < 0) continue;
        seen.add(indicator.id);
        const subjects = byMetric.get(indicator.metric.key) ?? new Map<string, (number | null)[]>();
        byMetric.set(indicator.metric.key, subjects);
        const subject = indicator.subject.replace(/\s+/g, '');
        const values = subjects.get(subject) ?? codes.map(() => null);
        subjects.set(subject, values);
        if (values[index] !== null) continue;
        values[index] = indicator.value;
        const laxerSubjects = laxerOf.get(indicator.metric.key) ?? new Map<string, boolean[]>();
        laxerOf.set(indicator.metric.key, laxerSubjects);
        const laxer = laxerSubjects.get(subject) ?? codes.map(() => false);
        laxerSubjects.set(subject, laxer);
        laxer[index] = indicator.cascade.some((verdict) => verdict.verdict === 'LAXER');
      }
    }
  }
  const result: MetricTargets[] = [];
  for (const metric of metrics) {
    const subjects = byMetric.get(metric.key);
    if (!subjects) continue;
    const names = [...subjects.keys()];
    const values = codes.map((_, j) => names.map((name) => subjects.get(name)![j] ?? null));
    const laxer = codes.map((_, j) => names.map((name) => laxerOf.get(metric.key)?.get(name)?.[j] ?? false));
    result.push({
      metric,
      subjects: names,
      values,
      laxer,
      jurisdictionsWithTargets: values.filter((v) => v.some((x) => x !== null)).length,
    });
  }
  return result.sort((a, b) => b.jurisdictionsWithTargets - a.jurisdictionsWithTargets);
}

export interface ExportLabels {
  header: string[];
  themeName(row: ComparisonRow): string;
  noTask: string;
  onlyHere: string;
  roleSeparator: string;
}

/**
 * The comparison as spreadsheet rows: one per theme, jurisdiction and task (a theme a
 * jurisdiction has no task under gets one row saying so), with the lead and other agencies, the
 * targets, and whether the task is found in this plan only.
 */
export function exportRows(comparison: Comparison, labels: ExportLabels): string[][] {
  const names = new Map(comparison.jurisdictions.map((j) => [j.code, j.name]));
  const rows: string[][] = [labels.header];
  for (const row of comparison.rows) {
    for (const cell of row.cells) {
      const jurisdiction = names.get(cell.jurisdiction.code) ?? cell.jurisdiction.code;
      if (cell.tasks.length === 0) {
        rows.push([labels.themeName(row), jurisdiction, '', labels.noTask, '', '', '', '']);
        continue;
      }
      for (const task of cell.tasks) {
        // Clause by clause, so a task's second bracket follows its first rather than interleaving by position.
        const groups = task.clauses.flatMap((clause) => groupByRole(clause.assignments));
        const lead = groups
          .filter((g) => g.role === 'LEAD' || g.role === 'RESPONSIBLE')
          .flatMap((g) => g.assignments.map((a) => a.printedName));
        const others = groups
          .filter((g) => g.role === 'SHARED' || g.role === 'SUPPORT')
          .flatMap((g) => g.assignments.map((a) => a.printedName));
        const targets = cell.indicators
          .filter((indicator) => indicator.period === 'YEAR' && indicator.task.id === task.id)
          .map((indicator) => indicator.sourceText);
        rows.push([
          labels.themeName(row),
          jurisdiction,
          task.fullLabel,
          task.text,
          [...new Set(lead)].join(labels.roleSeparator),
          [...new Set(others)].join(labels.roleSeparator),
          targets.join('；'),
          isUniqueTask(cell, task) ? labels.onlyHere : '',
        ]);
      }
    }
  }
  return rows;
}
