import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/global-id.js';
import { answerBudget, QUERY_LIMITS } from '../src/graphql/limits.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { legitimateQueries } from './legitimate-queries.js';
import { rssBytes as rss, startServerProcess } from './server-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { CountingLogger } from '../src/db/counting-logger.js';

/**
 * Issue 16, "answers far larger than their cost": 15 aliases of
 * `agencies → assignments → clause → task → plan → sourceText` (a 1.7 kB query) once answered
 * 120 MB and grew the server by 440 MB. The answer's bytes are now estimated before any resolver
 * runs and refused above a cap; the estimates of the answers in flight share one budget.
 */

const MiB = 1024 * 1024;
/**
 * The bound on the refusal is 100 ms (measured and written in SECURITY.md with the load).
 * Here the test only guards against doing the work before refusing it (2.3 s and more, the issue
 * found): a loaded CI machine once took 774 ms for the median refusal, so the bound is that of the work.
 */
const REFUSED_WITHIN_MS = 1_000;
/** The bound on the server while 8 amplification queries run at once. */
const MAX_RSS_BYTES = 400 * MiB;

/** The amplification query, its 15 aliases named after `prefix` so that no two requests share a cached answer. */
function amplification(prefix: string): string {
  const alias = (index: number) =>
    `${prefix}${index}: agencies { nodes { assignments { nodes { clause { task { plan { sourceText } } } } } } }`;
  return `{ ${Array.from({ length: 15 }, (_, index) => alias(index)).join(' ')} }`;
}

const contractQuery = legitimateQueries().find((query) => query.name === 'issue-3 contract query')!;

interface Sent {
  status: number;
  ms: number;
  bytes: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; estimatedBytes?: number; limit?: number } }[] };
}

async function post(url: string, body: unknown): Promise<Sent> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    ms: performance.now() - started,
    bytes: Buffer.byteLength(text),
    retryAfter: response.headers.get('retry-after'),
    body: JSON.parse(text),
  };
}

