import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { seedsDir } from '../common/paths.js';
import { loadReferenceData } from '../reference/reference.service.js';
import { importPlan, importSeedsIfEmpty } from './import-service.js';
import { PlanParseError } from './parsed-plan.js';
import { SEARCH_INDEX } from '../task/search-index.js';
import { buildDocx, htmlPage, seedLines } from './testing/fixtures.js';

const TABLES = ['jurisdiction', 'plan', 'section', 'task', 'clause', 'schedule_item', 'indicator', 'agency', 'assignment'];
const ORDER: Record<string, string> = { jurisdiction: 'code' };

const seed = (name: string) => readFileSync(join(seedsDir, name));
const tongzhouText = seed('tongzhou-2021.txt').toString('utf8');
const TONGZHOU_PLAN = '320612-2021';
const XUZHOU_PLAN = '320300-2021';

/** Every row of every table, in key order: two equal dumps mean nothing was written. */
async function dump(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    result[table] = await db.dataSource.query(`SELECT * FROM ${table} ORDER BY ${ORDER[table] ?? 'id'}`);
  }
  return result;
}

async function counts(db: TestDatabase): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
    result[table] = count;
  }
  return result;
}

async function agencyNames(db: TestDatabase, jurisdictionCode: string): Promise<string[]> {
  const rows: { name: string }[] = await db.dataSource.query(
    `SELECT name FROM agency WHERE jurisdiction_code = $1 ORDER BY name COLLATE "C"`,
    [jurisdictionCode],
  );
  return rows.map((row) => row.name);
}

