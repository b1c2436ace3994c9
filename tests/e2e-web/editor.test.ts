import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchOfflineBrowser, type OfflineBrowser } from '../browser.js';
import { baseUrl, graphql } from '../client.js';

/**
 * Editors in the web app, in a real browser against the real server and database: sign in and
 * out, upload plans (read, refused, ambiguous, conflicting), locate what was read in the source,
 * review pairs and themes, and read the audit log. Works on 2022 and 2023 copies of the seeds, so
 * the 2021 plans the other browser tests read stay as they are. Screenshots go to
 * docs/screenshots/ with UPDATE_SCREENSHOTS=1, else to $TMPDIR/plan-atlas-editor-shots/.
 */
const TONGZHOU = '320612';
const XUZHOU = '320300';

const shots =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
    : join(tmpdir(), 'plan-atlas-editor-shots');
const shot = (name: string) => join(shots, `${name}.png`);
const files = join(tmpdir(), `plan-atlas-editor-files-${process.pid}`);

const seed = (name: string) => readFileSync(fileURLToPath(new URL(`../../seeds/${name}`, import.meta.url)), 'utf8');
const tongzhou2022 = seed('tongzhou-2021.txt').replaceAll('2021', '2022');
const xuzhou2022 = seed('xuzhou-2021.md').replaceAll('2021', '2022');
/** Xuzhou's plan stopping at a task number: the parser refuses it at its last line. */
const xuzhouCut = xuzhou2022.slice(0, xuzhou2022.indexOf('10.落实国务院') + 3);
/** Tongzhou 2023 naming neither its city nor its province: 通州区 is a district of Beijing too. */
const tongzhouAmbiguous = seed('tongzhou-2021.txt')
  .replaceAll('2021', '2023')
  .replaceAll('南通市', '')
  .replaceAll('南通高新区', '高新区')
  .replaceAll('南通', '')
  .replaceAll('江苏', '');
/** Another document for Tongzhou 2022: another 发文字号 and title. */
const tongzhouOther = tongzhou2022
  .replace('通食安办〔2022〕2号', '通食安办〔2022〕9号')
  .replaceAll('2022年通州区食品安全重点工作\n安排', '2022年通州区食品安全专项整治工作\n安排')
  .replace('2022 年通州区食品安全重点工作安排', '2022年通州区食品安全专项整治工作安排');

function writeFile(name: string, text: string): string {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
}

async function planIdOf(code: string, year: number): Promise<string> {
  const { data } = await graphql(
    `query ($codes: [String!], $year: Int) { plans(filter: { jurisdictionCodes: $codes, year: $year }) { nodes { id } } }`,
    { codes: [code], year },
  );
  return data!.plans.nodes[0].id as string;
}

