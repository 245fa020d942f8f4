import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AuditEntry, RequestAuditEntry } from '../../src/audit/audit-entry';
import { Problem, Service, json, rawGet, startService, tempDir } from './harness';

/**
 * The promises of SECURITY.md that need a service of their own (a restart, another
 * configuration) or a look at what the service prints, each exercised end to end.
 */

jest.setTimeout(300_000);

const TOKEN = `e2e-promises-${randomBytes(16).toString('hex')}`;
const EVIL_ORIGIN = 'http://evil.example';

async function login(svc: Service, token = TOKEN): Promise<string> {
  const res = await fetch(`${svc.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const isFolder = (file: string) =>
  fs.stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
const auditLines = async (dataDir: string) =>
  (await fs.readFile(path.join(dataDir, 'audit.log'), 'utf8')).split('\n').filter(Boolean);

describe('with a token and CORS_ORIGINS empty', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ API_TOKEN: TOKEN, CORS_ORIGINS: '', LOG_LEVEL: 'verbose' }, undefined, { token: TOKEN });
  });
  afterAll(() => svc?.stop());

  it('accepts a changing request from a foreign Origin with a valid bearer token, and refuses the cookie from there', async () => {
    const storage = path.join(svc.dataDir, 'storage');
    const byBearer = await fetch(`${svc.url}/api/storage/dir/default/by-bearer`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, origin: EVIL_ORIGIN },
    });
    expect(byBearer.status).toBe(200);
    expect(await isFolder(path.join(storage, 'by-bearer'))).toBe(true);

    const cookie = await login(svc);
    const byCookie = await fetch(`${svc.url}/api/storage/dir/default/by-cookie`, {
      method: 'PUT',
      headers: { cookie, origin: EVIL_ORIGIN },
    });
    expect(byCookie.status).toBe(403);
    expect(await json(byCookie)).toMatchObject({ status: 403, title: 'Forbidden' });
    expect(await isFolder(path.join(storage, 'by-cookie'))).toBe(false);
    // The same cookie without the foreign Origin (curl, a script) is served.
    expect(
      (await fetch(`${svc.url}/api/storage/dir/default/by-cookie`, { method: 'PUT', headers: { cookie } })).status,
    ).toBe(200);
  });

  it('sends no CORS header at all, to any origin, on answers and preflights', async () => {
    const answers = [
      await fetch(`${svc.url}/api/system/info`, { headers: { origin: EVIL_ORIGIN, authorization: `Bearer ${TOKEN}` } }),
      await fetch(`${svc.url}/api/health`, { headers: { origin: `http://127.0.0.1:${new URL(svc.url).port}` } }),
      await fetch(`${svc.url}/api/system/info`, { headers: { origin: 'http://localhost:5173' } }),
      await fetch(`${svc.url}/api/system/info`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 401]);
    for (const res of answers) {
      expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('never prints a token or a session in its own output, even at the most detailed log level', async () => {
    const cookie = await login(svc);
    await fetch(`${svc.url}/api/system/info`, { headers: { cookie } });
    await fetch(`${svc.url}/api/storage/dir/default/printed`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    // Wrong tokens, close to the right one, are not printed either.
    await fetch(`${svc.url}/api/system/info`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    await fetch(`${svc.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: `${TOKEN}y` }),
    });
    await fetch(`${svc.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    const output = svc.output();
    // It did print: the start-up lines name the token by its id.
    expect(output).toContain('authentication: tokens default');
    expect(output).not.toContain(TOKEN.slice('e2e-promises-'.length));
    expect(output).not.toContain(cookie.split('=')[1]);
  });
});

describe('sessions and the audit log across restarts', () => {
  it('ends every session when the service restarts, and the token still logs in again', async () => {
    const first = await startService({ API_TOKEN: TOKEN });
    const dataDir = first.dataDir;
    let second: Service | undefined;
    try {
      const cookie = await login(first);
      expect((await fetch(`${first.url}/api/system/info`, { headers: { cookie } })).status).toBe(200);
      await first.stop();
      second = await startService({ API_TOKEN: TOKEN }, dataDir);
      const after = await fetch(`${second.url}/api/system/info`, { headers: { cookie } });
      expect(after.status).toBe(401);
      expect((await json<Problem>(after)).detail).toBe('The session has ended: log in again');
      const fresh = await login(second);
      expect((await fetch(`${second.url}/api/system/info`, { headers: { cookie: fresh } })).status).toBe(200);
    } finally {
      await first.stop();
      await second?.stop();
    }
  });

  it('keeps the audit log append-only across a stop and a crash: earlier lines stay, byte for byte', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'audit.log');
    const change = async (svc: Service, name: string) => {
      const res = await fetch(`${svc.url}/api/storage/dir/default/${name}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(200);
    };
    /** The audit log once it holds a request line for the folder (lines follow the answer). */
    const logged = async (name: string) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const text = await fs.readFile(file, 'utf8');
        if (text.includes(`/api/storage/dir/default/${name}`)) return text;
        if (Date.now() > deadline) throw new Error(`no audit line for ${name}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const first = await startService({ API_TOKEN: TOKEN }, dataDir);
    await change(first, 'one');
    const afterFirst = await logged('one');
    await first.stop();

    const second = await startService({ API_TOKEN: TOKEN }, dataDir);
    await change(second, 'two');
    const afterSecond = await logged('two');
    await second.kill();
    expect(afterSecond.startsWith(afterFirst)).toBe(true);

    const third = await startService({ API_TOKEN: TOKEN }, dataDir);
    try {
      await change(third, 'three');
      const afterThird = await logged('three');
      expect(afterThird.startsWith(afterSecond)).toBe(true);
      const paths = (await auditLines(dataDir))
        .map((l) => JSON.parse(l) as AuditEntry)
        .filter((e): e is RequestAuditEntry => e.event === 'request')
        .map((e) => e.path);
      expect(paths).toEqual([
        '/api/storage/dir/default/one',
        '/api/storage/dir/default/two',
        '/api/storage/dir/default/three',
      ]);
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    } finally {
      await third.stop();
    }
  });
});

describe('Host checks with an explicit ALLOWED_HOSTS', () => {
  let svc: Service;
  beforeAll(async () => {
    // 127.0.0.1 (any port) for the test's own calls; api.example.test only on port 8443.
    svc = await startService({ ALLOWED_HOSTS: '127.0.0.1,api.example.test:8443' });
  });
  afterAll(() => svc?.stop());

  it('answers the listed hosts and 421 to every other, loopback names included', async () => {
    const statuses = async (hosts: string[]) =>
      Promise.all(hosts.map(async (host) => [host, (await rawGet(`${svc.url}/api/health`, { host })).status]));
    expect(
      await statuses(['api.example.test:8443', 'API.EXAMPLE.TEST:8443', `127.0.0.1:${new URL(svc.url).port}`]),
    ).toEqual([
      ['api.example.test:8443', 200],
      ['API.EXAMPLE.TEST:8443', 200],
      [`127.0.0.1:${new URL(svc.url).port}`, 200],
    ]);
    expect(
      await statuses(['api.example.test', 'api.example.test:80', 'localhost', '[::1]', 'rebind.attacker.example']),
    ).toEqual([
      ['api.example.test', 421],
      ['api.example.test:80', 421],
      ['localhost', 421],
      ['[::1]', 421],
      ['rebind.attacker.example', 421],
    ]);
    const refused = await rawGet(`${svc.url}/api/health`, { host: 'localhost' });
    expect(JSON.parse(refused.body)).toMatchObject({ status: 421, title: 'Misdirected Request' });
  });
});

describe('ALLOW_UNAUTHENTICATED on every address', () => {
  it('starts on 0.0.0.0 without a token when ALLOW_UNAUTHENTICATED=true (with ALLOWED_HOSTS), warning that it is open', async () => {
    const svc = await startService({
      HOST: '0.0.0.0',
      API_TOKEN: '',
      API_TOKENS_FILE: '',
      ALLOW_UNAUTHENTICATED: 'true',
      ALLOWED_HOSTS: '127.0.0.1',
    });
    try {
      const info = await fetch(`${svc.url}/api/system/info`);
      expect(info.status).toBe(200);
      expect(svc.output()).toContain('listening on 0.0.0.0 WITHOUT authentication (ALLOW_UNAUTHENTICATED=true)');
      expect((await rawGet(`${svc.url}/api/health`, { host: 'other.example' })).status).toBe(421);
    } finally {
      await svc.stop();
    }
  });
});
