import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownReads, LocalStore } from '../src/cache/read-cache.js';
import { QUERY_LIMITS } from '../src/graphql/limits.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('the read cache', () => {
  let db: TestDatabase;
  let api: TestApi;

  const post = (query: string, accept?: string) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
      body: JSON.stringify({ query }),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.dataSource, { readCache: true });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers a hit in the type Accept asks for, as Apollo answers a miss', async () => {
    for (const [accept, type] of [
      ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
      ['application/json', 'application/json; charset=utf-8'],
      [undefined, 'application/json; charset=utf-8'],
    ] as const) {
      const query = `{ plans { totalCount } } # ${accept}`;
      const miss = await post(query, accept);
      const hit = await post(query, accept);
      expect([miss.headers.get('x-cache'), miss.headers.get('content-type')], accept).toEqual(['miss', type]);
      expect([hit.headers.get('x-cache'), hit.headers.get('content-type')], accept).toEqual(['hit', type]);
      expect(await hit.json()).toEqual(await miss.json());
    }
  });

  it('leaves a client that accepts neither JSON type to Apollo (406)', async () => {
    const query = '{ plans { totalCount } } # 406';
    expect((await post(query)).status).toBe(200);
    expect((await post(query, 'text/html')).status).toBe(406);
  });

  it('leaves a GET that gives a parameter twice to Apollo (400), even when the first is cached', async () => {
    const query = encodeURIComponent('{ plans { totalCount } } # twice');
    for (let call = 0; call < 2; call++) expect((await fetch(`${api.url}/graphql?query=${query}`)).status).toBe(200);
    const twice = await fetch(`${api.url}/graphql?query=${query}&query=${query}`);
    expect([twice.status, twice.headers.get('x-cache')]).toEqual([400, null]);
  });
});

describe('knownReads', () => {
  it('parses no further than Apollo would: a query over the token limit is not a cacheable read', () => {
    const isRead = knownReads();
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens }, (_, index) => `a${index}: __typename`).join(' ');
    expect(isRead({ query: `{ ${fields} }` })).toBe(false);
    expect(isRead({ query: '{ __typename }' })).toBe(true);
  });

  it('knows a query by its hash once it has seen the query, and a mutation as no read', () => {
    const isRead = knownReads();
    const query = 'query Plans { plans { totalCount } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    expect(isRead({ extensions: { persistedQuery: { sha256Hash } }, operationName: 'Plans' })).toBeUndefined();
    expect(isRead({ query, operationName: 'Plans' })).toBe(true);
    expect(isRead({ extensions: { persistedQuery: { sha256Hash } }, operationName: 'Plans' })).toBe(true);
    expect(isRead({ query: 'mutation { x }' })).toBe(false);
  });
});

describe("the read cache's in-process store", () => {
  it('lets every answer go once a newer data version is seen, and keeps none of an older one', () => {
    const store = new LocalStore();
    store.set('plans', 'answer at 7', '7');
    store.set('plan', 'another at 7', '7');
    expect([store.get('plans', '7'), store.held]).toEqual(['answer at 7', 'answer at 7another at 7'.length]);

    // A request that read version 8: nothing of 7 is held any longer, whatever its key.
    expect(store.get('plan', '8')).toBeUndefined();
    expect(store.held).toBe(0);
    // An answer built in an older snapshot, finished after the move: not kept, and 8's stay.
    store.set('plans', 'answer at 8', '8');
    store.set('plan', 'late answer at 7', '7');
    expect([store.get('plans', '8'), store.get('plan', '8'), store.get('plans', '7')]).toEqual(['answer at 8', undefined, undefined]);
    expect(store.held).toBe('answer at 8'.length);
    // Versions compare as numbers, not as text.
    store.set('plans', 'answer at 10', '10');
    expect([store.get('plans', '10'), store.get('plans', '9')]).toEqual(['answer at 10', undefined]);
  });
});
