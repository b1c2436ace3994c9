/**
 * Builds the province → city → district tree from the flat list the API returns, and prunes it
 * to what a reader searched for, keeping the parents of every match so the tree stays readable.
 */
export interface JurisdictionLike {
  code: string;
  name: string;
  shortName: string;
  parent?: { code: string } | null;
  plans: readonly { id: string; year: number }[];
}

export interface TreeNode<J extends JurisdictionLike> {
  jurisdiction: J;
  children: TreeNode<J>[];
  /** Plans of this jurisdiction or any below it. */
  planCount: number;
}

export function buildJurisdictionTree<J extends JurisdictionLike>(jurisdictions: readonly J[]): TreeNode<J>[] {
  const nodes = new Map<string, TreeNode<J>>();
  for (const jurisdiction of [...jurisdictions].sort((a, b) => a.code.localeCompare(b.code))) {
    nodes.set(jurisdiction.code, { jurisdiction, children: [], planCount: 0 });
  }
  const roots: TreeNode<J>[] = [];
  for (const node of nodes.values()) {
    const parent = node.jurisdiction.parent ? nodes.get(node.jurisdiction.parent.code) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const count = (node: TreeNode<J>): number => {
    node.planCount = node.jurisdiction.plans.length + node.children.reduce((sum, child) => sum + count(child), 0);
    return node.planCount;
  };
  roots.forEach(count);
  return roots;
}

export interface TreeFilter {
  /** Matched against the name, short name and code. */
  text: string;
  onlyWithPlans: boolean;
}

export function filterJurisdictionTree<J extends JurisdictionLike>(nodes: readonly TreeNode<J>[], filter: TreeFilter): TreeNode<J>[] {
  const text = filter.text.trim().toLowerCase();
  const matches = (j: J) => !text || [j.name, j.shortName, j.code].some((value) => value.toLowerCase().includes(text));
  // Below a match everything is kept (searching 南通 lists its districts); above it, only the path.
  const prune = (node: TreeNode<J>, underMatch: boolean): TreeNode<J> | null => {
    if (filter.onlyWithPlans && node.planCount === 0) return null;
    const matched = underMatch || matches(node.jurisdiction);
    const children = node.children.map((child) => prune(child, matched)).filter((child): child is TreeNode<J> => child !== null);
    return matched || children.length > 0 ? { ...node, children } : null;
  };
  return nodes.map((node) => prune(node, false)).filter((node): node is TreeNode<J> => node !== null);
}
