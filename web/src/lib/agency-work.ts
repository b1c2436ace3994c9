import type { AgencyKind, AssignmentRole, TaskSummaryFragment } from '@/graphql/generated/graphql';
import { ROLE_ORDER } from './assignments';

/**
 * What agencies of one kind do in each jurisdiction: their tasks grouped by the role they hold
 * (a task where the market regulator leads one clause and supports another counts under both).
 */
export interface JurisdictionWork {
  code: string;
  name: string;
  /**
   * The agencies of the kind as this jurisdiction's plans print them (市食安委办公室), each printed
   * name once, with the agency's canonical name (市食安办).
   */
  agencies: { id: string; name: string; printedName: string }[];
  byRole: { role: AssignmentRole; tasks: TaskSummaryFragment[] }[];
}

export function agencyWork(tasks: readonly TaskSummaryFragment[], kind: AgencyKind): JurisdictionWork[] {
  const byCode = new Map<string, JurisdictionWork & { roles: Map<AssignmentRole, TaskSummaryFragment[]> }>();
  for (const task of tasks) {
    const { code, name } = task.plan.jurisdiction;
    const entry = byCode.get(code) ?? {
      code,
      name,
      agencies: [] as JurisdictionWork['agencies'],
      byRole: [],
      roles: new Map<AssignmentRole, TaskSummaryFragment[]>(),
    };
    byCode.set(code, entry);
    const roles = new Set<AssignmentRole>();
    for (const assignment of task.clauses.flatMap((clause) => clause.assignments)) {
      if (assignment.agency.kind !== kind) continue;
      roles.add(assignment.role);
      const { agency, printedName } = assignment;
      if (!entry.agencies.some((a) => a.printedName === printedName))
        entry.agencies.push({ id: agency.id, name: agency.name, printedName });
    }
    for (const role of roles) entry.roles.set(role, [...(entry.roles.get(role) ?? []), task]);
  }
  return [...byCode.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(({ roles, ...entry }) => ({
      ...entry,
      byRole: ROLE_ORDER.filter((role) => roles.has(role)).map((role) => ({ role, tasks: roles.get(role)! })),
    }));
}
