import type { AgencyKind, AssignmentRole } from '@/graphql/generated/graphql';

/**
 * The Tasks view's agency and text filters, applied in the browser to the tasks of one theme (the
 * API filters everything else itself). Same meaning as the API's TaskFilter: a task matches when
 * one of its clauses names an agency of the kind in the role.
 */
export interface TaskLike {
  title: string | null;
  text: string;
  clauses: readonly { assignments: readonly { role: AssignmentRole; agency: { kind: AgencyKind } }[] }[];
}

export interface TaskMatch {
  text?: string;
  agencyKind?: AgencyKind | null;
  role?: AssignmentRole | null;
}

export function matchesTask(task: TaskLike, match: TaskMatch): boolean {
  const text = match.text?.trim().toLowerCase();
  if (text && !`${task.title ?? ''}${task.text}`.toLowerCase().includes(text)) return false;
  if (!match.agencyKind && !match.role) return true;
  return task.clauses.some((clause) =>
    clause.assignments.some((a) => (!match.agencyKind || a.agency.kind === match.agencyKind) && (!match.role || a.role === match.role)),
  );
}
