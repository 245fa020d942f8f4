import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { createEventStreams, EventStreamError, StreamEvent } from '../../openapi/client';

type RunEvent = StreamEvent<'/api/exec/events/{exec_id}'>;

/** A server that plays a script per connection and records the Last-Event-ID of each request. */
async function server(handle: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void) {
  let n = 0;
  const seen: (string | undefined)[] = [];
  const s = http.createServer((req, res) => {
    seen.push(req.headers['last-event-id'] as string | undefined);
    handle(req, res, n++);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => s.close(r)),
  };
}

const event = (id: number, type: string, data: unknown) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

describe('createEventStreams', () => {
  it('hands typed events over in order and resumes after a dropped connection with the last id, without duplicates', async () => {
    const srv = await server((_req, res, n) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (n === 0) {
        res.write('retry: 50\n\n');
        res.write(event(1, 'status', { exec_id: 'r', status: 'running' }));
        res.write(event(2, 'log', { lines: ['a', 'b'] }));
        // The connection drops in the middle of the third event.
        res.write('id: 3\nevent: log\ndata: {"lines"');
        setTimeout(() => res.socket!.destroy(), 50);
      } else {
        res.write(event(3, 'log', { lines: ['c'] }));
        res.end(event(4, 'end', { exec_id: 'r', status: 'succeeded' }));
      }
    });
    const got: RunEvent[] = [];
    const errors: string[] = [];
    const sub = createEventStreams(srv.url, { headers: { Authorization: 'Bearer t' } }).subscribe(
      '/api/exec/events/{exec_id}',
      {
        params: { exec_id: 'r' },
        onEvent: (e) => {
          got.push(e);
        },
        onError: (e) => errors.push(e.message),
      },
    );
    await sub.done;
    await srv.close();
    expect(got.map((e) => [e.id, e.event])).toEqual([
      ['1', 'status'],
      ['2', 'log'],
      ['3', 'log'],
      ['4', 'end'],
    ]);
    const log = got[1];
    if (log.event === 'log') expect(log.data.lines).toEqual(['a', 'b']);
    expect(srv.seen).toEqual([undefined, '2']);
    expect(errors.length).toBe(1);
    expect(sub.lastEventId).toBe('4');
  });

  it('stops with the problem on a client error, without retrying', async () => {
    const srv = await server((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ status: 404, detail: 'Run "x" not found' }));
    });
    const sub = createEventStreams(srv.url).subscribe('/api/exec/events/{exec_id}', {
      params: { exec_id: 'x' },
      onEvent: () => undefined,
      retryMs: 10,
    });
    await expect(sub.done).rejects.toEqual(expect.any(EventStreamError));
    await expect(sub.done).rejects.toMatchObject({
      status: 404,
      message: 'event stream answered 404: Run "x" not found',
    });
    expect(srv.seen.length).toBe(1);
    await srv.close();
  });

  it('waits for a slow consumer before reading on, and close() stops it', async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 1; i <= 3; i++) res.write(event(i, 'log', { lines: [String(i)] }));
    });
    const order: string[] = [];
    const streams = createEventStreams(srv.url);
    const sub = streams.subscribe('/api/events', {
      onEvent: async (e) => {
        order.push(`start ${e.id}`);
        await new Promise((r) => setTimeout(r, 20));
        order.push(`done ${e.id}`);
        if (e.id === '3') sub.close();
      },
    });
    await sub.done;
    expect(order).toEqual(['start 1', 'done 1', 'start 2', 'done 2', 'start 3', 'done 3']);
    await srv.close();
  });
});
