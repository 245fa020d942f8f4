/**
 * Event streams benchmark: measures and prints, on this machine, beside
 * polling at the original design's interval (the browser asked every 1 s):
 *  1. a container's exit until the `status` event reaches a subscribed
 *     client (goal: p50 under 50 ms), against GET /api/exec/info polled
 *     every 1 s;
 *  2. progress.json written until the `progress` event arrives (goal: p50
 *     under 250 ms), against GET /api/exec/progress polled every 1 s;
 *  3. 200 concurrent subscribers of one run that prints for a while: the
 *     service's memory growth (goal: under 50 MiB) and CPU seconds;
 *  4. bucketing 1,000,000 points into 500 (goal: under 200 ms).
 * The service's CPU seconds are printed beside each measurement.
 * Run with `npm run bench -- test/bench/events.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createEventStreams, StreamEvent } from '../../openapi/client';
import { bucketSeries } from '../../src/metrics-history/step-buckets';
import { BUSYBOX_IMAGE, PYTHON_IMAGE, Service, startService } from '../e2e/harness';
import { dockerInspect, removeContainersOf, writeStorage } from '../e2e/exec-helpers';
import { cpuSeconds, percentile, rssBytes, summary } from './measure';

type RunEvent = StreamEvent<'/api/exec/events/{exec_id}'>;
const POLL_MS = 1000;
const FINAL = ['succeeded', 'failed', 'canceled', 'lost'];

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** A run of `code/<main>`: with Python, or with busybox's sh for a `.sh` file. */
async function create(svc: Service, id: string, main: string): Promise<void> {
  const how = main.endsWith('.sh')
    ? { command: ['sh', main], imageTag: BUSYBOX_IMAGE }
    : { mainSrc: main, imageTag: PYTHON_IMAGE };
  const res = await svc.client.POST('/api/exec/create', {
    body: { id, srcPath: 'code', ...how, inputPath: '', outputPath: `out/${id}` },
  });
  if (!res.data) throw new Error(`create ${id}: ${res.response.status} ${JSON.stringify(res.error)}`);
}

function containerName(svc: Service, id: string): string {
  const instance = readFileSync(`${svc.dataDir}/exec/instance-id`, 'utf8').trim();
  return `webapi-exec-${instance.slice(0, 8)}-${id}`;
}

/** Polls `probe` every POLL_MS until it says yes; resolves with the time it did. */
async function pollUntil(probe: () => Promise<boolean>): Promise<number> {
  for (;;) {
    if (await probe()) return Date.now();
    await sleep(POLL_MS);
  }
}

/** When `docker events` itself reports each container's exit: the floor any client of the engine sees. */
function engineDieTimes(): { at: Map<string, number>; stop(): void } {
  const at = new Map<string, number>();
  const child = spawn('docker', [
    'events',
    '--filter',
    'type=container',
    '--filter',
    'event=die',
    '--format',
    '{{.Actor.Attributes.name}}',
  ]);
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const now = Date.now();
    const parts = (buffered + chunk.toString()).split('\n');
    buffered = parts.pop() ?? '';
    for (const name of parts) if (name) at.set(name, now);
  });
  return { at, stop: () => child.kill() };
}

async function exitToStatus(svc: Service): Promise<void> {
  const streams = createEventStreams(svc.url);
  const pushed: number[] = [];
  const polled: number[] = [];
  const engine: number[] = [];
  const dies = engineDieTimes();
  await sleep(500);
  const cpu0 = cpuSeconds(svc.pid);
  for (let i = 0; i < 12; i++) {
    const id = `exit-${i}`;
    await create(svc, id, 'exit.sh');
    let seenAt = 0;
    const sub = streams.subscribe('/api/exec/events/{exec_id}', {
      params: { exec_id: id },
      onEvent: (e: RunEvent) => {
        if (e.event === 'status' && FINAL.includes(e.data.status) && !seenAt) seenAt = Date.now();
      },
    });
    // The original design: the browser asks every second.
    const polledAt = pollUntil(async () => {
      const { data } = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: id } } });
      return !!data && !data.State.Running;
    });
    await sub.done;
    const finishedAt = Date.parse(dockerInspect(containerName(svc, id))!.State.FinishedAt);
    pushed.push(seenAt - finishedAt);
    polled.push((await polledAt) - finishedAt);
    const die = dies.at.get(containerName(svc, id));
    if (die) engine.push(die - finishedAt);
  }
  dies.stop();
  const cpu = cpuSeconds(svc.pid) - cpu0;
  console.log('1. container exit until the client knows');
  console.log(`   status event (SSE):              ${summary(pushed)}  (goal: p50 under 50 ms)`);
  console.log(`   GET /info polled every ${POLL_MS} ms: ${summary(polled)}`);
  console.log(`   \`docker events\` die (the floor):  ${summary(engine)}`);
  console.log(
    `   ratio of p50s: ${(percentile(polled, 50) / Math.max(1, percentile(pushed, 50))).toFixed(1)}x; service CPU ${cpu.toFixed(2)} s for ${pushed.length} runs (${((cpu / pushed.length) * 1000).toFixed(0)} ms a run, both clients)`,
  );
}

