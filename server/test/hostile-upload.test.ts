import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/api-token.entity.js';
import { createToken, revokeToken } from '../src/auth/token.service.js';
import { seedsDir } from '../src/common/paths.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { MAX_PLAN_BYTES } from '../src/http/upload.js';
import { buildDocxBomb } from '../src/importer/testing/fixtures.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const TABLES = ['plan', 'section', 'task', 'clause', 'schedule_item', 'indicator', 'agency', 'assignment', 'audit_log'];
const tongzhou = readFileSync(join(seedsDir, 'tongzhou-2021.txt'));
const xuzhou = readFileSync(join(seedsDir, 'xuzhou-2021.md'));

interface Uploaded {
  status: number;
  headers: Headers;
  body: { plan?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] };
  ms: number;
}

describe('POST /api/plans: uploading a plan', () => {
  let db: TestDatabase;
  let api: TestApi;
  let editor: string;

  async function upload(bytes: Uint8Array, headers: Record<string, string>): Promise<Uploaded> {
    const started = performance.now();
    const response = await fetch(`${api.url}/api/plans`, { method: 'POST', headers, body: new Blob([bytes]) });
    const body = (await response.json()) as Uploaded['body'];
    return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
  }

  const asEditor = (fileName: string, type = 'application/octet-stream') => ({
    authorization: `Bearer ${editor}`,
    'content-type': type,
    'x-file-name': encodeURIComponent(fileName),
  });

  async function counts(): Promise<Record<string, number>> {
    const sql = TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ');
    return (await db.dataSource.query(`SELECT ${sql}`))[0];
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    api = await startTestApi(db.dataSource);
    editor = (await createToken(db.dataSource, Role.EDITOR, 'upload-test')).token;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  describe('refuses, writing nothing,', () => {
    let before: Record<string, number>;
    beforeAll(async () => {
      before = await counts();
      // The first upload starts the import worker (seconds from TypeScript on a busy machine); the
      // bounds below are on refusals, not on that start.
      await upload(new Uint8Array(0), asEditor('warm-up.txt'));
    });
    afterAll(async () => {
      expect(await counts()).toEqual(before);
    });

    it('without an editor token (none, wrong, revoked)', async () => {
      const none = await upload(tongzhou, { 'content-type': 'text/plain', 'x-file-name': 'tongzhou.txt' });
      expect([none.status, none.headers.get('www-authenticate'), none.body.errors![0].extensions.code]).toEqual([
        401,
        'Bearer realm="plan-atlas"',
        'auth/unauthenticated',
      ]);
      const wrong = await upload(tongzhou, {
        ...asEditor('tongzhou.txt'),
        authorization: 'Bearer pa_notatokennotatokennotatokennotatokennota',
      });
      expect([wrong.status, wrong.body.errors![0].extensions.code]).toEqual([401, 'auth/unauthenticated']);
      const { token, record } = await createToken(db.dataSource, Role.EDITOR, 'revoked');
      await revokeToken(db.dataSource, String(record.id));
      const revoked = await upload(tongzhou, { ...asEditor('tongzhou.txt'), authorization: `Bearer ${token}` });
      expect([revoked.status, revoked.body.errors![0].extensions.code]).toEqual([401, 'auth/unauthenticated']);
    });

    it('a form or JSON instead of the document itself (415)', async () => {
      for (const type of ['multipart/form-data; boundary=x', 'application/json', 'application/x-www-form-urlencoded']) {
        const sent = await upload(tongzhou, asEditor('tongzhou.txt', type));
        expect([sent.status, sent.body.errors![0].extensions.code], type).toEqual([415, 'request/unsupported_media_type']);
      }
      const untyped = await upload(tongzhou, { authorization: `Bearer ${editor}`, 'x-file-name': 'tongzhou.txt' });
      expect(untyped.status).toBe(415);
    });

    it('a document without a name', async () => {
      const sent = await upload(tongzhou, { authorization: `Bearer ${editor}`, 'content-type': 'text/plain' });
      expect([sent.status, sent.body.errors![0].extensions.code]).toEqual([400, 'request/bad']);
      expect(sent.body.errors![0].message).toContain('X-File-Name');
    });

    it(`a body over ${MAX_PLAN_BYTES} bytes (413)`, async () => {
      const sent = await upload(Buffer.alloc(MAX_PLAN_BYTES + 1, 0x41), asEditor('huge.txt'));
      expect([sent.status, sent.body.errors![0].extensions.code]).toEqual([413, 'request/too_large']);
    });

    it('binary data, with the file, line and field the parser names (422)', async () => {
      const sent = await upload(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(4096)]), asEditor('plan.md'));
      expect(sent.status).toBe(422);
      expect(sent.body.errors![0]).toEqual({
        message: 'plan.md:1: encoding: expected UTF-8 or GB18030 text',
        extensions: { code: 'plan/invalid', file: 'plan.md', line: 1, field: 'encoding', expected: 'UTF-8 or GB18030 text' },
      });
      expect(sent.ms).toBeLessThan(1_000);
    });

    it('text that is not a plan, and a plan cut off half-way', async () => {
      const prose = await upload(Buffer.from('食品安全是天大的事。\n这不是一份工作安排。\n'), asEditor('notes.txt', 'text/plain'));
      expect(prose.status).toBe(422);
      expect(prose.body.errors![0].extensions).toMatchObject({ code: 'plan/invalid', file: 'notes.txt', field: 'section' });
      // Cut inside the main text (it ends at about a quarter of the file, before the 推进表).
      const cut = await upload(xuzhou.subarray(0, Math.floor(xuzhou.length * 0.12)), asEditor('xuzhou-cut.md', 'text/markdown'));
      expect(cut.status).toBe(422);
      expect(cut.body.errors![0].extensions).toMatchObject({ code: 'plan/invalid', file: 'xuzhou-cut.md' });
      expect(cut.body.errors![0].extensions.line).toBeGreaterThan(1);
    });

    it('a .docx that inflates past 32 MiB (422), before inflating it', async () => {
      const sent = await upload(
        buildDocxBomb(64 * 2 ** 20),
        asEditor('bomb.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      );
      expect([sent.status, sent.body.errors![0].extensions]).toEqual([
        422,
        { code: 'plan/invalid', file: 'bomb.docx', line: 1, field: 'docx', expected: 'a Word document of at most 32 MB uncompressed' },
      ]);
      expect(sent.ms).toBeLessThan(2_000);
    });

    it('an empty body', async () => {
      const sent = await upload(new Uint8Array(0), asEditor('empty.txt'));
      expect([sent.status, sent.body.errors![0].extensions.field]).toEqual([422, 'content']);
    });
  });

  describe('imports', () => {
    it('a UTF-8 plan as the CLI does (201), then the same bytes again as unchanged (200)', async () => {
      const created = await upload(tongzhou, asEditor('tongzhou-2021.txt', 'text/plain; charset=utf-8'));
      expect(created.status).toBe(201);
      expect(created.body.plan).toMatchObject({
        id: toGlobalId('Plan', '320612-2021'),
        planId: '320612-2021',
        status: 'created',
        sections: 7,
        tasks: 22,
      });
      const again = await upload(tongzhou, asEditor('tongzhou-2021.txt'));
      expect([again.status, again.body.plan!.status]).toEqual([200, 'unchanged']);
    });

    it('a GB18030 plan with a Chinese file name', async () => {
      const bytes = iconv.encode(xuzhou.toString('utf8'), 'gb18030');
      const created = await upload(bytes, asEditor('徐州市2021年食品安全重点工作安排.md', 'text/markdown'));
      expect(created.status).toBe(201);
      expect(created.body.plan).toMatchObject({ planId: '320300-2021', sections: 8, tasks: 19 });
      const [plan] = await db.dataSource.query(
        `SELECT source_file_name, position('徐州市' in source_text) > 0 AS readable FROM plan WHERE id = '320300-2021'`,
      );
      expect(plan).toEqual({ source_file_name: '徐州市2021年食品安全重点工作安排.md', readable: true });
    });

    it("recording who imported what in the audit log, in the import's transaction", async () => {
      const rows: {
        actor: string;
        mutation: string;
        args: { fileName: string; sha256: string };
        before: unknown;
        after: { planId: string };
      }[] = await db.dataSource.query(
        `SELECT actor, mutation, args, before, after FROM audit_log WHERE mutation = 'importPlan' ORDER BY id`,
      );
      expect(rows.map((row) => [row.actor, row.args.fileName, row.before, row.after.planId])).toEqual([
        ['upload-test', 'tongzhou-2021.txt', null, '320612-2021'],
        ['upload-test', '徐州市2021年食品安全重点工作安排.md', null, '320300-2021'],
      ]);
    });

    it('and the plans are then served by GraphQL', async () => {
      const { data } = await api.query(`{ plans { totalCount nodes { year jurisdiction { code } } } }`);
      expect(data!.plans.totalCount).toBe(2);
    });
  });
});

describe('POST /api/plans: failures after the token or the commit', () => {
  let db: TestDatabase;
  let api: TestApi;
  let editor: string;
  const logged: string[] = [];

  const upload = async (bytes: Uint8Array, fileName: string) => {
    const response = await fetch(`${api.url}/api/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'text/plain', 'x-file-name': fileName },
      body: new Blob([bytes]),
    });
    return { status: response.status, body: (await response.json()) as Uploaded['body'] };
  };
  const themedTasks = async (planId: string): Promise<number> =>
    (
      await db.dataSource.query(
        `SELECT count(DISTINCT task_id)::int AS count FROM task_theme JOIN task ON task.id = task_theme.task_id WHERE task.plan_id = $1`,
        [planId],
      )
    )[0].count;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    api = await startTestApi(db.dataSource, { log: (message) => logged.push(message) });
    editor = (await createToken(db.dataSource, Role.EDITOR, 'upload-test')).token;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers 201 with aligned: false when the alignment fails after the commit, and the same bytes again align it', async () => {
    await db.dataSource.query(`
      CREATE FUNCTION refuse_task_theme() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'task_theme refused by the test'; END $$;
      CREATE TRIGGER refuse_task_theme BEFORE INSERT ON task_theme FOR EACH STATEMENT EXECUTE FUNCTION refuse_task_theme();
    `);
    const created = await upload(tongzhou, 'tongzhou-2021.txt');
    expect([created.status, created.body.plan?.status, created.body.plan?.aligned]).toEqual([201, 'created', false]);
    expect(await db.dataSource.query(`SELECT id FROM plan`)).toEqual([{ id: '320612-2021' }]);
    expect(await themedTasks('320612-2021')).toBe(0);
    expect(logged.join('\n')).toMatch(/Imported 320612-2021 but could not align them[^]*task_theme refused by the test/);

    await db.dataSource.query(`DROP TRIGGER refuse_task_theme ON task_theme; DROP FUNCTION refuse_task_theme()`);
    const again = await upload(tongzhou, 'tongzhou-2021.txt');
    expect([again.status, again.body.plan?.status, again.body.plan?.aligned]).toEqual([200, 'unchanged', true]);
    expect(await themedTasks('320612-2021')).toBe(22);
  });

  it('logs an unexpected error of the token lookup, answering 500', async () => {
    logged.length = 0;
    await db.dataSource.query(`ALTER TABLE api_token RENAME TO api_token_away`);
    try {
      const refused = await upload(xuzhou, 'xuzhou-2021.md');
      expect([refused.status, refused.body.errors![0].extensions.code]).toEqual([500, 'server/internal']);
    } finally {
      await db.dataSource.query(`ALTER TABLE api_token_away RENAME TO api_token`);
    }
    expect(logged.join('\n')).toMatch(/Plan upload failed: .*relation "api_token" does not exist/);
  });
});
