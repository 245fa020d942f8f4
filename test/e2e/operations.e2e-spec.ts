import parsePrometheusTextFormat, { PrometheusFamily } from 'parse-prometheus-text-format';
import { BUSYBOX_IMAGE, LogLine, Service, startService } from './harness';
import { removeContainersOf, waitFor, writeStorage } from './exec-helpers';

/**
 * What the people running the service see of it: one JSON log line per
 * request (with the request id of problem documents, never a credential),
 * the service's own events as structured lines, and Prometheus metrics that
 * follow runs and uploads.
 */
jest.setTimeout(120_000);

const TOKEN = 'operations-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

type Families = Map<string, PrometheusFamily>;

async function scrape(svc: Service, headers: Record<string, string> = auth): Promise<Families> {
  const res = await fetch(`${svc.url}/api/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return new Map(parsePrometheusTextFormat(await res.text()).map((f) => [f.name, f]));
}

function value(families: Families, name: string, labels: Record<string, string> = {}): number | undefined {
  const metric = families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return metric?.value === undefined ? undefined : Number(metric.value);
}

/** The request lines of a request id. */
function requestLines(svc: Service, requestId: string): LogLine[] {
  return svc.logLines().filter((l) => l.requestId === requestId && l.msg === 'request');
}

describe('operations', () => {
  let svc: Service;

  beforeAll(async () => {
    svc = await startService({ API_TOKEN: TOKEN, LOG_LEVEL: 'log' }, undefined, { token: TOKEN });
    await writeStorage(svc.dataDir, { 'data/.keep': '', 'code/.keep': '', 'metrics/.keep': '' });
  });

  afterAll(async () => {
    await svc?.stop();
    if (svc) removeContainersOf(svc.dataDir);
  });

  it('logs one JSON line per request with method, route pattern, status, duration and the request id, and no secret', async () => {
    const cookie = 'webapi_session=cookie-value-that-must-not-be-logged';
    const res = await fetch(`${svc.url}/api/storage/file/default/missing/file.txt?x=1`, {
      headers: { ...auth, Cookie: cookie },
    });
    expect(res.status).toBe(404);
    const problem = (await res.json()) as { requestId: string };
    // A body with a secret in it: the login of a browser.
    const login = await fetch(`${svc.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(login.status).toBe(200);
    const sessionCookie = login.headers.get('set-cookie')!.split(';')[0].split('=')[1];

    const lines = await waitFor('the request line', async () => {
      const found = requestLines(svc, problem.requestId);
      return found.length ? found : undefined;
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/api/storage/file/:storage_id/:file_path',
      path: '/api/storage/file/default/missing/file.txt',
      status: 404,
    });
    expect(typeof lines[0].durationMs).toBe('number');
    expect(typeof lines[0].time).toBe('string');

    await waitFor('the login line', async () =>
      svc.logLines().some((l) => l.msg === 'request' && l.route === '/api/auth/login'),
    );
    const output = svc
      .logLines()
      .map((l) => JSON.stringify(l))
      .join('\n');
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain('cookie-value-that-must-not-be-logged');
    expect(output).not.toContain(sessionCookie);
  });

  it('refuses /api/metrics without the token', async () => {
    const res = await fetch(`${svc.url}/api/metrics`);
    expect(res.status).toBe(401);
  });

  it('serves Prometheus text whose numbers follow runs, uploads, downloads and requests', async () => {
    let m = await scrape(svc);
    expect(m.get('process_cpu_seconds_total')?.type).toBe('COUNTER');
    expect(value(m, 'webapi_engine_reachable')).toBe(1);
    expect(value(m, 'webapi_run_queue_length')).toBe(0);
    expect(m.get('webapi_gpus_held')?.type).toBe('GAUGE');
    const uploadedBefore = value(m, 'webapi_storage_uploaded_bytes_total')!;
    const downloadedBefore = value(m, 'webapi_storage_downloaded_bytes_total')!;
    expect(value(m, 'webapi_runs', { status: 'running' }) ?? 0).toBe(0);

    // An upload, then a download of it.
    const bytes = Buffer.alloc(300_000, 7);
    const put = await fetch(`${svc.url}/api/storage/file/default/metrics/blob.bin`, {
      method: 'PUT',
      headers: auth,
      body: bytes,
    });
    expect(put.status).toBeLessThan(300);
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(1000, 1)]), 'small.bin');
    const post = await fetch(`${svc.url}/api/storage/file/default/metrics`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    expect(post.status).toBeLessThan(300);
    const get = await fetch(`${svc.url}/api/storage/file/default/metrics/blob.bin`, { headers: auth });
    expect(Buffer.from(await get.arrayBuffer()).length).toBe(300_000);
    m = await scrape(svc);
    expect(value(m, 'webapi_storage_uploaded_bytes_total')! - uploadedBefore).toBe(301_000);
    expect(value(m, 'webapi_storage_downloaded_bytes_total')! - downloadedBefore).toBe(300_000);

    // A run: counted as running while it runs, then as ended.
    const created = await svc.client.POST('/api/exec/create', {
      body: {
        id: 'metered',
        srcPath: 'code',
        command: ['sh', '-c', 'sleep 3'],
        imageTag: BUSYBOX_IMAGE,
        inputPath: 'data',
        outputPath: 'out',
      },
    });
    expect(created.data?.status).toBe('running');
    m = await scrape(svc);
    expect(value(m, 'webapi_runs', { status: 'running' })).toBe(1);
    const succeededBefore = value(m, 'webapi_runs', { status: 'succeeded' }) ?? 0;
    m = await waitFor(
      'the run to be counted as succeeded',
      async () => {
        const now = await scrape(svc);
        return value(now, 'webapi_runs', { status: 'succeeded' }) === succeededBefore + 1 ? now : undefined;
      },
      30_000,
      250,
    );
    expect(value(m, 'webapi_runs', { status: 'running' })).toBe(0);

    // Request durations by route pattern and status (histogram series, read as text: the parser drops their labels).
    const text = await (await fetch(`${svc.url}/api/metrics`, { headers: auth })).text();
    expect(text).toMatch(
      /^webapi_http_request_duration_seconds_count\{method="PUT",route="\/api\/storage\/file\/:storage_id\/:file_path",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^webapi_http_request_duration_seconds_count\{method="POST",route="\/api\/exec\/create",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^webapi_http_request_duration_seconds_count\{method="GET",route="\/api\/metrics",status="401"\} \d+$/m,
    );
  });

  it('logs the run admitted and ended as structured events', async () => {
    const events = await waitFor('the end of the run in the log', async () => {
      const lines = svc.logLines().filter((l) => l.execId === 'metered');
      return lines.some((l) => l.event === 'run.ended') ? lines : undefined;
    });
    // Queued first (when the scheduler lets it wait), admitted once, ended once.
    expect(events.map((l) => l.event).filter((e) => e !== 'run.queued')).toEqual(['run.admitted', 'run.ended']);
    expect(events.find((l) => l.event === 'run.admitted')).toMatchObject({ context: 'Events' });
    expect(events.find((l) => l.event === 'run.ended')).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(svc.logLines()).toContainEqual(expect.objectContaining({ event: 'engine.connected' }));
  });
});

describe('metrics with METRICS_PUBLIC=true', () => {
  let svc: Service;
  afterAll(() => svc?.stop());

  it('answers /api/metrics without the token, and only that route', async () => {
    svc = await startService({ API_TOKEN: TOKEN, METRICS_PUBLIC: 'true' });
    expect((await fetch(`${svc.url}/api/metrics`)).status).toBe(200);
    expect((await fetch(`${svc.url}/api/exec/list`)).status).toBe(401);
  });
});
