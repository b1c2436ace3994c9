import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { seedsDir } from '../common/paths.js';
import { loadReferenceData } from '../reference/reference.service.js';
import { importPlan, PlanConflictError, UnknownJurisdictionError } from './import-service.js';
import { PlanParseError } from './parsed-plan.js';

const tongzhouText = readFileSync(join(seedsDir, 'tongzhou-2021.txt'), 'utf8');
const PLAN = '320612-2021';

/** The seed as another document of the same district and year: its own 发文字号 and title. */
const otherDocument = tongzhouText
  .replace('通食安办〔2021〕2号', '通食安办〔2021〕9号')
  .replaceAll('2021年通州区食品安全重点工作\n安排', '2021年通州区食品安全专项整治工作\n安排')
  .replace('2021 年通州区食品安全重点工作安排', '2021年通州区食品安全专项整治工作安排');

async function stored(db: TestDatabase) {
  const [plan] = await db.dataSource.query(`SELECT title, document_number, source_sha256, attribution FROM plan WHERE id = $1`, [PLAN]);
  const [{ count: tasks }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM task WHERE plan_id = $1`, [PLAN]);
  return { ...plan, tasks };
}

describe('an import never silently replaces another document', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: Buffer.from(tongzhouText) }, { align: false });
  });
  afterAll(() => db?.drop());

  it('refuses a different document for an occupied jurisdiction and year, and changes nothing', async () => {
    expect(otherDocument).not.toBe(tongzhouText);
    const before = await stored(db);
    expect(before).toMatchObject({ title: '2021年通州区食品安全重点工作安排', document_number: '通食安办〔2021〕2号', tasks: 22 });
    const attempt = importPlan(db.dataSource, { fileName: 'other.txt', bytes: Buffer.from(otherDocument) }, { align: false });
    await expect(attempt).rejects.toBeInstanceOf(PlanConflictError);
    await expect(attempt).rejects.toThrow(
      /other\.txt: 320612-2021 already holds a different document, 《2021年通州区食品安全重点工作安排》 \(通食安办〔2021〕2号\).*--replace/,
    );
    expect(await stored(db)).toEqual(before);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM plan_revision`);
    expect(count).toBe(0);
  });

  it('replaces it when asked, keeping the replaced document readable as a revision', async () => {
    const before = await stored(db);
    const summary = await importPlan(
      db.dataSource,
      { fileName: 'other.txt', bytes: Buffer.from(otherDocument) },
      { align: false, replace: true, actor: 'Reviewer' },
    );
    expect(summary).toMatchObject({ planId: PLAN, status: 'replaced' });
    expect(await stored(db)).toMatchObject({ title: '2021年通州区食品安全专项整治工作安排', document_number: '通食安办〔2021〕9号' });
    const revisions = await db.dataSource.query(
      `SELECT id, number, title, document_number, source_text, source_sha256, source_file_name, replaced_by, reason, replaced_at >= imported_at AS ordered
       FROM plan_revision WHERE plan_id = $1`,
      [PLAN],
    );
    expect(revisions).toEqual([
      {
        id: `${PLAN}-v1`,
        number: 1,
        title: '2021年通州区食品安全重点工作安排',
        document_number: '通食安办〔2021〕2号',
        source_text: tongzhouText,
        source_sha256: before.source_sha256,
        source_file_name: 'tongzhou-2021.txt',
        replaced_by: 'Reviewer',
        reason: 'replace',
        ordered: true,
      },
    ]);
  });

  it('takes a revision of the stored document (same 发文字号) without being asked, and keeps the old one', async () => {
    const corrected = otherDocument.replace('达到6批次/千人', '达到7批次/千人');
    const summary = await importPlan(db.dataSource, { fileName: 'other-corrected.txt', bytes: Buffer.from(corrected) }, { align: false });
    expect(summary.status).toBe('replaced');
    const revisions: { number: number; reason: string; replaced_by: string; source_file_name: string }[] = await db.dataSource.query(
      `SELECT number, reason, replaced_by, source_file_name FROM plan_revision WHERE plan_id = $1 ORDER BY number`,
      [PLAN],
    );
    expect(revisions).toEqual([
      { number: 1, reason: 'replace', replaced_by: 'Reviewer', source_file_name: 'tongzhou-2021.txt' },
      { number: 2, reason: 'revision', replaced_by: 'cli', source_file_name: 'other.txt' },
    ]);
    // The same bytes again change nothing and keep no further revision.
    expect((await importPlan(db.dataSource, { fileName: 'again.txt', bytes: Buffer.from(corrected) }, { align: false })).status).toBe(
      'unchanged',
    );
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM plan_revision`);
    expect(count).toBe(2);
  });

  it('files a plan where the user says, and records that a person chose it', async () => {
    const summary = await importPlan(
      db.dataSource,
      { fileName: 'tongzhou-as-2019.txt', bytes: Buffer.from(tongzhouText) },
      { align: false, jurisdictionCode: '320612', year: 2019 },
    );
    expect(summary).toMatchObject({ planId: '320612-2019', status: 'created', year: 2019, tasks: 22 });
    const [plan] = await db.dataSource.query(`SELECT year, attribution FROM plan WHERE id = '320612-2019'`);
    expect(plan).toEqual({ year: 2019, attribution: 'USER' });
  });

  it('reads a plan whose title names no year when the user gives it, and refuses it otherwise', async () => {
    const undated = tongzhouText.replaceAll('2021年通州区', '通州区').replaceAll('2021 年通州区', '通州区');
    expect(undated).not.toMatch(/2021 ?年通州区/);
    const file = { fileName: 'undated.txt', bytes: Buffer.from(undated) };
    await expect(importPlan(db.dataSource, file, { align: false })).rejects.toBeInstanceOf(PlanParseError);
    const summary = await importPlan(db.dataSource, file, { align: false, year: 2018 });
    expect(summary).toMatchObject({ planId: '320612-2018', status: 'created', tasks: 22 });
    const [plan] = await db.dataSource.query(`SELECT title, attribution FROM plan WHERE id = '320612-2018'`);
    expect(plan).toEqual({ title: '通州区食品安全重点工作安排', attribution: 'USER' });
  });

  it('refuses a jurisdiction code the reference data does not hold, writing nothing', async () => {
    const [{ count: before }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM plan`);
    await expect(
      importPlan(db.dataSource, { fileName: 't.txt', bytes: Buffer.from(tongzhouText) }, { align: false, jurisdictionCode: '999999' }),
    ).rejects.toBeInstanceOf(UnknownJurisdictionError);
    const [{ count: after }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM plan`);
    expect(after).toBe(before);
  });
});
