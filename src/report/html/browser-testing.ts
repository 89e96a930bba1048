import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestContext } from 'node:test';
import { chromium, type Page } from 'playwright-core';

/**
 * Opens a page in a real browser for the page tests: Debian's `chromium` package
 * driven by playwright-core (no browser download). CI installs it (.ci/run);
 * elsewhere the test is skipped with its reason, never passed.
 */
const CHROMIUM = process.env.SERBENCH_CHROMIUM ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface OpenedPage {
  readonly tab: Page;
  /** Console errors and warnings, page errors, and any request other than the page itself. */
  readonly problems: readonly string[];
  /** Width of the page beyond the window (≤ 0: nothing sticks out). */
  overflow(): Promise<number>;
  /** A full-page screenshot under reports/screenshots/ (git-ignored), to look at after a run. */
  screenshot(name: string): Promise<number>;
}

/** Writes `html` to a temporary file and loads it in headless Chromium (a 1366×768 window unless given); null (the test skipped) without Chromium. */
export async function openPage(t: TestContext, html: string, viewport: { readonly width: number; readonly height: number } = { width: 1366, height: 768 }): Promise<OpenedPage | null> {
  if (!existsSync(CHROMIUM)) {
    t.skip(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set SERBENCH_CHROMIUM`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'serbench-browser-'));
  const page = join(dir, 'index.html');
  writeFileSync(page, html);
  const context = await chromium.launchPersistentContext(join(dir, 'user-data'), { executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, viewport: { ...viewport } });
  t.after(async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const tab = await context.newPage();
  const problems: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const pageUrl = pathToFileURL(page).href;
  tab.on('request', (request) => {
    if (request.url() !== pageUrl) problems.push(`request: ${request.url()}`);
  });
  await tab.goto(pageUrl);
  return {
    tab,
    problems,
    overflow: async () => Number(await tab.evaluate('document.documentElement.scrollWidth - window.innerWidth')),
    screenshot: async (name) => {
      const path = join('reports', 'screenshots', name);
      mkdirSync(join('reports', 'screenshots'), { recursive: true });
      await tab.screenshot({ path, fullPage: true });
      return statSync(path).size;
    },
  };
}
