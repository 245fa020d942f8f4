import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Problem, Service, ValidationProblem, json, startService } from './harness';

jest.setTimeout(60_000);

/** POSTs a raw body with a given Content-Type (what a client other than the generated one may send). */
function post(svc: Service, route: string, contentType: string, body: string | FormData): Promise<Response> {
  return fetch(`${svc.url}${route}`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body,
  });
}

describe('validation: one message per field, 415 for a body the route does not take', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(() => svc?.stop());

  it.each([
    ['/api/image/create', ['name', 'baseImage']],
    ['/api/dataset/item/mnist', ['type', 'storageId', 'storagePath']],
    ['/api/model/item/cnn', ['type', 'storageId', 'storagePath']],
  ])('{} to %s says each missing field is required, once', async (route, fields) => {
    const res = await post(svc, route, 'application/json', '{}');
    expect(res.status).toBe(400);
    const body = await json<ValidationProblem>(res);
    const errors = fields.map((field) => ({ field, message: `${field} is required` }));
    expect(body).toMatchObject({ status: 400, errors, detail: errors.map((e) => e.message).join('; ') });
    expect(body.errors).toHaveLength(fields.length);
  });

  it('{} to /api/exec/create says each missing field is required, once', async () => {
    const { error, response } = await svc.client.POST('/api/exec/create', { body: {} as never });
    expect(response.status).toBe(400);
    const fields = error!.errors!.map((e) => e.field);
    expect(fields).toEqual([...new Set(fields)]);
    expect(fields).toContain('imageTag');
    for (const e of error!.errors!) expect(e.message).toBe(`${e.field} is required`);
  });

  it('a present but wrong field gets the first rule it breaks, one message', async () => {
    const { error } = await svc.client.POST('/api/dataset/item/{name}', {
      params: { path: { name: 'mnist' } },
      body: { type: 'Image', storageId: 'default', storagePath: 7 as never, description: ['x'] as never },
    });
    expect(error).toMatchObject({
      status: 400,
      errors: [
        { field: 'storagePath', message: 'storagePath must be a string' },
        { field: 'description', message: 'description must be a string' },
      ],
    });
    expect(error!.errors).toHaveLength(2);
  });

  it('answers 415 to a text/plain or form body sent to a JSON route, before validating it', async () => {
    for (const [type, body] of [
      ['text/plain', '{"name": "x"}'],
      ['text/plain;charset=UTF-8', 'hello'],
    ] as const) {
      const res = await post(svc, '/api/image/create', type, body);
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await json(res)).toMatchObject({
        status: 415,
        title: 'Unsupported Media Type',
        detail: 'This route takes application/json, not text/plain',
      });
    }
    const form = new FormData();
    form.append('type', 'Image');
    const multipart = await post(svc, '/api/dataset/item/mnist', '', form);
    expect(multipart.status).toBe(415);
    expect((await json<Problem>(multipart)).detail).toBe('This route takes application/json, not multipart/form-data');
    expect((await svc.client.GET('/api/dataset/list')).data).toEqual([]);
  });

  it('keeps multipart and raw upload routes working, and refuses JSON there with 415', async () => {
    await fs.mkdir(path.join(svc.dataDir, 'storage', 'up'), { recursive: true });
    const form = new FormData();
    form.append('file', new Blob(['alpha']), 'a.txt');
    const uploaded = await post(svc, '/api/storage/file/default/up', '', form);
    expect(uploaded.status).toBe(201);
    expect(await fs.readFile(path.join(svc.dataDir, 'storage', 'up', 'a.txt'), 'utf8')).toBe('alpha');

    const put = await fetch(`${svc.url}/api/storage/file/default/up%2Fb.json`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"raw": true}',
    });
    expect(put.status).toBeLessThan(300);
    expect(await fs.readFile(path.join(svc.dataDir, 'storage', 'up', 'b.json'), 'utf8')).toBe('{"raw": true}');

    const json415 = await post(svc, '/api/storage/file/default/up', 'application/json', '{}');
    expect(json415.status).toBe(415);
    expect((await json<Problem>(json415)).detail).toBe('This route takes multipart/form-data, not application/json');
  });

  it('documents the 415 of every operation that takes a body', async () => {
    type Operation = { requestBody?: unknown; responses: Record<string, unknown> };
    const doc = await json<{ paths: Record<string, Record<string, Operation>> }>(
      await fetch(`${svc.url}/api/docs/openapi.json`),
    );
    const withBody = Object.values(doc.paths)
      .flatMap((item) => Object.values(item))
      .filter((op) => op.requestBody);
    expect(withBody.length).toBeGreaterThan(5);
    for (const op of withBody) expect(op.responses['415']).toBeDefined();
  });
});
