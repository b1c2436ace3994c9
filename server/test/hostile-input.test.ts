import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_LENGTH } from '../src/graphql/input-guard.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const TASKS_AFTER = 'query($after: String) { tasks(first: 1, after: $after) { nodes { id } pageInfo { endCursor } } }';

/**
 * Bad input reaches no resolver and no SQL: each case is answered with a 4xx or a coded GraphQL
 * error, and nothing is logged (the server logs only what it answers `server/internal`).
 */
describe('hostile input', () => {
  let db: TestDatabase;
  let api: TestApi;
  const logged: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertJurisdictions(db.dataSource);
    await insertPlan(db.dataSource, samplePlan('320612', 2021));
    api = await startTestApi(db.dataSource, { log: (message) => logged.push(message) });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  async function post(body: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  async function expectRefused(body: Record<string, unknown>, code: string, status?: number): Promise<void> {
    const before = logged.length;
    const answer = await post(body);
    expect(answer.status).toBeLessThan(500);
    if (status !== undefined) expect(answer.status).toBe(status);
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(logged.slice(before)).toEqual([]);
  }

  describe('strings with a NUL character', () => {
    it.each([
      ['search text', 'query($v: String) { tasks(filter: { text: $v }) { nodes { id } } }', 'a\u0000b'],
      ['jurisdiction code', 'query($v: String!) { jurisdiction(code: $v) { name } }', '32\u00000612'],
      ['jurisdiction search', 'query($v: String) { jurisdictions(search: $v) { name } }', '通\u0000州'],
      ['jurisdiction codes of a filter', 'query($v: String!) { tasks(filter: { jurisdictionCodes: [$v] }) { nodes { id } } }', '\u0000'],
      ['metric key', 'query($v: String!) { indicatorComparison(metricKey: $v) { __typename } }', 'x\u0000'],
    ])('in %s are refused with input/invalid_text', async (_, query, value) => {
      await expectRefused({ query, variables: { v: value } }, 'input/invalid_text', 400);
    });

    it('written as a literal in the query too', async () => {
      await expectRefused({ query: '{ jurisdiction(code: "32\\u00000612") { name } }' }, 'input/invalid_text', 400);
    });
  });

  it('lone surrogates are refused with input/invalid_text', async () => {
    await expectRefused(
      { query: 'query($v: String) { tasks(filter: { text: $v }) { nodes { id } } }', variables: { v: 'a\ud800b' } },
      'input/invalid_text',
      400,
    );
    await expectRefused(
      { query: 'query($v: String!) { jurisdiction(code: $v) { name } }', variables: { v: '\udc00' } },
      'input/invalid_text',
    );
  });

  it('a surrogate pair (an emoji) is text like any other', async () => {
    const answer = await post({ query: 'query($v: String) { tasks(filter: { text: $v }) { nodes { id } } }', variables: { v: '食品🍚' } });
    expect(answer.body).toEqual({ data: { tasks: { nodes: [] } } });
  });

  it('over-long strings are refused with input/too_long', async () => {
    await expectRefused(
      { query: 'query($v: String) { tasks(filter: { text: $v }) { nodes { id } } }', variables: { v: '食'.repeat(MAX_INPUT_LENGTH + 1) } },
      'input/too_long',
      400,
    );
    await expectRefused(
      { query: 'query($v: String!) { jurisdiction(code: $v) { name } }', variables: { v: '1'.repeat(30_000) } },
      'input/too_long',
    );
  });

  it('years out of range are refused with input/out_of_range (jurisdictions(year:) used to reach a smallint)', async () => {
    await expectRefused({ query: '{ jurisdictions(year: 2147483647) { name } }' }, 'input/out_of_range', 400);
    await expectRefused(
      { query: 'query($y: Int) { plans(filter: { year: $y }) { nodes { id } } }', variables: { y: -5 } },
      'input/out_of_range',
    );
    // Beyond 32 bits graphql-js refuses the Int itself.
    await expectRefused({ query: '{ plans(filter: { year: 3000000000 }) { nodes { id } } }' }, 'request/invalid', 400);
  });

  describe('global ids', () => {
    it.each([
      ['a NUL inside a Plan id', 'query($id: ID!) { plan(id: $id) { id } }', encode('Plan:32\u00000612-2021')],
      ['a NUL inside a node id', 'query($id: ID!) { node(id: $id) { id } }', encode('Task:1\u0000')],
      ['a control character inside a key', 'query($id: ID!) { node(id: $id) { id } }', encode('Plan:320612\n-2021')],
    ])('with %s are refused with id/invalid', async (_, query, id) => {
      await expectRefused({ query, variables: { id } }, 'id/invalid');
    });
  });

  describe('cursors', () => {
    it('that the connection handed out still page', async () => {
      const first = await post({ query: TASKS_AFTER });
      const cursor = (first.body.data as { tasks: { pageInfo: { endCursor: string } } }).tasks.pageInfo.endCursor;
      const next = await post({ query: TASKS_AFTER, variables: { after: cursor } });
      expect(next.body.errors).toBeUndefined();
    });

    it.each([
      ['a string where the ordinal goes', 'TaskConnection:["320612-2021","x"]'],
      ['1e400 where the ordinal goes', 'TaskConnection:["320612-2021",1e400]'],
      ['an ordinal beyond 32 bits', 'TaskConnection:["320612-2021",1e30]'],
      ['a fraction where the ordinal goes', 'TaskConnection:["320612-2021",1.5]'],
      ['a NUL in the plan id', 'TaskConnection:["\\u0000",1]'],
      ['a number where the plan id goes', 'TaskConnection:[1,1]'],
    ])('forged with %s are refused with cursor/invalid', async (_, text) => {
      await expectRefused({ query: TASKS_AFTER, variables: { after: encode(text) } }, 'cursor/invalid');
    });
  });

  describe('automatic persisted queries', () => {
    const query = '{ plans { nodes { id } } }';
    const hash = createHash('sha256').update(query).digest('hex');

    it('whose hash does not match the query are refused with request/persisted_query_invalid', async () => {
      const other = createHash('sha256').update('{ __typename }').digest('hex');
      await expectRefused(
        { query, extensions: { persistedQuery: { version: 1, sha256Hash: other } } },
        'request/persisted_query_invalid',
        400,
      );
    });

    it('whose hash is not a SHA-256 are refused with request/persisted_query_invalid', async () => {
      for (const sha256Hash of ['deadbeef', 5, hash.toUpperCase()]) {
        await expectRefused({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }, 'request/persisted_query_invalid', 400);
      }
    });

    it('with the right hash still register and answer by hash alone', async () => {
      const registered = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      expect(registered.body.errors).toBeUndefined();
      const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      expect(byHash.body).toEqual(registered.body);
    });
  });
});
