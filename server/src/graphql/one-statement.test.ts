import { parse, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { readsInOneStatement } from './prefetch.js';
import { buildApiSchema } from './schema.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildApiSchema();
});

function oneStatement(source: string, variables: Record<string, unknown> = {}): boolean {
  const document = parse(source);
  const operation = document.definitions.find((each) => each.kind === 'OperationDefinition') as OperationDefinitionNode;
  return readsInOneStatement(schema, document, operation, variables);
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
    expect(oneStatement(`{ plans { nodes { sections { tasks { themes { theme { key } } } } } } }`)).toBe(false);
    // A field read by SQL of its own (@PrefetchBy) reads nothing ahead below it.
    expect(oneStatement(`{ plans { nodes { sections { tasks { agencies(role: LEAD) { name } } } } } }`)).toBe(true);
    expect(oneStatement(`{ plans { nodes { sections { tasks { agencies { assignments { totalCount } } } } } } }`)).toBe(false);
    expect(oneStatement(`{ plans { nodes { sourceText } } }`)).toBe(false);
    expect(oneStatement(`{ plans { nodes { id } } agencies { nodes { id } } }`)).toBe(false);
    expect(oneStatement(`{ a: plans { nodes { id } } b: plans { nodes { id } } }`)).toBe(false);
    // A node by id is no look-ahead root.
    expect(oneStatement(`query($id: ID!) { node(id: $id) { id } }`)).toBe(false);
    expect(oneStatement(`mutation { __typename }`)).toBe(false);
  });

  it('says yes for the first page of a text search through the index, counted or not, and no for the other searches', () => {
    const search = `query($text: String, $after: String) { tasks(filter: { text: $text }, after: $after) { totalCount nodes { id title plan { title } } } }`;
    expect(oneStatement(search, { text: '冷链' })).toBe(true);
    expect(oneStatement(`{ tasks(filter: { text: "校园食品", year: 2021 }) { nodes { id } } }`)).toBe(true);
    // One character is read by LIKE and paged apart from its count; a later page may count apart.
    expect(oneStatement(search, { text: '链' })).toBe(false);
    expect(oneStatement(search, {})).toBe(false);
    expect(oneStatement(search, { text: '冷链', after: 'abc' })).toBe(false);
    // The lead agencies of each task are read with the page (@PrefetchBy).
    expect(oneStatement(`{ tasks(filter: { text: "冷链" }) { nodes { id agencies(role: LEAD) { name } } } }`)).toBe(true);
  });

  it('says no past the depth the look-ahead reads', () => {
    const levels = (depth: number) => `{ plan(id: "x") { ${'sections { tasks { plan { '.repeat(depth)}id${' } } }'.repeat(depth)} } }`;
    expect(oneStatement(levels(2))).toBe(true);
    expect(oneStatement(levels(3))).toBe(false);
  });
});
