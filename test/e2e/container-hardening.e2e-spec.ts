import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AuditEntry, ContainerAuditEntry } from '../../src/audit/audit-entry';
import { PYTHON_IMAGE, Problem, Service, json, startService } from './harness';
import { containersOf, dockerInspect, removeContainersOf, waitExited, writeStorage } from './exec-helpers';

/**
 * The containers the service starts for runs, inspected on the real engine:
 * hardened from the one template, whatever the request body carries.
 */

jest.setTimeout(180_000);

const TOKEN = `e2e-hardening-${randomBytes(16).toString('hex')}`;

/** Prints what the kernel says about the process: capabilities, no_new_privs, and the mounts it sees. */
const PROBE = `
import json
status = dict(l.split(':', 1) for l in open('/proc/self/status').read().splitlines() if ':' in l)
mounts = [l.split()[4] for l in open('/proc/self/mountinfo')]
print(json.dumps({k: status[k].strip() for k in ('CapEff', 'CapPrm', 'CapBnd', 'NoNewPrivs')} | {'mounts': mounts}))
`;

describe('containers of runs', () => {
  let svc: Service;
  const suffix = randomBytes(4).toString('hex');
  const base = { srcPath: 'hardening/src', mainSrc: 'probe.py', imageTag: PYTHON_IMAGE, inputPath: 'hardening/in' };

  /** POST /api/exec/create with a body the typed client could not express. */
  async function create(body: Record<string, unknown>): Promise<Response> {
    return fetch(`${svc.url}/api/exec/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
  }

  /** The one run these tests inspect, created by the first test that needs it; the create's status. */
  let hardened: Promise<number> | undefined;
  const hardenedId = `hardened-${suffix}`;
  const hardenedRun = () =>
    (hardened ??= create({ ...base, id: hardenedId, outputPath: `hardening/out-${suffix}` }).then(async (res) => {
      if (res.status === 200) await waitExited(svc, hardenedId);
      return res.status;
    }));

  beforeAll(async () => {
    svc = await startService(
      {
        API_TOKEN: TOKEN,
        EXEC_CAP_ADD: 'CHOWN',
        EXEC_PIDS_LIMIT: '321',
        EXEC_LOG_MAX_SIZE: '5m',
        EXEC_LOG_MAX_FILE: '2',
      },
      undefined,
      { token: TOKEN },
    );
    await writeStorage(svc.dataDir, { 'hardening/src/probe.py': PROBE, 'hardening/in/data.txt': '1\n' });
  });

  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  it('creates the run container from the hardened template (docker inspect), and the kernel agrees', async () => {
    const id = hardenedId;
    expect(await hardenedRun()).toBe(200);
    const info = await waitExited(svc, id);
    const inspect = dockerInspect(info.Id)!;
    expect(inspect).toBeDefined();
    const hc = inspect.HostConfig;
    expect(hc.Privileged).toBe(false);
    expect(hc.CapDrop).toEqual(['ALL']);
    expect(hc.CapAdd).toEqual(['CHOWN']);
    expect(hc.SecurityOpt).toEqual(['no-new-privileges']);
    expect(hc.PidsLimit).toBe(321);
    expect(hc.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '5m', 'max-file': '2' } });
    expect(hc.NetworkMode).toBe('none');
    expect(hc.PidMode).toBe('');
    expect(hc.IpcMode).toBe('private');
    expect(hc.UsernsMode).toBe('');
    expect(hc.Binds ?? []).toEqual([]);
    expect(hc.Devices ?? []).toEqual([]);
    expect(hc.VolumesFrom ?? []).toEqual([]);
    expect(hc.RestartPolicy.Name).toBe('no');

    const storage = path.join(svc.dataDir, 'storage');
    const mounts = (inspect.Mounts as { Type: string; Source: string; Destination: string; RW: boolean }[])
      .map((m) => ({ type: m.Type, source: m.Source, target: m.Destination, rw: m.RW }))
      .sort((a, b) => a.target.localeCompare(b.target));
    expect(mounts.filter((m) => m.target !== '/apprun')).toEqual([
      { type: 'bind', source: path.join(storage, 'hardening/src'), target: '/app', rw: true },
      { type: 'bind', source: path.join(storage, 'hardening/in'), target: '/app/data', rw: false },
      { type: 'bind', source: path.join(storage, `hardening/out-${suffix}`), target: '/app/output', rw: true },
      { type: 'bind', source: path.join(storage, 'hardening/in'), target: '/data/input', rw: false },
      { type: 'bind', source: path.join(storage, `hardening/out-${suffix}`), target: '/data/output', rw: true },
    ]);
    const apprun = mounts.find((m) => m.target === '/apprun')!;
    expect(apprun.type).toBe('bind');
    expect(apprun.source.startsWith(`${svc.dataDir}${path.sep}`)).toBe(true);
    expect(mounts).toHaveLength(6);

    // What the process itself sees: it runs as EXEC_USER (not root), so it holds no capability;
    // at most CAP_CHOWN (bit 0) is in its bounding set; no_new_privs set.
    const logs = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: id } } });
    const line = logs.data!.lines.find((l: string) => l.startsWith('{'));
    const seen = JSON.parse(line!) as { mounts: string[] };
    expect(seen).toMatchObject({
      CapEff: '0000000000000000',
      CapPrm: '0000000000000000',
      CapBnd: '0000000000000001',
      NoNewPrivs: '1',
    });
    expect(seen.mounts).toEqual(
      expect.arrayContaining(['/app', '/app/data', '/app/output', '/data/input', '/data/output', '/apprun']),
    );
    expect(seen.mounts).not.toContain('/host');
    expect(seen.mounts.some((m: string) => m.includes('docker.sock'))).toBe(false);
  });

  it('records the container with its final configuration in the audit log, by token id', async () => {
    expect(await hardenedRun()).toBe(200);
    const lines = (await fs.readFile(path.join(svc.dataDir, 'audit.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
    /** The part of the engine's create body read here. */
    type CreateBody = { Labels?: Record<string, string>; HostConfig?: Record<string, unknown> };
    const created = lines.filter(
      (l): l is ContainerAuditEntry & { config: CreateBody } =>
        l.event === 'container.create' &&
        !!(l.config as CreateBody).Labels &&
        JSON.stringify((l.config as CreateBody).Labels).includes(`hardened-${suffix}`),
    );
    expect(created).toHaveLength(1);
    const entry = created[0];
    expect(entry).toMatchObject({ outcome: 'ok', tokenId: 'default' });
    expect(entry.containerId).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.config.HostConfig).toMatchObject({
      Privileged: false,
      CapDrop: ['ALL'],
      CapAdd: ['CHOWN'],
      PidsLimit: 321,
      Binds: [],
      Devices: [],
    });
    // The same request's own line.
    const request = lines.find((l) => l.event === 'request' && l.requestId === entry.requestId);
    expect(request).toMatchObject({ method: 'POST', route: '/api/exec/create', status: 200, tokenId: 'default' });
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  const HOSTILE: [string, Record<string, unknown>][] = [
    ['Privileged', { Privileged: true }],
    ['privileged', { privileged: true }],
    ['HostConfig', { HostConfig: { Privileged: true, Binds: ['/:/host'], PidMode: 'host', CapAdd: ['SYS_ADMIN'] } }],
    ['Binds', { Binds: ['/:/host', '/var/run/docker.sock:/var/run/docker.sock'] }],
    ['CapAdd', { CapAdd: ['SYS_ADMIN'] }],
    ['capAdd', { capAdd: ['ALL'] }],
    ['Devices', { Devices: [{ PathOnHost: '/dev/mem', PathInContainer: '/dev/mem', CgroupPermissions: 'rwm' }] }],
    ['NetworkMode', { NetworkMode: 'host' }],
    ['networkMode host (not in EXEC_ALLOWED_NETWORK_MODES)', { networkMode: 'host' }],
    ['networkMode of another container', { networkMode: 'container:abc' }],
    ['Mounts', { Mounts: [{ Type: 'bind', Source: '/', Target: '/host' }] }],
    ['mounts', { mounts: [{ source: '/', target: '/host' }] }],
    ['Volumes', { Volumes: { '/host': {} } }],
    ['PidMode', { PidMode: 'host' }],
    ['SecurityOpt', { SecurityOpt: ['seccomp=unconfined'] }],
    ['pidsLimit', { pidsLimit: -1 }],
    ['a storage-rooted source folder climbing out', { srcPath: '/../../../../etc' }],
    ['a source folder outside the storage', { srcPath: '../../../../etc' }],
    ['an input folder outside the storage', { inputPath: 'default:../../..' }],
    ['an output folder on the docker socket', { outputPath: '/../../../../../var/run' }],
    ['an unknown storage', { inputPath: 'nosuchstorage:x' }],
  ];

  it.each(HOSTILE)('refuses a body carrying %s with a 400, and creates no container', async (_what, extra) => {
    const id = `hostile-${suffix}-${randomBytes(3).toString('hex')}`;
    const before = containersOf(svc.dataDir).length;
    const res = await create({ ...base, outputPath: `hardening/out-hostile`, id, ...extra });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await json<Problem>(res)).status).toBe(400);
    expect(
      (await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: id } } })).response.status,
    ).toBe(404);
    expect(containersOf(svc.dataDir)).toHaveLength(before);
  });

  it('every container the service made for these tests is hardened (nothing slipped through)', async () => {
    expect(await hardenedRun()).toBe(200);
    const names = containersOf(svc.dataDir);
    expect(names.length).toBeGreaterThanOrEqual(1);
    for (const name of names) {
      const hc = dockerInspect(name)!.HostConfig;
      expect({
        name,
        Privileged: hc.Privileged,
        CapDrop: hc.CapDrop,
        CapAdd: hc.CapAdd,
        Binds: hc.Binds ?? [],
        Devices: hc.Devices ?? [],
        PidMode: hc.PidMode,
        NetworkMode: hc.NetworkMode,
      }).toEqual({
        name,
        Privileged: false,
        CapDrop: ['ALL'],
        CapAdd: ['CHOWN'],
        Binds: [],
        Devices: [],
        PidMode: '',
        NetworkMode: 'none',
      });
    }
  });
});
