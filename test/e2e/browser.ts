import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * A real headless Chromium (Debian's `chromium` package, installed by
 * docker/test-tools.sh) driven by playwright-core, which downloads no browser
 * of its own. Playwright gives it a fresh, empty profile folder.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Where browser tests leave their screenshots (`TEST_OUTPUT_DIR`, default test-output/ in the repository). */
export const SCREENSHOT_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  process.env.TEST_OUTPUT_DIR || 'test-output',
  'console',
);

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, ignoreDefaultArgs: ['--headless'], args: FLAGS });
}

/** A browser window of a laptop's size (its own cookies) whose pages accept every confirm(). */
export async function newWindow(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.on('page', (page) => page.on('dialog', (dialog) => void dialog.accept()));
  return context;
}

/** Saves a full-page screenshot as `<name>.png` under SCREENSHOT_DIR. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
