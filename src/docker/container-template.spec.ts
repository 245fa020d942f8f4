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

  it('writes every field a spec sets into the create body, copied', () => {
    const spec: ContainerSpec = {
      name: 'webapi-run-1',
      image: 'webapi/python:3',
      cmd: ['python', 'main.py'],
      entrypoint: ['/bin/sh', '-c'],
      workingDir: '/app',
      env: { A: '1' },
      labels: { 'webapi.run': '1' },
      networkMode: 'bridge',
      publishPorts: [1, 65535],
      gpus: { count: 2 },
      cpus: 1.5,
      memoryBytes: 1,
      shmSizeBytes: 64 * 1024 * 1024,
      pidsLimit: 100,
      capAdd: ['cap_net_bind_service'],
      logMaxSize: '10m',
      logMaxFile: 2,
      user: '1000:1000',
      init: true,
    };
    const config = containerCreateConfig(spec, policy);
    expect(config).toEqual({
      name: 'webapi-run-1',
      Image: 'webapi/python:3',
      Cmd: ['python', 'main.py'],
      Entrypoint: ['/bin/sh', '-c'],
      WorkingDir: '/app',
      Env: ['A=1'],
      Labels: { 'webapi.run': '1' },
      User: '1000:1000',
      Tty: false,
      OpenStdin: false,
      ExposedPorts: { '1/tcp': {}, '65535/tcp': {} },
      HostConfig: {
        Mounts: [],
        Binds: [],
        Devices: [],
        NetworkMode: 'bridge',
        PortBindings: {
          '1/tcp': [{ HostIp: '127.0.0.1', HostPort: '1' }],
          '65535/tcp': [{ HostIp: '127.0.0.1', HostPort: '65535' }],
        },
        Privileged: false,
        CapDrop: ['ALL'],
        CapAdd: ['NET_BIND_SERVICE'],
        SecurityOpt: ['no-new-privileges'],
        IpcMode: 'private',
        PidMode: '',
        UsernsMode: '',
        PidsLimit: 100,
        NanoCpus: 1.5e9,
        Memory: 1,
        ShmSize: 64 * 1024 * 1024,
        DeviceRequests: [{ Driver: '', Count: 2, DeviceIDs: undefined, Capabilities: [['gpu']] }],
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '2' } },
        Init: true,
        AutoRemove: false,
        RestartPolicy: { Name: 'no' },
      },
    });
    // Copies: changing the spec afterwards changes nothing in the body.
    spec.cmd.push('--evil');
    spec.entrypoint!.push('--evil');
    spec.labels!.extra = 'x';
    expect(config.Cmd).toEqual(['python', 'main.py']);
    expect(config.Entrypoint).toEqual(['/bin/sh', '-c']);
    expect(config.Labels).toEqual({ 'webapi.run': '1' });
  });

  it('leaves out what a spec does not ask for: no init, no limits, every GPU for a request without a count', () => {
    const { mounts: _mounts, ...bare } = base;
    const config = containerCreateConfig({ ...bare, gpus: {} }, policy);
    expect(config.HostConfig.Mounts).toEqual([]);
    expect(config.ExposedPorts).toEqual({});
    expect(config.HostConfig.Init).toBeUndefined();
    expect(config.HostConfig.NanoCpus).toBeUndefined();
    expect(config.HostConfig.Memory).toBeUndefined();
    expect(config.HostConfig.ShmSize).toBeUndefined();
    expect(config.HostConfig.DeviceRequests).toEqual([
      { Driver: '', Count: -1, DeviceIDs: undefined, Capabilities: [['gpu']] },
    ]);
    expect(containerCreateConfig({ ...base, init: false }, policy).HostConfig.Init).toBeUndefined();
    expect(containerCreateConfig(base, policy).HostConfig.DeviceRequests).toBeUndefined();
    expect(
      containerCreateConfig({ ...base, gpus: { deviceIds: ['0', 'GPU-8f3e-11'] } }, policy).HostConfig.DeviceRequests,
    ).toEqual([{ Driver: '', Count: undefined, DeviceIDs: ['0', 'GPU-8f3e-11'], Capabilities: [['gpu']] }]);
  });

  it.each([
    ['a bad name', { name: 'a name' }, '"a name" is not a container name'],
    ['no image', { image: '' }, 'an image is required'],
    ['an image that is not a string', { image: 42 }, 'an image is required'],
    ['an image that reads as an option', { image: '--privileged' }, 'an image is required'],
    ['a command that is a string', { cmd: 'python main.py' }, 'the command must be a list of strings'],
    ['a command with a number', { cmd: ['python', 3] }, 'the command must be a list of strings'],
    ["another container's network", { networkMode: 'container:db' }, 'network mode "container:db" is not allowed'],
    ['a mount without a source', { mounts: [{ target: '/app' }] }, 'a mount needs a source and a target path'],
    ['a mount without a target', { mounts: [{ source: '/srv/a' }] }, 'a mount needs a source and a target path'],
    [
      'a relative source',
      { mounts: [{ source: 'srv/a', target: '/app' }] },
      'mount source "srv/a" must be an absolute, normalized path',
    ],
    [
      'a target outside the root',
      { mounts: [{ source: '/srv/a', target: '../app' }] },
      'mount target "../app" must be an absolute, normalized path',
    ],
    [
      'the root as a target',
      { mounts: [{ source: '/srv/a', target: '/' }] },
      "a mount cannot replace the container's root",
    ],
    ['an environment name with "="', { env: { 'A=B': 'x' } }, '"A=B" is not an environment variable name'],
    [
      'capabilities not configured',
      { capAdd: ['SYS_ADMIN', 'cap_mknod'] },
      'capabilities SYS_ADMIN, MKNOD are not in EXEC_CAP_ADD',
    ],
    ['no process limit', { pidsLimit: 0 }, 'the process limit must be a positive integer'],
    ['a log size that is not a size', { logMaxSize: 'lots' }, '"lots" is not a log size'],
    ['no log files', { logMaxFile: 0 }, 'the log file count must be a positive integer'],
    ['half a log file', { logMaxFile: 1.5 }, 'the log file count must be a positive integer'],
    ['port 0', { publishPorts: [0] }, '0 is not a port'],
    ['port 65536', { publishPorts: [80, 65536] }, '65536 is not a port'],
    ['no CPU', { cpus: 0 }, 'the CPU limit must be positive'],
    ['endless CPUs', { cpus: Infinity }, 'the CPU limit must be positive'],
    ['negative memory', { memoryBytes: -1 }, 'the memory limit must be positive'],
    ['a shared memory size that is not a number', { shmSizeBytes: NaN }, 'the shared memory size must be positive'],
    ['a GPU id with a path', { gpus: { deviceIds: ['0', 'ab/'] } }, 'bad GPU device id'],
  ])('refuses %s, saying what is wrong', (_label, change, message) => {
    expect(() => containerCreateConfig({ ...base, ...(change as Partial<ContainerSpec>) }, policy)).toThrow(
      new ContainerSpecError(message),
    );
  });

  it('tells the operator which configured capability is refused, as written', () => {
    expect(() => parseCapabilities('CHOWN,MY_CAP_THING')).toThrow(
      new ContainerSpecError('EXEC_CAP_ADD: "MY_CAP_THING" is not a Linux capability'),
    );
    expect(() => parseCapabilities('cap_sys_admin')).toThrow(
      new ContainerSpecError('EXEC_CAP_ADD: SYS_ADMIN would give containers control of the host; it cannot be added'),
    );
  });

  it('refuses a mount of the engine socket by its name, not a folder whose name merely begins like it', () => {
    expect(mountSourceProblem('/srv/x/docker.sock')).toBe('mount source "/srv/x/docker.sock" is a host system folder');
    expect(mountSourceProblem('/srv/docker.sockets/data')).toBeUndefined();
  });
});
