import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { components } from '../../openapi/client';
import type { AuditEntry, RequestAuditEntry } from '../../src/audit/audit-entry';
import { Problem, Service, json, rawGet, runServiceToExit, startService, tempDir } from './harness';

/**
 * The service with a token: every operation of the committed OpenAPI
 * document refuses a caller without it, the browser session works, CORS and
 * Host are checked, and the audit log holds one line per changing call.
 */

jest.setTimeout(300_000);

const TOKEN = `e2e-security-${randomBytes(16).toString('hex')}`;
const ALLOWED_ORIGIN = 'http://frontend.localhost:5173';
const EVIL_ORIGIN = 'http://evil.example';

type Op = { method: string; route: string };
/** The parts of an OpenAPI document these tests read. */
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  security: unknown;
}
const DOC = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8'),
) as OpenApiDocument;
const OPERATIONS: Op[] = Object.entries(DOC.paths).flatMap(([route, item]) =>
  ['get', 'put', 'post', 'delete', 'patch']
    .filter((m) => item[m])
    .map((method) => ({ method: method.toUpperCase(), route })),
);
/** The operations answered without a token (see src/auth/public-routes.ts). */
const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/logout']);
const PROTECTED = OPERATIONS.filter((op) => !PUBLIC.has(`${op.method} ${op.route}`));
const DOWNLOAD = '/api/storage/file/{storage_id}/{file_path}';
const HAS_DOWNLOAD = OPERATIONS.some((op) => op.method === 'GET' && op.route === DOWNLOAD);
const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What each operation answers a caller with the token, for a request without a body naming nothing
 * that exists (each operation's storage path its own, see `concreteFor`): the route's own answer,
 * never 401 or 403, never a 5xx. A new operation must be added here.
 */
const WITH_TOKEN: Record<string, number> = {
  'GET /api/app/list': 200,
  'POST /api/app/run/{module_id}': 404,
  'POST /api/auth/login': 400,
  'POST /api/auth/logout': 200,
  'GET /api/dataset/item/{name}': 404,
  'PUT /api/dataset/item/{name}': 400,
  'POST /api/dataset/item/{name}': 400,
  'DELETE /api/dataset/item/{name}': 404,
  'GET /api/dataset/list': 200,
  'POST /api/dataset/list': 400,
  'POST /api/exec/create': 400,
  'GET /api/events': 200,
  'GET /api/exec/events/{exec_id}': 404,
  'GET /api/exec/metrics/{exec_id}': 404,
  'GET /api/exec/info/{exec_id}': 404,
  'DELETE /api/exec/item/{exec_id}': 404,
  'GET /api/exec/list': 200,
  'GET /api/exec/logs/{exec_id}': 404,
  'GET /api/exec/progress/{exec_id}': 404,
  'GET /api/exec/queue': 200,
  'GET /api/exec/result/{exec_id}': 404,
  'GET /api/exec/status/{exec_id}': 404,
  'PUT /api/exec/stop/{exec_id}': 404,
  'GET /api/health': 200,
  'POST /api/image/create': 400,
  'GET /api/image/create/{name}': 404,
  'DELETE /api/image/create/{name}': 404,
  'DELETE /api/image/item/{name}': 404,
  'GET /api/image/list': 200,
  'GET /api/image/events/{name}': 404,
  'GET /api/metrics': 200,
  'GET /api/model/item/{name}': 404,
  'PUT /api/model/item/{name}': 400,
  'POST /api/model/item/{name}': 400,
  'DELETE /api/model/item/{name}': 404,
  'GET /api/model/list': 200,
  'POST /api/model/list': 400,
  'PUT /api/storage/dir/{storage_id}/{file_path}': 200,
  'GET /api/storage/file/{storage_id}/{file_path}': 404,
  'PUT /api/storage/file/{storage_id}/{file_path}': 404,
  'POST /api/storage/file/{storage_id}/{file_path}': 404,
  'DELETE /api/storage/item/{storage_id}/{file_path}': 404,
  'GET /api/storage/list': 200,
  'GET /api/storage/list/{storage_id}': 200,
  'GET /api/storage/list/{storage_id}/{file_path}': 404,
  'POST /api/storage/upload_item': 400,
  'DELETE /api/storage/upload_item/{upload_id}': 400,
  'GET /api/system/gpus': 200,
  'GET /api/system/info': 200,
  'GET /api/system/nodes': 200,
};

/** Harmless values for path parameters: names nothing that exists. */
function concrete(route: string): string {
  return route.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === 'storage_id' ? 'default' : name === 'file_path' ? 'e2e-security-none/none.txt' : 'e2e-security-none',
  );
}

