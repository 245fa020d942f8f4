import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BUSYBOX_IMAGE, PYTHON_IMAGE, Service, startService, tempDir } from './harness';
import { removeContainersOf, waitFor } from './exec-helpers';

/**
 * A run that can write a storage folder races the service: it swaps
 * `shared/m` between a folder and a symlink to a host folder outside every
 * storage, as fast as it can, while the test mounts `shared/m` as other
 * runs' output, uploads into it, lists it, downloads from it and deletes in
 * and under it. Whatever the interleaving, nothing outside the storage may be
 * written, deleted, listed or read.
 */

/** The attack lasts at least this long, and until ATTEMPTS requests were made (at most MAX_ATTACK_MS on a loaded machine). */
const ATTACK_MS = 6000;
const ATTEMPTS = 300;
const MAX_ATTACK_MS = 30_000;
const MARKERS: Record<string, string> = { 'marker-1.txt': 'host file one', 'marker-2.txt': 'host file two' };

/** Swaps /app/output/m (the storage's shared/m) between a folder and a symlink to `target`, keeping the folder's content. */
const SWAPPER = `
import os, sys, time
os.chdir('/app/output')
target, end = sys.argv[1], time.time() + float(sys.argv[2])
while time.time() < end:
    try:
        if os.path.isdir('m') and not os.path.islink('m'): os.rename('m', 'm.dir')
    except OSError: pass
    try: os.symlink(target, 'm')
    except OSError: pass
    time.sleep(0.0003)
    try:
        if os.path.islink('m'): os.unlink('m')
    except OSError: pass
    try: os.rename('m.dir', 'm')
    except OSError:
        try: os.mkdir('m')
        except OSError: pass
    time.sleep(0.0003)
`;

function runningContainersOf(dataDir: string): string[] {
  const out = execFileSync('docker', [
    'ps',
    '--filter',
    `label=webapi.exec.data-dir=${dataDir}`,
    '--format',
    '{{.Names}}',
  ]);
  return out.toString().split('\n').filter(Boolean);
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await fs.readdir(dir)).sort()) {
    const stat = await fs.lstat(path.join(dir, name));
    out[name] = stat.isFile()
      ? await fs.readFile(path.join(dir, name), 'utf8')
      : `<${stat.isDirectory() ? 'folder' : 'other'}>`;
  }
  return out;
}

describe('symlink races against a storage folder a run can write', () => {
  let svc: Service;
  let outside: string;

  beforeAll(async () => {
    outside = await tempDir('webapi-outside-');
    for (const [name, content] of Object.entries(MARKERS)) await fs.writeFile(path.join(outside, name), content);
    svc = await startService({ EXEC_NETWORK_MODE: 'none' });
    const storage = path.join(svc.dataDir, 'storage');
    await fs.mkdir(path.join(storage, 'code'), { recursive: true });
    await fs.writeFile(path.join(storage, 'code', 'swap.py'), SWAPPER);
    await fs.mkdir(path.join(storage, 'shared', 'm'), { recursive: true });
    // The swapping run may run as an unprivileged user: it must be able to write the folder it swaps in.
    await fs.chmod(path.join(storage, 'shared'), 0o777);
    await fs.chmod(path.join(storage, 'shared', 'm'), 0o777);
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
    if (svc) removeContainersOf(svc.dataDir);
    await fs.rm(outside, { recursive: true, force: true });
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  it('never writes, deletes, lists or reads outside the storage, however the swaps fall', async () => {
    const api = svc.client;
    const swapper = await api.POST('/api/exec/create', {
      body: {
        id: 'swapper',
        srcPath: 'code',
        inputPath: 'code',
        outputPath: 'shared',
        imageTag: PYTHON_IMAGE,
        command: ['python', '/app/swap.py', outside, String(MAX_ATTACK_MS / 1000 + 30)],
      },
    });
    expect(swapper.error).toBeUndefined();
    // The swapping has begun once m has been a symlink at least once.
    await waitFor(
      'the run to start swapping',
      async () => (await fs.readdir(path.join(svc.dataDir, 'storage', 'shared'))).includes('m.dir'),
      30_000,
      5,
    );

    const started = Date.now();
    const counts = { runs: 0, uploads: 0, forms: 0, deletes: 0, lists: 0, reads: 0 };
    const attempts = () => Object.values(counts).reduce((a, b) => a + b, 0);
    const attacking = () =>
      Date.now() - started < MAX_ATTACK_MS && (Date.now() - started < ATTACK_MS || attempts() < ATTEMPTS);
    const seen: string[] = [];
    const at = (file_path: string) => ({ params: { path: { storage_id: 'default', file_path } } });
    const loop = async (work: (i: number) => Promise<void>) => {
      for (let i = 0; attacking(); i++) await work(i);
    };

    await Promise.all([
      // Runs with shared/m as their output: each writes a probe file into what it was given.
      loop(async (i) => {
        await api.POST('/api/exec/create', {
          body: {
            id: `probe-${i}`,
            srcPath: 'code',
            inputPath: 'code',
            outputPath: 'shared/m',
            imageTag: BUSYBOX_IMAGE,
            command: [
              '/bin/sh',
              '-c',
              'echo escaped > /app/output/probe-$WEBAPI_EXEC_ID; rm -f /app/output/marker-1.txt',
            ],
          },
        });
        counts.runs++;
      }),
      // Raw uploads into shared/m.
      loop(async (i) => {
        await api.PUT('/api/storage/file/{storage_id}/{file_path}', {
          ...at(`shared/m/put-${i}.txt`),
          body: 'escaped',
          bodySerializer: (b) => b,
          headers: { 'content-type': 'application/octet-stream' },
        });
        counts.uploads++;
      }),
      // Form uploads into the folder shared/m, with a subfolder made on the way.
      loop(async (i) => {
        const form = new FormData();
        form.append('file', new Blob(['escaped']), `sub-${i}/form-${i}.txt`);
        await fetch(`${svc.url}/api/storage/file/default/shared/m`, { method: 'POST', body: form });
        counts.forms++;
      }),
      // Deletes of a host marker's name under shared/m, and of shared/m itself with all it holds.
      loop(async (i) => {
        const file_path = i % 2 ? 'shared/m/marker-2.txt' : 'shared/m';
        await api.DELETE('/api/storage/item/{storage_id}/{file_path}', {
          params: { path: { storage_id: 'default', file_path }, query: { recursive: true } },
        });
        counts.deletes++;
      }),
      // Listings and downloads of shared/m must never show the host folder.
      loop(async () => {
        const list = await api.GET('/api/storage/list/{storage_id}/{file_path}', at('shared/m'));
        for (const item of list.data?.items ?? [])
          if (item.name.startsWith('marker-')) seen.push(`listed ${item.name}`);
        const file = await fetch(`${svc.url}/api/storage/file/default/shared/m/marker-1.txt`);
        const text = await file.text();
        if (file.ok) seen.push(`read marker-1.txt: ${text}`);
        counts.lists++;
        counts.reads++;
      }),
    ]);

    // Every run ends: each probe writes one file and exits, the swapper is stopped.
    await api.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'swapper' } } });
    await waitFor('the runs to end', async () => runningContainersOf(svc.dataDir).length === 0, 60_000, 250);

    console.log(`symlink race: ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
    // Nothing of the host folder was shown, and it holds its markers, unchanged, and nothing else.
    expect({ seen, outside: await snapshot(outside) }).toEqual({ seen: [], outside: MARKERS });
    expect(attempts()).toBeGreaterThanOrEqual(200);
    expect(counts.runs).toBeGreaterThanOrEqual(3);
  });
});
