/**
 * Exec benchmark: measures and prints, on this machine, in one run:
 *  1. POST /api/exec/create until the container runs, against the same
 *     create + start through the Engine API (dockerode, as the service does;
 *     goal: within 1.15x), with `docker run -d` beside it for reference;
 *  2. a container's exit until GET /api/exec/info says State.Running false
 *     (goal: p50 under 100 ms);
 *  3. GET /api/exec/list with 500 runs (goal: p50 under 50 ms);
 *  4. GET /api/exec/logs?tail=1000 of a run that printed 1,000,000 lines
 *     (goal: under 200 ms, memory flat).
 * Every figure is printed with its verdict (MET / NOT MET), and the service's
 * CPU time per unit beside the wall-clock figures.
 * Run with `npm run bench -- test/bench/exec.bench.ts [create|exit|logs|list]`.
 */
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PYTHON_IMAGE, BUSYBOX_IMAGE, Service, startService } from '../e2e/harness';
import { dockerInspect, removeContainersOf, waitExited, writeStorage } from '../e2e/exec-helpers';
import { cpuMs, percentile, rssBytes, summary, verdict } from './measure';

const report: string[] = [];
function line(text: string) {
  console.log(text);
  report.push(text);
}

const body = (id: string, command: string[], image = PYTHON_IMAGE) => ({
  id,
  srcPath: 'code',
  command,
  imageTag: image,
  inputPath: 'data',
  outputPath: 'out',
});

async function createToRunning(svc: Service): Promise<void> {
  const command = ['python', '-c', 'import time; time.sleep(60)'];
  const storage = path.join(svc.dataDir, 'storage');
  const sameOptions = [
    '--network',
    'none',
    '--init',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--pids-limit',
    '4096',
    '--shm-size',
    '1g',
    '--log-opt',
    'max-size=100m',
    '--log-opt',
    'max-file=3',
    '-w',
    '/app',
    '--mount',
    `type=bind,source=${storage}/code,target=/app`,
    '--mount',
    `type=bind,source=${storage}/data,target=/app/data,readonly`,
    '--mount',
    `type=bind,source=${storage}/data,target=/data/input,readonly`,
    '--mount',
    `type=bind,source=${storage}/out,target=/app/output`,
    '--mount',
    `type=bind,source=${storage}/out,target=/data/output`,
    '--mount',
    `type=bind,source=${svc.dataDir}/runs,target=/apprun`,
    '--label',
    `webapi.exec.data-dir=${svc.dataDir}`,
  ];
  const api: number[] = [];
  const engine: number[] = [];
  const plain: number[] = [];
  const same: number[] = [];
  let serviceCpuMs = 0;
  let engineClientCpuMs = 0;
  // The same container through the Engine API: what the service asks the engine for, without the service.
  const docker = new Docker();
  const engineCreateStart = async () => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const container = await docker.createContainer({
      Image: PYTHON_IMAGE,
      Cmd: command,
      WorkingDir: '/app',
      Labels: { 'webapi.exec.data-dir': svc.dataDir },
      HostConfig: {
        NetworkMode: 'none',
        Init: true,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        PidsLimit: 4096,
        ShmSize: 1024 ** 3,
        LogConfig: { Type: 'json-file', Config: { 'max-size': '100m', 'max-file': '3' } },
        Mounts: [
          { Type: 'bind', Source: `${storage}/code`, Target: '/app' },
          { Type: 'bind', Source: `${storage}/data`, Target: '/app/data', ReadOnly: true },
          { Type: 'bind', Source: `${storage}/data`, Target: '/data/input', ReadOnly: true },
          { Type: 'bind', Source: `${storage}/out`, Target: '/app/output' },
          { Type: 'bind', Source: `${storage}/out`, Target: '/data/output' },
          { Type: 'bind', Source: `${svc.dataDir}/runs`, Target: '/apprun' },
        ],
      },
    });
    await container.start();
    const elapsed = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (!(await container.inspect()).State.Running) throw new Error('Engine API create + start: not running');
    await container.remove({ force: true });
    return { elapsed, cpuMs: (used.user + used.system) / 1000 };
  };
  const dockerRun = (args: string[]) => {
    const t = performance.now();
    const id = execFileSync('docker', ['run', '-d', ...args, PYTHON_IMAGE, ...command])
      .toString()
      .trim();
    const elapsed = performance.now() - t;
    if (!dockerInspect(id)!.State.Running) throw new Error('docker run -d: not running');
    execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
    return elapsed;
  };
  // One warm-up of each, then interleaved rounds so that load on the machine hits all alike.
  await svc.client.POST('/api/exec/create', { body: body('warm', command) });
  dockerRun(['--network', 'none']);
  await engineCreateStart();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) {
    const cpu = cpuMs(svc.pid);
    const t = performance.now();
    const res = await svc.client.POST('/api/exec/create', { body: body(`start-${i}`, command) });
    api.push(performance.now() - t);
    serviceCpuMs += cpuMs(svc.pid) - cpu;
    if (res.response.status !== 200) throw new Error(`create: ${res.response.status} ${JSON.stringify(res.error)}`);
    const info = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: `start-${i}` } } });
    if (!info.data!.State.Running) throw new Error('the run is not running once create answered');
    const direct = await engineCreateStart();
    engine.push(direct.elapsed);
    engineClientCpuMs += direct.cpuMs;
    plain.push(dockerRun(['--network', 'none']));
    same.push(dockerRun(sameOptions));
    removeContainersOf(svc.dataDir);
  }
  const ratio = percentile(api, 50) / percentile(engine, 50);
  line('1. create until running');
  line(
    `   POST /api/exec/create:                               ${summary(api)}; service CPU ${(serviceCpuMs / rounds).toFixed(0)} ms per create`,
  );
  line(
    `   Engine API create + start (dockerode, same container): ${summary(engine)}; client CPU ${(engineClientCpuMs / rounds).toFixed(0)} ms per create`,
  );
  line(`   docker run -d (same mounts and options, CLI start-up included): ${summary(same)}`);
  line(`   docker run -d (image + command, --network none):      ${summary(plain)}`);
  line(`   ratio of p50s against the Engine API: ${ratio.toFixed(2)}x   goal within 1.15x: ${verdict(ratio <= 1.15)}`);
}

