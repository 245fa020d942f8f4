import fc from 'fast-check';
import {
  ContainerPolicy,
  ContainerSpecError,
  containerCreateConfig,
  mountSourceProblem,
  parseCapabilities,
} from './container-template';
import { ContainerSpec } from './docker.types';

const policy: ContainerPolicy = { capAdd: ['NET_BIND_SERVICE'], pidsLimit: 4096, logMaxSize: '100m', logMaxFile: 3 };
const base: ContainerSpec = {
  image: 'webapi/python:3',
  cmd: ['python', 'main.py'],
  networkMode: 'none',
  mounts: [
    { source: '/srv/data/storage/src', target: '/app' },
    { source: '/srv/data/storage/in', target: '/app/data', readOnly: true },
  ],
};

/** The fields a ContainerSpec has: anything else must be ignored. */
const SPEC_FIELDS = new Set([
  'name',
  'image',
  'cmd',
  'entrypoint',
  'workingDir',
  'env',
  'labels',
  'mounts',
  'networkMode',
  'publishPorts',
  'gpus',
  'cpus',
  'memoryBytes',
  'shmSizeBytes',
  'pidsLimit',
  'capAdd',
  'logMaxSize',
  'logMaxFile',
  'user',
  'init',
]);

/** Everything in a create body that could hand a container the host. */
function expectHardened(
  config: ReturnType<typeof containerCreateConfig>,
  mounts: ContainerSpec['mounts'] = base.mounts,
) {
  const hc = config.HostConfig as unknown as Record<string, unknown>;
  expect(hc.Privileged).toBe(false);
  expect(hc.CapDrop).toEqual(['ALL']);
  expect(hc.SecurityOpt).toEqual(['no-new-privileges']);
  expect(hc.Binds).toEqual([]);
  expect(hc.Devices).toEqual([]);
  expect(hc.IpcMode).toBe('private');
  expect(hc.PidMode).toBe('');
  expect(hc.UsernsMode).toBe('');
  expect(hc.AutoRemove).toBe(false);
  expect(hc.RestartPolicy).toEqual({ Name: 'no' });
  expect(hc.PidsLimit).toBeGreaterThan(0);
  expect(hc.PidsLimit).toBeLessThanOrEqual(policy.pidsLimit);
  expect(hc.LogConfig).toEqual({
    Type: 'json-file',
    Config: { 'max-size': expect.any(String) as unknown, 'max-file': expect.any(String) as unknown },
  });
  expect((hc.CapAdd as string[]).every((c) => policy.capAdd.includes(c))).toBe(true);
  expect(hc.Mounts).toEqual(
    (mounts ?? []).map((m) => ({ Type: 'bind', Source: m.source, Target: m.target, ReadOnly: !!m.readOnly })),
  );
  // Only the keys the template writes: nothing else reaches Docker.
  expect(Object.keys(hc).sort()).toEqual(
    [
      'AutoRemove',
      'Binds',
      'CapAdd',
      'CapDrop',
      'DeviceRequests',
      'Devices',
      'Init',
      'IpcMode',
      'LogConfig',
      'Memory',
      'Mounts',
      'NanoCpus',
      'NetworkMode',
      'PidMode',
      'PidsLimit',
      'PortBindings',
      'Privileged',
      'RestartPolicy',
      'SecurityOpt',
      'ShmSize',
      'UsernsMode',
    ].sort(),
  );
  expect(Object.keys(config).sort()).toEqual(
    [
      'Cmd',
      'Entrypoint',
      'Env',
      'ExposedPorts',
      'HostConfig',
      'Image',
      'Labels',
      'OpenStdin',
      'Tty',
      'User',
      'WorkingDir',
      'name',
    ].sort(),
  );
  for (const bindings of Object.values(hc.PortBindings as Record<string, { HostIp: string }[]>)) {
    expect(bindings.every((b) => b.HostIp === '127.0.0.1')).toBe(true);
  }
}