const byCodeUnit = (names: string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Counted by hand from the brackets of tongzhou-2021.txt, abbreviations merged. */
const TONGZHOU_AGENCIES = byCodeUnit([
  '南通高新区管委会',
  '各镇（街道）人民政府（办事处）',
  '区食安委成员单位', // 区食安委各成员单位, 区食品安全委员会(各)成员单位, 区食安委各成员部门
  '区食安办',
  '区发展改革委', // printed 区发改委
  '区农业农村局',
  '区商务局',
  '区市场监管局',
  '区自然资源和规划局',
  '区卫生健康委',
  '区教体局',
  '区公安局',
  '区供销合作总社',
  '区委宣传部',
  '区文化广电和旅游局',
  '区交通运输局',
  '区生态环境局',
  '区财政局',
  '区行政审批局',
  '区科技局',
  '区司法局',
]);

/** Counted by hand from the brackets and the 推进表 unit columns of xuzhou-2021.md. */
const XUZHOU_AGENCIES = byCodeUnit([
  '各县（市）区人民政府', // also 有关县(市)区人民政府, and the 政府 of 各县(市)区党委、政府
  '各县（市）区党委',
  '市市场监管局', // also 市场监管局 (row 27)
  '市农业农村局',
  '市卫生健康委', // also 市卫健委
  '市自然资源和规划局',
  '市教育局',
  '市公安局',
  '市商务局',
  '市供销合作总社',
  '市委宣传部',
  '市文化广电和旅游局',
  '市交通运输局',
  '市邮政管理局',
  '市城市管理局',
  '徐州海关',
  '市生态环境局',
  '市发展改革委',
  '市财政局',
  '市食安委成员单位', // 各/有关/相关 成员单位
  '市食安办', // printed 市食安委办公室
  '市司法局',
  '市科协',
  '有关部门', // 市食安委成员单位及有关部门
]);

describe('importPlan', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
  });
  afterAll(() => db.drop());

  it('imports both seeds', async () => {
    const tongzhou = await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: seed('tongzhou-2021.txt') });
    expect(tongzhou).toEqual({
      planId: TONGZHOU_PLAN,
      status: 'created',
      jurisdictionCode: '320612',
      year: 2021,
      sections: 7,
      tasks: 22,
      clauses: 37,
      agencies: 21,
      indicators: expect.any(Number),
      scheduleItems: 0,
      aligned: true,
    });
    const xuzhou = await importPlan(db.dataSource, { fileName: 'xuzhou-2021.md', bytes: seed('xuzhou-2021.md') });
    expect(xuzhou).toMatchObject({
      planId: XUZHOU_PLAN,
      status: 'created',
      jurisdictionCode: '320300',
      sections: 8,
      tasks: 19,
      clauses: 39,
      agencies: 24,
      scheduleItems: 37,
    });
    const [plan] = await db.dataSource.query(`SELECT * FROM plan WHERE id = $1`, [TONGZHOU_PLAN]);
    expect(plan).toMatchObject({
      document_number: '通食安办〔2021〕2号',
      source_format: 'TEXT',
      source_file_name: 'tongzhou-2021.txt',
      source_bytes: null,
    });
    expect(plan.source_text).toBe(tongzhouText);
  });

  it('leaves none of the tasks it wrote pending in the search index, which every search would read whole', async () => {
    // gin_clean_pending_list says how many pages it moved: none, if the import moved them already.
    const [{ pages }] = await db.dataSource.query(`SELECT gin_clean_pending_list(CAST($1 AS regclass))::int AS pages`, [
      `"${SEARCH_INDEX}"`,
    ]);
    expect(pages).toBe(0);
    const [{ tasks }] = await db.dataSource.query(`SELECT count(*)::int AS tasks FROM task`);
    expect(tasks).toBe(41);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await dump(db);
    for (const name of ['tongzhou-2021.txt', 'xuzhou-2021.md']) {
      const summary = await importPlan(db.dataSource, { fileName: name, bytes: seed(name) });
      expect(summary.status).toBe('unchanged');
    }
    expect(await dump(db)).toEqual(before);
  });

  it('records the roles of Tongzhou task 6: two leads, five shared', async () => {
    const rows: { role: string; printed_name: string }[] = await db.dataSource.query(
      `SELECT a.role, a.printed_name FROM assignment a JOIN clause c ON c.id = a.clause_id
       WHERE c.task_id = $1 ORDER BY c.ordinal, a.ordinal`,
      [`${TONGZHOU_PLAN}-t6`],
    );
    expect(rows.filter((row) => row.role === 'LEAD').map((row) => row.printed_name)).toEqual(['区市场监管局', '区农业农村局']);
    expect(rows.filter((row) => row.role === 'SHARED')).toHaveLength(5);
    expect(rows).toHaveLength(7);
  });

  it('links each of Xuzhou’s 37 schedule rows to a task of its plan', async () => {
    const rows: { ordinal: number; task_ordinal: number }[] = await db.dataSource.query(
      `SELECT s.ordinal, t.ordinal AS task_ordinal FROM schedule_item s JOIN task t ON t.id = s.task_id
       WHERE s.plan_id = $1 AND t.plan_id = $1 ORDER BY s.ordinal`,
      [XUZHOU_PLAN],
    );
    expect(rows.map((row) => row.ordinal)).toEqual(Array.from({ length: 37 }, (_, index) => index + 1));
    // Row 1 (全市农产品和食品抽检量) belongs to task 1; row 37 (落实台账) to task 19.
    expect(rows[0].task_ordinal).toBe(1);
    expect(rows[36].task_ordinal).toBe(19);
  });

  it('keeps one agency per unit in each jurisdiction, aliases merged', async () => {
    expect(await agencyNames(db, '320612')).toEqual(TONGZHOU_AGENCIES);
    expect(await agencyNames(db, '320300')).toEqual(XUZHOU_AGENCIES);
    const [health] = await db.dataSource.query(`SELECT * FROM agency WHERE jurisdiction_code = '320300' AND name = '市卫生健康委'`);
    expect(health).toMatchObject({ kind: 'HEALTH', collective: false, aliases: ['市卫健委'] });
    const [members] = await db.dataSource.query(`SELECT * FROM agency WHERE jurisdiction_code = '320612' AND name = '区食安委成员单位'`);
    expect(members).toMatchObject({ kind: 'FOOD_SAFETY_COMMITTEE_MEMBERS', collective: true });
    expect(members.aliases).toEqual(byCodeUnit(['区食安委各成员单位', '区食品安全委员会成员单位', '区食安委各成员部门']));
    // The printed form stays on the assignment.
    const printed: { printed_name: string }[] = await db.dataSource.query(
      `SELECT DISTINCT a.printed_name FROM assignment a JOIN agency g ON g.id = a.agency_id WHERE g.name = '市卫生健康委'`,
    );
    expect(printed.map((row) => row.printed_name).sort()).toEqual(['市卫健委', '市卫生健康委'].sort());
  });

  it('refuses random bytes and a truncated plan with a line-numbered message, writing nothing', async () => {
    const before = await dump(db);
    const random = importPlan(db.dataSource, { fileName: 'random.txt', bytes: randomBytes(4096) });
    await expect(random).rejects.toBeInstanceOf(PlanParseError);
    await expect(random).rejects.toThrow(/^random\.txt:\d+: \S+: expected /);
    // Cut inside task 6's bracket: the document ends in the middle of a sentence.
    const cut = tongzhouText.indexOf('区公安局、区商务局、区供销合作总社');
    const truncated = importPlan(db.dataSource, {
      fileName: 'tongzhou-truncated.txt',
      bytes: Buffer.from(tongzhouText.slice(0, cut)),
    });
    await expect(truncated).rejects.toThrow(/^tongzhou-truncated\.txt:\d+: \S+: expected /);
    expect(await dump(db)).toEqual(before);
  });

  it('refuses a plan whose issuer names no known jurisdiction, at the issuer’s line', async () => {
    const before = await dump(db);
    const elsewhere = tongzhouText.replaceAll('南通市通州区', '某市某区').replaceAll('通州区', '某区');
    await expect(importPlan(db.dataSource, { fileName: 'elsewhere.txt', bytes: Buffer.from(elsewhere) })).rejects.toThrow(
      /^elsewhere\.txt:2: issuer: expected .*unknown: no jurisdiction named in issuer "某市某区食品安全委员会办公室"/,
    );
    expect(await dump(db)).toEqual(before);
  });

  it('replaces a revised plan in one transaction, keeping the ids of what remains', async () => {
    const [oldPlan] = await db.dataSource.query(`SELECT source_sha256 FROM plan WHERE id = $1`, [TONGZHOU_PLAN]);
    const secondClause =
      '推动各相关部门建立食品安全重点工作安排落实台账并按季度调度。将食品安全重点工作安排落实情况作为年底前向区委市政府报告的重要内容。〔区食安办、区食安委成员单位按职责分工负责〕';
    expect(tongzhouText).toContain(secondClause);
    const revised = tongzhouText
      .replace('市场监管环节食品安全监督抽检量达到6批次/千人', '市场监管环节食品安全监督抽检量达到7批次/千人')
      .replace('按方案优先接种疫苗。〔区卫生健康委负责〕', '按方案优先接种疫苗。〔区卫健委负责〕')
      .replace(secondClause, '');
    const summary = await importPlan(db.dataSource, { fileName: 'tongzhou-2021-rev.txt', bytes: Buffer.from(revised) });
    expect(summary).toMatchObject({ planId: TONGZHOU_PLAN, status: 'replaced', tasks: 22, clauses: 36 });

    const [plan] = await db.dataSource.query(`SELECT source_sha256, source_file_name FROM plan WHERE id = $1`, [TONGZHOU_PLAN]);
    expect(plan.source_sha256).not.toBe(oldPlan.source_sha256);
    expect(plan.source_file_name).toBe('tongzhou-2021-rev.txt');
    const clauseIds: { id: string }[] = await db.dataSource.query(`SELECT id FROM clause WHERE task_id = $1`, [`${TONGZHOU_PLAN}-t22`]);
    expect(clauseIds.map((row) => row.id)).toEqual([`${TONGZHOU_PLAN}-t22-c1`]);
    const [sampling] = await db.dataSource.query(
      `SELECT value FROM indicator WHERE task_id = $1 AND subject = '市场监管环节食品安全监督抽检量'`,
      [`${TONGZHOU_PLAN}-t4`],
    );
    expect(sampling.value).toBe(7);
    const [health] = await db.dataSource.query(`SELECT aliases FROM agency WHERE jurisdiction_code = '320612' AND name = '区卫生健康委'`);
    expect(health.aliases).toEqual(['区卫健委']);
    expect(await agencyNames(db, '320612')).toEqual(TONGZHOU_AGENCIES);
    const [{ count: plans }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM plan`);
    expect(plans).toBe(2);
    const [{ count: orphans }] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM assignment a LEFT JOIN clause c ON c.id = a.clause_id
       WHERE a.clause_id IS NOT NULL AND c.id IS NULL`,
    );
    expect(orphans).toBe(0);
  });

  it('leaves the old revision whole when writing the new one fails', async () => {
    await db.dataSource.query(`
      CREATE FUNCTION refuse_999() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.value = 999 THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$`);
    await db.dataSource.query(`CREATE TRIGGER refuse_999 BEFORE INSERT OR UPDATE ON indicator FOR EACH ROW EXECUTE FUNCTION refuse_999()`);
    try {
      const before = await dump(db);
      const failing = tongzhouText
        .replace('达到6批次/千人', '达到999批次/千人')
        .replace('〔区市场监管局负责〕督促学校', '〔区卫健委负责〕督促学校');
      await expect(importPlan(db.dataSource, { fileName: 'tongzhou-2021-bad.txt', bytes: Buffer.from(failing) })).rejects.toThrow(
        /refused by test trigger/,
      );
      expect(await dump(db)).toEqual(before);
    } finally {
      await db.dataSource.query(`DROP TRIGGER refuse_999 ON indicator; DROP FUNCTION refuse_999()`);
    }
  });
});

