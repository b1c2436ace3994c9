import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGraphQLRequest } from '../src/http/graphql-route.js';
import { QUERY_LIMITS } from '../src/graphql/limits.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * /graphql on node's own request and response (src/http/graphql-route.ts): what Express and
 * @as-integrations/express5 answered before, kept. Refusals the hostile tests already send
 * (content types, sizes, malformed JSON, mutations over GET) are not repeated here.
 */
describe('the /graphql route', () => {
  let db: TestDatabase;
  let api: TestApi;
  const logged: string[] = [];
  const query = JSON.stringify({ query: '{ plans { totalCount } }' });
  const counted = '{"data":{"plans":{"totalCount":1}}}\n';

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertJurisdictions(db.dataSource);
    await insertPlan(db.dataSource, samplePlan('320612', 2021));
    api = await startTestApi(db.dataSource, { log: (line) => logged.push(line) });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** node's client, not fetch: it sends what it is told (HEAD, Content-Encoding, any path). */
  function send(method: string, path: string, headers: Record<string, string | number> = {}, body?: Buffer | string): Promise<Answer> {
    const { port } = new URL(api.url);
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(chunks).toString() }),
        );
      });
      request.on('error', reject);
      request.end(body);
    });
  }
  const json = { 'content-type': 'application/json' };
  const codeOf = (answer: Answer) => (JSON.parse(answer.text) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code;

  it('answers at /graphql in any case and below it, and leaves the rest to Express', async () => {
    for (const path of ['/graphql', '/graphql?x=1', '/GraphQL', '/graphql/', '/graphql/anything'])
      expect((await send('POST', path, json, query)).text, path).toBe(counted);
    const other = await send('POST', '/graphqlx', json, query);
    expect([other.status, other.text]).toEqual([404, expect.stringContaining('Cannot POST /graphqlx')]);
    expect(isGraphQLRequest('http://plans.example/graphql?query=x')).toBe(true);
    expect(isGraphQLRequest('//graphql')).toBe(false);
    expect(isGraphQLRequest('/%67raphql')).toBe(false);
  });

  it('writes Apollo’s answer with its length, and no ETag nor X-Powered-By', async () => {
    const answer = await send('POST', '/graphql', json, query);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(counted)));
    expect(answer.headers.etag).toBeUndefined();
    expect(answer.headers['x-powered-by']).toBeUndefined();
  });

  it('answers GET queries, with their variables', async () => {
    const search = new URLSearchParams({ query: 'query($n: Int) { plans(first: $n) { totalCount } }', variables: '{"n":1}' });
    expect((await send('GET', `/graphql?${search}`)).text).toBe(counted);
  });

  it('refuses HEAD, OPTIONS and other methods with 405 and Allow, as Apollo does', async () => {
    const head = await send('HEAD', '/graphql?query=%7B__typename%7D');
    expect([head.status, head.headers.allow, head.text]).toEqual([405, 'GET, POST', '']);
    for (const method of ['OPTIONS', 'PUT', 'DELETE']) {
      const answer = await send(method, '/graphql');
      expect([answer.status, answer.headers.allow, codeOf(answer)], method).toEqual([405, 'GET, POST', 'request/bad']);
    }
  });

  it('reads bodies compressed with gzip or br, and in UTF-16, as express.json() did', async () => {
    expect((await send('POST', '/graphql', { ...json, 'content-encoding': 'gzip' }, gzipSync(query))).text).toBe(counted);
    expect((await send('POST', '/graphql', { ...json, 'content-encoding': 'br' }, brotliCompressSync(query))).text).toBe(counted);
    const utf16 = await send('POST', '/graphql', { 'content-type': 'application/json; charset=utf-16le' }, Buffer.from(query, 'utf16le'));
    expect(utf16.text).toBe(counted);
    const byteOrderMark = await send('POST', '/graphql', json, `\ufeff${query}`);
    expect(byteOrderMark.text).toBe(counted);
  });

  it('refuses other encodings and charsets with 415, and an empty body with 400', async () => {
    const zip = await send('POST', '/graphql', { ...json, 'content-encoding': 'zip' }, query);
    expect([zip.status, codeOf(zip)]).toEqual([415, 'request/unsupported_media_type']);
    const latin1 = await send('POST', '/graphql', { 'content-type': 'application/json; charset=latin1' }, query);
    expect([latin1.status, JSON.parse(latin1.text).errors[0].message]).toEqual([415, 'unsupported charset "LATIN1": send UTF-8.']);
    const empty = await send('POST', '/graphql', json, '');
    expect([empty.status, codeOf(empty)]).toEqual([400, 'request/bad']);
  });

  it('counts the limit after decompressing: a small gzip of a large body is 413', async () => {
    const large = JSON.stringify({ query: `{ ${'__typename '.repeat(QUERY_LIMITS.maxBodyBytes / 10)}}` });
    const packed = gzipSync(large);
    expect(packed.length).toBeLessThan(QUERY_LIMITS.maxBodyBytes / 10);
    const answer = await send('POST', '/graphql', { ...json, 'content-encoding': 'gzip' }, packed);
    expect([answer.status, codeOf(answer)]).toEqual([413, 'request/too_large']);
  });

  it('tells a client whose declared body is over the limit, once it has sent it', async () => {
    const answer = await send(
      'POST',
      '/graphql',
      { ...json, 'content-length': QUERY_LIMITS.maxBodyBytes + 1 },
      'x'.repeat(QUERY_LIMITS.maxBodyBytes + 1),
    );
    expect([answer.status, codeOf(answer)]).toEqual([413, 'request/too_large']);
  });

  it('logs nothing for a client that goes away mid-body, and serves the next one', async () => {
    logged.length = 0;
    const { port } = new URL(api.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    expect((await send('POST', '/graphql', json, query)).text).toBe(counted);
    expect(logged).toEqual([]);
  });

  it('logs a wrong token with the request line and the client’s address', async () => {
    logged.length = 0;
    const mutation = JSON.stringify({ query: 'mutation { setTaskThemes(taskId: "x", themeKeys: []) { id } }' });
    await send('POST', '/graphql?secret=1', { ...json, authorization: 'Basic abc' }, mutation);
    expect(logged).toEqual(['Authentication failed: an Authorization header that is not `Bearer pa_…`, on POST /graphql from 127.0.0.1.']);
  });
});
