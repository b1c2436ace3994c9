import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/**
 * Where a browser test saves the screenshot `name` (e.g. `screenshots/plan.png`): into docs/, which
 * the README shows, only when asked (`pnpm screenshots`, or UPDATE_SCREENSHOTS=1); otherwise into
 * the git-ignored .tmp/, so that a test run leaves the working tree as it found it.
 */
export function screenshotPath(name: string): string {
  const folder = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs' : '.tmp';
  const path = fileURLToPath(new URL(`../${folder}/${name}`, import.meta.url));
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** Debian's Chromium: Playwright's own browser downloads are refused on these machines. */
const CHROMIUM = '/usr/bin/chromium';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Requests to anything but this machine: planners' and researchers' networks often have no internet. */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname);
}

export interface OfflineBrowser {
  browser: Browser;
  /** A context whose every request to anything but this machine is refused and recorded in `foreign`. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Requests that tried to leave the machine; a test fails when there is any. */
  foreign: string[];
  /** Uncaught errors of the pages opened in those contexts. */
  pageErrors: string[];
}

/** Headless Chromium as on a network with no internet. */
export async function launchOfflineBrowser(): Promise<OfflineBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium keeps reaching for Google's hosts.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  return {
    browser,
    foreign,
    pageErrors,
    async newContext(options) {
      const context = await browser.newContext(options);
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (isLocal(url)) return route.continue();
        foreign.push(url);
        return route.abort('internetdisconnected');
      });
      context.on('request', (request) => {
        if (!isLocal(request.url())) foreign.push(request.url());
      });
      context.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
      return context;
    },
  };
}
