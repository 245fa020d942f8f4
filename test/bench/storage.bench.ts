/**
 * Storage benchmark: prints, for one machine in one run,
 * 1. download throughput of a 1 GiB file through the API against nginx
 *    serving the same file on loopback (goal: at least 0.8x nginx);
 * 2. upload (raw PUT) of a 1 GiB file against a plain file copy on the same
 *    disk (dd with fsync), and how much the service's memory grew meanwhile
 *    (goal: less than 64 MiB);
 * 3. time to list one page of 100 from a folder of 100,000 files: the cold
 *    first page against the floor measured in the same run, a bare readdir
 *    (with file types) + sort + stat of the page's 100 entries in a fresh Node
 *    process (goal: within 1.5x of the floor), and later pages (goal: p50
 *    under 150 ms); CPU time beside the wall-clock figures.
 * Needs curl and nginx (apt-get install nginx-light). Loopback only.
 * Run: npm run bench -- test/bench/storage.bench.ts [download] [upload] [listing]
 * (no part named: all; BENCH_DIR picks the disk; default the OS temp folder)
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, startService, Service } from '../e2e/harness';
import { cpuMs, median, percentile, rssBytes } from './measure';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const RUNS = 3;

const mbps = (bytes: number, seconds: number) => bytes / MiB / seconds;

function curlSeconds(args: string[]): number {
  const out = execFileSync('curl', ['-s', '-S', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', ...args], {
    encoding: 'utf8',
  });
  const [code, seconds] = out.trim().split(' ');
  if (!code.startsWith('2')) throw new Error(`curl ${args.join(' ')} answered ${code}`);
  return Number(seconds);
}

/**
 * The floor of a cold page: in a fresh Node process, readdir with file types, sort as the service
 * does (folders first, then by name), stat the page's entries. Its own wall and CPU time, in ms.
 */
const FLOOR_SCRIPT = `
const fs = require('node:fs/promises');
const path = require('node:path');
(async () => {
  const [dir, page, count] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  const entries = (await fs.readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, isDir: e.isDirectory() }));
  entries.sort((a, b) => (a.isDir !== b.isDir ? (a.isDir ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const stats = await Promise.all(entries.slice(page * count, (page + 1) * count).map((e) => fs.lstat(path.join(dir, e.name))));
  if (stats.length !== count) throw new Error('short page');
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, cpuMs: (used.user + used.system) / 1000 }));
})();
`;

function floorOfPage(dir: string, page: number, count: number): { ms: number; cpuMs: number } {
  return JSON.parse(
    execFileSync(process.execPath, ['-e', FLOOR_SCRIPT, dir, String(page), String(count)], { encoding: 'utf8' }),
  ) as { ms: number; cpuMs: number };
}

async function makeFile(file: string, size: number): Promise<void> {
  const block = randomBytes(16 * MiB);
  const handle = await fs.open(file, 'w');
  for (let written = 0; written < size; written += block.length)
    await handle.write(block, 0, Math.min(block.length, size - written));
  await handle.sync();
  await handle.close();
}

async function startNginx(dir: string, root: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  await fs.writeFile(
    conf,
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  default_type application/octet-stream;
  client_body_temp_path ${dir}/nginx-body;
  proxy_temp_path ${dir}/nginx-proxy;
  fastcgi_temp_path ${dir}/nginx-fastcgi;
  uwsgi_temp_path ${dir}/nginx-uwsgi;
  scgi_temp_path ${dir}/nginx-scgi;
  server { listen 127.0.0.1:${port}; root ${root}; }
}
`,
  );
  const child = spawn('nginx', ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/`)).status) return { url, process: child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('nginx did not start');
}

