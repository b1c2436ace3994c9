import type { AssignmentRole } from '@/graphql/generated/graphql';

/** The order roles are read in a responsibility bracket: who leads first, who helps last. */
export const ROLE_ORDER: readonly AssignmentRole[] = ['LEAD', 'RESPONSIBLE', 'SHARED', 'SUPPORT'];

export interface AssignmentLike {
  role: AssignmentRole;
  ordinal: number;
  printedName: string;
  agency: { id: string; name: string };
  /** Where the name was read in the plan's source text, when the query asked. */
  spanStart?: number;
  spanEnd?: number;
}

export interface RoleGroup<A extends AssignmentLike> {
  role: AssignmentRole;
  assignments: A[];
}

/**
 * Groups a clause's (or a task's) assignments by role, in bracket order, naming each printed name
 * once per role even when several clauses of a task print it. Names are kept as printed: two
 * names that mean one agency (市食安委相关成员单位 and 有关部门) both stay, as the document reads.
 */
export function groupByRole<A extends AssignmentLike>(assignments: readonly A[]): RoleGroup<A>[] {
  return ROLE_ORDER.map((role) => {
    const seen = new Set<string>();
    const inRole = assignments
      .filter((a) => a.role === role)
      .sort((a, b) => a.ordinal - b.ordinal)
      .filter((a) => !seen.has(a.printedName) && seen.add(a.printedName));
    return { role, assignments: inRole };
  }).filter((group) => group.assignments.length > 0);
}