describe('concurrent imports', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
  });
  afterAll(() => db.drop());

  it('of the same file write it once', async () => {
    const file = { fileName: 'xuzhou-2021.md', bytes: seed('xuzhou-2021.md') };
    const summaries = await Promise.all([1, 2, 3].map(() => importPlan(db.dataSource, file)));
    expect(summaries.map((summary) => summary.status).sort()).toEqual(['created', 'unchanged', 'unchanged']);
    const rows = await counts(db);
    expect(rows).toMatchObject({ plan: 1, task: 19, schedule_item: 37, agency: 24 });
  });
});

describe('importSeedsIfEmpty', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
  });
  afterAll(() => db.drop());

  it('imports the seed plans into an empty database, and only then', async () => {
    const logged: string[] = [];
    const version = async (): Promise<number> => Number((await db.dataSource.query(`SELECT version FROM data_version`))[0].version);
    const before = await version();
    const summaries = await importSeedsIfEmpty(db.dataSource, { log: (line) => logged.push(line) });
    expect(summaries?.map((summary) => [summary.planId, summary.status, summary.aligned])).toEqual([
      [TONGZHOU_PLAN, 'created', true],
      [XUZHOU_PLAN, 'created', true],
    ]);
    // Each plan's write moves the data version on once, and so does each alignment of a group:
    // both seeds are Jiangsu 2021, aligned once.
    expect((await version()) - before).toBe(3);
    expect(logged[0]).toMatch(/^tongzhou-2021\.txt: created 320612-2021: 7 sections, 22 tasks, 37 clauses, 21 agencies/);
    expect(await importSeedsIfEmpty(db.dataSource)).toBeNull();
    expect((await counts(db)).plan).toBe(2);
  });
});

