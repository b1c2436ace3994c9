import type { RowOf } from '../db/bulk-write.js';
import { AssignmentRole } from '../assignment/assignment.entity.js';
import type { ParsedDeadline, ParsedTask } from '../importer/parsed-plan.js';
import type { Task } from './task.entity.js';

export type TaskRow = RowOf<Task>;

/** The deadline columns a task and a clause share. */
export type DeadlineColumns = Pick<TaskRow, 'deadline' | 'deadlineDate' | 'deadlineSpanStart' | 'deadlineSpanEnd'>;

/** A task's deterministic id: `<plan id>-t<ordinal>`. */
export const taskId = (planId: string, ordinal: number) => `${planId}-t${ordinal}`;

/** A parsed task's row, in the section and group it sits in; `fullLabel` is how readers cite it (`fullLabels`). */
export function taskRow(place: Pick<TaskRow, 'planId' | 'sectionId' | 'groupId' | 'year'>, task: ParsedTask, fullLabel: string): TaskRow {
  return {
    id: taskId(place.planId, task.ordinal),
    ...place,
    ordinal: task.ordinal,
    clauseRoles: clauseRoles(task.clauses.flatMap((clause) => clause.assignments.map((assignment) => assignment.role))),
    label: task.label,
    path: task.path,
    fullLabel,
    title: task.title,
    text: task.text,
    spanStart: task.span.start,
    spanEnd: task.span.end,
    ...deadlineColumns(task.deadline),
  };
}

const ROLE_ORDER: string[] = Object.values(AssignmentRole);

/** `Task.clauseRoles` of a task whose clauses name agencies in `roles`: each role once, in `AssignmentRole` order. */
export function clauseRoles(roles: Iterable<string>): string[] {
  const named = new Set(roles);
  return ROLE_ORDER.filter((role) => named.has(role));
}

/**
 * How readers cite each task: by its label where the plan numbers its tasks through the document
 * ("5"), with the labels above it where the plan restarts its numbering ("二（三）3"), for every
 * task of such a plan (its 3 alone would not say which 3).
 */
export function fullLabels(tasks: ParsedTask[]): Map<ParsedTask, string> {
  const labels = tasks.map((task) => task.label);
  const restarts = labels.some((label) => label === '') || new Set(labels).size < labels.length;
  return new Map(tasks.map((task) => [task, restarts ? [...task.path, task.label].join('') : task.label]));
}

export function deadlineColumns(deadline: ParsedDeadline | null): DeadlineColumns {
  return {
    deadline: deadline?.text ?? null,
    deadlineDate: deadline?.date ?? null,
    deadlineSpanStart: deadline?.span.start ?? null,
    deadlineSpanEnd: deadline?.span.end ?? null,
  };
}
