/**
 * A cached rebuild of the same spec: through the API (POST /api/image/create,
 * then polling GET /api/image/create/{name} until it exited) against
 * `docker build` of the same Dockerfile. Goal: the API within 1.2x.
 *
 *   npm run bench -- test/bench/image.bench.ts
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { generateDockerfile, ImageBuildSpec, parseBuildSpec } from '../../src/image/dockerfile';
import { PYTHON_IMAGE, Service, startService } from '../e2e/harness';
import { median } from './measure';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const tag = `e2e-image-bench-${randomBytes(4).toString('hex')}:1`;
const spec: ImageBuildSpec = {
  name: tag,
  baseImage: PYTHON_IMAGE,
  update: true,
  aptInstall: 'jq',
  additionalCommand: 'mkdir -p /opt/bench\necho bench > /opt/bench/marker\npython -c "print(42)"',
};

async function apiBuild(svc: Service): Promise<number> {
  const t0 = performance.now();
  const res = await svc.client.POST('/api/image/create', { body: spec });
  if (res.response.status !== 200)
    throw new Error(`create answered ${res.response.status}: ${JSON.stringify(res.error)}`);
  for (;;) {
    const { data } = await svc.client.GET('/api/image/create/{name}', { params: { path: { name: tag } } });
    if (data!.status === 'exited') {
      const ms = performance.now() - t0;
      if (data!.result !== 'succeeded') throw new Error(`build failed: ${data!.error}\n${data!.lines.join('\n')}`);
      return ms;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

function dockerBuild(dockerfile: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['build', '--network', 'host', '-t', tag, '-'], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`docker build exited ${code}:\n${output}`)),
    );
    child.stdin.end(dockerfile);
  });
}

async function main(): Promise<void> {
  const svc = await startService();
  try {
    const dockerfile = generateDockerfile(parseBuildSpec(spec));
    const first = await apiBuild(svc);
    console.log(`first build through the API (fills the cache): ${first.toFixed(0)} ms`);
    const api: number[] = [];
    const cli: number[] = [];
    // Alternate so that neither side profits from a warmer engine.
    for (let i = 0; i < ROUNDS; i++) {
      api.push(await apiBuild(svc));
      cli.push(await dockerBuild(dockerfile));
    }
    const a = median(api);
    const c = median(cli);
    console.log(`cached rebuild, median of ${ROUNDS}:`);
    console.log(`  API (POST + poll until exited): ${a.toFixed(0)} ms   [${api.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  docker build (same Dockerfile): ${c.toFixed(0)} ms   [${cli.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(
      `  ratio API / docker build: ${(a / c).toFixed(2)}x (goal <= 1.20x) ${a / c <= 1.2 ? 'OK' : 'SLOWER THAN GOAL'}`,
    );
  } finally {
    await svc.stop();
    await new Promise((r) => spawn('docker', ['rmi', '-f', tag], { stdio: 'ignore' }).on('exit', r));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
