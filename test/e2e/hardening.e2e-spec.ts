import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RequestAuditEntry } from '../../src/audit/audit-entry';
import { Service, json, runServiceToExit, startService, tempDir } from './harness';
import { waitFor } from './exec-helpers';

jest.setTimeout(90_000);

const NO_TOKEN = { API_TOKEN: '', API_TOKENS_FILE: '', ALLOW_UNAUTHENTICATED: '', ALLOWED_HOSTS: '' };
const token = (who: string) => `${who}-${randomBytes(12).toString('hex')}`;

function login(svc: Service, candidate: string): Promise<Response> {
  return fetch(`${svc.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: candidate }),
  });
}

const listRuns = (svc: Service, headers: Record<string, string>) => fetch(`${svc.url}/api/exec/list`, { headers });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('start-up: DNS rebinding', () => {
  it('refuses ALLOW_UNAUTHENTICATED=true without ALLOWED_HOSTS, naming both variables, and never listens', async () => {
    for (const hosts of ['', '*']) {
      const { code, output } = await runServiceToExit(
        {
          ...NO_TOKEN,
          DATA_DIR: await tempDir(),
          PORT: '0',
          HOST: '0.0.0.0',
          ALLOW_UNAUTHENTICATED: 'true',
          ALLOWED_HOSTS: hosts,
        },
        60_000,
      );
      expect(code).toBe(3);
      expect(output).toContain('ALLOW_UNAUTHENTICATED=true and no ALLOWED_HOSTS');
      expect(output).not.toMatch(/listening on/);
    }
  });

  it('keeps the loopback default working with the flag set (only loopback Host names are answered there)', async () => {
    const svc = await startService({ ...NO_TOKEN, ALLOW_UNAUTHENTICATED: 'true' });
    try {
      expect((await svc.client.GET('/api/exec/list')).response.status).toBe(200);
    } finally {
      await svc.stop();
    }
  });
});

describe('login attempts', () => {
  let svc: Service;
  const TOKEN = token('main');
  beforeAll(async () => {
    svc = await startService({ ...NO_TOKEN, API_TOKEN: TOKEN });
  });
  afterAll(() => svc?.stop());

  it('answers the 11th login of a minute from one client with a 429 problem and Retry-After, even with the right token', async () => {
    for (let i = 1; i <= 10; i++) expect([i, (await login(svc, `${TOKEN}-wrong`)).status]).toEqual([i, 401]);
    for (const candidate of [`${TOKEN}-wrong`, TOKEN]) {
      const refused = await login(svc, candidate);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await json(refused)).toMatchObject({
        status: 429,
        title: 'Too Many Requests',
        detail: expect.stringMatching(/^Too many login attempts: try again in /) as unknown,
      });
    }
    // Only login is limited: the token still works on every other route.
    expect((await listRuns(svc, bearer(TOKEN))).status).toBe(200);
  });
});

describe('tokens file', () => {
  let svc: Service;
  let file: string;
  const ALICE = token('alice');
  const BOB = token('bob');
  beforeAll(async () => {
    file = path.join(await tempDir(), 'tokens');
    await fs.writeFile(file, `alice:${ALICE}\nbob:${BOB}\n`);
    svc = await startService({ ...NO_TOKEN, API_TOKENS_FILE: file });
  });
  afterAll(() => svc?.stop());

  it('refuses a token removed from the file, and its session, without a restart', async () => {
    const session = (await login(svc, BOB)).headers.get('set-cookie')!.split(';')[0];
    expect((await listRuns(svc, { cookie: session })).status).toBe(200);
    expect((await listRuns(svc, bearer(BOB))).status).toBe(200);

    await fs.writeFile(file, `alice:${ALICE}\n`);
    await waitFor('bob to be refused', async () => (await listRuns(svc, bearer(BOB))).status === 401, 10_000, 200);
    expect((await listRuns(svc, { cookie: session })).status).toBe(401);
    expect((await listRuns(svc, bearer(ALICE))).status).toBe(200);
  });

  it('fails closed while the file is broken, and takes the fixed file back', async () => {
    await fs.writeFile(file, 'not a token line\n');
    await waitFor('alice to be refused', async () => (await listRuns(svc, bearer(ALICE))).status === 401, 10_000, 200);
    // Authentication stays on: no token at all is refused too.
    expect((await listRuns(svc, {})).status).toBe(401);
    await fs.writeFile(file, `alice:${ALICE}\n`);
    await waitFor(
      'alice to be accepted again',
      async () => (await listRuns(svc, bearer(ALICE))).status === 200,
      10_000,
      200,
    );
  });
});

describe('audit log', () => {
  it('caps each entry and rotates the file by size, keeping the configured number of old files', async () => {
    const svc = await startService({
      ...NO_TOKEN,
      AUDIT_MAX_ENTRY_BYTES: '1024',
      AUDIT_ROTATE_BYTES: '65536',
      AUDIT_ROTATE_FILES: '2',
    });
    try {
      // Refused requests with 12 KB paths: each used to append more than 12 KB.
      const long = 'x'.repeat(12_000);
      for (let i = 0; i < 250; i++) {
        const res = await fetch(`${svc.url}/api/dataset/item/${long}${i}`, { method: 'DELETE' });
        expect(res.status).toBe(400);
      }
      const files = (await fs.readdir(svc.dataDir)).filter((f) => f.startsWith('audit.log')).sort();
      expect(files).toEqual(['audit.log', 'audit.log.1', 'audit.log.2']);
      for (const f of files) {
        const text = await fs.readFile(path.join(svc.dataDir, f), 'utf8');
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(65536);
        for (const line of text.split('\n').filter(Boolean)) {
          expect(Buffer.byteLength(line)).toBeLessThan(1024);
          const entry = JSON.parse(line) as RequestAuditEntry;
          expect(entry).toMatchObject({ event: 'request', method: 'DELETE', status: 400, truncated: true });
          expect(entry.path).toMatch(/^\/api\/dataset\/item\/x+…\[\d+ more\]$/);
        }
      }
      // The newest request is in the current file.
      const current = (await fs.readFile(path.join(svc.dataDir, 'audit.log'), 'utf8')).trim().split('\n');
      expect((JSON.parse(current[current.length - 1]) as RequestAuditEntry).requestId).toEqual(expect.any(String));
    } finally {
      await svc.stop();
    }
  });
});
