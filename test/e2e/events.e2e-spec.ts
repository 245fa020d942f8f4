import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { components, createEventStreams, EventStreamError, EventStreams, StreamEvent } from '../../openapi/client';
import { BUSYBOX_IMAGE, PYTHON_IMAGE, Service, startService } from './harness';
import { removeContainersOf, waitFor, writeStorage } from './exec-helpers';

type RunEvent = StreamEvent<'/api/exec/events/{exec_id}'>;
type BuildEvent = StreamEvent<'/api/image/events/{name}'>;
type DashboardEvent = StreamEvent<'/api/events'>;
/** The JSON answer of the metrics route (its other media type is the raw NDJSON). */
type MetricsHistory = components['schemas']['MetricsHistoryDto'];

/** A training run: progress 10 times, 1,000 log lines, 200 metric points, then its result. */
const TRAIN = `
import json, os, time
for k in range(10):
    for i in range(100):
        print('line %d' % (k * 100 + i), flush=True)
    with open('/apprun/metrics.jsonl', 'a') as f:
        for j in range(20):
            f.write(json.dumps({'name': 'loss', 'value': 1.0 / (k * 20 + j + 1), 'step': k * 20 + j}) + '\\n')
    with open('/apprun/progress.tmp', 'w') as f:
        json.dump({'main_progress': (k + 1) * 10, 'epoch': k + 1}, f)
    os.replace('/apprun/progress.tmp', '/apprun/progress.json')
    time.sleep(0.3)
with open('/apprun/result.json', 'w') as f:
    json.dump({'loss': 0.005, 'metric': 0.97, 'metric_name': 'accuracy'}, f)
`;

/** Prints a numbered line every 50 ms for about 3 s. */
const SLOW = `
import time
for i in range(60):
    print('slow %d' % i, flush=True)
    time.sleep(0.05)
`;

/** Prints about 40 MB of log as fast as it can, then waits a little. */
const FLOOD = `
import sys, time
line = 'x' * 120
for i in range(300000):
    sys.stdout.write('%d %s\\n' % (i, line))
sys.stdout.flush()
time.sleep(1)
`;

/** 100,000 metric points, three malformed lines and a half-written last line. */
const METRICS = `
import json
with open('/apprun/metrics.jsonl', 'w') as f:
    for i in range(100000):
        f.write('{"name": "loss", "value": %r, "step": %d}\\n' % (1.0 / (i + 1), i))
        if i == 10: f.write('not json\\n')
        if i == 20: f.write('{"name": "loss", "value": "high"}\\n')
        if i == 30: f.write('[1, 2, 3]\\n')
    f.write('{"name": "acc", "value": 0.5')
`;

jest.setTimeout(180_000);

