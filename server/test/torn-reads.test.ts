import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsDir } from '../src/common/paths.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Issue 16: a GraphQL answer is built by several statements; while a plan is re-imported, none may
 * mix two revisions. Two revisions of the Tongzhou plan (the same 发文字号, so each import replaces
 * the other) alternate 24 times while 8 clients read the plan 1,000 times, half through the read
 * cache. Every answer must equal, field for field, the answer read at rest from one revision.
 */
const revisionA = readFileSync(join(seedsDir, 'tongzhou-2021.txt'), 'utf8');
const revisionB = revisionA
  .replace('1.  强化党政同责。', '1.  全面强化党政同责。')
  .replace('达到6批次/千人', '达到7批次/千人')
  .replace('组织开展春秋季校园食品安全专项检查，切实加大日常监管力度。', '组织开展春秋季校园食品安全专项检查。');

const PLAN = `{
  plan(id: "${toGlobalId('Plan', '320612-2021')}") {
    sourceSha256
    title
    sections {
      title
      tasks {
        label
        title
        clauses { text assignments { role agency { name } } }
        indicators { value unit }
      }
    }
  }
}`;

const READS = 1_000;
const READERS = 8;
const IMPORTS = 24;

describe('reads during re-imports', () => {
  let db: TestDatabase;
  let apis: TestApi[];

  const importRevision = (text: string) =>
    importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: Buffer.from(text) }, { align: false });

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    apis = [await startTestApi(db.dataSource), await startTestApi(db.dataSource, { readCache: true })];
  });
  afterAll(async () => {
    for (const api of apis ?? []) await api.close();
    await db?.drop();
  });

  it(`never mix two revisions of a plan (${READS} reads racing ${IMPORTS} re-imports)`, async () => {
    // Each revision's answer, read at rest.
    const expected = new Map<string, string>();
    for (const text of [revisionB, revisionA]) {
      await importRevision(text);
      const { data, errors } = await apis[0].query(PLAN);
      expect(errors).toBeUndefined();
      expected.set(data!.plan.sourceSha256, JSON.stringify(data));
    }
    expect(expected.size).toBe(2);
    const [answerB, answerA] = [...expected.values()];
    expect(answerA).not.toBe(answerB);
    expect(answerB).toContain('全面强化党政同责');
    expect(answerA).not.toContain('全面强化党政同责');

    let imports = 0;
    const importing = (async () => {
      for (; imports < IMPORTS; imports++) await importRevision(imports % 2 === 0 ? revisionB : revisionA);
    })();

    let issued = 0;
    const seen = { consistent: 0, torn: 0, duringImports: 0, revisions: new Set<string>() };
    const torn: string[] = [];
    const reader = async (client: number) => {
      while (issued < READS) {
        issued++;
        const api = apis[client % apis.length];
        const importsBefore = imports;
        const { data, errors } = await api.query(PLAN);
        expect(errors).toBeUndefined();
        const sha = data!.plan.sourceSha256 as string;
        seen.revisions.add(sha);
        if (imports < IMPORTS && importsBefore < IMPORTS) seen.duringImports++;
        if (expected.get(sha) === JSON.stringify(data)) seen.consistent++;
        else {
          seen.torn++;
          if (torn.length < 3) torn.push(JSON.stringify(data).slice(0, 300));
        }
      }
    };
    await Promise.all([importing, ...Array.from({ length: READERS }, (_, client) => reader(client))]);

    expect({ torn: seen.torn, examples: torn }).toEqual({ torn: 0, examples: [] });
    expect(seen.consistent).toBe(issued);
    // The race was real: both revisions were served, and most reads ran while imports did.
    expect(seen.revisions.size).toBe(2);
    expect(seen.duringImports).toBeGreaterThan(READS / 4);
  }, 300_000);
});
