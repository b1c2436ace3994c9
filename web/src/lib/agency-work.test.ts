import { describe, expect, it } from 'vitest';
import { agencyWork } from './agency-work';
import type { AssignmentFieldsFragment, TaskSummaryFragment } from '@/graphql/generated/graphql';

type Jurisdiction = TaskSummaryFragment['plan']['jurisdiction'];
const tongzhou: Jurisdiction = { id: 'J1', code: '320612', name: '通州区', shortName: '通州', level: 'DISTRICT' };
const xuzhou: Jurisdiction = { id: 'J2', code: '320300', name: '徐州市', shortName: '徐州', level: 'CITY' };

function assignment(
  role: AssignmentFieldsFragment['role'],
  id: string,
  name: string,
  kind: AssignmentFieldsFragment['agency']['kind'],
  printedName = name,
): AssignmentFieldsFragment {
  return { role, ordinal: 1, printedName, spanStart: 0, spanEnd: 0, agency: { id, name, kind, collective: false } };
}

function task(id: string, ordinal: number, jurisdiction: Jurisdiction, assignments: AssignmentFieldsFragment[][]): TaskSummaryFragment {
  return {
    id,
    ordinal,
    fullLabel: String(ordinal),
    title: null,
    text: '',
    plan: { id: `${jurisdiction.code}-2021`, year: 2021, title: '', jurisdiction },
    clauses: assignments.map((list, index) => ({ id: `${id}-${index}`, assignments: list })),
  };
}

describe('agencyWork', () => {
  it('groups the tasks of a kind by jurisdiction and role, a task under each role it holds', () => {
    const work = agencyWork(
      [
        task('t4', 4, tongzhou, [
          [
            assignment('SHARED', 'a1', '区市场监管局', 'MARKET_REGULATION'),
            assignment('SHARED', 'a2', '区农业农村局', 'AGRICULTURE_RURAL'),
          ],
        ]),
        task('t5', 5, tongzhou, [
          [assignment('RESPONSIBLE', 'a1', '区市场监管局', 'MARKET_REGULATION')],
          [assignment('RESPONSIBLE', 'a3', '区教体局', 'EDUCATION')],
        ]),
        task('x2', 2, xuzhou, [
          [assignment('LEAD', 'b1', '市市场监管局', 'MARKET_REGULATION')],
          [assignment('SUPPORT', 'b1', '市市场监管局', 'MARKET_REGULATION')],
        ]),
      ],
      'MARKET_REGULATION',
    );
    expect(work.map((w) => [w.name, w.agencies.map((a) => a.name), w.byRole.map((g) => [g.role, g.tasks.map((t) => t.ordinal)])])).toEqual([
      [
        '徐州市',
        ['市市场监管局'],
        [
          ['LEAD', [2]],
          ['SUPPORT', [2]],
        ],
      ],
      [
        '通州区',
        ['区市场监管局'],
        [
          ['RESPONSIBLE', [5]],
          ['SHARED', [4]],
        ],
      ],
    ]);
  });

  it('names the agencies as the plans print them, the canonical name beside', () => {
    // Xuzhou 14 and 16 print 市食安委办公室 for the office the reference data calls 市食安办.
    const work = agencyWork(
      [
        task('x14', 14, xuzhou, [[assignment('RESPONSIBLE', 'o1', '市食安办', 'FOOD_SAFETY_OFFICE', '市食安委办公室')]]),
        task('x16', 16, xuzhou, [[assignment('LEAD', 'o1', '市食安办', 'FOOD_SAFETY_OFFICE', '市食安委办公室')]]),
      ],
      'FOOD_SAFETY_OFFICE',
    );
    expect(work[0]!.agencies).toEqual([{ id: 'o1', name: '市食安办', printedName: '市食安委办公室' }]);
  });
});
