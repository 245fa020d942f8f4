import { execFileSync } from 'node:child_process';
import { Service, startService } from './harness';

/**
 * GET /api/system/nodes on the test engine, which the test command makes a
 * one-node swarm (docker/ensure-swarm.sh): the node the engine itself
 * reports, with the engine's own figures.
 */
function dockerInfo(format: string): string {
  return execFileSync('docker', ['info', '--format', format], { encoding: 'utf8' }).trim();
}

describe('GET /api/system/nodes', () => {
  let svc: Service;
  let nodeId: string;
  beforeAll(async () => {
    nodeId = dockerInfo('{{.Swarm.NodeID}}');
    execFileSync('docker', ['node', 'update', '--label-add', 'webapi-e2e.nodes=labelled', nodeId], { stdio: 'ignore' });
    svc = await startService();
  });
  afterAll(async () => {
    if (nodeId)
      execFileSync('docker', ['node', 'update', '--label-rm', 'webapi-e2e.nodes', nodeId], { stdio: 'ignore' });
    await svc?.stop();
  });

  it("lists the swarm's node with the engine's own hostname, role, state and resources", async () => {
    const { data, response } = await svc.client.GET('/api/system/nodes');
    expect(response.status).toBe(200);
    expect(nodeId).not.toBe('');
    expect(data).toHaveLength(Number(dockerInfo('{{.Swarm.Nodes}}')));
    const node = data!.find((n) => n.id === nodeId);
    expect(node).toMatchObject({
      hostname: dockerInfo('{{.Name}}'),
      role: 'manager',
      availability: 'active',
      state: 'ready',
      leader: true,
      cpus: Number(dockerInfo('{{.NCPU}}')),
      memoryBytes: Number(dockerInfo('{{.MemTotal}}')),
      engineVersion: dockerInfo('{{.ServerVersion}}'),
    });
    expect(node!.address).toBe(dockerInfo('{{.Swarm.NodeAddr}}'));
    expect(node!.labels['webapi-e2e.nodes']).toBe('labelled');
    expect(node!.labels).toEqual(
      JSON.parse(
        execFileSync('docker', ['node', 'inspect', '--format', '{{json .Spec.Labels}}', nodeId], { encoding: 'utf8' }),
      ) ?? {},
    );
    expect(Array.isArray(node!.genericResources)).toBe(true);
  });
});
