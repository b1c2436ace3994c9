import type { RowOf } from '../db/bulk-write.js';
import type { ParsedAgencyRef } from '../importer/parsed-plan.js';
import type { Assignment } from './assignment.entity.js';

/** The database numbers assignments: they have no stable id, a re-import replaces them. */
export const assignmentOmitted = ['id'] as const;

export type AssignmentRow = RowOf<Assignment, (typeof assignmentOmitted)[number]>;

/** The clause or the schedule row that names the agencies. */
export type AssignmentOwner = { clauseId: string; scheduleItemId: null } | { clauseId: null; scheduleItemId: string };

/** The rows of the agencies one owner names, numbered from 1 in the order given. */
export function assignmentRows(
  owner: AssignmentOwner,
  refs: ParsedAgencyRef[],
  agencyIdOf: (ref: ParsedAgencyRef) => number,
): AssignmentRow[] {
  return refs.map((ref, index) => ({
    ...owner,
    agencyId: agencyIdOf(ref),
    role: ref.role,
    ordinal: index + 1,
    printedName: ref.name,
    spanStart: ref.span.start,
    spanEnd: ref.span.end,
  }));
}
