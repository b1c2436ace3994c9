import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execute, getOperationAST, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsDir } from '../src/common/paths.js';
import { compiledExecution, MAX_COMPILED } from '../src/graphql/compiled-execution.js';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { buildApiSchema } from '../src/graphql/schema.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const TONGZHOU = toGlobalId('Plan', '320612-2021');
const XUZHOU = toGlobalId('Plan', '320300-2021');

/** Operations of every kind the API answers: nested parts, pages and counts, interfaces, searches, comparisons, refusals. */
const OPERATIONS: [string, string, Record<string, unknown>][] = [
  [
    'a plan with its parts and its 推进表',
    `query($id: ID!) { plan(id: $id) { id title year documentNumber issuedOn jurisdiction { code name parent { name } }
      sections { id ordinal title tasks { id label ordinal title text deadline { text }
        clauses { id ordinal text assignments { role agency { id name kind } } indicators { id subject comparator value unit period } }
        indicators { id value unit } agencies(role: LEAD) { name } themes { theme { key } primary } } }
      schedule { id ordinal content q1 q2 q3 q4 leadAgencies { name } responsibleAgencies { name } indicators { period value unit } task { ordinal } } } }`,
    { id: XUZHOU },
  ],
  [
    'a page of plans, counted',
    `{ plans(first: 1) { totalCount nodes { id year } edges { cursor } pageInfo { hasNextPage endCursor } } }`,
    {},
  ],
  [
    'nodes by id, of two types',
    `query($a: ID!, $b: ID!) { a: node(id: $a) { __typename id ... on Plan { title } } b: node(id: $b) { __typename id } }`,
    { a: TONGZHOU, b: XUZHOU },
  ],
  [
    'a text search with highlights',
    `query($text: String!) { tasks(filter: { text: $text }, first: 5, orderBy: RELEVANCE) { totalCount nodes { id title matches { field start end } plan { title } } } }`,
    { text: '校园' },
  ],
  [
    'a comparison',
    `{ comparison(jurisdictionCodes: ["320612", "320300"], year: 2021) { jurisdictions { code } rows { theme { key } uniqueTo { code } cells { tasks { id } unmatchedTasks { id } indicators { value } } } } }`,
    {},
  ],
  [
    'agencies with their assignments, paged',
    `{ agencies(first: 3) { totalCount nodes { name assignments(first: 2) { totalCount nodes { role } } } } }`,
    {},
  ],
  ['a page too large: refused with its code', `{ plans(first: 101) { nodes { id } } }`, {}],
  ['a malformed id: refused with its code', `{ plan(id: "nonsense") { id } }`, {}],
  [
    'a default for a variable not given',
    `query($code: String!, $laxerOnly: Boolean! = false) { targetCascade(metricKey: "sampling-density", jurisdictionCode: $code, year: 2021, laxerOnly: $laxerOnly, first: 10) { totalCount nodes { laxer } } }`,
    { code: '320612' },
  ],
  [
    'skipped and included fields',
    `query($no: Boolean!) { plans(first: 2) { nodes { id @skip(if: $no) year @include(if: $no) } } }`,
    { no: true },
  ],
];

/** A query's document and the operation in it. */
function parsed(query: string) {
  const document = parse(query);
  return { document, operation: getOperationAST(document) };
}

/** A request's context reading live (no snapshot to close: these reads run outside Apollo). */
function liveContext(db: TestDatabase) {
  const context = createContext(db.dataSource);
  context.snapshot.withoutSnapshot();
  return context;
}

/** An answer with its errors as a client reads them (graphql-js and graphql-jit build error objects differently). */
function comparable(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((error) => ({ message: error.message, path: error.path, code: error.extensions?.code })),
  };
}

/**
 * The compiled execution (graphql-jit, compiled-execution.ts) answers exactly as graphql-js does,
 * data and errors, on the seed plans.
 */
describe('compiled execution', () => {
  let db: TestDatabase;
  let schema: GraphQLSchema;
  let gateway: ReturnType<typeof compiledExecution>;
  let compiled: (query: string, variables: Record<string, unknown>) => Promise<ExecutionResult>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    for (const file of ['tongzhou-2021.txt', 'xuzhou-2021.md'])
      await importPlan(db.dataSource, { fileName: file, bytes: readFileSync(join(seedsDir, file)) });
    schema = await buildApiSchema();
    gateway = compiledExecution(schema);
    const { executor } = await gateway.load({ apollo: {} as never });
    // As Apollo calls it: the document parsed, its operation resolved.
    compiled = (query, variables) =>
      executor!({
        ...parsed(query),
        request: { query, variables },
        context: liveContext(db),
        operationName: null,
      } as never) as Promise<ExecutionResult>;
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(OPERATIONS)('answers %s as graphql-js does, once compiled', async (name, query, variables) => {
    const expected = (await execute({
      schema,
      document: parse(query),
      contextValue: liveContext(db),
      variableValues: variables,
    })) as ExecutionResult;
    // Answered, unless the operation is one the API refuses.
    expect(expected.errors === undefined).toBe(!name.includes('refused'));
    // The first run is graphql-js's; the second compiles the operation and runs it compiled.
    const before = gateway.compiledOperations();
    expect(comparable(await compiled(query, variables))).toEqual(comparable(expected));
    expect(gateway.compiledOperations()).toBe(before);
    expect(comparable(await compiled(query, variables))).toEqual(comparable(expected));
    expect(gateway.compiledOperations()).toBe(before + 1);
  });

  it('leaves variables graphql-js refuses to graphql-js, with its message', async () => {
    const query = `query($id: ID!) { plan(id: $id) { id } }`;
    await compiled(query, { id: 'x' });
    const before = gateway.compiledOperations();
    const answer = await compiled(query, { id: { not: 'an id' } });
    expect(answer.errors?.[0].message).toMatch(/Variable "\$id" got invalid value/);
    expect(gateway.compiledOperations()).toBe(before);
  });

  it('compiles a persisted query sent by its hash alone, known by the text Apollo found for it', async () => {
    const { executor } = await gateway.load({ apollo: {} as never });
    const source = `{ plans(first: 2) { nodes { year } } }`;
    const run = () =>
      executor!({ ...parsed(source), source, request: { variables: {} }, context: liveContext(db), operationName: null } as never);
    const before = gateway.compiledOperations();
    const [first, second] = [await run(), await run()];
    expect(second).toEqual(first);
    expect(gateway.compiledOperations()).toBe(before + 1);
  });

  it(`compiles no more than ${MAX_COMPILED} operations`, async () => {
    for (let index = 0; gateway.compiledOperations() < MAX_COMPILED; index++) {
      for (const run of [1, 2]) await compiled(`{ a${index}: planYears }`, { run });
    }
    const after = `{ plans(first: 1) { nodes { title } } }`;
    const answers = [await compiled(after, {}), await compiled(after, {})];
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1].errors).toBeUndefined();
    expect(gateway.compiledOperations()).toBe(MAX_COMPILED);
  });
});
