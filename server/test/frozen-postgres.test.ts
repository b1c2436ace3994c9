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
import { FROZEN_DETECTION_MS } from '../src/db/watchdog.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { signalCluster } from './postgres-processes.js';

/** SECURITY.md "Database faults": every request on a frozen database is answered within 5 s. */
const DOCUMENTED_BOUND_MS = 5_000;
/** What the assertion allows on a loaded 2-core machine: the documented bound plus the box's own delays. */
const ASSERTED_BOUND_MS = DOCUMENTED_BOUND_MS + 2_000;

interface Answer {
  what: string;
  status: number;
  code?: string;
  started: number;
  ms: number;
}

/**
 * A PostgreSQL that stops answering without closing anything (every process of it SIGSTOPped):
 * statement_timeout cannot fire on a frozen server, so only the client side (the pool's watchdog,
 * the connection timeout) can bound the wait. Requests already running on pooled connections,
 * requests that arrive later, health checks and uploads must all be answered 503 within the
 * documented bound, and everything must work again once the database resumes (SIGCONT).
 */
describe('a frozen PostgreSQL', () => {
  let dir: string;
  let postgres: RunningPostgres;
  let dataSource: DataSource;
  let api: TestApi;
  let token: string;
  const dataDir = () => join(dir, 'data');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plan-atlas-frozen-pg-'));
    chmodSync(dir, 0o755);
    postgres = await startEmbeddedPostgres(dataDir(), { port: await freePort() });
    await ensureDatabase(postgres.url, 'plan_atlas');
    dataSource = createDataSource({ url: postgres.urlFor('plan_atlas'), statementTimeoutMs: 15_000 });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await insertJurisdictions(dataSource);
    await insertPlan(dataSource, samplePlan('320612', 2021));
    token = (await createToken(dataSource, Role.EDITOR, 'frozen-test')).token;
    api = await startTestApi(dataSource);
  });
  afterAll(async () => {
    if (dir) signalCluster(dataDir(), 'SIGCONT');
    await api?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const requests: Record<string, () => Promise<Response>> = {
    count: () => fetch(`${api.url}/graphql`, post({ query: '{ plans { totalCount } }' })),
    plan: () =>
      fetch(
        `${api.url}/graphql`,
        post({ query: '{ plans(first: 5) { nodes { id title sections { title tasks { title clauses { text } } } } } }' }),
      ),
    search: () =>
      fetch(`${api.url}/graphql`, post({ query: '{ tasks(first: 10, filter: { text: "食品" }) { totalCount nodes { title } } }' })),
    readyz: () => fetch(`${api.url}/readyz`),
    upload: () =>
      fetch(`${api.url}/api/plans`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-file-name': 'p.txt' },
        body: 'x',
      }),
  };
  const post = (body: object): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const send = async (what: string): Promise<Answer> => {
    const started = performance.now();
    const response = await requests[what]!();
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { what, status: response.status, code: body.errors?.[0]?.extensions?.code, started, ms: performance.now() - started };
  };

  it('answers every request 503 within the documented bound, and recovers when it resumes', async () => {
    expect(FROZEN_DETECTION_MS).toBeLessThanOrEqual(DOCUMENTED_BOUND_MS);
    // What each answers while the database is there (the upload's 'x' is refused by the parser: 422).
    const normal: Record<string, number> = {};
    for (const what of Object.keys(requests)) normal[what] = (await send(what)).status;
    expect(normal).toEqual({ count: 200, plan: 200, search: 200, readyz: 200, upload: 422 });

    // Readers in a loop, so that some are running on pooled connections when the database freezes.
    const answers: Answer[] = [];
    let frozenAt = Infinity;
    let reading = true;
    const reader = async (kinds: string[]) => {
      for (let turn = 0; reading; turn++) answers.push(await send(kinds[turn % kinds.length]!));
    };
    const readers = [['count'], ['plan'], ['search', 'count'], ['plan', 'readyz'], ['count', 'upload']].map(reader);
    await new Promise((resolve) => setTimeout(resolve, 500));
    frozenAt = performance.now();
    const frozen = signalCluster(dataDir(), 'SIGSTOP');
    expect(frozen.length).toBeGreaterThan(3);
    await new Promise((resolve) => setTimeout(resolve, 9_000));
    reading = false;
    // Late arrivals while still frozen (the watchdog refuses new connections at once by now).
    const late = await Promise.all(Object.keys(requests).map(send));
    signalCluster(dataDir(), 'SIGCONT');
    const resumedAt = performance.now();
    await Promise.all(readers);

    const during = [...answers.filter((answer) => answer.started + answer.ms > frozenAt && answer.started < resumedAt), ...late];
    // Each is timed from when it was sent, or from the freeze for those already running then.
    const waits = during.map((answer) => ({ ...answer, wait: answer.started + answer.ms - Math.max(answer.started, frozenAt) }));
    const slowest = Math.max(...waits.map((answer) => answer.wait));
    const refused = waits.filter((answer) => answer.status === 503);
    console.log(
      `Frozen database: ${waits.length} requests answered, ${refused.length} with 503, the slowest ${slowest.toFixed(0)} ms ` +
        `after it was sent or the database froze; late arrivals ` +
        late.map((answer) => `${answer.what} ${answer.ms.toFixed(0)} ms`).join(', '),
    );
    for (const answer of waits) {
      // The usual answer only for those the database answered just before it froze.
      if (answer.status !== normal[answer.what] && answer.what !== 'readyz') {
        expect([answer.what, answer.status, answer.code]).toEqual([answer.what, 503, 'database/unavailable']);
      }
      expect([normal[answer.what], 503]).toContain(answer.status);
      expect(answer.wait, `${answer.what} answered ${answer.status}`).toBeLessThan(ASSERTED_BOUND_MS);
    }
    // Those sent after the freeze cannot have been answered from the database.
    for (const answer of waits.filter((answer) => answer.started > frozenAt)) {
      expect(answer.status).toBe(503);
    }
    expect(late.every((answer) => answer.status === 503)).toBe(true);

    let recovered = await send('plan');
    while (recovered.status !== 200 && performance.now() - resumedAt < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      recovered = await send('plan');
    }
    console.log(`Answered again ${(performance.now() - resumedAt).toFixed(0)} ms after the database resumed`);
    expect(recovered.status).toBe(200);
    for (const what of Object.keys(requests)) expect((await send(what)).status, what).toBe(normal[what]);
  }, 60_000);
});
