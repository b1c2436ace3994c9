import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsDir } from '../src/common/paths.js';
import { fromGlobalId, toGlobalId } from '../src/graphql/global-id.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Tongzhou 2021 (the seed) against its 2022 revision (test/fixtures/tongzhou-2022.txt), written
 * with these changes and no others: task 1 reworded; new tasks 2 (包保督导) and 21 (你点我检, with a
 * new target); task 3 loses 区发改委 and its 抽考合格率 goes 99 → 98 %; task 4's 抽检量 6 → 7
 * 批次/千人, 按时完成率 85 → 90 %, 抽检合格率 98 → 97.5 %; task 5 split into 5 and 阳光食堂; 7 (保健食品)
 * and 12 (冷链检疫) dropped; 8's 名特优 8 → 10 家 (and 2021年 → 2022年); 10's 昆仑2021 → 昆仑2022;
 * 22's date → 2022年; every later task renumbered.
 */
const CHANGES = `query($from: ID!, $to: ID!) { planChanges(from: $from, to: $to) {
  from { year } to { year }
  tasks {
    kind score reworded
    before { ordinal } after { ordinal }
    clauses { before { ordinal } after { ordinal } diff { kind text } }
    agencies { kind role agency { name } }
    targets { kind stricter delta before { subject value unit } after { subject value unit } }
  }
} }`;

const planId = (key: string) => toGlobalId('Plan', key);
const key = (id: string) => fromGlobalId(id).key;