function rss(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

/** Collects a subscription's events until it ends (or `until` says stop, then closes it). */
function collect<E extends { event: string; id: string }>(
  subscribe: (onEvent: (e: E) => void | Promise<void>) => { done: Promise<void>; close(): void; lastEventId?: string },
  until?: (events: E[]) => boolean,
) {
  const events: E[] = [];
  const sub = subscribe((e) => {
    events.push(e);
    if (until?.(events)) sub.close();
  });
  return { events, sub, done: sub.done.then(() => events) };
}

describe('live events of runs and builds', () => {
  let svc: Service;
  let streams: EventStreams;

  beforeAll(async () => {
    svc = await startService({ EVENTS_KEEPALIVE_SECONDS: '1' });
    streams = createEventStreams(svc.url);
    await writeStorage(svc.dataDir, { 'code/train.py': TRAIN, 'code/slow.py': SLOW, 'code/metrics.py': METRICS });
  });

  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  const run = async (id: string, main: string, image = PYTHON_IMAGE) => {
    const res = await svc.client.POST('/api/exec/create', {
      body: { id, srcPath: 'code', mainSrc: main, imageTag: image, inputPath: '', outputPath: `out/${id}` },
    });
    expect(res.data?.exec_id).toBe(id);
  };
  const runEvents = (id: string, lastEventId?: string, until?: (events: RunEvent[]) => boolean) =>
    collect<RunEvent>(
      (onEvent) => streams.subscribe('/api/exec/events/{exec_id}', { params: { exec_id: id }, lastEventId, onEvent }),
      until,
    );

  it('streams a run in order: running, rising progress, every log line and metric point, the result, then end', async () => {
    await run('train', 'train.py');
    const events = await runEvents('train').done;

    const types = events.map((e) => e.event);
    // Its status events (queued, starting, running) come first; `running` before anything the run wrote.
    expect(types[0]).toBe('status');
    const running = events.findIndex((e) => e.event === 'status' && e.data.status === 'running');
    expect(events[running].data).toMatchObject({ exec_id: 'train', status: 'running', reason: null, exitCode: null });
    expect(types.slice(0, running + 1).every((t) => t === 'status')).toBe(true);
    expect(types.at(-1)).toBe('end');
    expect(events.at(-1)!.data).toMatchObject({ exec_id: 'train', status: 'succeeded', exitCode: 0 });

    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);

    const progress = events.flatMap((e) => (e.event === 'progress' ? [e.data.main_progress!] : []));
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toBe(100);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]);

    const lines = events.flatMap((e) => (e.event === 'log' ? e.data.lines : []));
    expect(lines).toEqual(Array.from({ length: 1000 }, (_, i) => `line ${i}`));
    const points = events.flatMap((e) => (e.event === 'metric' ? e.data : []));
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(points[199]).toMatchObject({ name: 'loss', value: 1 / 200, step: 199 });

    const result = types.indexOf('result');
    expect(events[result].data).toEqual({ loss: 0.005, metric: 0.97, metric_name: 'accuracy' });
    // Everything the run wrote comes before its end.
    expect(result).toBeLessThan(types.length - 1);
    expect(types.lastIndexOf('log')).toBeLessThan(types.length - 1);
  });

  it('replays a finished run and ends; resuming after its last event gives only the end', async () => {
    const replay = await runEvents('train').done;
    expect(replay.at(-1)!.event).toBe('end');
    expect(replay.flatMap((e) => (e.event === 'log' ? e.data.lines : [])).length).toBe(1000);
    const beforeEnd = replay.at(-2)!.id;
    const rest = await runEvents('train', beforeEnd).done;
    expect(rest.map((e) => e.event)).toEqual(['end']);
  });

  it('a client that disconnects in the middle and resumes with its last id gets every event exactly once', async () => {
    await run('slow', 'slow.py');
    const first = runEvents('slow', undefined, (events) => events.filter((e) => e.event === 'log').length >= 3);
    const part1 = await first.done;
    const resumeFrom = first.sub.lastEventId!;
    expect(resumeFrom).toBe(part1.at(-1)!.id);
    const part2 = await runEvents('slow', resumeFrom).done;
    expect(part2.at(-1)!.event).toBe('end');

    const all = await runEvents('slow').done;
    const both = [...part1, ...part2];
    expect(both.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(both.flatMap((e) => (e.event === 'log' ? e.data.lines : []))).toEqual(
      Array.from({ length: 60 }, (_, i) => `slow ${i}`),
    );
  });

  it('sends a keep-alive comment on a quiet stream', async () => {
    // A run that prints nothing for a while.
    await writeStorage(svc.dataDir, { 'code/quiet.py': 'import time\ntime.sleep(4)\n' });
    await run('quiet', 'quiet.py');
    const res = await fetch(`${svc.url}/api/exec/events/quiet`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes(': keep-alive') && Date.now() < deadline) text += (await reader.read()).value ?? '';
    await reader.cancel();
    expect(text).toContain(': keep-alive\n\n');
  });

  it('answers 404 for an unknown run and 400 for a bad id, as problem documents', async () => {
    const missing = streams.subscribe('/api/exec/events/{exec_id}', {
      params: { exec_id: 'no-such-run' },
      onEvent: () => undefined,
    });
    await expect(missing.done).rejects.toMatchObject({ status: 404 });
    const bad = await fetch(`${svc.url}/api/exec/events/train`, { headers: { 'Last-Event-ID': 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: unknown }).errors).toEqual([
      { field: 'Last-Event-ID', message: 'Last-Event-ID must be the id of an event of this stream' },
    ]);
  });

  it('buckets 100,000 metric points into at most 500 with first and last kept, counts malformed lines, and waits for a half-written one', async () => {
    await run('metrics', 'metrics.py');
    await waitFor('the metrics run to end', async () => (await runEvents('metrics').done).at(-1)?.event === 'end');
    const history = async (query: { names?: string; points?: number; fromStep?: number; toStep?: number }) => {
      const res = await svc.client.GET('/api/exec/metrics/{exec_id}', {
        params: { path: { exec_id: 'metrics' }, query },
      });
      expect(res.response.status).toBe(200);
      return res.data as MetricsHistory;
    };
    const data = await history({ points: 500 });
    expect(data.skipped).toBe(3);
    expect(Object.keys(data.series)).toEqual(['loss']);
    const loss = data.series.loss;
    expect(loss.length).toBeLessThanOrEqual(500);
    expect(loss.length).toBeGreaterThan(400);
    expect(loss[0]).toEqual({ step: 0, value: 1, min: 1, max: 1, count: 1 });
    expect(loss.at(-1)).toEqual({ step: 99999, value: 1 / 100000, min: 1 / 100000, max: 1 / 100000, count: 1 });
    expect(loss.reduce((n, b) => n + b.count, 0)).toBe(100000);

    const ranged = await history({ names: 'loss,acc', points: 10, fromStep: 100, toStep: 199 });
    expect(ranged.series.acc).toEqual([]);
    expect(ranged.series.loss[0].step).toBe(100);
    expect(ranged.series.loss.at(-1)!.step).toBe(199);
    expect(ranged.series.loss.length).toBeLessThanOrEqual(10);

    // The half-written line counts once it is complete.
    await fs.appendFile(path.join(svc.dataDir, 'runs', 'metrics', 'metrics.jsonl'), ', "step": 7}\n');
    expect(await history({ names: 'acc' })).toEqual({
      series: { acc: [{ step: 7, value: 0.5, min: 0.5, max: 0.5, count: 1 }] },
      skipped: 3,
    });

    const raw = await fetch(`${svc.url}/api/exec/metrics/metrics?raw=true&names=loss`);
    expect(raw.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const rawLines = (await raw.text()).trim().split('\n');
    expect(rawLines.length).toBe(100000);
    expect(JSON.parse(rawLines[99999])).toMatchObject({ name: 'loss', step: 99999, value: 1 / 100000 });

    const bad = await svc.client.GET('/api/exec/metrics/{exec_id}', {
      params: { path: { exec_id: 'metrics' }, query: { points: 1 } },
    });
    expect(bad.response.status).toBe(400);
    const missing = await svc.client.GET('/api/exec/metrics/{exec_id}', { params: { path: { exec_id: 'nope' } } });
    expect(missing.response.status).toBe(404);
  });

  it('streams a build: its log lines, its status, then end', async () => {
    const name = `webapi-events-e2e:${process.pid}`;
    try {
      const res = await svc.client.POST('/api/image/create', {
        body: { name, baseImage: BUSYBOX_IMAGE, additionalCommand: 'echo built-by-events-test' } as never,
      });
      expect(res.response.status).toBe(200);
      const events = await collect<BuildEvent>((onEvent) =>
        streams.subscribe('/api/image/events/{name}', { params: { name }, onEvent }),
      ).done;
      expect(events[0]).toMatchObject({ event: 'status', data: { name, status: 'running' } });
      const lines = events.flatMap((e) => (e.event === 'log' ? e.data.lines : []));
      expect(lines).toContain('built-by-events-test');
      expect(events.at(-1)).toMatchObject({ event: 'end', data: { name, status: 'exited', result: 'succeeded' } });
    } finally {
      execFileSync('docker', ['rmi', '-f', name], { stdio: 'ignore' });
    }
  });

  it('/api/events shows the status changes of two runs and one build', async () => {
    const name = `webapi-events-e2e-dash:${process.pid}`;
    const seen = collect<DashboardEvent>(
      (onEvent) => streams.subscribe('/api/events', { onEvent }),
      (events) =>
        ['dash-1', 'dash-2', name].every((id) =>
          events.some(
            (e) => e.event === 'status' && e.data.id === id && ['succeeded', 'exited'].includes(e.data.status),
          ),
        ),
    );
    try {
      await run('dash-1', 'slow.py');
      await run('dash-2', 'slow.py');
      await svc.client.POST('/api/image/create', {
        body: { name, baseImage: BUSYBOX_IMAGE, additionalCommand: 'echo dash' } as never,
      });
      const events = await seen.done;
      const of = (id: string) =>
        events.flatMap((e) => (e.event === 'status' && e.data.id === id ? [`${e.data.kind}:${e.data.status}`] : []));
      // Each run's lifecycle in order, ending succeeded; the build's ending exited.
      for (const id of ['dash-1', 'dash-2']) {
        const statuses = of(id);
        expect(statuses.slice(-2)).toEqual(['exec:running', 'exec:succeeded']);
        expect(
          statuses.every((s) => ['exec:queued', 'exec:starting', 'exec:running', 'exec:succeeded'].includes(s)),
        ).toBe(true);
      }
      expect(of(name)[0]).toBe('image:running');
      expect(of(name).at(-1)).toBe('image:exited');
      // Earlier runs are replayed up to their latest status.
      expect(of('train').at(-1)).toBe('exec:succeeded');
    } finally {
      seen.sub.close();
      execFileSync('docker', ['rmi', '-f', name], { stdio: 'ignore' });
    }
  });
});

