import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BUSYBOX_IMAGE, Service, startService } from '../harness';
import { createRun, removeContainersOf, waitFor, writeStorage } from '../exec-helpers';

/**
 * A run placed on another node of the swarm (jest project e2e-second-node,
 * RUN_BACKEND=swarm): docker/swarm-second-node.sh starts a second engine in
 * its own network namespace (loopback only) and joins it as a worker
 * labelled webapi-node=webapi-node2. It runs alone, after the other suites,
 * since a second node would take runs of theirs that have no constraint.
 */
jest.setTimeout(300_000);

const NODE = 'webapi-node2';
const WORKER_SOCKET = `unix:///run/${NODE}/docker.sock`;
const script = path.join(__dirname, '../../../docker/swarm-second-node.sh');
const secondNode = (action: 'up' | 'down') => execFileSync('bash', [script, action], { encoding: 'utf8' });
/** The second node's engine: what runs there is only visible through it. */
const onWorker = (...args: string[]) =>
  execFileSync('docker', ['-H', WORKER_SOCKET, ...args], { encoding: 'utf8' }).trim();

describe('a run placed on a second swarm node', () => {
  let svc: Service | undefined;

  beforeAll(async () => {
    secondNode('up');
    svc = await startService({ EXEC_STOP_GRACE_SECONDS: '2' });
    await writeStorage(svc.dataDir, { 'data/numbers.txt': '1\n2\n3\n', 'code/.keep': '' });
  });

  afterAll(async () => {
    await svc?.stop();
    if (svc) removeContainersOf(svc.dataDir);
    if (svc) {
      const left = onWorker('ps', '-aq', '--filter', `label=webapi.exec.data-dir=${svc.dataDir}`);
      if (left) execFileSync('docker', ['-H', WORKER_SOCKET, 'rm', '-f', ...left.split('\n')], { stdio: 'ignore' });
    }
    secondNode('down');
  });

  const status = async (id: string) =>
    (await svc!.client.GET('/api/exec/status/{exec_id}', { params: { path: { exec_id: id } } })).data!;
  const constraints = [`node.labels.webapi-node==${NODE}`];

  it('lists the worker among the nodes, with its own host name and label', async () => {
    const { data } = await svc!.client.GET('/api/system/nodes');
    expect(data!.map((n) => n.role)).toEqual(['manager', 'worker']);
    expect(data![1]).toMatchObject({
      hostname: NODE,
      role: 'worker',
      state: 'ready',
      availability: 'active',
      labels: { 'webapi-node': NODE },
    });
  });

  it('runs there by constraint: it completes, and its log, output file and exit code come back', async () => {
    await createRun(svc!, {
      id: 'remote',
      srcPath: 'code',
      imageTag: BUSYBOX_IMAGE,
      inputPath: 'data',
      outputPath: 'out',
      command:
        'echo "summing on the second node"; awk "{ s += \\$1 } END { print s }" /app/data/numbers.txt > /app/output/sum.txt',
      constraints,
    });
    await waitFor('the remote run to succeed', async () => (await status('remote')).status === 'succeeded', 120_000);
    expect(await status('remote')).toMatchObject({ status: 'succeeded', exitCode: 0 });

    // It ran on the worker's engine, not on this one.
    const there = onWorker('ps', '-a', '--filter', `label=webapi.exec.data-dir=${svc!.dataDir}`, '--format', '{{.ID}}');
    expect(there.split('\n').filter(Boolean)).toHaveLength(1);
    const here = execFileSync('docker', ['ps', '-aq', '--filter', `label=webapi.exec.data-dir=${svc!.dataDir}`], {
      encoding: 'utf8',
    }).trim();
    expect(here).toBe('');

    const logs = await svc!.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'remote' } } });
    expect(logs.data!.lines).toEqual(['summing on the second node']);
    expect((await fs.readFile(path.join(svc!.dataDir, 'storage/out/sum.txt'), 'utf8')).trim()).toBe('6');
  });

  it("reports the container's exit code of a run that fails there", async () => {
    await createRun(svc!, {
      id: 'remote-fails',
      srcPath: 'code',
      imageTag: BUSYBOX_IMAGE,
      inputPath: '',
      outputPath: '',
      command: 'echo "about to fail"; exit 7',
      constraints,
    });
    await waitFor('the remote run to fail', async () => (await status('remote-fails')).status === 'failed', 120_000);
    expect(await status('remote-fails')).toMatchObject({ status: 'failed', exitCode: 7, reason: 'exit code 7' });
    const logs = await svc!.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'remote-fails' } } });
    expect(logs.data!.lines).toEqual(['about to fail']);
  });
});
