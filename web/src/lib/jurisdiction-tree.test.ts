import { describe, expect, it } from 'vitest';
import { buildJurisdictionTree, filterJurisdictionTree, type JurisdictionLike } from './jurisdiction-tree';

const plan2021 = (id: string) => [{ id, year: 2021 }];
const jurisdictions: JurisdictionLike[] = [
  { code: '320612', name: '通州区', shortName: '通州', parent: { code: '320600' }, plans: plan2021('320612-2021') },
  { code: '320000', name: '江苏省', shortName: '苏', parent: null, plans: [] },
  { code: '320600', name: '南通市', shortName: '南通', parent: { code: '320000' }, plans: [] },
  { code: '320602', name: '崇川区', shortName: '崇川', parent: { code: '320600' }, plans: [] },
  { code: '320300', name: '徐州市', shortName: '徐州', parent: { code: '320000' }, plans: plan2021('320300-2021') },
];

const names = (nodes: ReturnType<typeof buildJurisdictionTree>): unknown =>
  nodes.map((n) => (n.children.length ? [n.jurisdiction.name, names(n.children)] : n.jurisdiction.name));

describe('buildJurisdictionTree', () => {
  it('nests by parent code, in code order, and counts plans below each node', () => {
    const tree = buildJurisdictionTree(jurisdictions);
    expect(names(tree)).toEqual([['江苏省', ['徐州市', ['南通市', ['崇川区', '通州区']]]]]);
    expect(tree[0]!.planCount).toBe(2);
    expect(tree[0]!.children[1]!.planCount).toBe(1);
  });
});

describe('filterJurisdictionTree', () => {
  const tree = buildJurisdictionTree(jurisdictions);

  it('keeps only the branches that lead to plans', () => {
    expect(names(filterJurisdictionTree(tree, { text: '', onlyWithPlans: true }))).toEqual([
      ['江苏省', ['徐州市', ['南通市', ['通州区']]]],
    ]);
  });

  it('keeps the parents of a match and the children of a matching parent', () => {
    expect(names(filterJurisdictionTree(tree, { text: '通州', onlyWithPlans: false }))).toEqual([['江苏省', [['南通市', ['通州区']]]]]);
    expect(names(filterJurisdictionTree(tree, { text: '南通', onlyWithPlans: false }))).toEqual([
      ['江苏省', [['南通市', ['崇川区', '通州区']]]],
    ]);
    expect(filterJurisdictionTree(tree, { text: '上海', onlyWithPlans: false })).toEqual([]);
  });
});
