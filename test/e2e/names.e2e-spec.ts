import type { components } from '../../openapi/client';
import { Service, ValidationProblem, json, startService } from './harness';

jest.setTimeout(60_000);

const KOREAN = '한국어 말뭉치';

describe('catalog names in any language', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(() => svc?.stop());

  it('adds, gets, updates, lists and deletes a Korean dataset through the generated client', async () => {
    const c = svc.client;
    const path = { name: KOREAN };
    const added = await c.POST('/api/dataset/item/{name}', {
      params: { path },
      body: { type: 'Text', storageId: 'default', storagePath: 'ko/corpus' },
    });
    expect(added.response.status).toBe(201);
    expect(added.data).toEqual({
      name: KOREAN,
      type: 'Text',
      storageId: 'default',
      storagePath: 'ko/corpus',
      description: '',
      family: '',
    });
    expect((await c.GET('/api/dataset/item/{name}', { params: { path } })).data).toMatchObject({ name: KOREAN });
    const updated = await c.PUT('/api/dataset/item/{name}', {
      params: { path },
      body: { type: 'Text', storageId: 'default', storagePath: 'ko/corpus', description: '설명' },
    });
    expect(updated.data).toMatchObject({ name: KOREAN, description: '설명' });
    expect((await c.GET('/api/dataset/list')).data).toEqual([updated.data]);
    expect((await c.DELETE('/api/dataset/item/{name}', { params: { path } })).data).toMatchObject({ name: KOREAN });
    expect((await c.GET('/api/dataset/item/{name}', { params: { path } })).response.status).toBe(404);
  });

  it('does the same for a model, and the percent-encoded URL a browser sends names the same entry', async () => {
    const c = svc.client;
    const path = { name: KOREAN };
    expect(
      (
        await c.POST('/api/model/item/{name}', {
          params: { path },
          body: { type: 'Model', storageId: 'default', storagePath: 'models/ko', mainSrc: 'main.py' },
        })
      ).response.status,
    ).toBe(201);
    const raw = await fetch(`${svc.url}/api/model/item/${encodeURIComponent(KOREAN)}`);
    expect(raw.status).toBe(200);
    expect((await json<components['schemas']['ModelDto']>(raw)).name).toBe(KOREAN);
    // The same name typed decomposed (NFD, as some keyboards and file systems give it) finds the entry.
    const decomposed = await fetch(`${svc.url}/api/model/item/${encodeURIComponent(KOREAN.normalize('NFD'))}`);
    expect((await json<components['schemas']['ModelDto']>(decomposed)).name).toBe(KOREAN);
    expect((await c.GET('/api/model/list')).data!.map((m) => m.name)).toEqual([KOREAN]);
    expect((await c.DELETE('/api/model/item/{name}', { params: { path } })).response.status).toBe(200);
    expect((await c.GET('/api/model/list')).data).toEqual([]);
  });

  it('keeps a list of Unicode names exactly as sent', async () => {
    const names = ['Café', 'データ_1.0', KOREAN, 'mnist'];
    const items = names.map((name) => ({ name, type: 'Text', storageId: 'default', storagePath: 'x' }));
    expect((await svc.client.POST('/api/dataset/list', { body: items })).response.status).toBe(200);
    expect((await svc.client.GET('/api/dataset/list')).data!.map((d) => d.name)).toEqual(names);
  });

  it('still refuses a slash, control characters and hidden names with a 400 naming the field', async () => {
    for (const name of ['a/b', 'tab\there', '.hidden', ' lead']) {
      const res = await fetch(`${svc.url}/api/dataset/item/${encodeURIComponent(name)}`);
      expect([name, res.status]).toEqual([name, 400]);
      expect((await json<ValidationProblem>(res)).errors).toEqual([
        {
          field: 'name',
          message: 'name must be 1-128 letters, digits, spaces, "_", "." or "-", starting with a letter or digit',
        },
      ]);
    }
  });
});
