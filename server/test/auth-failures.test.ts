import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthFailureLog } from '../src/auth/auth-failures.js';
import { Role } from '../src/auth/api-token.entity.js';
import { createToken, revokeToken } from '../src/auth/token.service.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('failed authentication attempts', () => {
  describe('are logged at most `limit` lines a window', () => {
    afterEach(() => vi.useRealTimers());

    it('and the attempts beyond are counted in one line when the window ends', () => {
      vi.useFakeTimers();
      const lines: string[] = [];
      const record = createAuthFailureLog((line) => lines.push(line), { limit: 3, windowMs: 60_000 });
      for (let attempt = 0; attempt < 1_000; attempt++)
        record({ failure: { reason: 'unknown' }, request: 'POST /graphql', from: '203.0.113.7' });
      expect(lines).toHaveLength(3);
      expect(lines[0]).toBe('Authentication failed: a token that matches none, on POST /graphql from 203.0.113.7.');
      vi.advanceTimersByTime(60_000);
      expect(lines.slice(3)).toEqual(['Authentication failed 997 more times within 60 s (not logged one by one).']);
      record({ failure: { reason: 'revoked', tokenId: 4 }, request: 'POST /api/plans', from: undefined });
      expect(lines.slice(4)).toEqual(['Authentication failed: a revoked token (#4), on POST /api/plans from an unknown address.']);
    });
  });

  describe('over HTTP', () => {
    let db: TestDatabase;
    let api: TestApi;
    const logged: string[] = [];
    const mutation = JSON.stringify({
      query: `mutation { setTaskThemes(taskId: "${toGlobalId('Task', '320612-2021-t1')}", themeKeys: []) { id } }`,
    });
    const wrong = 'pa_wrongwrongwrongwrongwrongwrongwrongwrongwro';

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

    const graphql = (authorization?: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: mutation,
      });

    it('name the reason, the request and the address, never the token', async () => {
      const { token, record } = await createToken(db.dataSource, Role.EDITOR, 'revoked-in-test');
      await revokeToken(db.dataSource, String(record.id));
      logged.length = 0;
      await graphql(`Bearer ${wrong}`);
      await graphql('Basic YWRtaW46YWRtaW4=');
      await graphql(`Bearer ${token}`);
      const upload = await fetch(`${api.url}/api/plans`, {
        method: 'POST',
        headers: { authorization: `Bearer ${wrong}`, 'content-type': 'text/plain', 'x-file-name': 'plan.txt' },
        body: 'text',
      });
      expect(upload.status).toBe(401);
      expect(logged).toEqual([
        'Authentication failed: a token that matches none, on POST /graphql from 127.0.0.1.',
        'Authentication failed: an Authorization header that is not `Bearer pa_…`, on POST /graphql from 127.0.0.1.',
        `Authentication failed: a revoked token (#${record.id}), on POST /graphql from 127.0.0.1.`,
        'Authentication failed: a token that matches none, on POST /api/plans from 127.0.0.1.',
      ]);
      for (const secret of [wrong.slice(3, 11), token.slice(3, 11), 'YWRtaW4']) expect(logged.join('\n')).not.toContain(secret);
    });

    it('but requests without a token, or with a valid one, log nothing', async () => {
      const { token } = await createToken(db.dataSource, Role.EDITOR, 'valid-in-test');
      logged.length = 0;
      await graphql();
      const valid = await graphql(`Bearer ${token}`);
      // Past authentication: refused for its empty theme list only.
      const { errors } = (await valid.json()) as { errors: { extensions: { code: string } }[] };
      expect(errors.map((error) => error.extensions.code)).toEqual(['input/invalid']);
      expect(logged).toEqual([]);
    });
  });
});