describe('answers estimated before they are built (in process)', () => {
  let db: TestDatabase;
  let api: TestApi;
  const logger = new CountingLogger();

  beforeAll(async () => {
    db = await createTestDatabase({ logger });
    await insertJurisdictions(db.dataSource);
    await insertPlan(db.dataSource, samplePlan('320612', 2021));
    await insertPlan(db.dataSource, samplePlan('320300', 2021));
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('refuses the amplification query with request/answer_too_large, naming the estimate and the cap, before reading a row', async () => {
    logger.reset();
    const sent = await post(api.url, { query: amplification('a') });
    expect(sent.status).toBe(400);
    const [error] = sent.body.errors!;
    expect(error.extensions?.code).toBe('request/answer_too_large');
    expect(error.extensions?.limit).toBe(QUERY_LIMITS.maxAnswerBytes);
    expect(error.extensions!.estimatedBytes).toBeGreaterThan(QUERY_LIMITS.maxAnswerBytes);
    expect(error.message).toMatch(/^The answer could hold [\d.]+ MiB, above the limit of 128\.0 MiB/);
    // No resolver ran: nothing was read from the tables the query asks for.
    expect(logger.statements.filter((statement) => /agency|assignment|clause|task|plan/i.test(statement))).toEqual([]);
    expect(answerBudget.usage).toEqual({ bytes: 0, requests: 0 });
  });

  it('answers 503 request/busy with Retry-After while other answers hold the budget, and serves again once they are sent', async () => {
    const held = answerBudget.capacity - 1024;
    expect(answerBudget.tryReserve(held)).toBe(true);
    try {
      const sent = await post(api.url, { query: contractQuery.query, variables: contractQuery.variables });
      expect([sent.status, sent.retryAfter, sent.body.errors?.[0].extensions?.code]).toEqual([503, '2', 'request/busy']);
      expect(sent.body.errors![0].message).toMatch(/in flight\) and this one could hold [\d.]+ MiB: try again in 2 s/);
      // A small answer still fits in what is left.
      const small = await post(api.url, { query: '{ plans(first: 1) { totalCount } }' });
      expect([small.status, small.body.errors]).toEqual([200, undefined]);
    } finally {
      answerBudget.release(held);
    }
    const again = await post(api.url, { query: contractQuery.query, variables: contractQuery.variables });
    expect([again.status, again.body.errors]).toEqual([200, undefined]);
    // Every reservation was given back, refusals and answers alike.
    expect(answerBudget.usage).toEqual({ bytes: 0, requests: 0 });
  });

  it("lists a plan's revisions without their texts, at most `first` of them, newest first, continuing `after` a revision's cursor", async () => {
    const text = '旧文本'.repeat(10_000);
    for (const number of [1, 2, 3]) {
      await db.dataSource.query(
        `INSERT INTO plan_revision (id, plan_id, number, title, document_number, source_text, source_format, source_sha256,
           source_file_name, imported_at, replaced_at, replaced_by, reason)
         VALUES ($1, '320612-2021', $2, 'old', NULL, $3, 'TEXT', repeat('0', 64), 'old.txt', now(), now(), 'test', 'revision')`,
        [`320612-2021-v${number}`, number, text],
      );
    }
    const id = toGlobalId('Plan', '320612-2021');
    const page = async (after: string | null) =>
      (
        await api.query(`query($id: ID!, $after: String) { plan(id: $id) { revisions(first: 2, after: $after) { number cursor } } }`, {
          id,
          after,
        })
      ).data!.plan.revisions as { number: number; cursor: string }[];
    logger.reset();
    const newest = await page(null);
    expect(newest.map((revision) => revision.number)).toEqual([3, 2]);
    // Listing reads no revision text; asking for one reads it.
    expect(logger.statements.filter((statement) => statement.includes('source_text'))).toEqual([]);
    expect((await page(newest[1].cursor)).map((revision) => revision.number)).toEqual([1]);
    const { data } = await api.query(`query($id: ID!) { plan(id: $id) { revisions(first: 1) { sourceText } } }`, { id });
    expect(data!.plan.revisions[0].sourceText).toBe(text);
    const tooLarge = await api.query(`query($id: ID!) { plan(id: $id) { revisions(first: 101) { number } } }`, { id });
    expect(tooLarge.errors?.[0].extensions.code).toBe('input/first_too_large');
  });

  it('estimates more than the product’s queries really answer', async () => {
    const { estimateAnswer } = await import('../src/graphql/limits.js');
    const { buildApiSchema } = await import('../src/graphql/schema.js');
    const { getOperationAST, parse } = await import('graphql');
    const schema = await buildApiSchema();
    const rows: string[] = [];
    for (const query of legitimateQueries().filter((candidate) => !candidate.mutation && !candidate.editor && !candidate.nextYear)) {
      const document = parse(query.query);
      const { bytes } = estimateAnswer(schema, document, getOperationAST(document)!, query.variables);
      const sent = await post(api.url, { query: query.query, variables: query.variables });
      expect(sent.status, query.name).toBe(200);
      // The introspection query is free by design (bounded by the schema).
      if (query.name !== 'GraphiQL introspection') expect(sent.bytes, query.name).toBeLessThanOrEqual(bytes);
      rows.push(`  ${query.name}: ${sent.bytes} bytes answered, ${bytes} estimated`);
    }
    console.log(`Answers against their estimates (two seed-like plans):\n${rows.join('\n')}`);
  });
});

/** Samples `pid`'s RSS every 10 ms until stopped; returns the peak. */
function sampleRss(pid: number): { stop(): number } {
  let peak = rss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rss(pid));
    },
  };
}
/**
 * The server as `pnpm start` runs it (one process, read cache on, production, server-process.ts),
 * on a test database of its own that it seeds itself (the two seed plans), measured from outside.
 */
