import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * A real headless Chromium (Debian's `chromium` package, installed by
 * docker/test-tools.sh) driven by playwright-core, which downloads no browser
 * of its own. Playwright gives it a fresh, empty profile folder.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Where browser tests leave their screenshots (`TEST_OUTPUT_DIR`, default test-output/ in the repository). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', process.env.TEST_OUTPUT_DIR || 'test-output', 'console');

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

/** A page of a laptop-sized window that accepts every confirm() and prompt() with `promptAnswers` in turn. */
export async function openPage(browser: Browser, url: string, promptAnswers: string[] = []): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void (dialog.type() === 'prompt' ? dialog.accept(promptAnswers.shift() ?? '') : dialog.accept()));
  await page.goto(url);
  return page;
}

/** Saves a full-page screenshot as `<name>.png` under SCREENSHOT_DIR. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
