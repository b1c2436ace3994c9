import { describe, expect, it } from 'vitest';
import {
  buildPlanTree,
  withParents,
  type JurisdictionWithParents,
  type TreeNode,
  type TreeJurisdiction,
  type PlanLike,
} from './jurisdiction-tree';

const country: JurisdictionWithParents = { code: '100000', name: '中华人民共和国', shortName: '中国', level: 'COUNTRY', parent: null };
const jiangsu = { code: '320000', name: '江苏省', shortName: '苏', level: 'PROVINCE', parent: country };
const nantong = { code: '320600', name: '南通市', shortName: '南通', level: 'CITY', parent: jiangsu };
const beijing = { code: '110000', name: '北京市', shortName: '京', level: 'PROVINCE', parent: country };
const plans = (code: string, ...years: number[]) => years.map((year) => ({ id: `${code}-${year}`, year }));

// As `jurisdictionsWithPlans` answers, by code: the country, Beijing's Tongzhou, Xuzhou, Nantong's Tongzhou.
const withPlans = [
  { ...country, plans: plans('100000', 2022) },
  {
    code: '110112',
    name: '通州区',
    shortName: '通州',
    level: 'DISTRICT',
    parent: { ...beijing, parent: country },
    plans: plans('110112', 2022),
  },
  { code: '320300', name: '徐州市', shortName: '徐州', level: 'CITY', parent: jiangsu, plans: plans('320300', 2021) },
  { code: '320612', name: '通州区', shortName: '通州', level: 'DISTRICT', parent: nantong, plans: plans('320612', 2021, 2022) },
];

const names = (nodes: TreeNode<TreeJurisdiction<PlanLike>>[]): unknown =>
  nodes.map((n) => (n.children.length ? [n.jurisdiction.name, names(n.children)] : n.jurisdiction.name));

describe('withParents', () => {
  it('adds each parent once, with no plans, in code order', () => {
    const list = withParents(withPlans);
    expect(list.map((j) => j.code)).toEqual(['100000', '110000', '110112', '320000', '320300', '320600', '320612']);
    expect(list.find((j) => j.code === '320600')).toMatchObject({ plans: [], parent: { code: '320000' } });
    expect(list.find((j) => j.code === '100000')?.plans).toHaveLength(1);
  });
});

describe('buildPlanTree', () => {
  it('puts the national plans apart and nests the branches that lead to plans under their provinces', () => {
    const tree = buildPlanTree(withPlans);
    expect(tree.national?.name).toBe('中华人民共和国');
    expect(names(tree.provinces)).toEqual([
      ['北京市', ['通州区']],
      ['江苏省', ['徐州市', ['南通市', ['通州区']]]],
    ]);
    expect(tree.provinces.map((p) => p.planCount)).toEqual([1, 3]);
  });

  it('has no national entry when the country has no plan of its own', () => {
    const tree = buildPlanTree(withPlans.slice(1));
    expect(tree.national).toBeNull();
    expect(tree.provinces.map((p) => p.jurisdiction.code)).toEqual(['110000', '320000']);
  });

  it('is empty when no plan has been imported', () => {
    expect(buildPlanTree([])).toEqual({ national: null, provinces: [] });
  });
});
