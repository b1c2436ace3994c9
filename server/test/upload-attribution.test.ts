import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/api-token.entity.js';
import { createToken } from '../src/auth/token.service.js';
import { seedsDir } from '../src/common/paths.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const tongzhou = readFileSync(join(seedsDir, 'tongzhou-2021.txt'), 'utf8');

/** The seed as another document of the same district and year: its own 发文字号 and title. */
const otherDocument = tongzhou
  .replace('通食安办〔2021〕2号', '通食安办〔2021〕9号')
  .replaceAll('2021年通州区食品安全重点工作\n安排', '2021年通州区食品安全专项整治工作\n安排')
  .replace('2021 年通州区食品安全重点工作安排', '2021年通州区食品安全专项整治工作安排');

/**
 * The seed as a 鼓楼区 plan that says nothing about its city: 鼓楼区 is a district of Nanjing,
 * Xuzhou, Fuzhou and Kaifeng, so the document cannot say whose it is.
 */
const gulou = tongzhou
  .replace('南通市通州区食品安全委员会办公室\n通食安办', '鼓楼区食品安全委员会办公室\n鼓食安办')
  .replaceAll('南通市通州区', '鼓楼区')
  .replaceAll('南通市', '')
  .replaceAll('南通高新区', '高新区')
  .replaceAll('通州', '鼓楼');

interface Answer {
  status: number;
  body: { plan?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

describe('POST /api/plans: whose plan it is, and what it may replace', () => {
  let db: TestDatabase;
  let api: TestApi;
  let editor: string;

  async function upload(text: string, fileName: string, query = ''): Promise<Answer> {
    const response = await fetch(`${api.url}/api/plans${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'text/plain', 'x-file-name': encodeURIComponent(fileName) },
      body: text,
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  async function graphql(query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: Record<string, unknown> };
  }

  const plans = async () => (await db.dataSource.query(`SELECT id, title, attribution FROM plan ORDER BY id`)) as Record<string, string>[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    api = await startTestApi(db.dataSource);
    editor = (await createToken(db.dataSource, Role.EDITOR, 'attribution-test')).token;
    expect((await upload(tongzhou, 'tongzhou-2021.txt')).status).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('refuses a different document for an occupied jurisdiction and year with 409, changing nothing', async () => {
    const before = await plans();
    const answer = await upload(otherDocument, 'other.txt');
    expect(answer.status).toBe(409);
    expect(answer.body.errors?.[0].extensions).toMatchObject({
      code: 'plan/conflict',
      planId: toGlobalId('Plan', '320612-2021'),
      stored: { title: '2021年通州区食品安全重点工作安排', documentNumber: '通食安办〔2021〕2号', sourceFileName: 'tongzhou-2021.txt' },
      incoming: { title: '2021年通州区食品安全专项整治工作安排', documentNumber: '通食安办〔2021〕9号', fileName: 'other.txt' },
    });
    expect(await plans()).toEqual(before);
  });

  it('replaces it with ?replace=true, and the replaced document reads back as a revision', async () => {
    const answer = await upload(otherDocument, 'other.txt', '?replace=true');
    expect(answer.status).toBe(200);
    expect(answer.body.plan).toMatchObject({ status: 'replaced', planId: '320612-2021' });
    const { data } = await graphql(
      `query ($id: ID!) { plan(id: $id) { title revisions { number title documentNumber sourceSha256 replacedBy reason sourceText } } }`,
      { id: toGlobalId('Plan', '320612-2021') },
    );
    const plan = data.plan as { title: string; revisions: Record<string, unknown>[] };
    expect(plan.title).toBe('2021年通州区食品安全专项整治工作安排');
    expect(plan.revisions).toHaveLength(1);
    expect(plan.revisions[0]).toMatchObject({
      number: 1,
      title: '2021年通州区食品安全重点工作安排',
      documentNumber: '通食安办〔2021〕2号',
      replacedBy: 'attribution-test',
      reason: 'replace',
      sourceText: tongzhou,
    });
  });

  it('answers 422 with the candidates when the document does not say whose plan it is, and files it where the user says', async () => {
    const refused = await upload(gulou, 'gulou-2021.txt');
    expect(refused.status).toBe(422);
    const extensions = refused.body.errors?.[0].extensions as {
      code: string;
      field: string;
      candidates: { code: string; fullName: string }[];
    };
    expect(extensions).toMatchObject({ code: 'plan/jurisdiction_unknown', field: 'issuer' });
    const codes = extensions.candidates.map((candidate) => candidate.code);
    expect(codes).toEqual(expect.arrayContaining(['320106', '320302']));
    expect(extensions.candidates.find((candidate) => candidate.code === '320302')?.fullName).toBe('江苏省徐州市鼓楼区');
    expect(refused.body.errors?.[0].message).toMatch(/--jurisdiction/);

    const chosen = await upload(gulou, 'gulou-2021.txt', '?jurisdiction=320302');
    expect(chosen.status).toBe(201);
    expect(chosen.body.plan).toMatchObject({ planId: '320302-2021', jurisdictionCode: '320302' });
    expect((await plans()).find((plan) => plan.id === '320302-2021')).toMatchObject({ attribution: 'USER' });
  });

  it('refuses malformed choices with 400 before reading the file', async () => {
    const before = await plans();
    for (const query of ['?jurisdiction=abc', '?year=21', '?replace=maybe']) {
      const answer = await upload(tongzhou, 't.txt', query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.errors?.[0].extensions.code).toBe('input/invalid');
    }
    const unknown = await upload(otherDocument, 't.txt', '?jurisdiction=999999');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].extensions.code).toBe('jurisdiction/not_found');
    expect(await plans()).toEqual(before);
  });
});
