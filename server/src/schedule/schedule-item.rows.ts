import type { RowOf } from '../db/bulk-write.js';
import type { ParsedScheduleItem } from '../importer/parsed-plan.js';
import { taskId } from '../task/task.rows.js';
import type { ScheduleItem } from './schedule-item.entity.js';

export type ScheduleItemRow = RowOf<ScheduleItem>;

/** A schedule row's row; its id is `<plan id>-r<ordinal>`, and it points at the task of the main text it details. */
export function scheduleItemRow(planId: string, item: ParsedScheduleItem): ScheduleItemRow {
  return {
    id: `${planId}-r${item.ordinal}`,
    planId,
    taskId: taskId(planId, item.taskOrdinal),
    ordinal: item.ordinal,
    workTitle: item.workTitle,
    content: item.content,
    q1: item.q1,
    q2: item.q2,
    q3: item.q3,
    q4: item.q4,
    spanStart: item.span.start,
    spanEnd: item.span.end,
  };
}