describe('plan changes, Tongzhou 2021 → 2022', () => {
  let db: TestDatabase;
  let api: TestApi;
  let tasks: any[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: readFileSync(join(seedsDir, 'tongzhou-2021.txt')) });
    await importPlan(db.dataSource, {
      fileName: 'tongzhou-2022.txt',
      bytes: readFileSync(join(import.meta.dirname, 'fixtures', 'tongzhou-2022.txt')),
    });
    await importPlan(db.dataSource, { fileName: 'xuzhou-2021.md', bytes: readFileSync(join(seedsDir, 'xuzhou-2021.md')) });
    api = await startTestApi(db.dataSource);
    const response = await api.query(CHANGES, { from: planId('320612-2021'), to: planId('320612-2022') });
    expect(response.errors).toBeUndefined();
    tasks = response.data!.planChanges.tasks;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('lists exactly the changes made, each task of both plans once', () => {
    const kept = (from: number, to: number) => ['KEPT', [from], [to]];
    expect(tasks.map((change) => [change.kind, change.before.map((t: any) => t.ordinal), change.after.map((t: any) => t.ordinal)])).toEqual(
      [
        kept(1, 1),
        ['ADDED', [], [2]],
        kept(2, 3),
        kept(3, 4),
        kept(4, 5),
        ['SPLIT', [5], [6, 7]],
        kept(6, 8),
        ['DROPPED', [7], []],
        kept(8, 9),
        kept(9, 10),
        kept(10, 11),
        kept(11, 12),
        ['DROPPED', [12], []],
        kept(13, 13),
        kept(14, 14),
        kept(15, 15),
        kept(16, 16),
        kept(17, 17),
        kept(18, 18),
        kept(19, 19),
        kept(20, 20),
        ['ADDED', [], [21]],
        kept(21, 22),
        kept(22, 23),
      ],
    );
  });

  it('marks as reworded the reworded task and the split, nothing else', () => {
    const reworded = tasks.filter((change) => change.reworded).map((change) => [change.kind, change.before[0].ordinal]);
    expect(reworded).toEqual([
      ['KEPT', 1],
      ['SPLIT', 5],
    ]);
  });

  it('lists the targets raised, lowered, added, with which way is stricter', () => {
    const moved = tasks.flatMap((change) =>
      change.targets
        .filter((target: any) => target.kind !== 'UNCHANGED')
        .map((target: any) => [
          change.after[0]?.ordinal ?? null,
          target.kind,
          (target.after ?? target.before).subject,
          target.before?.value ?? null,
          target.after?.value ?? null,
          target.stricter,
        ]),
    );
    expect(moved).toEqual([
      [4, 'LOWERED', '食品生产企业食品安全管理人员监督抽考合格率', 99, 98, false],
      [5, 'RAISED', '市场监管环节食品安全监督抽检量', 6, 7, true],
      [5, 'RAISED', '国家级监督抽检不合格食品按时完成率', 85, 90, true],
      [5, 'LOWERED', '食品安全抽检合格率', 98, 97.5, false],
      [9, 'RAISED', '全区培育“名特优”食品小作坊', 8, 10, true],
      [21, 'ADDED', '全年完成“你点我检”', null, 1000, null],
    ]);
    const unchanged = tasks.flatMap((change) => change.targets.filter((target: any) => target.kind === 'UNCHANGED'));
    expect(unchanged.map((target: any) => `${target.after.subject} ${target.after.value}`)).toEqual([
      '食品生产企业自查率 100',
      '食品生产企业自查报告率 100',
      '食品生产企业食品安全管理人员监督抽考覆盖率 100',
      '国家级监督抽检不合格食品核查处置率 100',
      '主要农产品质量安全监测总体合格率 97',
      '食品小作坊建档、登记 100',
      '食品小作坊抽检覆盖率 60',
    ]);
    expect(unchanged.every((target: any) => target.stricter === false && target.delta === 0)).toBe(true);
    const raised = tasks[4].targets.find((target: any) => target.kind === 'RAISED');
    expect(raised.delta).toBe(1);
  });

  it('diffs the reworded clauses character by character, words whole', () => {
    const changed = tasks.flatMap((change) =>
      change.clauses.map((clause: any) => [
        clause.before?.ordinal ?? null,
        clause.after?.ordinal ?? null,
        clause.diff
          .filter((part: any) => part.kind !== 'EQUAL')
          .map((part: any) => `${part.kind === 'INSERT' ? '+' : '-'}${part.text}`)
          .join(' '),
      ]),
    );
    expect(changed).toEqual([
      [1, 1, '+发展 -红线 +风险 -，坚守 +和 -筑 +守'],
      [1, 1, '-99 +98'],
      [1, 1, '-6 +7 -85 +90 -98 +97.5'],
      [2, 1, '+，推动学校食堂大宗食材集中采购'],
      [1, 1, '-2021 +2022 -8 +10'],
      [1, 1, '-2021 +2022'],
    ]);
    const first = tasks[0].clauses[0];
    const text = (drop: string) =>
      first.diff
        .filter((part: any) => part.kind !== drop)
        .map((part: any) => part.text)
        .join('');
    expect(text('INSERT')).toContain('牢固树立以人民为中心的思想，强化红线意识，坚守底线思维，筑牢安全防线');
    expect(text('DELETE')).toContain('牢固树立以人民为中心的发展思想，强化风险意识和底线思维，守牢安全防线');
  });

  it('lists the agency that lost its role', () => {
    const agencies = tasks.flatMap((change) =>
      change.agencies.map((agency: any) => [change.after[0].ordinal, agency.kind, agency.agency.name, agency.role]),
    );
    expect(agencies).toEqual([[4, 'LOST', '区发展改革委', 'SHARED']]);
  });

  it('links a plan to the one before it', async () => {
    const response = await api.query(`{
      a: plan(id: "${planId('320612-2022')}") { previous { id year } }
      b: plan(id: "${planId('320612-2021')}") { previous { id } }
      c: plan(id: "${planId('320300-2021')}") { previous { id } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(key(response.data!.a.previous.id)).toBe('320612-2021');
    expect(response.data!.b.previous).toBeNull();
    expect(response.data!.c.previous).toBeNull();
  });

  it('refuses plans of two jurisdictions, a later plan first and unknown plans, with codes', async () => {
    const codeOf = async (from: string, to: string) =>
      (await api.query(CHANGES, { from, to })).errors?.map((error) => error.extensions.code);
    expect(await codeOf(planId('320612-2021'), planId('320300-2021'))).toEqual(['change/plans_not_comparable']);
    expect(await codeOf(planId('320612-2022'), planId('320612-2021'))).toEqual(['change/plans_not_comparable']);
    expect(await codeOf(planId('320612-2021'), planId('320612-2021'))).toEqual(['change/plans_not_comparable']);
    expect(await codeOf(planId('320612-2021'), planId('320612-2030'))).toEqual(['plan/not_found']);
    expect(await codeOf(planId('320612-2021'), toGlobalId('Task', '320612-2022-t1'))).toEqual(['id/invalid']);
  });
});
