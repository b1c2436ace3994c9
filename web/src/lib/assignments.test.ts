import { describe, expect, it } from 'vitest';
import { groupByRole, type AssignmentLike } from './assignments';

const assignment = (role: AssignmentLike['role'], ordinal: number, name: string, printedName = name): AssignmentLike => ({
  role,
  ordinal,
  printedName,
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

  it('keeps two printed names of one agency, as the document prints them', () => {
    // Xuzhou 19: 市食安委相关成员单位 and 有关部门 are both matched to the committee's member units.
    const groups = groupByRole([
      assignment('SUPPORT', 1, '市食安委成员单位', '市食安委相关成员单位'),
      assignment('SUPPORT', 2, '市食安委成员单位', '有关部门'),
      assignment('SUPPORT', 3, '市食安委成员单位', '市食安委相关成员单位'),
    ]);
    expect(groups.map((g) => g.assignments.map((a) => a.printedName))).toEqual([['市食安委相关成员单位', '有关部门']]);
  });

  it('returns no group for no assignment', () => {
    expect(groupByRole([])).toEqual([]);
  });
});
