import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BUSYBOX_IMAGE, PYTHON_IMAGE, Service, startService } from './harness';
import { launchBrowser, newWindow, screenshot } from './browser';
import { removeContainersOf, waitExited, waitFor, writeStorage } from './exec-helpers';

/**
 * The web console in a real headless Chromium, against the built service
 * with a token and the real engine: every step is what a user does (type,
 * click, pick a file) and sees (rows, log lines, bars, charts).
 */
const TOKEN = 'console-e2e-token-0123456789';
const TAG = `webapi-console-e2e-${process.pid}:1`;

/** Writes N steps of a "training": a log line, a loss metric and progress.json each half second, then result.json. */
const TRAIN = `
import json, os, sys, time
steps = 16
for i in range(1, steps + 1):
    loss = round(2.0 / i, 4)
    print(f'step {i} loss {loss}', flush=True)
    with open('/apprun/metrics.jsonl', 'a') as f:
        f.write(json.dumps({'name': 'loss', 'value': loss, 'step': i}) + '\\n')
    with open('/apprun/progress.tmp', 'w') as f:
        json.dump({'main_progress': 100.0 * i / steps, 'epoch': i}, f)
    os.replace('/apprun/progress.tmp', '/apprun/progress.json')
    time.sleep(0.7)
with open('/apprun/result.json', 'w') as f:
    json.dump({'loss': loss, 'metric': 0.93, 'metric_name': 'accuracy'}, f)
`;

/** Counts forever, a line a quarter second. */
const COUNT = `
import time
i = 0
while True:
    i += 1
    print(f'line {i}', flush=True)
    time.sleep(0.25)
`;

/** Simulated GPUs: admitted and assigned like real ones, without a device. */
const GPUS = [
  { uuid: 'GPU-console-e2e-0', name: 'Simulated GPU', memoryTotal: 16384 },
  { uuid: 'GPU-console-e2e-1', name: 'Simulated GPU', memoryTotal: 16384 },
];

let svc: Service;
let browser: Browser;
/** A window logged in once through the form, shared by the tests that need a session. */
let session: BrowserContext;
const pages: Page[] = [];

/** A page in a fresh window without a session. */
async function open(hash = ''): Promise<Page> {
  const window = await newWindow(browser);
  const page = await window.newPage();
  pages.push(page);
  await page.goto(`${svc.url}/${hash}`);
  return page;
}

async function logIn(page: Page): Promise<void> {
  await page.getByLabel('API token').fill(TOKEN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Pages', exact: true }).waitFor();
}

/** A page of the logged-in window. */
async function loggedIn(hash = ''): Promise<Page> {
  const page = await session.newPage();
  pages.push(page);
  await page.goto(`${svc.url}/${hash}`);
  await page.getByRole('navigation', { name: 'Pages', exact: true }).waitFor();
  return page;
}

async function createRun(id: string, mainSrc: string, gpus = 0) {
  const body = { id, srcPath: 'default:code', mainSrc, imageTag: PYTHON_IMAGE, priority: 0, gpus };
  const created = await svc.client.POST('/api/exec/create', { body });
  expect(created.error).toBeUndefined();
}

/** The value of the run page's progress bar; 0 while the page shows none. */
async function progressValue(page: Page): Promise<number> {
  const bar = page.getByRole('progressbar', { name: 'run progress' });
  return (await bar.count()) ? Number(await bar.getAttribute('value')) : 0;
}

beforeAll(async () => {
  svc = await startService({ API_TOKEN: TOKEN, GPU_INVENTORY: JSON.stringify(GPUS), EXEC_GPUS: 'none' }, undefined, {
    token: TOKEN,
  });
  await writeStorage(svc.dataDir, { 'code/train.py': TRAIN, 'code/count.py': COUNT, 'data/.keep': '' });
  browser = await launchBrowser();
  session = await newWindow(browser);
  const first = await session.newPage();
  await first.goto(`${svc.url}/`);
  await logIn(first);
  await first.close();
});

afterAll(async () => {
  await browser?.close();
  if (svc) {
    removeContainersOf(svc.dataDir);
    await svc.stop();
  }
  try {
    execFileSync('docker', ['rmi', '-f', TAG], { stdio: 'ignore' });
  } catch {
    // never built
  }
});

afterEach(async () => {
  for (const page of pages.splice(0)) await (page.context() === session ? page.close() : page.context().close());
});

describe('the console page', () => {
  it('loads without a token while the API stays protected', async () => {
    const index = await fetch(`${svc.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const script = (await index.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${svc.url}${script}`)).status).toBe(200);
    for (const protectedUrl of ['/api/exec/list', '/api/storage/list', '/no-such-page', '/assets/../api/exec/list']) {
      expect((await fetch(`${svc.url}${protectedUrl}`)).status).toBe(401);
    }
  });

  it('shows the login form, the detail of a refused token, then the console after logging in', async () => {
    const page = await open();
    await page.getByLabel('API token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Log in' }).click();
    const refused = await svc.client.POST('/api/auth/login', { body: { token: 'not-the-token-at-all' } });
    expect(refused.response.status).toBe(401);
    await page.getByRole('alert').filter({ hasText: refused.error!.detail }).waitFor();
    await page.getByLabel('API token').fill(TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    await screenshot(page, 'login-then-runs');
    // The session is a cookie the page's script cannot read.
    expect(await page.evaluate('document.cookie')).toBe('');
  });
});

