import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/api-token.entity.js';
import { createToken } from '../src/auth/token.service.js';
import { ensureDatabase } from '../src/db/database.js';
import { createDataSource } from '../src/db/data-source.js';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../src/db/embedded.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { loadThemeSeeds } from '../src/theme/theme.service.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';

/**
 * The server over a PostgreSQL of its own (embedded, in a temporary folder: never the machine's
 * server, nor the one other test files share) that the test stops and starts again.
 */
describe('a PostgreSQL restart', () => {
  let dir: string;
  let port: number;
  let postgres: RunningPostgres | undefined;
  let dataSource: DataSource;
  let api: TestApi;
  let token: string;
  const query = `{ plans { totalCount } }`;

  const graphql = async (body: object, headers: Record<string, string> = {}) => {
    const started = performance.now();
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as any,
      ms: performance.now() - started,
    };
  };
  const get = async (path: string) => {
    const response = await fetch(`${api.url}${path}`);
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plan-atlas-restart-pg-'));
    // When run as root, PostgreSQL runs as the `postgres` system user, which must reach the folder.
    chmodSync(dir, 0o755);
    port = await freePort();
    postgres = await startEmbeddedPostgres(join(dir, 'data'), { port });
    await ensureDatabase(postgres.url, 'plan_atlas');
    dataSource = createDataSource({ url: postgres.urlFor('plan_atlas'), statementTimeoutMs: 15_000 });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await insertJurisdictions(dataSource);
    await insertPlan(dataSource, samplePlan('320612', 2021));
    await loadThemeSeeds(dataSource);
    token = (await createToken(dataSource, Role.EDITOR, 'restart-test')).token;
    api = await startTestApi(dataSource);
  });
  afterAll(async () => {
    await api?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is answered with clear 503s while the database is down, and recovers on its own', async () => {
    expect((await graphql({ query })).body).toEqual({ data: { plans: { totalCount: 1 } } });

    await postgres!.stop();
    postgres = undefined;

    const down = await graphql({ query });
    expect(down.status).toBe(503);
    expect(down.retryAfter).toBe('5');
    expect(down.body.errors[0]).toMatchObject({
      message: 'The database is unavailable; try again in a few seconds.',
      extensions: { code: 'database/unavailable' },
    });
    expect(down.ms).toBeLessThan(6_000);

    const mutation = `mutation { setTaskThemes(taskId: "${toGlobalId('Task', '320612-2021-t1')}", themeKeys: ["local-responsibility"]) { themes { theme { key } } } }`;
    const change = await graphql({ query: mutation }, { authorization: `Bearer ${token}` });
    expect([change.status, change.body.errors[0].extensions.code]).toEqual([503, 'database/unavailable']);

    const upload = await fetch(`${api.url}/api/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-file-name': 'p.txt' },
      body: 'x',
    });
    expect([upload.status, ((await upload.json()) as any).errors[0].extensions.code]).toEqual([503, 'database/unavailable']);

    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'unavailable', database: 'unreachable' } });
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok', database: 'unreachable' } });

    postgres = await startEmbeddedPostgres(join(dir, 'data'), { port });
    const restarted = performance.now();
    let answer = await graphql({ query });
    while (answer.status !== 200 && performance.now() - restarted < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await graphql({ query });
    }
    console.log(`Answered again ${(performance.now() - restarted).toFixed(0)} ms after PostgreSQL was back`);
    expect(answer.body).toEqual({ data: { plans: { totalCount: 1 } } });
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'ok' } });
    const changed = await graphql({ query: mutation }, { authorization: `Bearer ${token}` });
    expect([changed.status, changed.body]).toEqual([
      200,
      { data: { setTaskThemes: { themes: [{ theme: { key: 'local-responsibility' } }] } } },
    ]);
  });
});