describe('event streams with a small window', () => {
  let svc: Service;
  let streams: EventStreams;

  beforeAll(async () => {
    svc = await startService({ EVENTS_WINDOW_EVENTS: '50', EVENTS_WINDOW_BYTES: '65536' });
    streams = createEventStreams(svc.url);
    await writeStorage(svc.dataDir, { 'code/flood.py': FLOOD, 'code/slow.py': SLOW });
  });

  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  it('answers a too-old id with resync, then what it holds', async () => {
    await svc.client.POST('/api/exec/create', {
      body: {
        id: 'old',
        srcPath: 'code',
        mainSrc: 'slow.py',
        imageTag: PYTHON_IMAGE,
        inputPath: '',
        outputPath: 'out',
      },
    });
    // 60 lines 50 ms apart: more events than the window holds.
    const first = await collect<RunEvent>((onEvent) =>
      streams.subscribe('/api/exec/events/{exec_id}', { params: { exec_id: 'old' }, onEvent }),
    ).done;
    const firstLog = first.find((e) => e.event === 'log')!;
    const resumed = await collect<RunEvent>((onEvent) =>
      streams.subscribe('/api/exec/events/{exec_id}', {
        params: { exec_id: 'old' },
        lastEventId: firstLog.id,
        onEvent,
      }),
    ).done;
    expect(resumed[0].event).toBe('resync');
    expect(resumed.slice(1).map((e) => e.event)).toContain('status');
    expect(resumed.at(-1)!.event).toBe('end');
  });

  it('a slow client gets a dropped count instead of unbounded buffering, and the service memory stays flat', async () => {
    const before = rss(svc.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(svc.pid))), 100);
    await svc.client.POST('/api/exec/create', {
      body: {
        id: 'flood',
        srcPath: 'code',
        mainSrc: 'flood.py',
        imageTag: PYTHON_IMAGE,
        inputPath: '',
        outputPath: 'out',
      },
    });
    let stalled = false;
    const events: RunEvent[] = [];
    const sub = streams.subscribe('/api/exec/events/{exec_id}', {
      params: { exec_id: 'flood' },
      onEvent: async (e) => {
        events.push(e);
        if (!stalled && e.event === 'log') {
          // Reads nothing while the run writes its 40 MB.
          stalled = true;
          await new Promise((r) => setTimeout(r, 8000));
        }
      },
    });
    await sub.done;
    clearInterval(sampler);
    const dropped = events.flatMap((e) => (e.event === 'log' && e.data.dropped ? [e.data.dropped] : []));
    expect(dropped.length).toBeGreaterThan(0);
    const received = events.flatMap((e) => (e.event === 'log' ? e.data.lines : [])).length;
    // Every line is either received or counted as dropped.
    expect(received + dropped.reduce((a, b) => a + b, 0)).toBe(300000);
    expect(events.at(-1)!.event).toBe('end');
    expect(peak - before).toBeLessThan(80 * 1024 * 1024);
  });
});