async function progressToEvent(svc: Service): Promise<void> {
  const streams = createEventStreams(svc.url);
  const pushed: number[] = [];
  const polled: number[] = [];
  const cpu0 = cpuSeconds(svc.pid);
  await create(svc, 'progress', 'progress.py');
  const sub = streams.subscribe('/api/exec/events/{exec_id}', {
    params: { exec_id: 'progress' },
    onEvent: (e: RunEvent) => {
      if (e.event === 'progress') pushed.push(Date.now() - (e.data as { t: number }).t * 1000);
    },
  });
  let last = 0;
  let running = true;
  const poller = (async () => {
    while (running) {
      const { data } = await svc.client.GET('/api/exec/progress/{exec_id}', {
        params: { path: { exec_id: 'progress' } },
      });
      const t = (data as { t?: number } | null)?.t;
      if (t && t !== last) {
        last = t;
        polled.push(Date.now() - t * 1000);
      }
      await sleep(POLL_MS);
    }
  })();
  await sub.done;
  running = false;
  await poller;
  const cpu = cpuSeconds(svc.pid) - cpu0;
  console.log('2. progress.json written until the client has it');
  console.log(`   progress event (SSE):                  ${summary(pushed)}  (goal: p50 under 250 ms)`);
  console.log(
    `   GET /progress polled every ${POLL_MS} ms:   ${summary(polled)}  (missed ${pushed.length - polled.length} of ${pushed.length} writes)`,
  );
  console.log(`   service CPU ${cpu.toFixed(2)} s for ${pushed.length} progress writes`);
}

async function manySubscribers(svc: Service): Promise<void> {
  const streams = createEventStreams(svc.url);
  await create(svc, 'many', 'chatty.py');
  const before = rssBytes(svc.pid);
  const cpu0 = cpuSeconds(svc.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(svc.pid))), 100);
  let lines = 0;
  const t0 = performance.now();
  const subs = Array.from({ length: 200 }, () =>
    streams.subscribe('/api/exec/events/{exec_id}', {
      params: { exec_id: 'many' },
      onEvent: (e: RunEvent) => {
        if (e.event === 'log') lines += e.data.lines.length;
      },
    }),
  );
  await Promise.all(subs.map((s) => s.done));
  const wall = performance.now() - t0;
  clearInterval(sampler);
  const cpu = cpuSeconds(svc.pid) - cpu0;
  console.log('3. 200 subscribers of one run printing 20,000 lines over about 5 s');
  console.log(`   lines delivered: ${lines} (${lines / 200} each) in ${(wall / 1000).toFixed(1)} s`);
  console.log(`   service memory growth: ${((peak - before) / 1024 / 1024).toFixed(1)} MiB (goal: under 50 MiB)`);
  console.log(`   service CPU ${cpu.toFixed(2)} s (${((cpu / lines) * 1e6).toFixed(1)} µs a delivered line)`);
  console.log(
    `   polling instead: 200 clients x ${POLL_MS} ms = ${(200 * (1000 / POLL_MS)).toFixed(0)} requests/s for logs alone, each resending the whole log`,
  );
}

function bucketing(): void {
  const n = 1_000_000;
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    steps[i] = i;
    values[i] = Math.exp(-i / 200000) + Math.random() * 0.01;
  }
  const times: number[] = [];
  let buckets = 0;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    buckets = bucketSeries(steps, values, { maxPoints: 500 }).length;
    times.push(performance.now() - t);
  }
  console.log(`4. bucketing 1,000,000 points into ${buckets}: ${summary(times)} (goal: under 200 ms)`);
}

async function main(): Promise<void> {
  bucketing();
  const svc = await startService({ LOG_LEVEL: 'error' });
  try {
    await writeStorage(svc.dataDir, {
      'code/exit.sh': 'sleep 0.7\n',
      'code/progress.py':
        'import json, os, time\nfor i in range(30):\n    with open("/apprun/p.tmp", "w") as f: json.dump({"main_progress": i * 100 / 29, "t": time.time()}, f)\n    os.replace("/apprun/p.tmp", "/apprun/progress.json")\n    time.sleep(0.37)\n',
      'code/chatty.py':
        'import time\nfor i in range(100):\n    for j in range(200): print("line", i, j)\n    time.sleep(0.05)\n',
    });
    // Warm-up.
    await create(svc, 'warm', 'exit.sh');
    await exitToStatus(svc);
    await progressToEvent(svc);
    await manySubscribers(svc);
  } finally {
    removeContainersOf(svc.dataDir);
    await svc.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
