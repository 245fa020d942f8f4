import { ContainerPolicy, ContainerSpecError } from './container-template';
import { ServiceSpec } from './docker.types';
import { serviceCreateConfig } from './swarm-service-spec';

const policy: ContainerPolicy = { capAdd: ['NET_BIND_SERVICE'], pidsLimit: 4096, logMaxSize: '100m', logMaxFile: 3 };
const base: ServiceSpec = {
  name: 'webapi-exec-abcdef12-run1',
  image: 'webapi/python:3',
  cmd: ['python', 'main.py'],
  networkMode: 'none',
  stopGraceSeconds: 10,
  mounts: [
    { source: '/srv/data/storage/src', target: '/app' },
    { source: '/srv/data/storage/in', target: '/app/data', readOnly: true },
  ],
};

describe('serviceCreateConfig', () => {
  it('makes a replicated job of one task, never restarted, with the labels on the service and its container', () => {
    const config = serviceCreateConfig({ ...base, labels: { 'webapi.exec.id': 'run1' } }, policy);
    expect(config.Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } });
    expect(config.TaskTemplate.RestartPolicy).toEqual({ Condition: 'none', MaxAttempts: 0 });
    expect(config.Name).toBe(base.name);
    expect(config.Labels).toEqual({ 'webapi.exec.id': 'run1' });
    expect(config.TaskTemplate.ContainerSpec.Labels).toEqual({ 'webapi.exec.id': 'run1' });
    expect(config.TaskTemplate.ContainerSpec.Args).toEqual(['python', 'main.py']);
  });

  it('drops every capability, adds back only what the policy allows, and keeps the process limit within it', () => {
    const config = serviceCreateConfig({ ...base, capAdd: ['cap_net_bind_service'], pidsLimit: 99999 }, policy);
    expect(config.TaskTemplate.ContainerSpec.CapabilityDrop).toEqual(['ALL']);
    expect(config.TaskTemplate.ContainerSpec.CapabilityAdd).toEqual(['NET_BIND_SERVICE']);
    expect(config.TaskTemplate.Resources.Limits.Pids).toBe(4096);
    expect(() => serviceCreateConfig({ ...base, capAdd: ['SYS_ADMIN'] }, policy)).toThrow(ContainerSpecError);
  });

  it('binds the mounts as structured mounts, read-only where asked, and refuses host system folders', () => {
    const config = serviceCreateConfig(base, policy);
    expect(config.TaskTemplate.ContainerSpec.Mounts).toEqual([
      { Type: 'bind', Source: '/srv/data/storage/src', Target: '/app', ReadOnly: false },
      { Type: 'bind', Source: '/srv/data/storage/in', Target: '/app/data', ReadOnly: true },
    ]);
    for (const source of ['/', '/etc', '/var/run/docker.sock', '/proc/1', 'relative', '/a/../etc']) {
      expect(() => serviceCreateConfig({ ...base, mounts: [{ source, target: '/x' }] }, policy)).toThrow(
        ContainerSpecError,
      );
    }
    expect(() =>
      serviceCreateConfig(
        {
          ...base,
          mounts: [
            { source: '/srv/a', target: '/x' },
            { source: '/srv/b', target: '/x' },
          ],
        },
        policy,
      ),
    ).toThrow('two mounts share a target');
  });

  it('sets CPU and memory as both reservations and limits, and the shared memory as a tmpfs at /dev/shm', () => {
    const config = serviceCreateConfig(
      { ...base, cpus: 0.5, memoryBytes: 256 * 1024 ** 2, shmSizeBytes: 64 * 1024 ** 2 },
      policy,
    );
    expect(config.TaskTemplate.Resources.Limits).toEqual({ NanoCPUs: 5e8, MemoryBytes: 256 * 1024 ** 2, Pids: 4096 });
    expect(config.TaskTemplate.Resources.Reservations).toEqual({ NanoCPUs: 5e8, MemoryBytes: 256 * 1024 ** 2 });
    expect(config.TaskTemplate.ContainerSpec.Mounts).toContainEqual({
      Type: 'tmpfs',
      Target: '/dev/shm',
      TmpfsOptions: { SizeBytes: 64 * 1024 ** 2, Mode: 0o1777 },
    });
    expect(() => serviceCreateConfig({ ...base, cpus: 0 }, policy)).toThrow('the CPU limit must be positive');
    expect(() => serviceCreateConfig({ ...base, memoryBytes: -1 }, policy)).toThrow(
      'the memory limit must be positive',
    );
  });

  it('attaches no network for none, the node-local network for host, and refuses anything else', () => {
    expect(serviceCreateConfig(base, policy).TaskTemplate.Networks).toEqual([]);
    expect(serviceCreateConfig({ ...base, networkMode: 'host' }, policy).TaskTemplate.Networks).toEqual([
      { Target: 'host' },
    ]);
    for (const networkMode of ['container:abc', 'ingress', 'constructor', '__proto__', ''])
      expect(() => serviceCreateConfig({ ...base, networkMode }, policy)).toThrow(ContainerSpecError);
  });

  it('stops with SIGTERM and the grace period, in nanoseconds', () => {
    const spec = serviceCreateConfig({ ...base, stopGraceSeconds: 7 }, policy).TaskTemplate.ContainerSpec;
    expect(spec.StopSignal).toBe('SIGTERM');
    expect(spec.StopGracePeriod).toBe(7e9);
    expect(() => serviceCreateConfig({ ...base, stopGraceSeconds: 1.5 }, policy)).toThrow(ContainerSpecError);
  });

  it('places by the constraints given, and reserves GPUs as NVIDIA-GPU generic resources', () => {
    const config = serviceCreateConfig(
      { ...base, constraints: ['node.labels.gpu==a100'], genericResources: [{ kind: 'NVIDIA-GPU', count: 2 }] },
      policy,
    );
    expect(config.TaskTemplate.Placement).toEqual({ Constraints: ['node.labels.gpu==a100'] });
    expect(config.TaskTemplate.Resources.Reservations.GenericResources).toEqual([
      { DiscreteResourceSpec: { Kind: 'NVIDIA-GPU', Value: 2 } },
    ]);
    expect(() => serviceCreateConfig({ ...base, constraints: ['node.labels.x>3'] }, policy)).toThrow(
      ContainerSpecError,
    );
    expect(() =>
      serviceCreateConfig({ ...base, genericResources: [{ kind: 'NVIDIA-GPU', count: 0 }] }, policy),
    ).toThrow(ContainerSpecError);
    expect(() => serviceCreateConfig({ ...base, genericResources: [{ kind: 'a=b', count: 1 }] }, policy)).toThrow(
      ContainerSpecError,
    );
  });

  it('refuses bad names, environment names and log settings', () => {
    expect(() => serviceCreateConfig({ ...base, name: '-x' }, policy)).toThrow(ContainerSpecError);
    expect(() => serviceCreateConfig({ ...base, name: 'x'.repeat(64) }, policy)).toThrow(ContainerSpecError);
    expect(() => serviceCreateConfig({ ...base, env: { 'A=B': '1' } }, policy)).toThrow(ContainerSpecError);
    expect(() => serviceCreateConfig({ ...base, logMaxSize: 'lots' }, policy)).toThrow(ContainerSpecError);
    expect(serviceCreateConfig({ ...base, env: { HOME: '/tmp' } }, policy).TaskTemplate.ContainerSpec.Env).toEqual([
      'HOME=/tmp',
    ]);
    expect(serviceCreateConfig(base, policy).TaskTemplate.LogDriver).toEqual({
      Name: 'json-file',
      Options: { 'max-size': '100m', 'max-file': '3' },
    });
  });

  it('says which refusal: name, image, command, network, shared memory, grace, constraint, resource', () => {
    const refusal = (spec: Partial<ServiceSpec>) => () => serviceCreateConfig({ ...base, ...spec }, policy);
    expect(refusal({ name: 'a b' })).toThrow('"a b" is not a service name');
    expect(refusal({ name: 'x'.repeat(63) })).not.toThrow();
    for (const image of ['', '-v', undefined as unknown as string, 3 as unknown as string])
      expect(refusal({ image })).toThrow('an image is required');
    expect(refusal({ image: 'webapi/python:3-' })).not.toThrow();
    for (const cmd of [[], 'python' as unknown as string[], ['python', 3 as unknown as string]])
      expect(refusal({ cmd })).toThrow('the command must be a non-empty list of strings');
    expect(refusal({ networkMode: 'ingress' })).toThrow('network mode "ingress" is not allowed');
    expect(refusal({ shmSizeBytes: 1024, mounts: [{ source: '/srv/shm', target: '/dev/shm' }] })).toThrow(
      'a mount cannot replace /dev/shm',
    );
    expect(refusal({ mounts: [{ source: '/srv/shm', target: '/dev/shm' }] })).not.toThrow();
    expect(refusal({ stopGraceSeconds: -1 })).toThrow('the stop grace period must be a whole number of seconds');
    expect(refusal({ stopGraceSeconds: 0 })).not.toThrow();
    expect(refusal({ constraints: ['node.role>=manager'] })).toThrow(
      '"node.role>=manager" is not a placement constraint',
    );
    expect(refusal({ constraints: [3 as unknown as string] })).toThrow('"3" is not a placement constraint');
    expect(refusal({ genericResources: [{ kind: 'a=b', count: 1 }] })).toThrow('"a=b" is not a generic resource kind');
    expect(refusal({ genericResources: [{ kind: 'NVIDIA-GPU', count: 1.5 }] })).toThrow(
      'a generic resource count must be a positive integer',
    );
  });

  it("runs Docker's init only when asked, and leaves limits out when none are given", () => {
    expect(serviceCreateConfig({ ...base, init: true }, policy).TaskTemplate.ContainerSpec.Init).toBe(true);
    expect(serviceCreateConfig(base, policy).TaskTemplate.ContainerSpec.Init).toBeUndefined();
    const config = serviceCreateConfig(base, policy);
    expect(config.TaskTemplate.Resources).toEqual({
      Limits: { NanoCPUs: undefined, MemoryBytes: undefined, Pids: 4096 },
      Reservations: { NanoCPUs: undefined, MemoryBytes: undefined, GenericResources: undefined },
    });
    expect(config.TaskTemplate.ContainerSpec.Mounts.some((m) => m.Target === '/dev/shm')).toBe(false);
  });

  it('writes a container that is neither read-only nor of another isolation, with its working folder and user', () => {
    const spec = serviceCreateConfig({ ...base, workingDir: '/app', user: '1000:1000' }, policy).TaskTemplate
      .ContainerSpec;
    expect(spec).toMatchObject({ ReadOnly: false, Isolation: 'default', Dir: '/app', User: '1000:1000' });
    expect(spec.Image).toBe('webapi/python:3');
  });
});
