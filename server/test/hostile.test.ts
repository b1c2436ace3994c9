import { loadMetricSeeds } from '../src/metric/metric.service.js';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getOperationAST, Lexer, parse, Source, TokenKind, validate, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/api-token.entity.js';
import { createToken, revokeToken } from '../src/auth/token.service.js';
import { createDataSource } from '../src/db/data-source.js';
import { createFormatError } from '../src/graphql/format-error.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { estimateAnswer, QUERY_LIMITS } from '../src/graphql/limits.js';
import { buildApiSchema } from '../src/graphql/schema.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { legitimateQueries } from './legitimate-queries.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Generous for a shared 2-core machine; the real timings are printed and recorded in SECURITY.md. */
const FAST_MS = 1_000;

interface Measured {
  depth: number;
  aliases: number;
  directives: number;
  armorCost: number;
  listCost: number;
  answerBytes: number;
  tokens: number;
}

/** What each limit measures for `query`: graphql-armor's own counts (through onAccept), our list cost, the lexer's tokens. */
function measure(schema: GraphQLSchema, query: string, variables: Record<string, unknown>): Measured {
  const measured = { depth: 0, aliases: 0, directives: 0, armorCost: 0, listCost: 0, answerBytes: 0, tokens: 0 };
  const record = (key: keyof Measured) => ({
    onAccept: [(_: unknown, details: { n: number }) => (measured[key] = Math.max(measured[key], details.n))],
  });
  const armor = new ApolloArmor({
    maxDepth: { ...record('depth'), n: Infinity, flattenFragments: true },
    maxAliases: { ...record('aliases'), n: Infinity },
    maxDirectives: { ...record('directives'), n: Infinity },
    costLimit: { ...record('armorCost'), maxCost: Infinity, flattenFragments: true },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const document = parse(query);
  expect(validate(schema, document, armor.validationRules)).toEqual([]);
  const estimate = estimateAnswer(schema, document, getOperationAST(document)!, variables);
  measured.listCost = estimate.fields;
  measured.answerBytes = estimate.bytes;
  const lexer = new Lexer(new Source(query));
  while (lexer.advance().kind !== TokenKind.EOF) measured.tokens++;
  return measured;
}

interface Sent {
  status: number;
  contentType: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  ms: number;
}

describe('query limits and hostile requests', () => {
  let db: TestDatabase;
  let api: TestApi;
  let schema: GraphQLSchema;
  const timings: [string, number, number][] = [];

  async function send(path: string, init: RequestInit = {}): Promise<Sent> {
    const started = performance.now();
    const response = await fetch(`${api.url}${path}`, init);
    const text = await response.text();
    const ms = performance.now() - started;
    let body: Sent['body'];
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    return { status: response.status, contentType: response.headers.get('content-type'), body, ms };
  }

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  /** A hostile request must be refused (4xx, or a GraphQL error), never with a 5xx, and fast. */
  function expectRefusedFast(name: string, sent: Sent, code: string, status?: number): void {
    timings.push([name, sent.status, sent.ms]);
    expect(sent.status, name).toBeLessThan(500);
    if (status !== undefined) expect(sent.status, name).toBe(status);
    expect(
      sent.body.errors?.map((error) => error.extensions?.code),
      name,
    ).toContain(code);
    expect(sent.ms, name).toBeLessThan(FAST_MS);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertJurisdictions(db.dataSource);
    // The province view (TargetCascade) asks for a metric by key.
    await loadMetricSeeds(db.dataSource);
    await insertPlan(db.dataSource, samplePlan('320612', 2021));
    await insertPlan(db.dataSource, samplePlan('320300', 2021));
    // The year after, for the web app's "compared with last year" query.
    await insertPlan(db.dataSource, samplePlan('320612', 2022));
    api = await startTestApi(db.dataSource);
    schema = await buildApiSchema();
  });
  afterAll(async () => {
    console.log(
      `Hostile requests (status, ms):\n${timings.map(([name, status, ms]) => `  ${name}: ${status} in ${ms.toFixed(1)} ms`).join('\n')}`,
    );
    await api?.close();
    await db?.drop();
  });

  describe('every query the web app and GraphiQL send', () => {
    const queries = legitimateQueries();

    it('is found (web app operations, GraphiQL examples and introspection)', () => {
      expect(queries.filter((query) => query.name.startsWith('web: ')).length).toBeGreaterThanOrEqual(7);
      expect(queries.some((query) => query.name === 'GraphiQL introspection')).toBe(true);
    });

    it('stays within every limit, with headroom', () => {
      const rows = queries.map((query) => {
        return { name: query.name, ...measure(schema, query.query, query.variables) };
      });
      console.log(
        `Legitimate queries, measured:\n${rows.map((row) => `  ${row.name}: depth ${row.depth}, aliases ${row.aliases}, directives ${row.directives}, tokens ${row.tokens}, armor cost ${row.armorCost}, list cost ${row.listCost}, answer ${(row.answerBytes / 1024).toFixed(0)} KiB`).join('\n')}`,
      );
      const max = (key: keyof Measured) => Math.max(...rows.map((row) => row[key]));
      // Headroom: a researcher's own query may be a little deeper or costlier than the product's.
      expect(max('depth') + 2).toBeLessThanOrEqual(QUERY_LIMITS.maxDepth);
      expect(max('aliases')).toBeLessThan(QUERY_LIMITS.maxAliases);
      expect(max('directives')).toBeLessThan(QUERY_LIMITS.maxDirectives);
      expect(max('tokens') * 1.5).toBeLessThanOrEqual(QUERY_LIMITS.maxTokens);
      expect(max('armorCost') * 2).toBeLessThanOrEqual(QUERY_LIMITS.maxArmorCost);
      expect(max('listCost') * 2).toBeLessThanOrEqual(QUERY_LIMITS.maxListCost);
      expect(max('answerBytes') * 2).toBeLessThanOrEqual(QUERY_LIMITS.maxAnswerBytes);
    });

    it('is answered without errors over HTTP (changes aside: alignment.test.ts and audit-log.test.ts make them)', async () => {
      const editor = { authorization: `Bearer ${(await createToken(db.dataSource, Role.EDITOR, 'legitimate-editor')).token}` };
      for (const query of queries.filter((candidate) => !candidate.mutation)) {
        const sent = await post({ query: query.query, variables: query.variables }, query.editor ? editor : {});
        expect({ name: query.name, status: sent.status, errors: sent.body.errors }).toEqual({
          name: query.name,
          status: 200,
          errors: undefined,
        });
      }
    });
  });

  describe('refuses', () => {
    it('deep nesting', async () => {
      const nested = Array.from({ length: 40 }).reduce<string>((inner) => `sections { tasks { plan { ${inner} } } }`, 'id');
      expectRefusedFast(
        'deep nesting (121 levels)',
        await post({ query: `{ plans { nodes { ${nested} } } }` }),
        'request/limit_exceeded',
        400,
      );
      const justOver = `{ agencies { nodes { assignments { nodes { clause { task { plan { jurisdiction { parent { parent { parent { parent { name } } } } } } } } } } } } }`;
      const sent = await post({ query: justOver });
      expectRefusedFast('depth 13', sent, 'request/limit_exceeded', 400);
      expect(sent.body.errors![0].message).toBe(`Query depth limit of ${QUERY_LIMITS.maxDepth} exceeded, found 13.`);
    });

    it('deep nesting hidden in fragments', async () => {
      const fragments = Array.from(
        { length: 30 },
        (_, index) => `fragment F${index} on Plan { sections { tasks { plan { ${index < 29 ? `...F${index + 1}` : 'id'} } } } }`,
      ).join('\n');
      expectRefusedFast(
        'deep nesting through 30 fragments',
        await post({ query: `{ plans { nodes { ...F0 } } }\n${fragments}` }),
        'request/limit_exceeded',
        400,
      );
    });

    it('alias floods', async () => {
      const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: plans { totalCount }`).join(' ');
      expectRefusedFast('300 aliases', await post({ query: `{ ${aliases} }` }), 'request/limit_exceeded', 400);
      // Longer floods already stop at the token limit, while parsing.
      const flood = Array.from({ length: 2_000 }, (_, index) => `a${index}: plans { totalCount }`).join(' ');
      expectRefusedFast('2000 aliases', await post({ query: `{ ${flood} }` }), 'request/parse_failed', 400);
    });

    it('directive floods', async () => {
      const directives = Array.from({ length: 200 }, () => '@include(if: true)').join(' ');
      expectRefusedFast('200 directives', await post({ query: `{ __typename ${directives} }` }), 'request/limit_exceeded', 400);
    });

    it('fragment cycles', async () => {
      const query = `{ plans { nodes { ...A } } } fragment A on Plan { sections { tasks { plan { ...B } } } } fragment B on Plan { ...A }`;
      expectRefusedFast('fragment cycle', await post({ query }), 'request/invalid', 400);
      expectRefusedFast(
        'fragment spreading itself',
        await post({ query: `{ ...Q } fragment Q on Query { ...Q }` }),
        'request/invalid',
        400,
      );
    });

    it('fragment bombs (each fragment spreads the next twice)', async () => {
      const fragments = Array.from({ length: 40 }, (_, index) =>
        index < 39 ? `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }` : `fragment F39 on Query { plans { totalCount } }`,
      ).join('\n');
      const sent = await post({ query: `{ ...F0 }\n${fragments}` });
      timings.push(['fragment bomb (2^40 spreads)', sent.status, sent.ms]);
      expect(sent.status).toBeLessThan(500);
      expect(sent.ms).toBeLessThan(FAST_MS);
    });

    it('first: 1000000, written in the query or passed as a variable', async () => {
      expectRefusedFast(
        'first: 1000000',
        await post({ query: `{ tasks(first: 1000000) { nodes { id } } }` }),
        'request/limit_exceeded',
        400,
      );
      const viaVariable = await post({
        query: `query($n: Int) { tasks(first: $n) { nodes { id clauses { assignments { agency { name } } } } } }`,
        variables: { n: 1_000_000 },
      });
      expectRefusedFast('first: $n = 1000000', viaVariable, 'request/limit_exceeded', 400);
      expect(viaVariable.body.errors![0].message).toMatch(new RegExp(`^Query cost limit of ${QUERY_LIMITS.maxListCost} exceeded`));
    });

    it('lists nested within the depth limit that multiply into a huge answer', async () => {
      const query = `{ plans(first: 100) { nodes { sections { tasks { clauses { assignments { agency { assignments { nodes { clause { text } } } } } } } } } } }`;
      expectRefusedFast('nested lists under first: 100', await post({ query }), 'request/limit_exceeded', 400);
    });

    it('oversized documents', async () => {
      const huge = `{ ${'__typename '.repeat(20_000)}}`;
      expectRefusedFast('220 kB document', await post({ query: huge }), 'request/too_large', 413);
      const manyTokens = `{ ${'__typename '.repeat(3_000)}}`;
      const sent = await post({ query: manyTokens });
      expectRefusedFast('3000 tokens in 33 kB', sent, 'request/parse_failed', 400);
      expect(sent.body.errors![0].message).toMatch(new RegExp(`more tha[nt] ${QUERY_LIMITS.maxTokens} tokens`));
    });

    it('malformed JSON', async () => {
      const sent = await post('{"query": "{ __typename }"');
      expectRefusedFast('malformed JSON', sent, 'request/bad', 400);
      expect(sent.body.errors![0].message).toMatch(/^The request body is not valid JSON/);
      expectRefusedFast('a JSON string', await post('"{ __typename }"'), 'request/bad', 400);
      expectRefusedFast('a JSON object without query', await post({ variables: {} }), 'request/bad', 400);
      expectRefusedFast('a query that is not a string', await post({ query: { select: '*' } }), 'request/bad', 400);
    });

    it('wrong content types, with 415 as GraphQL over HTTP asks', async () => {
      const body = JSON.stringify({ query: '{ __typename }' });
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/graphql',
        'application/xml',
      ]) {
        const sent = await send('/graphql', { method: 'POST', headers: { 'content-type': type }, body });
        expectRefusedFast(`Content-Type: ${type}`, sent, 'request/unsupported_media_type', 415);
      }
      const none = await send('/graphql', { method: 'POST', body: new Blob([body]) });
      expectRefusedFast('no Content-Type', none, 'request/unsupported_media_type', 415);
    });

    it('unknown operations', async () => {
      const sent = await post({ query: 'query A { __typename } query B { __typename }', operationName: 'C' });
      expectRefusedFast('unknown operationName', sent, 'request/unknown_operation', 400);
      expect(sent.body.errors![0].message).toBe('Unknown operation named "C".');
      expectRefusedFast(
        'two operations, no operationName',
        await post({ query: 'query A { __typename } query B { __typename }' }),
        'request/unknown_operation',
        400,
      );
    });

    it('mutations over GET, with 405', async () => {
      const sent = await send(`/graphql?query=${encodeURIComponent('mutation { setTaskThemes(taskId: "x", themeKeys: []) { id } }')}`);
      expectRefusedFast('mutation over GET', sent, 'request/bad', 405);
    });

    it('batched requests', async () => {
      expectRefusedFast('batch of 2', await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]), 'request/bad', 400);
    });

    it('a mutation with no, a wrong and a revoked token', async () => {
      const mutation = { query: `mutation { setTaskThemes(taskId: "${toGlobalId('Task', '320612-2021-t1')}", themeKeys: []) { id } }` };
      expectRefusedFast('mutation without a token', await post(mutation), 'auth/unauthenticated');
      expectRefusedFast(
        'mutation with a wrong token',
        await post(mutation, { authorization: 'Bearer pa_wrongwrongwrongwrongwrongwrongwrongwrongwro' }),
        'auth/unauthenticated',
      );
      expectRefusedFast(
        'mutation with a malformed header',
        await post(mutation, { authorization: 'Basic YWRtaW46YWRtaW4=' }),
        'auth/unauthenticated',
      );
      const { token, record } = await createToken(db.dataSource, Role.EDITOR, 'hostile-test');
      await revokeToken(db.dataSource, String(record.id));
      const revoked = await post(mutation, { authorization: `Bearer ${token}` });
      expectRefusedFast('mutation with a revoked token', revoked, 'auth/unauthenticated');
      expect(revoked.body.data).toBeNull();
    });
  });

  describe('PostgreSQL statement_timeout', () => {
    it('cancels a runaway statement of the server, which answers database/timeout', async () => {
      const guarded = createDataSource({ url: db.url, statementTimeoutMs: 200, poolSize: 1 });
      await guarded.initialize();
      try {
        expect(await guarded.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '200ms' }]);
        const error = await guarded.query('SELECT pg_sleep(5)').catch((caught: unknown) => caught);
        const formatted = createFormatError({ development: false, log: () => undefined })({ message: String(error) }, error);
        expect(formatted.extensions).toEqual({ code: 'database/timeout' });
      } finally {
        await guarded.destroy();
      }
    });
  });

  describe('GraphQL over HTTP', () => {
    it('answers application/graphql-response+json when the client accepts it, with 4xx for requests that cannot run', async () => {
      const accept = { accept: 'application/graphql-response+json, application/json;q=0.9' };
      const ok = await post({ query: '{ __typename }' }, accept);
      expect([ok.status, ok.contentType]).toEqual([200, 'application/graphql-response+json; charset=utf-8']);
      const invalid = await post({ query: '{ nope }' }, accept);
      expect([invalid.status, invalid.contentType]).toEqual([400, 'application/graphql-response+json; charset=utf-8']);
      const malformed = await post('{', accept);
      expect([malformed.status, malformed.contentType]).toEqual([400, 'application/graphql-response+json; charset=utf-8']);
      const plain = await post({ query: '{ __typename }' });
      expect(plain.contentType).toBe('application/json; charset=utf-8');
    });

    it('answers GET queries without any extra header', async () => {
      const sent = await send(`/graphql?query=${encodeURIComponent('{ plans { totalCount } }')}`);
      expect([sent.status, sent.body]).toEqual([200, { data: { plans: { totalCount: 3 } } }]);
    });

    it('hides "Did you mean" suggestions outside development', async () => {
      const sent = await post({ query: '{ plns { totalCount } }' });
      expect(sent.body.errors![0].message).toBe('Cannot query field "plns" on type "Query".');
      const enumValue = await post({ query: '{ agencies(kind: MARKET) { totalCount } }' });
      expect(enumValue.body.errors![0].message).not.toMatch(/Did you mean/);
    });
  });
});