async function exitToNotRunning(svc: Service): Promise<void> {
  const lags: number[] = [];
  for (let i = 0; i < 10; i++) {
    const id = `exit-${i}`;
    const res = await svc.client.POST('/api/exec/create', {
      body: body(id, ['python', '-c', 'import time; time.sleep(0.7)']),
    });
    if (res.response.status !== 200) throw new Error(`create: ${res.response.status}`);
    let seenAt: number;
    for (;;) {
      const { data } = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: id } } });
      if (!data!.State.Running) {
        seenAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const finishedAt = Date.parse(
      dockerInspect(
        `webapi-exec-${readFileSync(path.join(svc.dataDir, 'exec', 'instance-id'), 'utf8')
          .trim()
          .slice(0, 8)}-${id}`,
      )!.State.FinishedAt,
    );
    lags.push(seenAt - finishedAt);
  }
  line('2. container exit until GET /api/exec/info says State.Running false (polled every 5 ms)');
  line(
    `   ${summary(lags)}   goal p50 under 100 ms: ${verdict(percentile(lags, 50) < 100)} (a 0.5 s polling design averages 250 ms)`,
  );
}

async function listOf500(svc: Service): Promise<void> {
  const total = 500;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const res = await svc.client.POST('/api/exec/create', {
        body: body(`list-${i}`, ['sh', '-c', 'exit 0'], BUSYBOX_IMAGE),
      });
      if (res.response.status !== 200)
        throw new Error(`create list-${i}: ${res.response.status} ${JSON.stringify(res.error)}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const made = performance.now() - t0;
  await waitExited(svc, `list-${total - 1}`);
  const times: number[] = [];
  const parsed: number[] = [];
  let size = 0;
  let count = 0;
  const cpu = cpuMs(svc.pid);
  for (let i = 0; i < 45; i++) {
    const t = performance.now();
    const res = await fetch(`${svc.url}/api/exec/list`);
    const text = await res.text();
    const t1 = performance.now();
    const list = JSON.parse(text) as unknown[];
    const t2 = performance.now();
    if (i >= 5) {
      times.push(t1 - t);
      parsed.push(t2 - t);
    }
    size = text.length;
    count = list.length;
  }
  line(
    `3. GET /api/exec/list with ${count} runs (each with its full inspect data; ${(size / 1024 / 1024).toFixed(1)} MB; runs made in ${(made / 1000).toFixed(0)} s)`,
  );
  line(
    `   request until the whole body is in: ${summary(times)}   goal p50 under 50 ms: ${verdict(percentile(times, 50) < 50)}`,
  );
  line(`   service CPU ${((cpuMs(svc.pid) - cpu) / 45).toFixed(0)} ms per list`);
  line(`   including the client's JSON.parse:  ${summary(parsed)}`);
}

async function logsOfAMillionLines(svc: Service): Promise<void> {
  const id = 'million';
  const res = await svc.client.POST('/api/exec/create', {
    body: body(id, [
      'python',
      '-c',
      "import sys\nfor i in range(1000000): sys.stdout.write('line %d of the training log\\n' % i)",
    ]),
  });
  if (res.response.status !== 200) throw new Error(`create: ${res.response.status}`);
  await waitExited(svc, id, 180_000);
  const rssBefore = rssBytes(svc.pid);
  const cpu = cpuMs(svc.pid);
  const times: number[] = [];
  let last = '';
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const { data } = await svc.client.GET('/api/exec/logs/{exec_id}', {
      params: { path: { exec_id: id }, query: { tail: 1000 } },
    });
    times.push(performance.now() - t);
    if (data!.lines.length !== 1000) throw new Error(`tail=1000 gave ${data!.lines.length} lines`);
    last = data!.lines[999];
  }
  const rssAfterTail = rssBytes(svc.pid);
  const tailCpuMs = (cpuMs(svc.pid) - cpu) / 20;
  // The whole log, read as a stream, to watch the service's memory while it sends ~30 MB of JSON.
  let peak = rssAfterTail;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(svc.pid))), 20);
  const t = performance.now();
  const full = await fetch(`${svc.url}/api/exec/logs/${id}`);
  let bytes = 0;
  for await (const chunk of full.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const fullMs = performance.now() - t;
  clearInterval(sampler);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  line(`4. GET /api/exec/logs?tail=1000 of a run that printed 1,000,000 lines (last: "${last}")`);
  line(
    `   ${summary(times)}; service CPU ${tailCpuMs.toFixed(0)} ms per read   goal p50 under 200 ms: ${verdict(percentile(times, 50) < 200)}`,
  );
  const growth = rssAfterTail - rssBefore;
  line(
    `   service RSS: ${mb(rssBefore)} before, ${mb(rssAfterTail)} after 20 tail reads   goal flat (under 32 MB growth): ${verdict(growth < 32 * 1024 * 1024)}`,
  );
  line(
    `   the whole log (${mb(bytes)} of JSON) streamed in ${(fullMs / 1000).toFixed(1)} s; service RSS peak during it ${mb(peak)}`,
  );
}

async function main(): Promise<void> {
  const sections: [string, (svc: Service) => Promise<void>][] = [
    ['create', createToRunning],
    ['exit', exitToNotRunning],
    ['logs', logsOfAMillionLines],
    ['list', listOf500],
  ];
  const only = process.argv.slice(2).filter((a) => !a.endsWith('.ts'));
  for (const [name, run] of sections) {
    if (only.length && !only.includes(name)) continue;
    const svc = await startService();
    try {
      await writeStorage(svc.dataDir, { 'code/.keep': '', 'data/.keep': '', 'out/.keep': '' });
      await run(svc);
    } finally {
      removeContainersOf(svc.dataDir);
      await svc.stop();
    }
  }
  console.log('\n--- exec benchmark ---\n' + report.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
