import { describe, expect, it } from 'vitest';
import { groupByRole, type AssignmentLike } from './assignments';

const assignment = (role: AssignmentLike['role'], ordinal: number, name: string): AssignmentLike => ({
  role,
  ordinal,
  printedName: name,
  agency: { id: name, name },
});

describe('groupByRole', () => {
  it('puts the lead first and names an agency once per role', () => {
    const groups = groupByRole([
      assignment('SHARED', 2, '市卫生健康委'),
      assignment('LEAD', 1, '市市场监管局'),
      assignment('SHARED', 1, '市教育局'),
      assignment('SHARED', 3, '市教育局'),
    ]);
    expect(groups.map((g) => [g.role, g.assignments.map((a) => a.agency.name)])).toEqual([
      ['LEAD', ['市市场监管局']],
      ['SHARED', ['市教育局', '市卫生健康委']],
    ]);
  });

  it('returns no group for no assignment', () => {
    expect(groupByRole([])).toEqual([]);
  });
});
