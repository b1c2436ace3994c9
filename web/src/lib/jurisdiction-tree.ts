/**
 * Builds the home page's tree from the jurisdictions with plans and their parents (the API's
 * `jurisdictionsWithPlans`, each with its `parent` chain): only the branches that lead to plans,
 * province → city → district, with the country's own (national) plans apart at the top.
 */
export interface PlanLike {
  id: string;
  year: number;
}

/** A jurisdiction as the API names it, with its parents as far as they were asked for. */
export interface JurisdictionWithParents {
  code: string;
  name: string;
  shortName: string;
  level: string;
  parent?: JurisdictionWithParents | null;
}

/** A jurisdiction of the tree: its plans (none for a parent that only leads to plans) and its parent's code. */
export interface TreeJurisdiction<P extends PlanLike> {
  code: string;
  name: string;
  shortName: string;
  level: string;
  plans: readonly P[];
  parent: { code: string } | null;
}

export interface TreeNode<J extends TreeJurisdiction<PlanLike>> {
  jurisdiction: J;
  children: TreeNode<J>[];
  /** Plans of this jurisdiction or any below it. */
  planCount: number;
}

export interface PlanTree<P extends PlanLike> {
  /** The country, when it has plans of its own (国务院's national plans). */
  national: TreeJurisdiction<P> | null;
  /** The provinces that lead to plans, by code, each with the branches below it that do. */
  provinces: TreeNode<TreeJurisdiction<P>>[];
}

/** The jurisdictions with plans and every parent of theirs, once each, in code order. */
export function withParents<P extends PlanLike>(
  jurisdictions: readonly (JurisdictionWithParents & { plans: readonly P[] })[],
): TreeJurisdiction<P>[] {
  const byCode = new Map<string, TreeJurisdiction<P>>();
  const add = (j: JurisdictionWithParents, plans: readonly P[]) => {
    // A jurisdiction may come as one with plans and as a parent of another, with or without its own parent asked for.
    const known = byCode.get(j.code);
    const { code, name, shortName, level } = j;
    byCode.set(code, {
      code,
      name,
      shortName,
      level,
      plans: plans.length ? plans : (known?.plans ?? []),
      parent: j.parent ? { code: j.parent.code } : (known?.parent ?? null),
    });
  };
  for (const jurisdiction of jurisdictions) {
    add(jurisdiction, jurisdiction.plans);
    for (let parent = jurisdiction.parent; parent; parent = parent.parent) add(parent, []);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function buildPlanTree<P extends PlanLike>(
  jurisdictions: readonly (JurisdictionWithParents & { plans: readonly P[] })[],
): PlanTree<P> {
  const nodes = new Map<string, TreeNode<TreeJurisdiction<P>>>();
  for (const jurisdiction of withParents(jurisdictions)) nodes.set(jurisdiction.code, { jurisdiction, children: [], planCount: 0 });
  const roots: TreeNode<TreeJurisdiction<P>>[] = [];
  for (const node of nodes.values()) {
    const parent = node.jurisdiction.parent ? nodes.get(node.jurisdiction.parent.code) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const count = (node: TreeNode<TreeJurisdiction<P>>): number => {
    node.planCount = node.jurisdiction.plans.length + node.children.reduce((sum, child) => sum + count(child), 0);
    return node.planCount;
  };
  roots.forEach(count);
  const country = roots.find((node) => node.jurisdiction.level === 'COUNTRY');
  return {
    national: country?.jurisdiction.plans.length ? country.jurisdiction : null,
    provinces: roots.flatMap((node) => (node === country ? node.children : [node])),
  };
}