describe('event streams when the service stops', () => {
  it('ends open streams with a retry hint, so the service exits at once and clients come back later', async () => {
    const svc = await startService();
    const res = await fetch(`${svc.url}/api/events`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value ?? '';
    const t0 = Date.now();
    const stopped = svc.stop();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
    await stopped;
    expect(text).toMatch(/retry: 3000\n\n$/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe('event streams behind a token', () => {
  const TOKEN = 'events-e2e-token-0123456789';
  let svc: Service;

  beforeAll(async () => {
    svc = await startService({ API_TOKEN: TOKEN }, undefined, { token: TOKEN });
    await writeStorage(svc.dataDir, { 'code/hello.py': 'print("hello")\n' });
  });

  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  it('works with the bearer token and with the login cookie (what EventSource sends), and refuses neither', async () => {
    await svc.client.POST('/api/exec/create', {
      body: {
        id: 'hello',
        srcPath: 'code',
        mainSrc: 'hello.py',
        imageTag: PYTHON_IMAGE,
        inputPath: '',
        outputPath: 'out',
      },
    });
    const withToken = await collect<RunEvent>((onEvent) =>
      createEventStreams(svc.url, { headers: { Authorization: `Bearer ${TOKEN}` } }).subscribe(
        '/api/exec/events/{exec_id}',
        { params: { exec_id: 'hello' }, onEvent },
      ),
    ).done;
    expect(withToken.at(-1)!.event).toBe('end');
    expect(withToken.flatMap((e) => (e.event === 'log' ? e.data.lines : []))).toEqual(['hello']);

    const login = await fetch(`${svc.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const withCookie = await collect<DashboardEvent>(
      (onEvent) => createEventStreams(svc.url, { headers: { cookie } }).subscribe('/api/events', { onEvent }),
      (events) => events.some((e) => e.event === 'status' && e.data.id === 'hello'),
    ).done;
    expect(withCookie.some((e) => e.event === 'status' && e.data.kind === 'exec' && e.data.id === 'hello')).toBe(true);

    const anonymous = createEventStreams(svc.url).subscribe('/api/events', { onEvent: () => undefined });
    await expect(anonymous.done).rejects.toEqual(expect.any(EventStreamError));
    await expect(anonymous.done).rejects.toMatchObject({ status: 401 });
  });
});

describe('the stream of a deleted run', () => {
  let svc: Service;
  let streams: EventStreams;
  /** One simulated GPU: a second run asking for it waits in the queue. */
  const GPU_INVENTORY = JSON.stringify([{ uuid: 'GPU-sim-0', name: 'Simulated', memoryTotal: 1024 }]);

  beforeAll(async () => {
    svc = await startService({ GPU_INVENTORY, EXEC_STOP_GRACE_SECONDS: '1' });
    streams = createEventStreams(svc.url);
    await writeStorage(svc.dataDir, { 'code/.keep': '' });
  });

  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  const create = async (id: string) => {
    const res = await svc.client.POST('/api/exec/create', {
      body: { id, srcPath: 'code', command: 'sleep 300', imageTag: BUSYBOX_IMAGE, gpus: 1 },
    });
    return res.data!.status;
  };
  const remove = async (id: string) =>
    (await svc.client.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: id } } })).response.status;

  it('ends with `end` saying canceled, reason deleted, for a queued run deleted, and is not reopened', async () => {
    expect(await create('holder')).toBe('running');
    expect(await create('waiter')).toBe('queued');
    let queued!: () => void;
    const seenQueued = new Promise<void>((resolve) => (queued = resolve));
    const sub = collect<RunEvent>((onEvent) =>
      streams.subscribe('/api/exec/events/{exec_id}', {
        params: { exec_id: 'waiter' },
        onEvent: (e) => {
          if (e.event === 'status' && (e.data as { status: string }).status === 'queued') queued();
          return onEvent(e);
        },
      }),
    );
    await seenQueued;
    expect(await remove('waiter')).toBe(200);
    const events = await sub.done;
    expect(events.at(-1)).toMatchObject({
      event: 'end',
      data: { exec_id: 'waiter', status: 'canceled', reason: 'deleted', finishedAt: expect.any(String) as unknown },
    });
    expect(events.filter((e) => e.event === 'end')).toHaveLength(1);
    const after = await svc.client.GET('/api/exec/status/{exec_id}', { params: { path: { exec_id: 'waiter' } } });
    expect(after.response.status).toBe(404);
  });
});