/** The path of an operation with a storage path of its own, so that what one operation makes no other sees. */
function concreteFor(op: Op, index: number): string {
  return concrete(op.route).replace('e2e-security-none/none.txt', `e2e-security-op-${index}/none.txt`);
}

/** The request lines of a service's audit log, once it holds at least `count` of them (lines follow the answer). */
async function auditRequests(dataDir: string, count: number): Promise<RequestAuditEntry[]> {
  const read = async () =>
    (await fs.readFile(path.join(dataDir, 'audit.log'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry)
      .filter((e): e is RequestAuditEntry => e.event === 'request');
  const deadline = Date.now() + 5000;
  while ((await read()).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return read();
}

describe('with API_TOKEN set', () => {
  let svc: Service;
  /** Every changing call the tests made: method, path, status, expected token id in the audit log. */
  const calls: string[] = [];

  /** fetch, noting each changing call for the audit check; no answer within 20 s fails the test. */
  async function call(
    method: string,
    pathname: string,
    init: RequestInit & { tokenId?: string | null } = {},
  ): Promise<Response> {
    const { tokenId = null, ...rest } = init;
    let res: Response;
    try {
      res = await fetch(`${svc.url}${pathname}`, { method, signal: AbortSignal.timeout(20_000), ...rest });
    } catch (e) {
      if ((e as Error).name === 'TimeoutError')
        throw new Error(`${method} ${pathname}: no answer within 20 s`, { cause: e });
      throw e;
    }
    if (CHANGING.has(method)) calls.push(`${method} ${pathname.split('?')[0]} ${res.status} ${tokenId}`);
    return res;
  }

  /** Logs in with the token through the API; the session cookie (`webapi_session=…`). */
  async function login(): Promise<string> {
    const res = await call('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0];
  }

  beforeAll(async () => {
    svc = await startService({ API_TOKEN: TOKEN, CORS_ORIGINS: ALLOWED_ORIGIN }, undefined, { token: TOKEN });
  });
  afterAll(() => svc?.stop());

  it('the OpenAPI document lists the operations walked below, with the bearer scheme', () => {
    expect(PROTECTED.length).toBeGreaterThan(0);
    expect(DOC.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(DOC.security).toEqual([{ bearer: [] }, { session: [] }]);
    for (const op of PROTECTED) expect(DOC.paths[op.route][op.method.toLowerCase()].responses['401']).toBeDefined();
    for (const key of PUBLIC) {
      const [method, route] = key.split(' ');
      expect(DOC.paths[route][method.toLowerCase()].security).toEqual([]);
    }
  });

  it('answers every operation but the public ones with a 401 problem document without a token', async () => {
    const seen: string[] = [];
    for (const op of PROTECTED) {
      const res = await call(op.method, concrete(op.route));
      seen.push(`${op.method} ${op.route} ${res.status}`);
      expect({ op, status: res.status }).toEqual({ op, status: 401 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="docker-web-api"');
      expect(await json(res)).toMatchObject({
        status: 401,
        title: 'Unauthorized',
        instance: concrete(op.route).split('?')[0],
      });
    }
    expect(seen).toHaveLength(PROTECTED.length);
  });

  it('answers an unknown route 401 as well, so the route map is not shown to strangers', async () => {
    const res = await call('POST', '/api/e2e-security-none');
    expect(res.status).toBe(401);
    const known = await call('POST', '/api/e2e-security-none', {
      headers: { authorization: `Bearer ${TOKEN}` },
      tokenId: 'default',
    });
    expect(known.status).toBe(404);
  });

  it('refuses a wrong token and a malformed header on every operation (invalid_token)', async () => {
    for (const op of PROTECTED) {
      for (const authorization of [`Bearer ${TOKEN.slice(0, -1)}x`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
        const res = await call(op.method, concrete(op.route), { headers: { authorization } });
        expect({ op, authorization, status: res.status }).toEqual({ op, authorization, status: 401 });
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="docker-web-api", error="invalid_token"');
        await res.body?.cancel();
      }
    }
  });

  it('lets every operation through with the token: each gives its own answer', async () => {
    const seen = [];
    for (const [index, op] of OPERATIONS.entries()) {
      const res = await call(op.method, concreteFor(op, index), {
        headers: { authorization: `Bearer ${TOKEN}` },
        tokenId: 'default',
      });
      seen.push({ op: `${op.method} ${op.route}`, status: res.status });
      await res.body?.cancel();
    }
    expect(seen).toEqual(
      OPERATIONS.map((op) => ({
        op: `${op.method} ${op.route}`,
        status: WITH_TOKEN[`${op.method} ${op.route}`] ?? 'missing from WITH_TOKEN',
      })),
    );
  });

  it('answers the public operations without a token', async () => {
    const health = await call('GET', '/api/health');
    expect(health.status).toBe(200);
    const ui = await fetch(`${svc.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const doc = await json<OpenApiDocument>(await fetch(`${svc.url}/api/docs/openapi.json`));
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
  });

  it('the typed client sends the token it was given', async () => {
    const { response, data } = await svc.client.GET('/api/system/info');
    expect(response.status).toBe(200);
    expect(data!.cpu_thread_count).toBeGreaterThan(0);
  });

  describe('the browser session (for <img src>, downloads and EventSource)', () => {
    /** A session of its own for these tests (the logout test makes and ends another). */
    let cookie = '';
    beforeAll(async () => {
      cookie = await login();
    });

    it('refuses to log in with a wrong token and sets no cookie', async () => {
      const res = await call('POST', '/api/auth/login', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: `${TOKEN}x` }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('logs in with the token: an HttpOnly, SameSite=Strict cookie holding a session, not the token', async () => {
      const res = await call('POST', '/api/auth/login', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: TOKEN }),
      });
      expect(res.status).toBe(200);
      const body = await json<components['schemas']['AuthSessionDto']>(res);
      expect(body.tokenId).toBe('default');
      expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(
        /^webapi_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Path=\/api; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
      );
      expect(setCookie).not.toContain(TOKEN);
    });

    (HAS_DOWNLOAD ? it : it.skip)('downloads a storage file with the cookie alone, as an <img src> would', async () => {
      const bytes = randomBytes(4096);
      const folder = path.join(svc.dataDir, 'storage', 'e2e-security');
      await fs.mkdir(folder, { recursive: true });
      await fs.writeFile(path.join(folder, 'picture.png'), bytes);
      const url = `${svc.url}/api/storage/file/default/e2e-security/picture.png`;
      const res = await fetch(url, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { cookie: `${cookie}x` } })).status).toBe(401);
    });

    it('accepts the cookie alone on a GET route', async () => {
      const res = await fetch(`${svc.url}/api/system/info`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const at = cookie.length - 10;
      const flipped = `${cookie.slice(0, at)}${cookie[at] === 'A' ? 'B' : 'A'}${cookie.slice(at + 1)}`;
      const tampered = await fetch(`${svc.url}/api/system/info`, { headers: { cookie: flipped } });
      expect(tampered.status).toBe(401);
      expect((await json<Problem>(tampered)).detail).toMatch(/session has ended/);
    });

    it('accepts the cookie on a changing request only from its own or an allowed origin', async () => {
      // Making a folder: what each request did is on disk.
      const folder = (name: string) => `/api/storage/dir/default/e2e-security-origin/${name}`;
      const made = (name: string) =>
        fs.stat(path.join(svc.dataDir, 'storage', 'e2e-security-origin', name)).then(
          (s) => s.isDirectory(),
          () => false,
        );
      const foreign = await call('PUT', folder('foreign'), {
        headers: { cookie, origin: EVIL_ORIGIN },
        tokenId: 'default',
      });
      expect(foreign.status).toBe(403);
      const crossSite = await call('PUT', folder('cross-site'), {
        headers: { cookie, 'sec-fetch-site': 'cross-site' },
        tokenId: 'default',
      });
      expect(crossSite.status).toBe(403);
      expect([await made('foreign'), await made('cross-site')]).toEqual([false, false]);
      for (const [name, origin] of [
        ['allowed', ALLOWED_ORIGIN],
        ['own', svc.url],
      ]) {
        const ok = await call('PUT', folder(name), { headers: { cookie, origin }, tokenId: 'default' });
        expect({ origin, status: ok.status }).toEqual({ origin, status: 200 });
        expect(await made(name)).toBe(true);
      }
    });

    it('logs out: the cookie is cleared and the session no longer works', async () => {
      const cookie = await login();
      expect((await fetch(`${svc.url}/api/system/info`, { headers: { cookie } })).status).toBe(200);
      const res = await call('POST', '/api/auth/logout', { headers: { cookie, origin: svc.url }, tokenId: 'default' });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/^webapi_session=; Path=\/api; Max-Age=0;/);
      expect((await fetch(`${svc.url}/api/system/info`, { headers: { cookie } })).status).toBe(401);
    });
  });

  describe('CORS', () => {
    it('grants nothing to an origin not on the list', async () => {
      const res = await fetch(`${svc.url}/api/health`, { headers: { origin: EVIL_ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${svc.url}/api/system/info`, {
        method: 'OPTIONS',
        headers: {
          origin: EVIL_ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('grants exactly the allowed origin, with credentials, also on a preflight without a token', async () => {
      const res = await fetch(`${svc.url}/api/system/info`, {
        headers: { origin: ALLOWED_ORIGIN, authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('vary')).toMatch(/origin/i);
      const preflight = await fetch(`${svc.url}/api/system/info`, {
        method: 'OPTIONS',
        headers: {
          origin: ALLOWED_ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      // The 401 carries the grant too, so the frontend can read it.
      const refused = await fetch(`${svc.url}/api/system/info`, { headers: { origin: ALLOWED_ORIGIN } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    });
  });

  it('answers a Host that is not a loopback name with a 421 problem (DNS rebinding)', async () => {
    const res = await rawGet(`${svc.url}/api/health`, { host: 'rebind.attacker.example' });
    expect(res.status).toBe(421);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 421, title: 'Misdirected Request' });
    expect((await rawGet(`${svc.url}/api/health`, { host: 'localhost' })).status).toBe(200);
  });

  it('the audit log holds one line per changing call, with token ids and no token', async () => {
    // Calls of its own (with any other test's, all noted by `call`): by cookie, by bearer, refused.
    const cookie = await login();
    for (const name of ['a', 'b', 'c']) {
      expect(
        (
          await call('PUT', `/api/storage/dir/default/e2e-security-audit/${name}`, {
            headers: { cookie },
            tokenId: 'default',
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (
        await call('DELETE', '/api/storage/item/default/e2e-security-audit/a', {
          headers: { authorization: `Bearer ${TOKEN}` },
          tokenId: 'default',
        })
      ).status,
    ).toBe(200);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`]) {
      const refused = await call('DELETE', '/api/storage/item/default/e2e-security-audit/b', {
        headers: authorization ? { authorization } : {},
      });
      expect(refused.status).toBe(401);
    }
    const file = path.join(svc.dataDir, 'audit.log');
    const entries = await auditRequests(svc.dataDir, calls.length);
    expect(entries.map((e) => `${e.method} ${e.path} ${e.status} ${e.tokenId}`).sort()).toEqual([...calls].sort());
    expect(entries.filter((e) => e.via === 'cookie').length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((e) => e.status === 401).length).toBeGreaterThanOrEqual(2);
    for (const e of entries) {
      expect(typeof e.requestId).toBe('string');
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
      expect(['ok', 'refused', 'failed', 'aborted']).toContain(e.outcome);
    }
    const text = await fs.readFile(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(13));
    expect(text).not.toContain('webapi_session');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('without a token (the default)', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ CORS_ORIGINS: ALLOWED_ORIGIN });
  });
  afterAll(() => svc?.stop());

  it('keeps every route open, grants no CORS, and still refuses a rebound Host', async () => {
    expect((await svc.client.GET('/api/system/info')).response.status).toBe(200);
    const res = await fetch(`${svc.url}/api/health`, { headers: { origin: 'http://localhost:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await rawGet(`${svc.url}/api/health`, { host: 'rebind.attacker.example:80' })).status).toBe(421);
  });

  it('answers login with a 400: there is nothing to log in to', async () => {
    const res = await fetch(`${svc.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(20) }),
    });
    expect(res.status).toBe(400);
    const lines = (await auditRequests(svc.dataDir, 1)).filter((e) => e.route === '/api/auth/login');
    expect(lines).toEqual([
      expect.objectContaining({
        event: 'request',
        method: 'POST',
        route: '/api/auth/login',
        status: 400,
        tokenId: null,
        via: 'none',
      }),
    ]);
  });

  it('refuses a cross-site form upload (no preflight needed) and writes nothing; allowed origins and non-browsers are served', async () => {
    const root = path.join(svc.dataDir, 'storage');
    const upload = (name: string, headers: Record<string, string>) => {
      const form = new FormData();
      form.append('file', new Blob(['print("pwned")']), 'x.py');
      return fetch(`${svc.url}/api/storage/file/default/${name}`, { method: 'POST', body: form, headers });
    };
    const exists = (name: string) =>
      fs.stat(path.join(root, name)).then(
        () => true,
        () => false,
      );

    const foreign = await upload('evil.py', { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await json(foreign)).toMatchObject({ status: 403, title: 'Forbidden' });
    const plain = await fetch(`${svc.url}/api/storage/file/default/evil.txt`, {
      method: 'PUT',
      body: 'x',
      headers: { 'content-type': 'text/plain', origin: 'null' },
    });
    expect(plain.status).toBe(403);
    for (const site of ['cross-site', 'same-site'])
      expect((await upload('evil.py', { 'sec-fetch-site': site })).status).toBe(403);
    expect(await exists('evil.py')).toBe(false);
    expect(await exists('evil.txt')).toBe(false);

    // With no token configured a bearer header authenticates nothing, so it does not lift the check.
    expect((await upload('evil.py', { origin: 'https://evil.example', authorization: 'Bearer x' })).status).toBe(403);

    expect((await upload('allowed.py', { origin: ALLOWED_ORIGIN, 'sec-fetch-site': 'cross-site' })).status).toBe(201);
    expect((await upload('own.py', { origin: svc.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await upload('cli.py', {})).status).toBe(201);
    for (const name of ['allowed.py', 'own.py', 'cli.py'])
      expect(await fs.readFile(path.join(root, name), 'utf8')).toBe('print("pwned")');
    // Reading stays open to any origin (no CORS grant, so a foreign page cannot read the answer).
    expect((await fetch(`${svc.url}/api/system/info`, { headers: { origin: 'https://evil.example' } })).status).toBe(
      200,
    );
  });
});

describe('start-up', () => {
  const NO_TOKEN = { API_TOKEN: '', API_TOKENS_FILE: '', ALLOW_UNAUTHENTICATED: '' };

  it('refuses HOST=0.0.0.0 without a token, saying why, and exits non-zero', async () => {
    const dir = await tempDir();
    const { code, output } = await runServiceToExit({ ...NO_TOKEN, DATA_DIR: dir, PORT: '0', HOST: '0.0.0.0' });
    expect(code).toBe(3);
    expect(output).toContain('Refusing to listen on 0.0.0.0 without authentication');
    expect(output).toContain('ALLOW_UNAUTHENTICATED=true');
    expect(output).not.toMatch(/listening on/);
  });

  it('refuses a token too short to be one, naming the variable', async () => {
    const dir = await tempDir();
    const { code, output } = await runServiceToExit({ ...NO_TOKEN, DATA_DIR: dir, PORT: '0', API_TOKEN: 'secret' });
    expect(code).toBe(2);
    expect(output).toContain('API_TOKEN');
    expect(output).not.toContain('secret');
  });

  it('starts on 0.0.0.0 with tokens from a file, each known by its id', async () => {
    const dir = await tempDir();
    const ciToken = `ci-${randomBytes(12).toString('hex')}`;
    const file = path.join(dir, 'tokens');
    await fs.writeFile(file, `# who may call\nci:${ciToken}\n`);
    const svc = await startService({ ...NO_TOKEN, HOST: '0.0.0.0', API_TOKENS_FILE: file, ALLOWED_HOSTS: '127.0.0.1' });
    try {
      expect((await fetch(`${svc.url}/api/system/info`)).status).toBe(401);
      const res = await fetch(`${svc.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: ciToken }),
      });
      expect(await json(res)).toMatchObject({ tokenId: 'ci' });
      expect(
        (await fetch(`${svc.url}/api/system/info`, { headers: { authorization: `Bearer ${ciToken}` } })).status,
      ).toBe(200);
      const audit = await fs.readFile(path.join(svc.dataDir, 'audit.log'), 'utf8');
      expect(audit).not.toContain(ciToken);
    } finally {
      await svc.stop();
    }
  });
});