describe('system', () => {
  it("shows the host's CPU, memory and disk", async () => {
    const page = await loggedIn('#/system');
    const { data: info } = await svc.client.GET('/api/system/info');
    await page.getByRole('heading', { name: 'CPU' }).waitFor();
    await page.getByText(info!.cpu_info, { exact: true }).waitFor();
    await page.getByRole('progressbar', { name: 'disk use' }).waitFor();
    await screenshot(page, 'system');
  });

  it('logs out: the next page load asks for the token again', async () => {
    const page = await open('#/system');
    await logIn(page);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API token').waitFor();
  });
});

describe('storages', () => {
  it('uploads a file picked with the file input and lists it', async () => {
    const page = await loggedIn('#/storage/default');
    await page.getByRole('button', { name: 'Upload files…' }).waitFor();
    await page.getByLabel('Files to upload').setInputFiles({
      name: 'notes from the console.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('uploaded in a browser\n'),
    });
    await page.locator('tr[data-name="notes from the console.txt"]').waitFor();
    expect(await fs.readFile(path.join(svc.dataDir, 'storage', 'notes from the console.txt'), 'utf8')).toBe(
      'uploaded in a browser\n',
    );
    await screenshot(page, 'storage-upload');
  });

  it('uploads a file dropped on the folder', async () => {
    const page = await loggedIn('#/storage/default');
    await page.getByRole('button', { name: 'Upload files…' }).waitFor();
    const dropped = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['dropped in a browser'], 'dropped.txt', { type: 'text/plain' }));
      return transfer;
    })()`);
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    await page.locator('tr[data-name="dropped.txt"]').waitFor();
    expect(await fs.readFile(path.join(svc.dataDir, 'storage', 'dropped.txt'), 'utf8')).toBe('dropped in a browser');
  });
});

describe('storage folders', () => {
  it('pages through a folder of many files, opens a subfolder and deletes a file after confirming', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`many/file-${String(i).padStart(3, '0')}.txt`, `${i}`]),
    );
    await writeStorage(svc.dataDir, { ...many, 'many/sub/inner.txt': 'inner' });
    const page = await loggedIn('#/storage/default/many');
    await page.getByText('Page 1 of 2 (61 items)').waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByText('Page 2 of 2 (61 items)').waitFor();
    const { data: second } = await svc.client.GET('/api/storage/list/{storage_id}/{file_path}', {
      params: { path: { storage_id: 'default', file_path: 'many' }, query: { page: 1, count: 50 } },
    });
    for (const item of second!.items) await page.locator(`tr[data-name="${item.name}"]`).waitFor();
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.getByRole('link', { name: 'sub/' }).click();
    await page.locator('tr[data-name="inner.txt"]').waitFor();
    await page.getByRole('button', { name: 'Delete inner.txt' }).click();
    await page.getByText('This folder is empty.').waitFor();
    await expect(fs.stat(path.join(svc.dataDir, 'storage', 'many', 'sub', 'inner.txt'))).rejects.toThrow();
    await screenshot(page, 'storage-empty-folder');
  });
});

describe('images', () => {
  it('builds an image from the form and shows its log lines while it builds', async () => {
    const page = await loggedIn('#/images');
    await page.getByLabel('Name (tag)').fill(TAG);
    await page.getByLabel('Base image', { exact: true }).fill(BUSYBOX_IMAGE);
    await page
      .getByLabel('Extra commands')
      .fill('echo console-build-first-step\nsleep 6\necho console-build-last-step');
    await page.getByRole('button', { name: 'Build' }).click();
    const log = page.getByLabel(`Log of the build of ${TAG}`);
    await log.getByText('console-build-first-step', { exact: true }).first().waitFor({ timeout: 60_000 });
    // The first step's output is on screen while the build still runs.
    expect(await page.getByTestId('build-state').textContent()).toBe('building');
    await screenshot(page, 'image-build-running');
    await page.getByTestId('build-state').filter({ hasText: 'succeeded' }).waitFor({ timeout: 90_000 });
    await log.getByText('console-build-last-step', { exact: true }).first().waitFor();
    await page.getByRole('cell', { name: TAG, exact: true }).waitFor();
    await screenshot(page, 'image-build-done');
  });
});

describe('runs', () => {
  it('starts a training run from the form; its progress bar advances and its loss chart gains points before it ends', async () => {
    const page = await loggedIn('#/runs');
    await page.getByRole('button', { name: 'Start a run…' }).click();
    await page.getByLabel('Source folder').fill('default:code');
    await page.getByLabel('Main file').fill('train.py');
    await page.getByLabel('Image', { exact: true }).fill(PYTHON_IMAGE);
    await page.getByLabel('Data folder').fill('default:data');
    await page.getByLabel('GPUs').fill('1');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/#\/run\//);
    const id = decodeURIComponent(page.url().split('#/run/')[1]);

    const first = await waitFor('a first progress', async () => (await progressValue(page)) || undefined, 60_000, 200);
    const chart = page.locator('.chart[data-points]');
    await chart.waitFor({ timeout: 30_000 });
    const firstPoints = Number(await chart.getAttribute('data-points'));
    await waitFor('more progress', async () => (await progressValue(page)) > first, 30_000, 200);
    await waitFor(
      'more chart points',
      async () => Number(await chart.getAttribute('data-points')) > firstPoints,
      30_000,
      200,
    );
    // All of that while the run still runs.
    const { data: info } = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: id } } });
    expect(info?.State.Running).toBe(true);
    await screenshot(page, 'run-training');

    await page.getByLabel('Result').getByText('accuracy').waitFor({ timeout: 60_000 });
    expect(await progressValue(page)).toBe(100);
    await screenshot(page, 'run-finished');
  });

  it("shows a refused field's message beside the field, and the problem's detail", async () => {
    const bad = { srcPath: 'default:code', mainSrc: 'train.py', imageTag: 'Not An Image!', priority: 0 };
    const refused = await svc.client.POST('/api/exec/create', { body: bad });
    expect(refused.response.status).toBe(400);
    const message = refused.error!.errors!.find((e) => e.field === 'imageTag')!.message;
    const page = await loggedIn('#/runs');
    await page.getByRole('button', { name: 'Start a run…' }).click();
    await page.getByLabel('Source folder').fill(bad.srcPath);
    await page.getByLabel('Image', { exact: true }).fill(bad.imageTag);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.locator('[data-field="imageTag"] .field-error').filter({ hasText: message }).waitFor();
    await page.locator('.problem').filter({ hasText: refused.error!.detail }).waitFor();
    expect(await page.locator('.field-error').count()).toBe(1);
    await screenshot(page, 'run-form-field-error');
  });

  it('shows on the system page which run holds a GPU', async () => {
    await createRun('console-gpu', 'count.py', 1);
    const page = await loggedIn('#/system');
    const held = page.locator('tr[data-gpu]').filter({ has: page.getByRole('link', { name: 'console-gpu' }) });
    await held.waitFor({ timeout: 30_000 });
    const { data: gpus } = await svc.client.GET('/api/system/gpus');
    const holder = gpus!.find((g) => g.heldBy === 'console-gpu')!;
    expect(await held.getAttribute('data-gpu')).toBe(String(holder.index));
    await screenshot(page, 'system-gpu-held');
    await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'console-gpu' } } });
  });

  it('stops a long run from the runs list', async () => {
    await createRun('console-long', 'count.py');
    const page = await loggedIn('#/runs');
    await page.getByRole('button', { name: 'Stop console-long' }).click();
    await page.getByRole('button', { name: 'Delete console-long' }).waitFor({ timeout: 60_000 });
    await page
      .locator('tr[data-run="console-long"]')
      .getByTestId('run-status')
      .filter({ hasText: 'canceled' })
      .waitFor();
    const info = await waitExited(svc, 'console-long');
    expect(info.State.Running).toBe(false);
    await screenshot(page, 'run-stopped');
  });

  it('resumes the log of a run page after a reload, without duplicate lines', async () => {
    await createRun('console-count', 'count.py');
    const page = await loggedIn('#/run/console-count');
    const log = page.getByLabel('Log of run console-count');
    await log.getByText('line 4', { exact: true }).waitFor({ timeout: 60_000 });
    await page.reload();
    await log.getByText('line 12', { exact: true }).waitFor({ timeout: 60_000 });
    const lines = (await log.locator('.log-line').allTextContents()).map((l) => l.trim());
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(lines).toEqual(lines.map((_, i) => `line ${i + 1}`));
    await screenshot(page, 'run-log-after-reload');
    await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'console-count' } } });
  });
});
