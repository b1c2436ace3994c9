import type { RowOf } from '../db/bulk-write.js';
import type { ParsedIndicator } from '../importer/parsed-plan.js';
import type { Indicator } from './indicator.entity.js';

/** What an import leaves alone: the alignment fills `metricKey`, and a re-import keeps it. */
export const indicatorOmitted = ['metricKey'] as const;

export type IndicatorRow = RowOf<Indicator, (typeof indicatorOmitted)[number]>;

/** Which task, clause or schedule row an indicator was read from. */
export type IndicatorOwner = Pick<IndicatorRow, 'taskId' | 'clauseId' | 'scheduleItemId'>;

/** The rows of the indicators read from one owner; their ids are `<owner id>-i<n>`, n counting from 1. */
export function indicatorRows(ownerId: string, owner: IndicatorOwner, indicators: ParsedIndicator[]): IndicatorRow[] {
  return indicators.map((indicator, index) => ({
    id: `${ownerId}-i${index + 1}`,
    ...owner,
    ordinal: index + 1,
    subject: indicator.subject,
    comparator: indicator.comparator,
    value: indicator.value,
    unit: indicator.unit,
    period: indicator.period,
    cumulative: indicator.cumulative,
    qualifier: indicator.qualifier,
    sourceText: indicator.text,
    spanStart: indicator.span.start,
    spanEnd: indicator.span.end,
  }));
}
