import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { BUSYBOX_IMAGE, Service, startService } from './harness';
import { containersOf, dockerInspect, removeContainersOf, waitFor, writeStorage } from './exec-helpers';

/**
 * A stop (SIGTERM) that cuts nothing it should not: uploads in flight
 * complete or leave no file, event streams end with a retry hint, no new
 * request is taken, the process exits
 * within SHUTDOWN_GRACE_SECONDS, and runs keep running, to be followed
 * again by the next start.
 */
jest.setTimeout(180_000);

const GRACE_SECONDS = 12;
const MB = 1024 * 1024;
const UPLOAD_BYTES = 200 * MB;

/** The byte at offset i of an upload: a pattern that shows misplaced or missing chunks. */
const chunkOf = (index: number) => Buffer.alloc(MB, index % 251);

interface Upload {
  /** Bytes handed to the socket so far. */
  sent(): number;
  /** The status of the answer, or the error that ended the request. */
  done: Promise<number | Error>;
  /** Sends the rest, as fast as the service takes it. */
  resume(): void;
}

/**
 * A PUT of UPLOAD_BYTES streamed in 1 MiB chunks; it pauses after
 * `pauseAfter` bytes until resume() (never, for a client that stalls).
 */
function upload(svc: Service, file: string, pauseAfter: number): Upload {
  let sent = 0;
  let paused = false;
  const request = http.request(`${svc.url}/api/storage/file/default/${file}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(UPLOAD_BYTES) },
  });
  const done = new Promise<number | Error>((resolve) => {
    request.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    request.on('error', resolve);
  });
  const pump = () => {
    while (sent < UPLOAD_BYTES) {
      if (sent >= pauseAfter && !paused) {
        paused = true;
        return;
      }
      const ok = request.write(chunkOf(sent / MB));
      sent += MB;
      if (!ok) return void request.once('drain', pump);
    }
    request.end();
  };
  pump();
  return {
    sent: () => sent,
    done,
    resume: () => {
      pauseAfter = Infinity;
      pump();
    },
  };
}

async function isWholeUpload(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    if ((await handle.stat()).size !== UPLOAD_BYTES) return false;
    const buffer = Buffer.alloc(MB);
    for (let i = 0; i < UPLOAD_BYTES / MB; i++) {
      await handle.read(buffer, 0, MB, i * MB);
      if (!buffer.equals(chunkOf(i))) return false;
    }
    return true;
  } finally {
    await handle.close();
  }
}

const temporariesIn = async (dir: string) => (await fs.readdir(dir)).filter((n) => n.startsWith('.webapi-tmp-'));

describe('SIGTERM', () => {
  let svc: Service | undefined;
  let dataDir: string;

  afterAll(async () => {
    await svc?.stop();
    if (dataDir) removeContainersOf(dataDir);
  });

  it('lets uploads finish or leaves no file, exits within the grace, and leaves runs running for the next start', async () => {
    svc = await startService({ SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS), LOG_LEVEL: 'log' });
    dataDir = svc.dataDir;
    await writeStorage(dataDir, { 'code/.keep': '', 'data/.keep': '', 'up/.keep': '' });
    const folder = path.join(dataDir, 'storage', 'up');

    const created = await svc.client.POST('/api/exec/create', {
      body: {
        id: 'outlives',
        srcPath: 'code',
        command: ['sh', '-c', 'sleep 40'],
        imageTag: BUSYBOX_IMAGE,
        inputPath: 'data',
        outputPath: 'out',
      },
    });
    expect(created.data?.status).toBe('running');

    // One client sends at full speed once the stop has begun; another stalls after 20 MiB, for ever.
    const fast = upload(svc, 'up/complete.bin', 50 * MB);
    const stalled = upload(svc, 'up/stalled.bin', 20 * MB);
    await waitFor('both uploads under way', async () => fast.sent() >= 50 * MB && stalled.sent() >= 20 * MB);
    await new Promise((r) => setTimeout(r, 300));

    // An open event stream.
    const events = (await fetch(`${svc.url}/api/events`)).body!.pipeThrough(new TextDecoderStream()).getReader();
    let streamText = (await events.read()).value ?? '';
    const streamEnded = (async () => {
      for (let r = await events.read(); !r.done; r = await events.read()) streamText += r.value;
    })();

    const stopStarted = Date.now();
    const stopping = svc.stop();
    await waitFor('the stop to begin', async () => svc!.logLines().some((l) => l.event === 'shutdown.started'));
    // No new request is taken: the connection is refused (or, on a connection kept alive, a 503).
    const late = await fetch(`${svc.url}/api/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    fast.resume();

    const [code, fastEnd, stalledEnd] = await Promise.all([stopping, fast.done, stalled.done, streamEnded]);
    // The event stream ended first, telling the client when to come back.
    expect(streamText).toMatch(/retry: 3000\n\n$/);
    const stopSeconds = (Date.now() - stopStarted) / 1000;
    expect(code).toBe(0);
    expect(stopSeconds).toBeLessThan(GRACE_SECONDS + 1);

    // The upload in flight completed, whole; the stalled one was cut and left nothing, not even a temporary file.
    expect(fastEnd).toBe(200);
    expect(await isWholeUpload(path.join(folder, 'complete.bin'))).toBe(true);
    expect(typeof stalledEnd).toBe('object'); // the connection was cut: no answer
    await expect(fs.stat(path.join(folder, 'stalled.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await temporariesIn(folder)).toEqual([]);
    expect(svc.logLines()).toContainEqual(expect.objectContaining({ event: 'shutdown.cut' }));

    // The run was left running, and the next start follows it.
    const [container] = containersOf(dataDir);
    expect(dockerInspect(container)?.State.Running).toBe(true);
    svc = await startService({ LOG_LEVEL: 'log' }, dataDir);
    const { data } = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'outlives' } } });
    expect(data?.State.Running).toBe(true);
    const list = await svc.client.GET('/api/exec/list');
    expect(list.data?.find((r) => r.exec_id === 'outlives')?.state).toBe('running');
  });
});
