import { parse, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { readsInOneStatement } from './prefetch.js';
import { buildApiSchema } from './schema.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildApiSchema();
});

function oneStatement(source: string): boolean {
  const document = parse(source);
  const operation = document.definitions.find((each) => each.kind === 'OperationDefinition') as OperationDefinitionNode;
  return readsInOneStatement(schema, document, operation);
}

/** What may go without a snapshot: only answers that one statement builds whole (prefetch.ts). */
describe('readsInOneStatement', () => {
  it('says yes for a plan with the parts read ahead, through fragments too', () => {
    expect(
      oneStatement(
        `query($id: ID!) { plan(id: $id) { id title jurisdiction { code } sections { tasks { clauses { assignments { agency { name } } indicators { value } } } } } }`,
      ),
    ).toBe(true);
    expect(
      oneStatement(
        `query { plans(first: 5) { pageInfo { hasNextPage } edges { cursor node { ...P } } } } fragment P on Plan { id year __typename }`,
      ),
    ).toBe(true);
    expect(oneStatement(`{ agencies(first: 5) { nodes { id name } } }`)).toBe(true);
  });

  it('says no when a count, a field with its own loader or another root field needs a second statement', () => {
    expect(oneStatement(`{ plans(first: 5) { totalCount nodes { id } } }`)).toBe(false);
    // Relations with arguments and fields with resolvers of their own load through DataLoaders.
    expect(oneStatement(`{ plans { nodes { sections { tasks { agencies(role: LEAD) { name } } } } } }`)).toBe(false);
    expect(oneStatement(`{ plans { nodes { sourceText } } }`)).toBe(false);
    expect(oneStatement(`{ plans { nodes { id } } agencies { nodes { id } } }`)).toBe(false);
    expect(oneStatement(`{ a: plans { nodes { id } } b: plans { nodes { id } } }`)).toBe(false);
    // Fields that are no look-ahead root: the task search, a node by id.
    expect(oneStatement(`{ tasks(filter: { text: "冷链" }) { nodes { id } } }`)).toBe(false);
    expect(oneStatement(`query($id: ID!) { node(id: $id) { id } }`)).toBe(false);
    expect(oneStatement(`mutation { __typename }`)).toBe(false);
  });

  it('says no past the depth the look-ahead reads', () => {
    const levels = (depth: number) => `{ plan(id: "x") { ${'sections { tasks { plan { '.repeat(depth)}id${' } } }'.repeat(depth)} } }`;
    expect(oneStatement(levels(2))).toBe(true);
    expect(oneStatement(levels(3))).toBe(false);
  });
});
