import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchOfflineBrowser, screenshotPath, type OfflineBrowser } from '../browser.js';
import { baseUrl } from '../client.js';

const screenshot = screenshotPath('graphiql.png');

describe('GraphiQL with no internet', () => {
  let offline: OfflineBrowser;
  let page: Page;

  beforeAll(async () => {
    offline = await launchOfflineBrowser();
    const context = await offline.newContext({ viewport: { width: 1400, height: 860 } });
    page = await context.newPage();
    await page.goto(`${baseUrl()}/graphiql`);
  });

  afterAll(async () => {
    await offline?.browser.close();
  });

  it('loads its editor with the example queries', async () => {
    await page.locator('.graphiql-container').waitFor();
    await expect
      .poll(async () => (await page.locator('.graphiql-query-editor').innerText()).replace(/\s+/g, ' '), { timeout: 30_000 })
      .toContain('query Plans');
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(5);
  });

  it('shows the schema in the docs explorer', async () => {
    await page.getByRole('button', { name: /show documentation explorer/i }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await expect.poll(() => docs.innerText(), { timeout: 30_000 }).toContain('plans');
    const text = await docs.innerText();
    for (const field of ['jurisdictions', 'tasks', 'agencies', 'node']) expect(text).toContain(field);
  });

  it('runs a query and shows its result', async () => {
    await page.getByRole('button', { name: /execute query/i }).click();
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 30_000 }).toContain('"totalCount"');
    expect(await page.locator('.graphiql-response').innerText()).toContain('"plans"');
    await page.screenshot({ path: screenshot });
  });

  it('asked nothing of the internet and threw no errors', () => {
    expect(offline.foreign).toEqual([]);
    expect(offline.pageErrors).toEqual([]);
  });
});