async function main(): Promise<void> {
  const named = process.argv.slice(2).filter((a) => !a.endsWith('.ts'));
  const part = (name: string) => !named.length || named.includes(name);
  if (part('download')) {
    try {
      execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    } catch {
      throw new Error('nginx is missing: apt-get install -y nginx-light');
    }
  }
  const base = await fs.mkdtemp(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'storage-bench-'));
  await fs.chmod(base, 0o755); // nginx workers run unprivileged
  const root = path.join(base, 'root');
  await fs.mkdir(path.join(root, 'files'), { recursive: true });
  let svc: Service | undefined;
  let nginx: ChildProcess | undefined;
  try {
    console.log(`storage benchmark in ${base} (${os.cpus().length} CPUs, node ${process.version})`);
    const big = path.join(root, 'files', 'big.bin');
    if (part('download') || part('upload')) await makeFile(big, GiB);
    svc = await startService({
      STORAGES: JSON.stringify([{ id: 'default', name: 'Bench', path: root }]),
      LOG_LEVEL: 'error',
    });

    if (part('download')) {
      const started = await startNginx(base, root);
      nginx = started.process;

      // 1. Download.
      const api: number[] = [];
      const ngx: number[] = [];
      curlSeconds([`${svc.url}/api/storage/file/default/files/big.bin`]); // warm the page cache
      // nginx serves from its one worker process; the service from its own.
      const worker = Number(execFileSync('pgrep', ['-P', String(started.process.pid)], { encoding: 'utf8' }).trim());
      let apiCpuMs = 0;
      let ngxCpuMs = 0;
      for (let i = 0; i < RUNS; i++) {
        let cpu = cpuMs(worker);
        ngx.push(mbps(GiB, curlSeconds([`${started.url}/files/big.bin`])));
        ngxCpuMs += cpuMs(worker) - cpu;
        cpu = cpuMs(svc.pid);
        api.push(mbps(GiB, curlSeconds([`${svc.url}/api/storage/file/default/files/big.bin`])));
        apiCpuMs += cpuMs(svc.pid) - cpu;
      }
      const apiDown = median(api);
      const ngxDown = median(ngx);
      console.log('\n1. download of 1 GiB over loopback (curl, median of %d)', RUNS);
      console.log(`   API    ${apiDown.toFixed(0)} MiB/s   (runs: ${api.map((x) => x.toFixed(0)).join(', ')})`);
      console.log(`   nginx  ${ngxDown.toFixed(0)} MiB/s   (runs: ${ngx.map((x) => x.toFixed(0)).join(', ')})`);
      console.log(
        `   ratio  ${(apiDown / ngxDown).toFixed(2)}x nginx   goal >= 0.80x: ${apiDown / ngxDown >= 0.8 ? 'MET' : 'NOT MET'}`,
      );
      console.log(
        `   CPU per GiB served: API ${(apiCpuMs / RUNS).toFixed(0)} ms, nginx ${(ngxCpuMs / RUNS).toFixed(0)} ms (sendfile)`,
      );
    }

    if (part('upload')) {
      // 2. Upload, with the service's memory sampled meanwhile.
      const up: number[] = [];
      const copy: number[] = [];
      let peakGrowth = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = process.hrtime.bigint();
        execFileSync('dd', [`if=${big}`, `of=${path.join(root, 'files', 'copy.bin')}`, 'bs=1M', 'conv=fsync'], {
          stdio: 'ignore',
        });
        copy.push(mbps(GiB, Number(process.hrtime.bigint() - t0) / 1e9));
        await fs.rm(path.join(root, 'files', 'copy.bin'));

        const baseline = rssBytes(svc.pid);
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(svc!.pid))), 10);
        const upload = spawn('curl', [
          '-s',
          '-S',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code} %{time_total}',
          '-T',
          big,
          '-H',
          'content-type: application/octet-stream',
          `${svc.url}/api/storage/file/default/files/uploaded-${i}.bin`,
        ]);
        let out = '';
        upload.stdout.on('data', (d) => (out += d));
        await new Promise((r) => upload.on('exit', r));
        clearInterval(sampler);
        const [code, seconds] = out.trim().split(' ');
        if (code !== '200') throw new Error(`upload answered ${code}`);
        up.push(mbps(GiB, Number(seconds)));
        peakGrowth = Math.max(peakGrowth, peak - baseline);
        await fs.rm(path.join(root, 'files', `uploaded-${i}.bin`));
      }
      const apiUp = median(up);
      const copyUp = median(copy);
      console.log('\n2. upload of 1 GiB (raw PUT, written atomically with fsync; median of %d)', RUNS);
      console.log(`   API    ${apiUp.toFixed(0)} MiB/s   (runs: ${up.map((x) => x.toFixed(0)).join(', ')})`);
      console.log(
        `   copy   ${copyUp.toFixed(0)} MiB/s   (dd bs=1M conv=fsync on the same disk; runs: ${copy.map((x) => x.toFixed(0)).join(', ')})`,
      );
      console.log(`   ratio  ${(apiUp / copyUp).toFixed(2)}x plain copy`);
      console.log(
        `   service memory growth during upload: ${(peakGrowth / MiB).toFixed(1)} MiB (peak RSS over baseline)   goal < 64 MiB: ${peakGrowth < 64 * MiB ? 'MET' : 'NOT MET'}`,
      );
    }
    await fs.rm(big, { force: true });

    if (part('listing')) {
      // 3. Listing a page of 100 from 100,000 files.
      const folder = path.join(root, 'hundred-thousand');
      await fs.mkdir(folder);
      const t0 = Date.now();
      for (let i = 0; i < 100_000; i += 1000) {
        await Promise.all(
          Array.from({ length: 1000 }, (_, j) =>
            fs.writeFile(path.join(folder, `file-${String(i + j).padStart(6, '0')}.dat`), ''),
          ),
        );
      }
      console.log(`\n3. listing: made 100,000 files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, 1500)); // past the coarse timestamp window, as any folder not being written to
      // The floor, in fresh processes before and after the service's cold page (the same page), so that both see the same caches.
      const coldPage = 500;
      const floors = [floorOfPage(folder, coldPage, 100), floorOfPage(folder, coldPage, 100)];
      const times: number[] = [];
      let coldCpuMs = 0;
      for (let i = 0; i < 40; i++) {
        const page = i === 0 ? coldPage : Math.floor(Math.random() * 1000);
        const cpu = cpuMs(svc.pid);
        const s = process.hrtime.bigint();
        const res = await fetch(`${svc.url}/api/storage/list/default/hundred-thousand?page=${page}&count=100`);
        const body = (await res.json()) as { total_count: number; items: unknown[] };
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
        if (body.total_count !== 100_000 || body.items.length !== 100) throw new Error('unexpected listing');
        if (i === 0) coldCpuMs = cpuMs(svc.pid) - cpu;
      }
      floors.push(floorOfPage(folder, coldPage, 100));
      const floor = [...floors].sort((a, b) => a.ms - b.ms)[1];
      const coldRatio = times[0] / floor.ms;
      const p50 = median(times.slice(1));
      console.log(
        `   floor: readdir + sort + stat of one page in a fresh Node process: median ${floor.ms.toFixed(1)} ms (runs: ${floors.map((f) => f.ms.toFixed(1)).join(', ')}), CPU ${floor.cpuMs.toFixed(0)} ms`,
      );
      console.log(
        `   cold first page through the API (reads and sorts the folder): ${times[0].toFixed(1)} ms, service CPU ${coldCpuMs} ms`,
      );
      console.log(
        `   ratio  ${coldRatio.toFixed(2)}x the floor   goal within 1.5x: ${coldRatio <= 1.5 ? 'MET' : 'NOT MET'}`,
      );
      console.log(
        `   later pages: p50 ${p50.toFixed(1)} ms, p95 ${percentile(times.slice(1), 95).toFixed(1)} ms, max ${Math.max(...times.slice(1)).toFixed(1)} ms   goal p50 < 150 ms: ${p50 < 150 ? 'MET' : 'NOT MET'}`,
      );
      console.log(`   p50 over all 40 requests, first included: ${median(times).toFixed(1)} ms`);
    }
  } finally {
    nginx?.kill('SIGTERM');
    await svc?.stop();
    await fs.rm(base, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
