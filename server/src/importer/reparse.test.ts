import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { seedsDir } from '../common/paths.js';
import { loadReferenceData } from '../reference/reference.service.js';
import { setTaskThemes } from '../theme/theme.service.js';
import { importPlan } from './import-service.js';
import { reparsePlans } from './reparse.js';

const PLAN = '320612-2021';

describe('reparse: reading the stored plans again with the current parser', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    const bytes = readFileSync(join(seedsDir, 'tongzhou-2021.txt'));
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes }, { align: false });
  });
  afterAll(() => db?.drop());

  it('changes nothing when the parser reads the plan as it did', async () => {
    const [report] = await reparsePlans(db.dataSource, { align: false });
    expect(report).toMatchObject({ planId: PLAN, status: 'unchanged', tasks: { before: 22, after: 22, added: 0, removed: 0, changed: 0 } });
  });

  it('brings what an older parser stored up to date, keeping surviving ids and what editors set', async () => {
    // As an older parser would have left it: task 3 without its title, task 22 missing its clause, no labels.
    await db.dataSource.query(`UPDATE task SET title = NULL, label = '', full_label = '' WHERE id = $1`, [`${PLAN}-t3`]);
    await db.dataSource.query(`DELETE FROM clause WHERE id = $1`, [`${PLAN}-t22-c1`]);
    await db.dataSource.transaction((manager) => setTaskThemes(manager, `${PLAN}-t5`, ['campus-food-safety']));
    const [{ imported_at: importedAt }] = await db.dataSource.query(`SELECT imported_at FROM plan WHERE id = $1`, [PLAN]);

    const [report] = await reparsePlans(db.dataSource, { align: false });
    expect(report).toMatchObject({
      planId: PLAN,
      status: 'changed',
      tasks: { before: 22, after: 22, added: 0, removed: 0, changed: 1 },
      clauses: { added: 1, removed: 0, changed: 0 },
    });
    const [task] = await db.dataSource.query(`SELECT title, label FROM task WHERE id = $1`, [`${PLAN}-t3`]);
    expect(task).toEqual({ title: '落实企业主体责任', label: '3' });
    const themes = await db.dataSource.query(`SELECT theme_key, source FROM task_theme WHERE task_id = $1`, [`${PLAN}-t5`]);
    expect(themes).toEqual([{ theme_key: 'campus-food-safety', source: 'MANUAL' }]);
    const [plan] = await db.dataSource.query(`SELECT imported_at FROM plan WHERE id = $1`, [PLAN]);
    expect(plan.imported_at).toEqual(importedAt);
  });

  it('reports a stored source the parser now refuses and leaves that plan as it was', async () => {
    const [{ count: before }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM task WHERE plan_id = $1`, [PLAN]);
    // A source whose last clause lost its bracket: what a cut file looks like.
    await db.dataSource.query(
      `UPDATE plan SET source_text = left(source_text, strpos(source_text, '区公安局、区商务局、区供销合作总社')) WHERE id = $1`,
      [PLAN],
    );
    const [report] = await reparsePlans(db.dataSource, { align: false });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/^tongzhou-2021\.txt:\d+: \S+: expected /);
    const [{ count: after }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM task WHERE plan_id = $1`, [PLAN]);
    expect(after).toBe(before);
  });
});