describe('the container template', () => {
  it('hardens a plain run: no privileges, all capabilities dropped, the configured limits and log rotation', () => {
    const config = containerCreateConfig(base, policy);
    expectHardened(config);
    expect(config.HostConfig.PidsLimit).toBe(4096);
    expect(config.HostConfig.CapAdd).toEqual([]);
    expect(config.HostConfig.LogConfig.Config).toEqual({ 'max-size': '100m', 'max-file': '3' });
    expect(config.HostConfig.NetworkMode).toBe('none');
  });

  it('ignores every Docker field smuggled into a spec', () => {
    const hostile = {
      ...base,
      Privileged: true,
      HostConfig: { Privileged: true, Binds: ['/:/host'], PidMode: 'host' },
      Binds: ['/:/host'],
      Devices: [{ PathOnHost: '/dev/sda', PathInContainer: '/dev/sda', CgroupPermissions: 'rwm' }],
      PidMode: 'host',
      IpcMode: 'host',
      UsernsMode: 'host',
      CapAdd: ['SYS_ADMIN'],
      SecurityOpt: ['apparmor=unconfined', 'seccomp=unconfined'],
      VolumesFrom: ['other'],
      Runtime: 'runc',
    } as unknown as ContainerSpec;
    const config = containerCreateConfig(hostile, policy);
    expectHardened(config);
    expect(JSON.stringify(config)).not.toMatch(/"\/:\/host"|\/dev\/sda|unconfined|SYS_ADMIN|VolumesFrom|"host"/);
  });

  it('never lets arbitrary extra keys through, whatever they are called', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !SPEC_FIELDS.has(k)),
          fc.jsonValue(),
        ),
        (extra) => {
          const spec: ContainerSpec = { ...extra, ...base };
          expectHardened(containerCreateConfig(spec, policy));
        },
      ),
    );
  });

  it('refuses capabilities the configuration does not give, and the ones that escape to the host', () => {
    expect(containerCreateConfig({ ...base, capAdd: ['NET_BIND_SERVICE'] }, policy).HostConfig.CapAdd).toEqual([
      'NET_BIND_SERVICE',
    ]);
    expect(() => containerCreateConfig({ ...base, capAdd: ['SYS_ADMIN'] }, policy)).toThrow(ContainerSpecError);
    expect(() => containerCreateConfig({ ...base, capAdd: ['ALL'] }, policy)).toThrow(/not in EXEC_CAP_ADD/);
    expect(parseCapabilities('NET_BIND_SERVICE, cap_chown')).toEqual(['NET_BIND_SERVICE', 'CHOWN']);
    expect(parseCapabilities(undefined)).toEqual([]);
    for (const bad of ['SYS_ADMIN', 'ALL', 'SYS_MODULE', 'CAP_SYS_PTRACE', 'NOT_A_CAP', 'DAC_READ_SEARCH']) {
      expect(() => parseCapabilities(`CHOWN,${bad}`)).toThrow(ContainerSpecError);
    }
  });

  it("refuses host namespaces and other containers' networks", () => {
    expect(containerCreateConfig({ ...base, networkMode: 'host' }, policy).HostConfig.NetworkMode).toBe('host');
    for (const mode of ['container:abc', 'ns:/proc/1/ns/net', '', 'host --privileged']) {
      expect(() => containerCreateConfig({ ...base, networkMode: mode }, policy)).toThrow(ContainerSpecError);
    }
  });

  it("mounts only absolute, normalized folders that are not the host's system folders", () => {
    const bad = [
      { source: '/', target: '/host' },
      { source: '/var/run/docker.sock', target: '/var/run/docker.sock' },
      { source: '/run/docker.sock', target: '/d.sock' },
      { source: '/srv/x/docker.sock', target: '/d.sock' },
      { source: '/etc', target: '/etc2' },
      { source: '/proc/1/root', target: '/r' },
      { source: '/dev', target: '/dev2' },
      { source: '/var/lib/docker', target: '/d' },
      { source: 'relative/path', target: '/app' },
      { source: '/srv/data/../../etc', target: '/app' },
      { source: '/srv/data', target: '/' },
      { source: '/srv/data', target: '../app' },
      { source: '/srv/a\0', target: '/app' },
    ];
    for (const m of bad)
      expect(() => containerCreateConfig({ ...base, mounts: [m] }, policy)).toThrow(ContainerSpecError);
    expect(() =>
      containerCreateConfig(
        {
          ...base,
          mounts: [
            { source: '/srv/a', target: '/app' },
            { source: '/srv/b', target: '/app' },
          ],
        },
        policy,
      ),
    ).toThrow(/share a target/);
  });

  it('mounts folders whose names hold "," or ":" as they are: mounts are structured, not bind strings', () => {
    const mounts = [
      { source: '/srv/data/a,b', target: '/app' },
      { source: '/srv/data/x:ro,readonly=false', target: '/app/data', readOnly: true },
    ];
    expect(containerCreateConfig({ ...base, mounts }, policy).HostConfig.Mounts).toEqual([
      { Type: 'bind', Source: '/srv/data/a,b', Target: '/app', ReadOnly: false },
      { Type: 'bind', Source: '/srv/data/x:ro,readonly=false', Target: '/app/data', ReadOnly: true },
    ]);
    expect(mountSourceProblem('/srv/data/a,b')).toBeUndefined();
    expect(mountSourceProblem('/etc/x')).toMatch(/host system folder/);
  });

  it('keeps any mount list it accepts exactly as given, as bind mounts and nothing more', () => {
    const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);
    const folder = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/srv/${s.join('/')}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ source: folder, target: folder, readOnly: fc.boolean() }), {
          selector: (m) => m.target,
          maxLength: 5,
        }),
        (mounts) => {
          expectHardened(containerCreateConfig({ ...base, mounts }, policy), mounts);
        },
      ),
    );
  });

  it('keeps the process limit within the configured one and refuses an unlimited one', () => {
    expect(containerCreateConfig({ ...base, pidsLimit: 100 }, policy).HostConfig.PidsLimit).toBe(100);
    expect(containerCreateConfig({ ...base, pidsLimit: 1e9 }, policy).HostConfig.PidsLimit).toBe(4096);
    for (const pids of [0, -1, 1.5, NaN])
      expect(() => containerCreateConfig({ ...base, pidsLimit: pids }, policy)).toThrow(ContainerSpecError);
  });

  it('refuses environment names that are not names, and publishes ports on loopback only', () => {
    expect(() => containerCreateConfig({ ...base, env: { 'A=B': 'x' } }, policy)).toThrow(ContainerSpecError);
    expect(containerCreateConfig({ ...base, env: { A: 'b=c' } }, policy).Env).toEqual(['A=b=c']);
    const config = containerCreateConfig({ ...base, networkMode: 'bridge', publishPorts: [8080] }, policy);
    expect(config.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] });
    expect(() => containerCreateConfig({ ...base, publishPorts: [0] }, policy)).toThrow(ContainerSpecError);
  });

  it('asks for GPUs only through a device request with the gpu capability', () => {
    const config = containerCreateConfig({ ...base, gpus: { deviceIds: ['0', '1'] } }, policy);
    expect(config.HostConfig.DeviceRequests).toEqual([
      { Driver: '', Count: undefined, DeviceIDs: ['0', '1'], Capabilities: [['gpu']] },
    ]);
    expect(config.HostConfig.Devices).toEqual([]);
    expect(() => containerCreateConfig({ ...base, gpus: { deviceIds: ['/dev/sda'] } }, policy)).toThrow(
      ContainerSpecError,
    );
  });
});
