import { EngineNode, notSwarmManager } from '../docker/docker.types';
import { sortNodes, toSwarmNode } from './swarm-nodes';

const manager: EngineNode = {
  ID: 'n1',
  Spec: { Role: 'manager', Availability: 'active', Labels: { gpu: 'a100' } },
  Description: {
    Hostname: 'gpu-1',
    Resources: {
      NanoCPUs: 16_000_000_000,
      MemoryBytes: 68_719_476_736,
      GenericResources: [
        { NamedResourceSpec: { Kind: 'NVIDIA-GPU', Value: 'GPU-aaaa' } },
        { DiscreteResourceSpec: { Kind: 'SSD', Value: 2 } },
        {},
      ],
    },
    Engine: { EngineVersion: '20.10.24' },
  },
  Status: { State: 'ready', Addr: '127.0.0.1' },
  ManagerStatus: { Leader: true, Addr: '127.0.0.1:2377' },
};

describe('toSwarmNode', () => {
  it('reads hostname, role, availability, state, resources, labels and generic resources', () => {
    expect(toSwarmNode(manager)).toEqual({
      id: 'n1',
      hostname: 'gpu-1',
      role: 'manager',
      availability: 'active',
      state: 'ready',
      address: '127.0.0.1',
      leader: true,
      cpus: 16,
      memoryBytes: 68_719_476_736,
      labels: { gpu: 'a100' },
      genericResources: [
        { kind: 'NVIDIA-GPU', value: 'GPU-aaaa' },
        { kind: 'SSD', value: 2 },
      ],
      engineVersion: '20.10.24',
    });
  });

  it('fills what a partial node object lacks, and takes the manager address without its port', () => {
    const node = toSwarmNode({ ID: 'n2', ManagerStatus: { Addr: '198.18.0.2:2377' }, Spec: { Role: 'worker' } });
    expect(node).toMatchObject({
      id: 'n2',
      hostname: '',
      role: 'worker',
      availability: 'unknown',
      state: 'unknown',
      address: '198.18.0.2',
      leader: false,
      cpus: 0,
      memoryBytes: 0,
      labels: {},
      genericResources: [],
    });
  });

  it('does not share the engine object’s labels', () => {
    const labels = { a: 'b' };
    const node = toSwarmNode({ Spec: { Labels: labels } });
    node.labels.a = 'changed';
    expect(labels.a).toBe('b');
  });
});

describe('sortNodes', () => {
  it('lists managers first, then by hostname', () => {
    const nodes = [
      { ...toSwarmNode(manager), id: 'w2', role: 'worker', hostname: 'b' },
      { ...toSwarmNode(manager), id: 'w1', role: 'worker', hostname: 'a' },
      { ...toSwarmNode(manager), id: 'm', role: 'manager', hostname: 'z' },
    ];
    expect(sortNodes(nodes).map((n) => n.id)).toEqual(['m', 'w1', 'w2']);
  });
});

describe('notSwarmManager', () => {
  it('accepts an active manager', () => {
    expect(notSwarmManager({ LocalNodeState: 'active', ControlAvailable: true })).toBeUndefined();
  });

  it.each([undefined, {}, { LocalNodeState: 'inactive' }, { LocalNodeState: 'pending', ControlAvailable: true }])(
    'says an engine outside a swarm is not part of one (%j)',
    (swarm) => expect(notSwarmManager(swarm)).toMatch(/not part of a swarm/),
  );

  it('says a worker cannot answer', () => {
    expect(notSwarmManager({ LocalNodeState: 'active', ControlAvailable: false })).toMatch(/swarm worker/);
    expect(notSwarmManager({ LocalNodeState: 'active' })).toMatch(/swarm worker/);
  });
});
