import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchOfflineBrowser, screenshotPath, type OfflineBrowser } from '../browser.js';
import { baseUrl, graphql } from '../client.js';
import { xlsxXmlText } from './xlsx.js';

/**
 * The SPA in a real browser against the real server (built and started by the global setups),
 * on a network with no internet: every request that is not to this machine is refused and fails
 * the run. Takes a screenshot of each view (into docs/screenshots/ with UPDATE_SCREENSHOTS=1), and of the
 * plan page in both languages, scrolled to printed names, under $TMPDIR/plan-atlas-web-shots/ for a reviewer's eyes.
 */
const TONGZHOU = '320612';
const XUZHOU = '320300';
const COMPARISON = `/compare?j=${TONGZHOU},${XUZHOU}&year=2021`;

const screenshot = (name: string) => screenshotPath(`screenshots/${name}.png`);
const reviewShots = join(tmpdir(), 'plan-atlas-web-shots');
const reviewShot = (name: string) => {
  mkdirSync(reviewShots, { recursive: true });
  return join(reviewShots, `${name}.png`);
};

async function planIdOf(code: string): Promise<string> {
  const { data } = await graphql(
    `query ($codes: [String!]) { plans(filter: { jurisdictionCodes: $codes, year: 2021 }) { nodes { id } } }`,
    {
      codes: [code],
    },
  );
  return data!.plans.nodes[0].id as string;
}

