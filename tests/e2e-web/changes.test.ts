import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchOfflineBrowser, screenshotPath, type OfflineBrowser } from '../browser.js';
import { baseUrl, graphql } from '../client.js';
import { xlsxXmlText } from './xlsx.js';

/**
 * "What changed since last year" and "targets against the levels above" in a real browser, on a
 * server of their own (vitest.changes.config.ts): the server's fixtures of issue 15 are uploaded
 * beside the seeds — Tongzhou's 2022 revision (server/test/fixtures/tongzhou-2022.txt: task 1
 * reworded, tasks 2 and 21 added, 7 and 12 dropped, 5 split, 抽检量 6 → 7 批次/千人, 抽考合格率 99 → 98 %…)
 * and the plans above Tongzhou for 2021, Nantong's and Jiangsu's.
 */
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../server/test/fixtures/${name}`, import.meta.url)));
const screenshot = (name: string) => screenshotPath(`screenshots/${name}.png`);

async function planId(code: string, year: number): Promise<string> {
  const { data } = await graphql(
    `query ($codes: [String!], $year: Int) { plans(filter: { jurisdictionCodes: $codes, year: $year }) { nodes { id } } }`,
    {
      codes: [code],
      year,
    },
  );
  return data!.plans.nodes[0].id as string;
}

/** The global id of a target, from its key (`320612-2021-t4-c1-i3`): base64url of `Indicator:<key>`. */
const indicatorId = (key: string) => Buffer.from(`Indicator:${key}`, 'utf8').toString('base64url');

/** The text of a CSV the page offered, without its byte-order mark. */
async function csvOf(download: Download): Promise<string[][]> {
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  // RFC 4180 as toCsv writes it: quoted fields may hold commas and line breaks.
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.slice(1);
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && body[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  return rows;
}

describe('changes since last year and targets against the levels above, in a browser', () => {
  let offline: OfflineBrowser;
  let context: BrowserContext;
  let page: Page;
  let tongzhou2021: string;
  let tongzhou2022: string;

  beforeAll(async () => {
    const token = inject('editorToken');
    for (const name of ['jiangsu-2021.txt', 'nantong-2021.txt', 'tongzhou-2022.txt']) {
      const response = await fetch(`${baseUrl()}/api/plans`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-file-name': name, 'content-type': 'text/plain' },
        body: fixture(name),
      });
      expect(response.status, await response.text()).toBe(201);
    }
    tongzhou2021 = await planId('320612', 2021);
    tongzhou2022 = await planId('320612', 2022);
    offline = await launchOfflineBrowser();
    context = await offline.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await offline?.browser.close();
    expect(offline?.foreign ?? []).toEqual([]);
    expect(offline?.pageErrors ?? []).toEqual([]);
  });

  it('opens from the plan page and badges the changes the revision made', async () => {
    await page.goto(`${baseUrl()}/plans/${encodeURIComponent(tongzhou2022)}`);
    await page.getByTestId('plan-changes-link').click();
    await page.getByTestId('changes-summary').waitFor();
    expect(await page.getByTestId('changes-summary').innerText()).toBe(
      '保留 19 项 · 新增 2 项 · 删除 2 项 · 拆分 1 项 · 合并 0 项 · 措辞变化 2 项',
    );
    const badges = async (testId: string) => (await page.getByTestId(testId).locator('[data-testid^="badge-"]').allInnerTexts()).join(' ');
    expect(await badges('change-KEPT-1-1')).toBe('措辞变化');
    expect(await badges('change-ADDED-—-2')).toBe('新增');
    expect(await badges('change-ADDED-—-21')).toBe('新增');
    expect(await badges('change-DROPPED-7-—')).toBe('删除');
    expect(await badges('change-DROPPED-12-—')).toBe('删除');
    expect(await badges('change-SPLIT-5-6、7')).toBe('拆分 措辞变化');
    expect(await badges('change-KEPT-3-4')).toBe('降低 部门变化');
    expect(await badges('change-KEPT-4-5')).toBe('提高 降低');
    expect(await badges('change-KEPT-8-9')).toBe('提高');
    // 抽检量 6 → 7 批次/千人 is stricter; 抽检合格率 98 → 97.5 % asks less.
    const task5 = await page.getByTestId('change-KEPT-4-5').innerText();
    expect(task5).toContain('市场监管环节食品安全监督抽检量：6批次/千人 → 7批次/千人');
    expect(task5).toMatch(/食品安全抽检合格率：98% → 97\.5%\s*（放宽）/);
    // Unchanged tasks are left out until asked for.
    expect(await page.getByTestId('change-KEPT-9-10').count()).toBe(0);
  });

  it("shows a task's two versions side by side, the changed words marked", async () => {
    const task5 = page.getByTestId('change-KEPT-4-5');
    await task5.getByTestId('toggle-diff').click();
    const diff = task5.getByTestId('change-diff');
    await diff.waitFor();
    expect(await diff.locator('.change-diff__side--before del').allInnerTexts()).toEqual(['6', '85', '98']);
    expect(await diff.locator('.change-diff__side--after ins').allInnerTexts()).toEqual(['7', '90', '97.5']);
    const task1 = page.getByTestId('change-KEPT-1-1');
    await task1.getByTestId('toggle-diff').click();
    expect(await task1.locator('.change-diff__side--after ins').allInnerTexts()).toEqual(['发展', '风险', '和', '守']);
    await task1.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot('plan-changes') });
  });

  it('speaks English too, and a link shows the same view after a reload', async () => {
    await page.getByTestId('show-all').check();
    await page.waitForURL(/all=1/);
    await page.getByTestId('change-KEPT-9-10').waitFor();
    await page.getByTestId('locale').selectOption('en');
    await page.getByText('Compared with').first().waitFor();
    expect(await page.getByTestId('changes-summary').innerText()).toBe('19 kept · 2 added · 2 dropped · 1 split · 0 merged · 2 reworded');
    expect(await page.getByTestId('change-KEPT-4-5').locator('[data-testid^="badge-"]').allInnerTexts()).toEqual(['Raised', 'Lowered']);
    const url = page.url();
    await page.reload();
    await page.getByTestId('change-KEPT-9-10').waitFor();
    expect(page.url()).toBe(url);
    expect(await page.getByTestId('show-all').isChecked()).toBe(true);
    expect(await page.getByTestId('changes-summary').innerText()).toContain('19 kept');
    await page.getByTestId('locale').selectOption('zh-CN');
    await page.getByTestId('show-all').uncheck();
    await page.waitForURL((current) => !current.search.includes('all=1'));
  });

  it('exports the changes to CSV as they appear', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-changes').click()]);
    expect(download.suggestedFilename()).toBe('plan-atlas-changes-320612-2021-2022.csv');
    const rows = await csvOf(download);
    expect(rows[0]).toEqual(['2021年任务', '2022年任务', '任务', '变化', '指标变化']);
    // One row per task change shown (unchanged tasks hidden).
    expect(rows.length - 1).toBe(await page.locator('article.change-task').count());
    const row = (before: string, after: string) => rows.find((candidate) => candidate[0] === before && candidate[1] === after)!;
    expect(row('', '2')[3]).toBe('新增');
    expect(row('7', '')[3]).toBe('删除');
    expect(row('5', '6、7')[3]).toBe('拆分、措辞变化');
    expect(row('3', '4')[3]).toBe('降低、部门变化');
    expect(row('4', '5')[4].split('\n')).toEqual([
      '提高 市场监管环节食品安全监督抽检量：6批次/千人 → 7批次/千人（更严）',
      '提高 国家级监督抽检不合格食品按时完成率：85% → 90%（更严）',
      '降低 食品安全抽检合格率：98% → 97.5%（放宽）',
    ]);
    // The same table as a spreadsheet.
    const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-changes-xlsx').click()]);
    expect(workbook.suggestedFilename()).toBe('plan-atlas-changes-320612-2021-2022.xlsx');
    const xml = xlsxXmlText(readFileSync((await workbook.path())!));
    for (const text of ['2022年任务', '拆分、措辞变化', '提高 市场监管环节食品安全监督抽检量：6批次/千人 → 7批次/千人（更严）'])
      expect(xml).toContain(text);
  });

  it("marks Tongzhou's targets laxer than Nantong's or Jiangsu's, and exports them", async () => {
    await page.goto(`${baseUrl()}/plans/${encodeURIComponent(tongzhou2021)}/changes?view=cascade`);
    await page.getByTestId('cascade').waitFor();
    const rowOf = async (key: string) => page.getByTestId(`cascade-${indicatorId(key)}`);
    // 按时完成率 85 %: equal to Nantong's, below Jiangsu's 90. 农产品监测合格率 97 %: below both.
    const onTime = await rowOf('320612-2021-t4-c1-i3');
    expect(await onTime.getAttribute('class')).toContain('is-laxer');
    expect(await onTime.innerText()).toMatch(/与上级一致\s*南通市/);
    expect(await onTime.innerText()).toMatch(/低于上级\s*江苏省/);
    expect(await (await rowOf('320612-2021-t4-c1-i4')).getAttribute('class')).toContain('is-laxer');
    // 抽检量 6 批次/千人: Nantong states a volume (not comparable, and says why), Jiangsu's 5 is lower.
    const sampling = await rowOf('320612-2021-t4-c1-i1');
    expect(await sampling.getAttribute('class')).not.toContain('is-laxer');
    expect(await sampling.innerText()).toContain('不可比');
    // The reason in the page's language (the API's `reason` is English; its `reasons` are worded here).
    expect(await sampling.innerText()).toContain('计量单位不同（本级 批次/千人，上级 万批次）');
    expect(await sampling.innerText()).not.toContain('differs from');
    expect(await sampling.innerText()).toMatch(/严于上级\s*江苏省/);
    await page.screenshot({ path: screenshot('plan-cascade') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cascade').click()]);
    const rows = await csvOf(download);
    expect(rows[0]).toEqual(['任务', '指标', '低于上级', '上级', '上级指标', '对照', '说明']);
    const onTimeRows = rows.filter((candidate) => candidate[1] === '国家级监督抽检不合格食品按时完成率 85%');
    expect(onTimeRows.map((candidate) => [candidate[2], candidate[3], candidate[5]])).toEqual([
      ['低于上级', '南通市', '与上级一致'],
      ['低于上级', '江苏省', '低于上级'],
    ]);
    const samplingRows = rows.filter((candidate) => candidate[1].startsWith('市场监管环节食品安全监督抽检量'));
    expect(samplingRows.find((candidate) => candidate[3] === '南通市')?.[6]).toMatch(
      /^计量单位不同（本级 批次\/千人，上级 万批次）；指标口径不同/,
    );
    const laxerCount = await page.getByTestId('laxer-count').innerText();
    const laxerTargets = new Set(
      rows
        .slice(1)
        .filter((candidate) => candidate[2] === '低于上级')
        .map((candidate) => candidate[0] + candidate[1]),
    );
    expect(laxerTargets.size).toBe(2);
    expect(laxerCount).toBe('2 项指标低于上级要求');
    const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cascade-xlsx').click()]);
    expect(workbook.suggestedFilename()).toBe('plan-atlas-cascade-320612-2021.xlsx');
    expect(xlsxXmlText(readFileSync((await workbook.path())!))).toContain('国家级监督抽检不合格食品按时完成率 85%');

    await page.getByTestId('locale').selectOption('en');
    await page.waitForFunction(() => document.querySelector('[data-testid="laxer-count"]')?.textContent?.includes('ask less'));
    expect(await (await rowOf('320612-2021-t4-c1-i1')).innerText()).toContain('different units (批次/千人 here, 万批次 above)');
    await page.getByTestId('locale').selectOption('zh-CN');
    await page.waitForFunction(() => document.querySelector('[data-testid="laxer-count"]')?.textContent?.includes('低于上级'));
  });

  it('lists one metric across the province, the laxer ones alone when asked, and keeps that in the URL', async () => {
    await page.getByTestId('tab-province').click();
    await page.getByTestId('province-metric').selectOption('on-time-completion-rate');
    await page.getByTestId('province-count').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="province-count"]')?.textContent?.includes('8'));
    await page.getByTestId('laxer-only').check();
    await page.waitForFunction(() => document.querySelector('[data-testid="province-count"]')?.textContent?.includes('3'));
    expect(await page.getByTestId('province-count').innerText()).toBe('共 3 项指标');
    const codes = await page
      .locator('[data-testid^="province-target-"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));
    expect(codes).toEqual(['province-target-320300', 'province-target-320600', 'province-target-320612']);
    expect(await page.locator('[data-testid^="province-target-"].is-laxer').count()).toBe(3);
    expect(page.url()).toMatch(/view=province/);
    expect(page.url()).toMatch(/metric=on-time-completion-rate/);
    expect(page.url()).toMatch(/laxer=1/);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid="province-count"]')?.textContent?.includes('3'));
    expect(await page.getByTestId('laxer-only').isChecked()).toBe(true);
    await page.screenshot({ path: screenshot('province-cascade') });

    // Exported as shown: the three laxer targets, one row per verdict, in Chinese.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-province').click()]);
    expect(download.suggestedFilename()).toBe('plan-atlas-province-320000-2021-on-time-completion-rate-laxer.csv');
    const rows = await csvOf(download);
    expect(rows[0]).toEqual(['地区', '任务', '指标', '低于上级', '上级', '上级指标', '对照', '说明']);
    expect(new Set(rows.slice(1).map((row) => row[0]))).toEqual(new Set(['徐州市', '南通市', '通州区']));
    expect(rows.slice(1).every((row) => row[3] === '低于上级')).toBe(true);
    expect(rows.filter((row) => row[0] === '通州区').map((row) => [row[4], row[6]])).toEqual([
      ['南通市', '与上级一致'],
      ['江苏省', '低于上级'],
    ]);
    const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-province-xlsx').click()]);
    expect(workbook.suggestedFilename()).toBe('plan-atlas-province-320000-2021-on-time-completion-rate-laxer.xlsx');
    expect(xlsxXmlText(readFileSync((await workbook.path())!))).toContain('通州区');
  });
});