describe('other formats', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
  });
  afterAll(() => db.drop());

  const paragraphs = seedLines('tongzhou-2021.txt').filter((line) => line.trim().length > 0);
  const stored = async () => (await db.dataSource.query(`SELECT source_format, source_bytes FROM plan WHERE id = $1`, [TONGZHOU_PLAN]))[0];

  it('keep the original bytes of a page or a .docx, and replace each other as revisions', async () => {
    const html = Buffer.from(htmlPage(paragraphs, null));
    expect(await importPlan(db.dataSource, { fileName: 'tongzhou.html', bytes: html })).toMatchObject({
      planId: TONGZHOU_PLAN,
      status: 'created',
      tasks: 22,
      clauses: 37,
      agencies: 21,
    });
    expect(await stored()).toEqual({ source_format: 'HTML', source_bytes: html });

    const docx = buildDocx(paragraphs);
    expect(await importPlan(db.dataSource, { fileName: 'tongzhou.docx', bytes: docx })).toMatchObject({
      status: 'replaced',
      tasks: 22,
      clauses: 37,
    });
    expect(await stored()).toEqual({ source_format: 'DOCX', source_bytes: docx });

    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: seed('tongzhou-2021.txt') });
    expect(await stored()).toEqual({ source_format: 'TEXT', source_bytes: null });
    expect(await agencyNames(db, '320612')).toEqual(TONGZHOU_AGENCIES);
  });
});
