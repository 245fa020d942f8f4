import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BUSYBOX_IMAGE, Service, startService, tempDir } from './harness';

/**
 * An app module's source folder, or a mount point in it, that is a symlink
 * leading out of the module folder would mount (and create folders in) a host
 * folder. Each is refused with a 422 naming the folder, and nothing outside
 * is touched; a symlink that stays inside the module folder still works.
 */
jest.setTimeout(180_000);

const SCRIPT = ['sh', '-c', 'printf \'{"greeting": "%s"}\' "$(cat /app/greeting.txt)" > /app/output/result.json'];

async function listing(dir: string): Promise<string[]> {
  return (await fs.readdir(dir, { recursive: true })).map(String).sort();
}

describe('app module folders that are symlinks', () => {
  let svc: Service;
  let apps: string;
  let outside: string;
  let outsideBefore: string[];

  const module = async (id: string, prepare: (folder: string) => Promise<void>) => {
    const folder = path.join(apps, id);
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(
      path.join(folder, 'appinfo.json'),
      JSON.stringify({
        name: id,
        type: 'script',
        image: { tag: BUSYBOX_IMAGE },
        execution: { src: 'src', command: SCRIPT },
      }),
    );
    await prepare(folder);
  };
  const real = async (folder: string) => {
    await fs.mkdir(path.join(folder, 'real-src', 'input'), { recursive: true });
    await fs.mkdir(path.join(folder, 'real-src', 'output'), { recursive: true });
    await fs.writeFile(path.join(folder, 'real-src', 'greeting.txt'), 'hello');
  };

  beforeAll(async () => {
    outside = await tempDir('webapi-outside-');
    await fs.writeFile(path.join(outside, 'greeting.txt'), 'host file');
    outsideBefore = await listing(outside);
    const dataDir = await tempDir();
    apps = path.join(dataDir, 'apps');
    // src is a symlink to a folder inside the module folder: allowed.
    await module('inside-link', async (folder) => {
      await real(folder);
      await fs.symlink('real-src', path.join(folder, 'src'));
    });
    // src is a symlink to a host folder.
    await module('outside-src', (folder) => fs.symlink(outside, path.join(folder, 'src')));
    // src is real, but its output mount point is a symlink to a host folder.
    await module('outside-mount-point', async (folder) => {
      await real(folder);
      await fs.rename(path.join(folder, 'real-src'), path.join(folder, 'src'));
      await fs.rmdir(path.join(folder, 'src', 'output'));
      await fs.symlink(outside, path.join(folder, 'src', 'output'));
    });
    // src is real, its input mount point is missing and would be created through a symlink to a host folder.
    await module('outside-parent', async (folder) => {
      await real(folder);
      await fs.rename(path.join(folder, 'real-src'), path.join(folder, 'src'));
      await fs.rm(path.join(folder, 'src', 'input'), { recursive: true });
      await fs.rm(path.join(folder, 'src', 'output'), { recursive: true });
      await fs.writeFile(
        path.join(folder, 'appinfo.json'),
        JSON.stringify({
          name: 'x',
          type: 'script',
          image: { tag: BUSYBOX_IMAGE },
          execution: { src: 'src', command: SCRIPT, input: 'link/in', output: 'output' },
        }),
      );
      await fs.symlink(outside, path.join(folder, 'src', 'link'));
    });
    svc = await startService({}, dataDir);
  });

  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  afterEach(async () => {
    expect(await listing(outside)).toEqual(outsideBefore);
    expect(await fs.readFile(path.join(outside, 'greeting.txt'), 'utf8')).toBe('host file');
  });

  const run = (id: string) =>
    svc.client.POST('/api/app/run/{module_id}', { params: { path: { module_id: id } }, body: {} });

  it('runs a module whose source is a symlink inside its own folder', async () => {
    const res = await run('inside-link');
    expect({ status: res.response.status, data: res.data }).toEqual({ status: 200, data: { greeting: 'hello' } });
  });

  it('refuses a source folder that is a symlink to a host folder, naming it', async () => {
    const res = await run('outside-src');
    expect(res.response.status).toBe(422);
    expect(res.error!.detail).toBe('App module "outside-src": source folder "src": it leads outside the module folder');
  });

  it('refuses a mount point that is a symlink to a host folder, naming it', async () => {
    const res = await run('outside-mount-point');
    expect(res.response.status).toBe(422);
    expect(res.error!.detail).toContain(
      `${path.join(apps, 'outside-mount-point', 'src', 'output')} (the mount point of /app/output) is not a folder`,
    );
  });

  it('never creates a mount point through a symlink', async () => {
    const res = await run('outside-parent');
    expect(res.response.status).toBe(422);
    expect(res.error!.detail).toContain(
      `${path.join(apps, 'outside-parent', 'src', 'link', 'in')} (the mount point of /app/link/in) is not a folder`,
    );
  });
});
