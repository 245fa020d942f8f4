/**
 * Jobs benchmark: measures and prints, on this machine, in one run:
 *  1. POST /api/exec/create and GET /api/exec/status with 1,000 runs queued
 *     (goal: p50 under 20 ms each), with the service's CPU seconds per call;
 *  2. a GPU released (the holder's container ends) until the next queued
 *     run's container runs, against a plain `docker run -d` (goal: within 1.2x).
 * Run with `npm run bench -- test/bench/jobs.bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BUSYBOX_IMAGE, startService } from '../e2e/harness';
import { dockerInspect, removeContainersOf, waitFor, writeStorage } from '../e2e/exec-helpers';
import { cpuSeconds, percentile, summary } from './measure';

const QUEUED = 1000;
const HANDOVERS = 5;

async function main(): Promise<void> {
  const svc = await startService({
    GPU_INVENTORY: JSON.stringify([{ uuid: 'GPU-bench-0', name: 'sim', memoryTotal: 1 }]),
    EXEC_MAX_RUNNING: '100000',
  });
  await writeStorage(svc.dataDir, { 'code/.keep': '' });
  const name = async (id: string) =>
    `webapi-exec-${readFileSync(`${svc.dataDir}/exec/instance-id`, 'utf8').trim().slice(0, 8)}-${id}`;
  const create = (id: string, command: string, gpus = 1) =>
    svc.client.POST('/api/exec/create', { body: { id, srcPath: 'code', imageTag: BUSYBOX_IMAGE, command, gpus } });
  try {
    // The GPU is held; what follows queues behind it. The first HANDOVERS queued runs each hold it for 2 s.
    await create('holder', 'sleep 3');
    const creates: number[] = [];
    let cpu = cpuSeconds(svc.pid);
    for (let i = 0; i < QUEUED; i++) {
      const t = performance.now();
      const res = await create(`q-${i}`, i < HANDOVERS ? 'sleep 2' : 'true');
      creates.push(performance.now() - t);
      if (res.data?.status !== 'queued' && i > 0)
        throw new Error(`q-${i} was not queued: ${JSON.stringify(res.data ?? res.error)}`);
    }
    const createCpu = (cpuSeconds(svc.pid) - cpu) / QUEUED;
    const statuses: number[] = [];
    cpu = cpuSeconds(svc.pid);
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      await svc.client.GET('/api/exec/status/{exec_id}', { params: { path: { exec_id: `q-${(i * 7) % QUEUED}` } } });
      statuses.push(performance.now() - t);
    }
    const statusCpu = (cpuSeconds(svc.pid) - cpu) / 500;
    console.log(
      `create with ${QUEUED} queued:  ${summary(creates)}; service CPU ${(createCpu * 1000).toFixed(2)} ms per create (goal: p50 < 20 ms)`,
    );
    console.log(
      `status with ${QUEUED} queued:  ${summary(statuses)}; service CPU ${(statusCpu * 1000).toFixed(2)} ms per status (goal: p50 < 20 ms)`,
    );

    // Hand-overs: the holder's container ends (FinishedAt) → the next run's container runs (StartedAt).
    const handovers: number[] = [];
    const ids = ['holder', ...Array.from({ length: HANDOVERS }, (_, i) => `q-${i}`)];
    for (let i = 0; i + 1 < ids.length; i++) {
      const next = await name(ids[i + 1]);
      await waitFor(
        `${ids[i + 1]} to run`,
        async () => dockerInspect(next)?.State.Running === true || dockerInspect(next)?.State.Status === 'exited',
        60_000,
        20,
      );
      const ended = Date.parse(dockerInspect(await name(ids[i]))!.State.FinishedAt);
      handovers.push(Date.parse(dockerInspect(next)!.State.StartedAt) - ended);
    }
    const plain: number[] = [];
    for (let i = 0; i < HANDOVERS; i++) {
      const t = performance.now();
      const id = execFileSync('docker', [
        'run',
        '-d',
        '--network',
        'none',
        '--init',
        '--label',
        `webapi.exec.data-dir=${svc.dataDir}`,
        BUSYBOX_IMAGE,
        'sleep',
        '1',
      ])
        .toString()
        .trim();
      plain.push(performance.now() - t);
      execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
    }
    const ratio = percentile(handovers, 50) / percentile(plain, 50);
    console.log(`GPU released → next container running: ${summary(handovers)}`);
    console.log(`plain docker run -d:                    ${summary(plain)}`);
    console.log(`ratio (p50): ${ratio.toFixed(2)}x (goal: <= 1.2x)`);
  } finally {
    removeContainersOf(svc.dataDir);
    await svc.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
