import type { RowOf } from '../db/bulk-write.js';
import type { ParsedClause } from '../importer/parsed-plan.js';
import { deadlineColumns } from '../task/task.rows.js';
import type { Clause } from './clause.entity.js';

export type ClauseRow = RowOf<Clause>;

/** A parsed clause's row; its id is `<task id>-c<ordinal>`. */
export function clauseRow(taskId: string, clause: ParsedClause): ClauseRow {
  return {
    id: `${taskId}-c${clause.ordinal}`,
    taskId,
    ordinal: clause.ordinal,
    text: clause.text,
    responsibility: clause.responsibility,
    spanStart: clause.span.start,
    spanEnd: clause.span.end,
    ...deadlineColumns(clause.deadline),
  };
}
