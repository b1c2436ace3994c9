import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from '../client.js';

const CHROMIUM = '/usr/bin/chromium';
const screenshot = fileURLToPath(new URL('../../docs/graphiql.png', import.meta.url));
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Requests to anything but this machine: researchers' networks often have no internet. */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname);
}

describe('GraphiQL with no internet', () => {
  let browser: Browser;
  let page: Page;
  const foreign: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    // Every request leaves through here: anything not local is refused and remembered.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      foreign.push(url);
      return route.abort('internetdisconnected');
    });
    context.on('request', (request) => {
      if (!isLocal(request.url())) foreign.push(request.url());
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${baseUrl()}/graphiql`);
  });

  afterAll(async () => {
    await browser?.close();
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
    mkdirSync(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true });
    await page.screenshot({ path: screenshot });
  });

  it('asked nothing of the internet and threw no errors', () => {
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