describe('editors in the web app', () => {
  const token = inject('editorToken');
  let offline: OfflineBrowser;
  let context: BrowserContext;
  let page: Page;

  async function upload(path: string): Promise<string> {
    await page.goto(`${baseUrl()}/upload`);
    await page.getByTestId('file-input').setInputFiles(path);
    const result = page.getByTestId('upload-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 45_000 }).toMatch(/done|invalid|ambiguous|conflict|failed/);
    return (await result.getAttribute('data-state'))!;
  }

  async function setLocale(locale: 'en' | 'zh-CN') {
    await page.getByTestId('locale').selectOption(locale);
  }

  /** The review panel of a task on the plan page, opened. */
  async function openReview(planId: string, ordinal: number) {
    await page.goto(`${baseUrl()}/plans/${planId}`);
    const task = page.getByTestId(`task-${ordinal}`);
    await task.getByTestId('open-review').click();
    await task
      .getByTestId('review-pair')
      .first()
      .or(task.getByTestId('task-review').getByText(/没有对应任务|No equivalent/))
      .waitFor();
    return task;
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    mkdirSync(files, { recursive: true });
    offline = await launchOfflineBrowser();
    context = await offline.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    page = await context.newPage();
    // Xuzhou 2022 first, over the API: the Tongzhou copy uploaded in the browser is aligned with it.
    const response = await fetch(`${baseUrl()}/api/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-file-name': 'xuzhou-2022.md', 'content-type': 'text/markdown' },
      body: xuzhou2022,
    });
    expect(response.status).toBe(201);
  });

  afterAll(async () => {
    await offline?.browser.close();
  });

  it('refuses changes without a token, and shows readers no editing controls', async () => {
    const review = await graphql(`mutation { reviewAlignment(id: "VGFza0FsaWdubWVudDp4", status: CONFIRMED) { id } }`);
    expect(review.errors![0].extensions.code).toBe('auth/unauthenticated');
    const themes = await graphql(`mutation { setTaskThemes(taskId: "VGFzazp4", themeKeys: ["food-waste"]) { id } }`);
    expect(themes.errors![0].extensions.code).toBe('auth/unauthenticated');
    const log = await graphql(`{ auditLog { totalCount } }`);
    expect(log.errors![0].extensions.code).toBe('auth/unauthenticated');
    const anonymousUpload = await fetch(`${baseUrl()}/api/plans`, {
      method: 'POST',
      headers: { 'x-file-name': 'a.txt', 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(anonymousUpload.status).toBe(401);

    await page.goto(`${baseUrl()}/plans/${await planIdOf(TONGZHOU, 2021)}`);
    await page.getByTestId('plan-title').waitFor();
    expect(await page.getByTestId('open-review').count()).toBe(0);
    expect(await page.getByTestId('plan-audit-log').count()).toBe(0);
    expect(await page.getByTestId('nav-upload').count()).toBe(0);
    expect(await page.getByTestId('sign-in').innerText()).toBe('编辑登录');
    await page.goto(`${baseUrl()}/upload`);
    await page.getByTestId('sign-in-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs in with a pasted token, kept for this session only and never in the URL', async () => {
    await page.getByTestId('token-input').fill('pa_not-a-real-token');
    await page.getByTestId('sign-in-submit').click();
    expect(await page.getByTestId('sign-in-problem').innerText()).toContain('服务器不认识这个令牌');
    await page.getByTestId('token-input').fill(token);
    await page.screenshot({ path: shot('editor-sign-in') });
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('drop-zone').waitFor();
    expect(new URL(page.url()).pathname).toBe('/upload');
    expect(page.url()).not.toContain(token);
    expect(await page.getByTestId('viewer').innerText()).toBe('e2e-editor（编辑）');
    const stored = await page.evaluate(() => [sessionStorage.getItem('plan-atlas.token'), localStorage.getItem('plan-atlas.token')]);
    expect(stored).toEqual([token, null]);
  });

  it('uploads a plan and shows what was read, with a link to it', async () => {
    expect(await upload(writeFile('tongzhou-2022.txt', tongzhou2022))).toBe('done');
    expect(await page.getByTestId('upload-status').innerText()).toBe('已新建');
    await expect.poll(() => page.getByTestId('summary-jurisdiction').innerText()).toBe(`通州区 (${TONGZHOU})`);
    expect(await page.getByTestId('summary-year').innerText()).toBe('2022');
    const { data } = await graphql(`query ($id: ID!) { plan(id: $id) { tasks { id } schedule { id } } }`, {
      id: await planIdOf(TONGZHOU, 2021),
    });
    expect(await page.getByTestId('summary-tasks').innerText()).toBe(String(data!.plan.tasks.length));
    expect(await page.getByTestId('summary-scheduleItems').innerText()).toBe(String(data!.plan.schedule.length));
    await page.screenshot({ path: shot('editor-upload') });
    await page.getByTestId('open-plan').click();
    await expect.poll(() => page.getByTestId('plan-title').innerText()).toContain('2022');
  });

  it("refuses a cut file with the parser's file, line, field and the offending line in context", async () => {
    expect(await upload(writeFile('xuzhou-2022-cut.md', xuzhouCut))).toBe('invalid');
    const lastLine = xuzhouCut.split('\n').length;
    expect(await page.getByTestId('refusal-where').innerText()).toBe(`xuzhou-2022-cut.md 第 ${lastLine} 行 · 字段 task`);
    expect(await page.getByTestId('refusal-expected').innerText()).toMatch(/^应为：/);
    expect(await page.getByTestId('offending-line').innerText()).toContain('10.');
    expect(await page.getByTestId('refusal-context').locator('li').count()).toBeGreaterThan(2);
    await page.screenshot({ path: shot('editor-upload-refused') });
  });

  it('lets the editor say whose plan it is when the file does not', async () => {
    expect(await upload(writeFile('tongzhou-2023.txt', tongzhouAmbiguous))).toBe('ambiguous');
    const candidates = page.getByTestId('candidates');
    expect(await candidates.innerText()).toContain('北京市通州区');
    expect(await candidates.innerText()).toContain('江苏省南通市通州区');
    await page.screenshot({ path: shot('editor-upload-ambiguous') });
    await page.getByTestId(`candidate-${TONGZHOU}`).click();
    await expect.poll(() => page.getByTestId('upload-result').getAttribute('data-state'), { timeout: 45_000 }).toBe('done');
    await expect.poll(() => page.getByTestId('summary-jurisdiction').innerText()).toBe(`通州区 (${TONGZHOU})`);
    expect(await page.getByTestId('summary-year').innerText()).toBe('2023');
  });

  it('shows where a clause, an agency, a target and a deadline were read', async () => {
    await page.goto(`${baseUrl()}/plans/${await planIdOf(TONGZHOU, 2022)}?source=1`);
    const source = page.getByTestId('plan-source');
    await expect.poll(() => source.innerText(), { timeout: 15_000 }).toContain('通州区');
    const focused = () =>
      source
        .locator('.is-focused')
        .allInnerTexts()
        .then((texts) => texts.join(''));
    const reform = page.getByTestId('task-4').getByTestId('agency-name').filter({ hasText: '区发改委' }).first();
    await reform.click();
    await expect.poll(focused).toBe('区发改委');
    const target = page.getByTestId('task-4').getByTestId('indicator').first();
    await target.click();
    await expect.poll(focused).toBe(await target.innerText());
    await page.getByTestId('task-4').getByTestId('locate-clause').first().click();
    await expect.poll(focused).toContain('提升食品检测能力');
    await reform.click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot('editor-plan-source') });
  });

  it('confirms a pair in one click, rejects another and undoes it, saying who decided when', async () => {
    const planId = await planIdOf(TONGZHOU, 2022);
    const campus = await openReview(planId, 5);
    const pair = campus.getByTestId('review-pair').filter({ hasText: '徐州市' }).first();
    expect(await pair.getByTestId('review-status').innerText()).toBe('待审核');
    expect(await pair.locator('mark.shared').count()).toBeGreaterThan(0);
    await pair.getByTestId('confirm-pair').click();
    await expect.poll(() => pair.getByTestId('review-status').innerText()).toBe('已确认');
    expect(await pair.getByTestId('reviewed-by').innerText()).toMatch(/^e2e-editor · \d{4}/);
    await pair.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('editor-review') });
    await setLocale('en');
    await expect.poll(() => pair.getByTestId('review-status').innerText()).toBe('confirmed');
    await page.screenshot({ path: shot('editor-review-en') });
    await setLocale('zh-CN');

    const coldChain = await openReview(planId, 11);
    const other = coldChain.getByTestId('review-pair').filter({ hasText: '徐州市' }).first();
    await other.getByTestId('reject-pair').click();
    // Rejected links leave `equivalents`; the decision stays in view to be undone.
    await expect.poll(() => other.getByTestId('review-status').innerText()).toBe('已否决');
    await other.getByTestId('undo-pair').click();
    await expect.poll(() => other.getByTestId('review-status').innerText()).toBe('待审核');
    expect(await other.getByTestId('confirm-pair').count()).toBe(1);
  });

  it("sets a task's themes", async () => {
    const planId = await planIdOf(TONGZHOU, 2022);
    const task = await openReview(planId, 9);
    const editor = task.getByTestId('theme-editor');
    for (const box of await editor.locator('input[type="checkbox"]:checked').all()) await box.uncheck();
    await editor.getByTestId('theme-food-waste').locator('input').check();
    await editor.getByTestId('theme-publicity-legal-education').locator('input').check();
    await editor.getByTestId('save-themes').click();
    await editor.getByTestId('themes-saved').waitFor();
    const { data } = await graphql(`query ($id: ID!) { plan(id: $id) { tasks { ordinal themes { source primary theme { key } } } } }`, {
      id: planId,
    });
    const themes = data!.plan.tasks.find((t: { ordinal: number }) => t.ordinal === 9).themes;
    expect(themes).toEqual([
      { source: 'MANUAL', primary: true, theme: { key: 'food-waste' } },
      { source: 'MANUAL', primary: false, theme: { key: 'publicity-legal-education' } },
    ]);
  });

  it('reviews pairs in the comparison too', async () => {
    await page.goto(`${baseUrl()}/compare?j=${TONGZHOU},${XUZHOU}&year=2022`);
    const cell = page.getByTestId(`cell-campus-food-safety-${TONGZHOU}`);
    const pair = cell.getByTestId('review-pair').first();
    await pair.waitFor({ timeout: 20_000 });
    expect(await pair.getByTestId('review-status').innerText()).toBe('已确认');
    expect(await pair.getByTestId('reviewed-by').innerText()).toContain('e2e-editor');
    await page.getByTestId('row-campus-food-safety').evaluate((row) => row.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: shot('editor-compare-review') });
  });

  it('keeps a reviewed pair when the plan is re-imported revised', async () => {
    expect(await upload(writeFile('tongzhou-2022.txt', `${tongzhou2022}\n`))).toBe('done');
    expect(await page.getByTestId('upload-status').innerText()).toContain('已替换');
    const campus = await openReview(await planIdOf(TONGZHOU, 2022), 5);
    const pair = campus.getByTestId('review-pair').filter({ hasText: '徐州市' }).first();
    expect(await pair.getByTestId('review-status').innerText()).toBe('已确认');
    expect(await pair.getByTestId('reviewed-by').innerText()).toContain('e2e-editor');
  });

  it('replaces a different document only once the editor confirms, showing both', async () => {
    expect(await upload(writeFile('tongzhou-2022-other.txt', tongzhouOther))).toBe('conflict');
    expect(await page.getByTestId('conflict-stored-title').innerText()).toContain('重点工作安排');
    expect(await page.getByTestId('conflict-incoming-title').innerText()).toContain('专项整治工作安排');
    await page.screenshot({ path: shot('editor-upload-conflict') });
    await page.getByTestId('confirm-replace').click();
    await expect.poll(() => page.getByTestId('upload-result').getAttribute('data-state'), { timeout: 45_000 }).toBe('done');
    expect(await page.getByTestId('upload-status').innerText()).toContain('已替换');
  });

  it('reads the audit log of one plan, then of all', async () => {
    await page.goto(`${baseUrl()}/plans/${await planIdOf(TONGZHOU, 2022)}`);
    await page.getByTestId('plan-audit-log').click();
    const log = page.getByTestId('audit-log');
    await log.waitFor();
    const entries = log.getByTestId('audit-entry');
    const mutations = await entries.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-mutation')));
    // Newest first: the replacement, the revision, themes, the undo, the rejection, the confirmation, the upload.
    expect(mutations).toEqual([
      'importPlan',
      'importPlan',
      'setTaskThemes',
      'reviewAlignment',
      'reviewAlignment',
      'reviewAlignment',
      'importPlan',
    ]);
    const text = await log.innerText();
    expect(text).toContain('e2e-editor');
    expect(text).toContain('tongzhou-2022-other.txt：已替换');
    expect(text).not.toContain('xuzhou-2022.md');
    await page.screenshot({ path: shot('editor-audit') });
    await setLocale('en');
    await expect.poll(() => log.locator('thead').innerText()).toContain('Who');
    await page.screenshot({ path: shot('editor-audit-en') });
    await setLocale('zh-CN');

    await page.getByTestId('audit-plan').selectOption('');
    await expect.poll(() => log.innerText()).toContain('xuzhou-2022.md');
  });

  it('signs out, forgetting the token', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const stored = await page.evaluate(() => [sessionStorage.getItem('plan-atlas.token'), localStorage.getItem('plan-atlas.token')]);
    expect(stored).toEqual([null, null]);
    await page.goto(`${baseUrl()}/plans/${await planIdOf(TONGZHOU, 2022)}`);
    await page.getByTestId('plan-title').waitFor();
    expect(await page.getByTestId('open-review').count()).toBe(0);
  });

  it('asked nothing of the internet and threw no errors', () => {
    expect(offline.foreign).toEqual([]);
    expect(offline.pageErrors).toEqual([]);
  });
});
