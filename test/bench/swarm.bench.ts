/**
 * Swarm benchmark: the same runs on the Docker backend and on the Swarm
 * backend (RUN_BACKEND=swarm, a replicated-job service per run), one of each
 * in turn, measured in the same run and printed side by side:
 *  1. create → running: POST /api/exec/create until it answers `running`
 *     (both backends answer once the run runs);
 *  2. exit → `status` event: the container's FinishedAt (the engine's clock)
 *     until the run's end reaches a client subscribed to its event stream;
 *  3. the service's CPU seconds per run (user + system, from /proc).
 * Needs a swarm (docker/ensure-swarm.sh). Run with
 * `npm run bench -- test/bench/swarm.bench.ts` (RUNS=20 to change the count).
 */
import { execFileSync } from 'node:child_process';
import { createEventStreams } from '../../openapi/client';
import { BUSYBOX_IMAGE, Service, startService } from '../e2e/harness';
import { writeStorage } from '../e2e/exec-helpers';
import { cpuSeconds, percentile } from './measure';

const RUNS = Number(process.env.RUNS ?? 10);
const FINAL = ['succeeded', 'failed', 'canceled', 'lost'];

/** FinishedAt of the container of a run (on swarm: its task's container, on this node). */
function finishedAt(dataDir: string, execId: string): number {
  const id = execFileSync('docker', [
    'ps',
    '-aq',
    '--filter',
    `label=webapi.exec.data-dir=${dataDir}`,
    '--filter',
    `label=webapi.exec.id=${execId}`,
  ])
    .toString()
    .trim()
    .split('\n')[0];
  return Date.parse(execFileSync('docker', ['inspect', '-f', '{{.State.FinishedAt}}', id]).toString().trim());
}

interface Sample {
  createMs: number;
  exitToEventMs: number;
}

async function oneRun(svc: Service, id: string): Promise<Sample> {
  const t0 = performance.now();
  const res = await svc.client.POST('/api/exec/create', {
    body: {
      id,
      srcPath: 'code',
      command: ['sh', '-c', 'sleep 1'],
      imageTag: BUSYBOX_IMAGE,
      inputPath: '',
      outputPath: '',
    },
  });
  const createMs = performance.now() - t0;
  if (res.data?.status !== 'running')
    throw new Error(`create ${id}: ${res.response.status} ${JSON.stringify(res.data ?? res.error)}`);
  const streams = createEventStreams(svc.url);
  let endSeen = 0;
  const sub = streams.subscribe('/api/exec/events/{exec_id}', {
    params: { exec_id: id },
    onEvent: (e) => {
      if (e.event === 'status' && FINAL.includes((e.data as { status: string }).status) && !endSeen)
        endSeen = Date.now();
    },
  });
  await sub.done;
  return { createMs, exitToEventMs: endSeen - finishedAt(svc.dataDir, id) };
}

async function main(): Promise<void> {
  const backends = ['docker', 'swarm'] as const;
  const services = {} as Record<(typeof backends)[number], Service>;
  for (const b of backends) {
    services[b] = await startService({ RUN_BACKEND: b, LOG_LEVEL: 'error' });
    await writeStorage(services[b].dataDir, { 'code/.keep': '' });
  }
  const samples = { docker: [] as Sample[], swarm: [] as Sample[] };
  const cpu = { docker: 0, swarm: 0 };
  try {
    // One warm-up run each (image checks, first connections), not counted.
    for (const b of backends) await oneRun(services[b], 'warm-up');
    for (let i = 0; i < RUNS; i++) {
      for (const b of backends) {
        const before = cpuSeconds(services[b].pid);
        samples[b].push(await oneRun(services[b], `r${i}`));
        cpu[b] += cpuSeconds(services[b].pid) - before;
      }
    }
  } finally {
    for (const b of backends) {
      const svc = services[b];
      execFileSync('sh', [
        '-c',
        `docker service ls -q --filter label=webapi.exec.data-dir=${svc.dataDir} | xargs -r docker service rm >/dev/null; ` +
          `docker ps -aq --filter label=webapi.exec.data-dir=${svc.dataDir} | xargs -r docker rm -f >/dev/null`,
      ]);
      await svc.stop();
    }
  }
  const row = (label: string, pick: (s: Sample) => number) => {
    const cells = backends.map((b) => {
      const v = samples[b].map(pick);
      return `p50 ${percentile(v, 50).toFixed(0).padStart(5)} ms, p95 ${percentile(v, 95).toFixed(0).padStart(5)} ms`;
    });
    console.log(`${label.padEnd(26)} ${cells[0].padEnd(30)} ${cells[1]}`);
  };
  console.log(`\n${RUNS} runs each, interleaved (busybox "sleep 1")`);
  console.log(`${''.padEnd(26)} ${'docker backend'.padEnd(30)} swarm backend`);
  row('create -> running', (s) => s.createMs);
  row('exit -> status event', (s) => s.exitToEventMs);
  console.log(
    `${'service CPU s per run'.padEnd(26)} ${(cpu.docker / RUNS).toFixed(3).padEnd(30)} ${(cpu.swarm / RUNS).toFixed(3)}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