describe('the web app with no internet', () => {
  let offline: OfflineBrowser;
  let context: BrowserContext;
  let page: Page;

  const newContext = (viewport: { width: number; height: number }) =>
    offline.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });

  beforeAll(async () => {
    mkdirSync(reviewShots, { recursive: true });
    offline = await launchOfflineBrowser();
    context = await newContext({ width: 1280, height: 800 });
    page = await context.newPage();
  });

  afterAll(async () => {
    await offline?.browser.close();
  });

  it('lists the jurisdictions with plans as a tree and offers their comparison', async () => {
    await page.goto(`${baseUrl()}/`);
    const tree = page.getByTestId('jurisdiction-tree');
    await tree.getByTestId(`jurisdiction-${TONGZHOU}`).waitFor();
    expect(await tree.innerText()).toContain('江苏省');
    expect(await tree.getByTestId(`jurisdiction-${XUZHOU}`).innerText()).toContain('2021');
    expect(await page.getByTestId('quick-compare').getAttribute('href')).toContain('year=2021');
    await page.screenshot({ path: screenshot('home') });
  });

  it("finds either 通州区 from the home page and opens the plans of Nantong's", async () => {
    const find = page.getByTestId('home-find').getByRole('combobox');
    await find.fill('通州');
    const listbox = page.getByTestId('home-find').getByRole('listbox');
    await listbox.getByRole('option', { name: /江苏省南通市通州区/ }).waitFor();
    const offered = await listbox.getByRole('option').allInnerTexts();
    expect(offered.some((text) => text.includes('北京市通州区'))).toBe(true);
    expect(offered.some((text) => text.includes('江苏省南通市通州区'))).toBe(true);
    await page.screenshot({ path: reviewShot('home-picker-zh') });
    // Pinyin initials find them too; the keyboard chooses.
    await find.fill('tzq');
    await listbox.getByRole('option', { name: /江苏省南通市通州区/ }).waitFor();
    const nantong = listbox.getByRole('option', { name: /江苏省南通市通州区/ });
    for (let step = 0; step < 20 && (await nantong.getAttribute('aria-selected')) !== 'true'; step++) await find.press('ArrowDown');
    await find.press('Enter');
    await page.getByTestId('plan-title').waitFor();
    expect(page.url()).toContain('/plans/');
    expect(await page.getByTestId('plan-title').innerText()).toContain('通州');
  });

  it('reads in English: the tree folds the provinces without plans and the picker speaks English', async () => {
    await page.evaluate(() => localStorage.setItem('plan-atlas.locale', 'en'));
    await page.goto(`${baseUrl()}/`);
    await page.getByTestId(`jurisdiction-${TONGZHOU}`).waitFor();
    const others = page.getByTestId('other-provinces');
    expect(await others.locator('summary').innerText()).toMatch(/^\d+ more provinces without plans$/);
    await others.locator('summary').click();
    await page.getByTestId('jurisdiction-110000').locator('summary').click();
    await page.getByTestId('jurisdiction-110112').waitFor();
    await page.screenshot({ path: reviewShot('home-tree-en'), fullPage: true });
    await page.getByTestId('home-find').getByRole('combobox').fill('tzq');
    await page
      .getByTestId('home-find')
      .getByRole('option', { name: /北京市通州区/ })
      .waitFor();
    await page.screenshot({ path: reviewShot('home-picker-en') });
    await page.evaluate(() => localStorage.setItem('plan-atlas.locale', 'zh-CN'));
    await page.goto(`${baseUrl()}/`);
    await page.getByTestId(`jurisdiction-${XUZHOU}`).waitFor();
  });

  it('reads a plan as the document does, with agencies by role, targets and the schedule', async () => {
    await page.getByTestId(`jurisdiction-${XUZHOU}`).getByRole('link', { name: /2021/ }).first().click();
    await page.getByTestId('plan-title').waitFor();
    expect(await page.getByTestId('plan-title').innerText()).toContain('徐州');
    const campus = page.getByTestId('task-2');
    expect(await campus.innerText()).toContain('实施校园食品安全守护行动');
    expect(await campus.getByTestId('assignments').first().innerText()).toMatch(/负责|牵头/);
    expect(await page.getByTestId('task-1').getByTestId('indicator').allInnerTexts()).toContain(
      '市场监管环节食品安全监督抽检量达到4.5批次/千人',
    );
    expect(await page.getByTestId('schedule').locator('[data-testid^="schedule-"]').count()).toBe(37);
    // Tasks are numbered as readers cite them: Xuzhou numbers them through the document.
    expect(await campus.getByTestId('task-number').innerText()).toBe('2.');
    // A final document, its jurisdiction and year read from it: no draft badge, no note.
    expect(await page.getByTestId('draft-badge').count()).toBe(0);
    expect(await page.getByTestId('attribution-note').count()).toBe(0);
    await page.screenshot({ path: screenshot('plan') });

    // Agencies are named as printed (市食安委办公室), the canonical name (市食安办) on hover.
    const publicity = page.getByTestId('task-17');
    const office = publicity.getByTestId('agency-name').filter({ hasText: '市食安委办公室' });
    expect(await office.getAttribute('title')).toBe('即市食安办');
    // Its support prints 市食安委相关成员单位 and 有关部门: both shown, as printed.
    expect(await publicity.getByTestId('assignments').first().innerText()).toContain('市食安委相关成员单位、有关部门');
    expect(await publicity.innerText()).not.toContain('市食安办');
    await publicity.evaluate((task) => task.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: reviewShot('plan-xuzhou-17-zh') });
    await page.evaluate(() => window.scrollTo(0, 0));

    // "View in original" opens the source beside the plan, scrolled to the task.
    await page.getByTestId('task-1').getByRole('button', { name: '在原文中查看' }).click();
    const source = page.getByTestId('plan-source');
    await expect.poll(() => source.innerText(), { timeout: 15_000 }).toContain('徐州市食品安全委员会');
    expect(await source.locator('.is-indicator').count()).toBeGreaterThan(0);
    expect(page.url()).toContain('source=1');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshot('plan-source') });
    await page.getByTestId('toggle-source').click();
    await expect.poll(() => page.getByTestId('plan-source').count()).toBe(0);
  });

  it('reads a plan in English, agencies still named as printed', async () => {
    const english = await newContext({ width: 1280, height: 800 });
    const englishPage = await english.newPage();
    await englishPage.goto(`${baseUrl()}/plans/${await planIdOf(TONGZHOU)}`);
    await englishPage.getByTestId('plan-title').waitFor();
    await englishPage.getByTestId('locale').selectOption('en');
    const sampling = englishPage.getByTestId('task-4');
    expect(await sampling.getByTestId('task-number').innerText()).toBe('4.');
    // Tongzhou prints 区发改委 for the agency the reference data calls 区发展改革委.
    const reform = sampling.getByTestId('agency-name').filter({ hasText: '区发改委' });
    await expect.poll(() => reform.getAttribute('title')).toBe('= 区发展改革委 (canonical name)');
    expect(await englishPage.getByRole('button', { name: 'View in original' }).count()).toBeGreaterThan(0);
    await englishPage.screenshot({ path: reviewShot('plan-tongzhou-en') });
    await sampling.evaluate((task) => task.scrollIntoView({ block: 'start' }));
    await englishPage.screenshot({ path: reviewShot('plan-tongzhou-4-en') });
    await english.close();
  });

  it('compares Tongzhou and Xuzhou 2021: the campus food safety row shows both tasks', async () => {
    await page.goto(`${baseUrl()}${COMPARISON}`);
    const row = page.getByTestId('row-campus-food-safety');
    await row.or(page.getByTestId('state-error')).waitFor();
    expect(await page.getByTestId('state-error').count(), await page.locator('main').innerText()).toBe(0);
    for (const code of [TONGZHOU, XUZHOU]) {
      const cell = page.getByTestId(`cell-campus-food-safety-${code}`);
      expect(await cell.getByTestId('compare-task').count()).toBe(1);
      expect(await cell.innerText()).toContain('校园食品安全专项检查');
    }
    expect(await row.locator('mark.shared').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('row-infant-formula').getByTestId('only-in').innerText()).toContain('徐州市');
    expect(await page.getByTestId('row-small-workshops').getByTestId('only-in').innerText()).toContain('通州区');
    expect(await page.getByTestId(`cell-small-workshops-${XUZHOU}`).innerText()).toContain('无对应任务');
    // Tasks are cited by their printed number, agencies by their printed names.
    const sampling = page
      .getByTestId(`cell-risk-monitoring-sampling-${TONGZHOU}`)
      .getByTestId('compare-task')
      .filter({ has: page.getByRole('link', { name: '第 4 项', exact: true }) });
    expect(await sampling.getByTestId('assignments').innerText()).toContain('区发改委');
    await page.screenshot({ path: screenshot('compare') });
  });

  it('charts the sampling density targets: Tongzhou 6, Xuzhou 4.5 批次/千人', async () => {
    const chart = page.getByTestId('metric-sampling-density');
    await chart.locator('svg').first().waitFor();
    await expect.poll(() => chart.locator('svg text').allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining(['6', '4.5']));
    const rows = await chart
      .locator('table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent!.trim())));
    expect(rows).toContainEqual(['市场监管环节食品安全监督抽检量', '6', '4.5']);
    await page.getByTestId('row-campus-food-safety').evaluate((row) => row.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshot('compare-table') });
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('exports the comparison as CSV with a row per theme, jurisdiction and task', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`plan-atlas-compare-2021-${TONGZHOU}-${XUZHOU}.csv`);
    const csv = readFileSync(await download.path()).toString('utf8');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('主题,地区,任务序号,任务内容,牵头/负责单位,分工负责/配合单位,年度指标,仅本地有');
    const campus = lines.filter((line) => line.startsWith('校园食品安全,'));
    expect(campus.map((line) => line.split(',').slice(1, 3))).toEqual([
      ['通州区', '5'],
      ['徐州市', '2'],
    ]);
    expect(lines.some((line) => line.startsWith('婴幼儿配方乳粉,通州区,,无对应任务'))).toBe(true);
  });

  it('exports the comparison as XLSX with the same rows', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`plan-atlas-compare-2021-${TONGZHOU}-${XUZHOU}.xlsx`);
    const xml = xlsxXmlText(readFileSync(await download.path()));
    for (const text of ['校园食品安全', '通州区', '徐州市', '实施校园食品安全守护行动', '无对应任务']) expect(xml).toContain(text);
  });

  it('keeps the comparison in the URL: removing a jurisdiction is a link of its own', async () => {
    await page.getByRole('button', { name: /移除 江苏省徐州市/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('j')).toBe(TONGZHOU);
    await page.getByTestId('compare-hint').waitFor();
    await page.goBack();
    await page.getByTestId('row-campus-food-safety').waitFor();
  });

  it('adds a jurisdiction to the comparison by its pinyin initials', async () => {
    await page.goto(`${baseUrl()}/compare?j=${TONGZHOU}&year=2021`);
    await page.getByTestId('compare-hint').waitFor();
    const add = page.getByTestId('compare-add').getByRole('combobox');
    await add.fill('xzs');
    const xuzhou = page.getByTestId('compare-add').getByRole('option', { name: /江苏省徐州市/ });
    await xuzhou.waitFor();
    await page.screenshot({ path: reviewShot('compare-picker-zh') });
    await xuzhou.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('j')).toBe(`${TONGZHOU},${XUZHOU}`);
    await page.getByTestId('row-campus-food-safety').waitFor();
  });

  it('finds tasks by filters, page by page', async () => {
    await page.goto(`${baseUrl()}/tasks?year=2021`);
    await expect.poll(() => page.getByTestId('task-total').innerText(), { timeout: 15_000 }).toContain('41');
    expect(await page.getByTestId('task-card').count()).toBe(20);
    await page.getByTestId('page-next').click();
    await expect.poll(() => page.getByTestId('task-total').innerText()).toContain('第 2 页');
    await page.goto(`${baseUrl()}/tasks?text=${encodeURIComponent('冷链')}&kind=MARKET_REGULATION&role=LEAD`);
    await page.getByTestId('task-card').first().waitFor();
    for (const text of await page.getByTestId('task-card').allInnerTexts()) expect(text).toContain('冷链');
    await page.screenshot({ path: screenshot('tasks') });
  });

  it('finds the tasks of a theme through the API, with the pager', async () => {
    const { data } = await graphql(`
      {
        themes {
          key
          tasks(year: 2021) {
            totalCount
          }
        }
      }
    `);
    const expected = data!.themes.find((theme: { key: string }) => theme.key === 'campus-food-safety').tasks.totalCount;
    expect(expected).toBeGreaterThanOrEqual(2);
    await page.goto(`${baseUrl()}/tasks?theme=campus-food-safety&year=2021`);
    await expect.poll(() => page.getByTestId('task-total').innerText(), { timeout: 15_000 }).toContain(`共 ${expected} 项任务`);
    expect(await page.getByTestId('task-total').innerText()).toContain('第 1 页');
    expect(await page.getByTestId('task-card').count()).toBe(Math.min(expected, 20));
    const cards = (await page.getByTestId('task-card').allInnerTexts()).join('\n');
    for (const text of ['校园食品安全专项检查', '通州区', '徐州市', '5. 实施校园食品安全守护行动']) expect(cards).toContain(text);
    expect(await page.getByTestId('page-next').isDisabled()).toBe(expected <= 20);
  });

  it('shows what market regulators lead or share in each jurisdiction', async () => {
    await page.goto(`${baseUrl()}/agencies?kind=MARKET_REGULATION&year=2021`);
    await page.getByTestId(`agency-work-${TONGZHOU}`).waitFor();
    expect(await page.getByTestId(`agency-work-${TONGZHOU}`).innerText()).toContain('区市场监管局');
    expect(await page.getByTestId(`agency-work-${XUZHOU}`).innerText()).toContain('市市场监管局');
    await page.screenshot({ path: screenshot('agencies') });
  });

  it('reads on a phone (390×844)', async () => {
    const phone = await newContext({ width: 390, height: 844 });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${baseUrl()}${COMPARISON}`);
    await phonePage.getByTestId('row-campus-food-safety').waitFor();
    const width = await phonePage.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await phonePage.getByTestId('row-campus-food-safety').scrollIntoViewIfNeeded();
    await phonePage.screenshot({ path: screenshot('compare-phone') });
    await phone.close();
  });

  it('asked nothing of the internet and threw no errors', () => {
    expect(offline.foreign).toEqual([]);
    expect(offline.pageErrors).toEqual([]);
  });
});
