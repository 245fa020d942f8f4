import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import { DatasetDto } from '../dataset/dto/dataset.dto';
import { ModelDto } from '../model/dto/model.dto';
import { Catalog, CatalogEntry, CatalogKind } from './catalog';
import { CatalogStore } from './catalog-store';

type Entry = CatalogEntry;
const datasets: CatalogKind<Entry> = {
  section: 'datasets',
  label: 'Dataset',
  entryClass: DatasetDto as unknown as new () => Entry,
  fields: ['name', 'type', 'storageId', 'storagePath', 'description', 'family'],
};
const models: CatalogKind<Entry> = {
  section: 'models',
  label: 'Model',
  entryClass: ModelDto as unknown as new () => Entry,
  fields: ['name', 'type', 'storageId', 'storagePath', 'mainSrc', 'description', 'family'],
};

async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('Catalog', () => {
  let dir: string;
  let file: string;
  const open = () => {
    const store = new CatalogStore(file);
    return {
      store,
      datasets: new Catalog(store, datasets, ['default', 'nas']),
      models: new Catalog(store, models, ['default']),
    };
  };
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'catalog-'));
    file = path.join(dir, 'catalog.json');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('adds under the URL name, fills optional fields, and keeps both catalogs in one file', async () => {
    const c = open();
    await c.store.load();
    expect(
      await c.datasets.add('mnist', { name: 'other', type: 'Image', storageId: 'nas', storagePath: 'data/mnist' }),
    ).toEqual({
      name: 'mnist',
      type: 'Image',
      storageId: 'nas',
      storagePath: 'data/mnist',
      description: '',
      family: '',
    });
    await c.models.add('cnn', {
      type: 'Model',
      storageId: 'default',
      storagePath: 'models/cnn',
      mainSrc: 'train.py',
      family: 'mnist',
    });
    const onDisk = JSON.parse(await fs.readFile(file, 'utf8')) as { datasets: Entry[]; models: Entry[] };
    expect(onDisk.datasets.map((d: Entry) => d.name)).toEqual(['mnist']);
    expect(onDisk.models[0]).toMatchObject({ name: 'cnn', mainSrc: 'train.py', family: 'mnist', description: '' });
  });

  it('answers CONFLICT for an existing name and NOT_FOUND for an unknown one', async () => {
    const c = open();
    const body = { type: 'Image', storageId: 'default', storagePath: 'a' };
    await c.datasets.add('a', body);
    expect((await failure(c.datasets.add('a', body))).code).toBe('CONFLICT');
    expect((await failure(c.datasets.get('b'))).code).toBe('NOT_FOUND');
    expect((await failure(c.datasets.update('b', body))).code).toBe('NOT_FOUND');
    expect((await failure(c.datasets.remove('b'))).code).toBe('NOT_FOUND');
    expect(await c.datasets.remove('a')).toMatchObject({ name: 'a' });
    expect(await c.datasets.list()).toEqual([]);
  });

  it('refuses bad names, paths and storages, naming the field', async () => {
    const c = open();
    const body = { type: 'Image', storageId: 'default', storagePath: 'a' };
    for (const name of ['', '.hidden', 'a/b', ' lead', '..', 'x'.repeat(129), 'tab\there', 'nul\u0000', 'a\u202eb']) {
      const e = await failure(c.datasets.add(name, body));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.extra?.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    }
    const cases: [object, string][] = [
      [{ ...body, storageId: 'elsewhere' }, 'storageId'],
      [{ ...body, storagePath: '../etc' }, 'storagePath'],
      [{ ...body, storagePath: '/../abs' }, 'storagePath'],
      [{ ...body, storagePath: 'a\\b' }, 'storagePath'],
      [{ ...body, storagePath: '' }, 'storagePath'],
      [{ storageId: 'default', storagePath: 'a' }, 'type'],
      [{ ...body, extra: 1 }, 'extra'],
      [{ ...body, description: 5 }, 'description'],
    ];
    for (const [bad, field] of cases) {
      const e = await failure(c.datasets.add('ok', bad));
      expect((e.extra?.errors as { field: string }[]).map((x) => x.field)).toContain(field);
    }
    expect((await failure(c.models.add('m', { ...body, mainSrc: '../x.py' }))).extra?.errors).toEqual([
      expect.objectContaining({ field: 'mainSrc' }),
    ]);
    expect(await c.datasets.list()).toEqual([]);
  });

  it('takes a storagePath rooted at the storage with a leading slash, kept as sent', async () => {
    const c = open();
    expect(
      await c.datasets.add('rooted', { type: 'Image', storageId: 'default', storagePath: '/dataset' }),
    ).toMatchObject({ storagePath: '/dataset' });
    expect(await c.datasets.add('root', { type: 'Image', storageId: 'default', storagePath: '/' })).toMatchObject({
      storagePath: '/',
    });
  });

  it('names each problem of a bad storagePath once, with the field in the message', async () => {
    const c = open();
    const body = { type: 'Image', storageId: 'default' };
    const notString = await failure(c.datasets.add('ok', { ...body, storagePath: 5 }));
    expect({ detail: notString.detail, errors: notString.extra?.errors }).toEqual({
      detail: 'storagePath must be a string',
      errors: [{ field: 'storagePath', message: 'storagePath must be a string' }],
    });
    const climbing = await failure(c.datasets.add('ok', { ...body, storagePath: 'a/../../etc' }));
    expect({ detail: climbing.detail, errors: climbing.extra?.errors }).toEqual({
      detail: 'storagePath: Path may not contain ".."',
      errors: [{ field: 'storagePath', message: 'storagePath: Path may not contain ".."' }],
    });
    const notList = await failure(c.datasets.replace({}));
    expect(notList.detail).toBe('body must be a list of datasets');
    const notObject = await failure(c.datasets.replace([3]));
    expect(notObject.extra?.errors).toEqual([{ field: '[0]', message: '[0] must be an object describing a dataset' }]);
  });

  it('replaces the list only when every entry is valid and names are unique', async () => {
    const c = open();
    await c.datasets.add('keep', { type: 'Text', storageId: 'default', storagePath: 'k' });
    const good = { name: 'x', type: 'Text', storageId: 'default', storagePath: 'x' };
    const repeated = await failure(c.datasets.replace([good, { ...good }]));
    expect(repeated.extra?.errors).toEqual([{ field: '[1].name', message: 'name "x" is repeated' }]);
    const oneBad = await failure(c.datasets.replace([good, { ...good, name: 'y', storageId: 'nowhere' }]));
    expect(oneBad.extra?.errors).toEqual([expect.objectContaining({ field: '[1].storageId' })]);
    expect((await failure(c.datasets.replace({ not: 'a list' }))).code).toBe('BAD_REQUEST');
    expect((await c.datasets.list()).map((d) => d.name)).toEqual(['keep']);
    expect(await c.datasets.replace([good, { ...good, name: 'y' }])).toHaveLength(2);
    expect((await c.datasets.list()).map((d) => d.name)).toEqual(['x', 'y']);
  });

  it('refuses at load a hand-edited file with an invalid entry, naming the file and the entry', async () => {
    await fs.writeFile(
      file,
      JSON.stringify({
        datasets: [
          { name: 'ok', type: 'T', storageId: 'default', storagePath: 'p' },
          { name: 'bad/name', type: 'T', storageId: 'default', storagePath: 'p' },
        ],
      }),
    );
    const c = open();
    await expect(c.store.load()).rejects.toThrow(
      `${file} does not hold the expected data: datasets[1].name: name must be`,
    );
  });

  it('takes Unicode names in NFC form: a decomposed name finds the same entry', async () => {
    const c = open();
    const body = { type: 'Text', storageId: 'default', storagePath: 'ko' };
    expect(await c.datasets.add('한국어 말뭉치', body)).toMatchObject({ name: '한국어 말뭉치' });
    const decomposed = '한국어 말뭉치'.normalize('NFD');
    expect(decomposed).not.toBe('한국어 말뭉치');
    expect(await c.datasets.get(decomposed)).toMatchObject({ name: '한국어 말뭉치' });
    expect((await failure(c.datasets.add(decomposed, body))).code).toBe('CONFLICT');
    expect(await c.datasets.replace([{ ...body, name: 'Café'.normalize('NFD') }])).toEqual([
      expect.objectContaining({ name: 'Café'.normalize('NFC') }),
    ]);
    expect(await c.datasets.remove('Café')).toMatchObject({ name: 'Café' });
  });

  it('loads a file whose storage no longer exists in the configuration (entries stay listed)', async () => {
    await fs.writeFile(
      file,
      JSON.stringify({ models: [{ name: 'm', type: 'Model', storageId: 'gone', storagePath: 'p' }] }),
    );
    const c = open();
    await c.store.load();
    expect(await c.models.list()).toEqual([
      { name: 'm', type: 'Model', storageId: 'gone', storagePath: 'p', mainSrc: '', description: '', family: '' },
    ]);
  });
});