describe('answers far larger than their cost, against a spawned server', () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let url: string;
  const figures: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ child, url } = await startServerProcess({ DATABASE_URL: database.url, WEB_CONCURRENCY: '1' }));
    // Warm up (JIT, pool, schema): the figures below are of a server that has served before.
    for (const query of [contractQuery.query, '{ agencies { nodes { name } } }', amplification('warm')])
      await post(url, { query, variables: contractQuery.variables });
    figures.push(`server RSS after warm-up: ${(rss(child.pid!) / MiB).toFixed(0)} MiB`);
  }, 180_000);

  afterAll(async () => {
    console.log(
      `Spawned server, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}:\n  ${figures.join('\n  ')}`,
    );
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
  }, 60_000);

  it(`refuses the amplification query before doing its work (< ${REFUSED_WITHIN_MS} ms, 100 ms on a quiet machine)`, async () => {
    // The median of five, each with aliases of its own: one scheduling hiccup of a shared machine is not the server's time.
    const sent: Sent[] = [];
    for (let index = 0; index < 5; index++) sent.push(await post(url, { query: amplification(`once${index}_`) }));
    for (const each of sent) expect([each.status, each.body.errors?.[0].extensions?.code]).toEqual([400, 'request/answer_too_large']);
    const times = sent.map((each) => each.ms).sort((a, b) => a - b);
    expect(times[2]).toBeLessThan(REFUSED_WITHIN_MS);
    figures.push(
      `amplification query: 400 in ${times.map((ms) => ms.toFixed(1)).join(', ')} ms (median ${times[2].toFixed(1)}): ${sent[0].body.errors![0].message}`,
    );
  });

  it(`stays under ${MAX_RSS_BYTES / MiB} MB RSS while 8 of them run at once (distinct aliases), /readyz answering`, async () => {
    const before = rss(child.pid!);
    const sampler = sampleRss(child.pid!);
    const started = performance.now();
    const [ready, ...sent] = await Promise.all([
      fetch(`${url}/readyz`).then((response) => ({ status: response.status, ms: performance.now() - started })),
      ...Array.from({ length: 8 }, (_, index) => post(url, { query: amplification(`r${index}_`) })),
    ]);
    const peak = sampler.stop();
    for (const each of sent) expect([each.status, each.body.errors?.[0].extensions?.code]).toEqual([400, 'request/answer_too_large']);
    expect(ready.status).toBe(200);
    expect(peak).toBeLessThan(MAX_RSS_BYTES);
    figures.push(
      `8 amplification queries at once: all 400 in ${Math.max(...sent.map((each) => each.ms)).toFixed(1)} ms at most; /readyz 200 in ${ready.ms.toFixed(1)} ms; RSS ${(before / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB`,
    );
  });

  it('still answers the contract query, 8 at once: each 200, or 503 request/busy with Retry-After when the budget is full', async () => {
    const sampler = sampleRss(child.pid!);
    const started = performance.now();
    const sent = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        // A different operation name for each, so that the read cache cannot answer one from another.
        post(url, { query: `query Contract${index} ${contractQuery.query.replace(/^[^{]*/, '')}`, variables: contractQuery.variables }),
      ),
    );
    const ms = performance.now() - started;
    const peak = sampler.stop();
    const answered = sent.filter((each) => each.status === 200);
    const busy = sent.filter((each) => each.status === 503);
    for (const each of answered) expect(each.body.errors).toBeUndefined();
    for (const each of busy) expect([each.retryAfter, each.body.errors?.[0].extensions?.code]).toEqual(['2', 'request/busy']);
    expect(answered.length + busy.length).toBe(8);
    expect(answered.length).toBeGreaterThanOrEqual(Math.floor(QUERY_LIMITS.answerBudgetBytes / QUERY_LIMITS.maxAnswerBytes));
    expect(peak).toBeLessThan(MAX_RSS_BYTES);
    figures.push(
      `8 contract queries at once: ${answered.length} answered 200 (${answered[0]?.bytes} bytes each), ${busy.length} 503 request/busy, in ${ms.toFixed(0)} ms; RSS peak ${(peak / MiB).toFixed(0)} MiB`,
    );
  });
});
