import { createHash } from 'node:crypto';
import { serviceNameOf, swarmRunStatus } from './swarm-run-status';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

describe('swarmRunStatus', () => {
  it("waits (pending) while the task has no node, with Swarm's reason", () => {
    const s = swarmRunStatus(
      { state: 'pending', error: 'no suitable node (scheduling constraints not satisfied on 1 node)' },
      undefined,
      undefined,
    );
    expect(s).toMatchObject({ state: 'pending', running: false, exitCode: null });
    expect(s.reason).toBe('pending: no suitable node (scheduling constraints not satisfied on 1 node)');
    expect(swarmRunStatus(undefined, undefined, undefined)).toMatchObject({ state: 'pending', running: false });
  });

  it('runs once the task runs, started when the container started', () => {
    const s = swarmRunStatus(
      { state: 'running', timestamp: '2026-01-01T00:00:02Z' },
      { Status: 'running', Running: true, StartedAt: '2026-01-01T00:00:01Z' },
      undefined,
    );
    expect(s).toMatchObject({ state: 'running', running: true, exitCode: null, startedAt: '2026-01-01T00:00:01Z' });
    expect(
      swarmRunStatus({ state: 'running', timestamp: '2026-01-01T00:00:02Z' }, undefined, undefined).startedAt,
    ).toBe('2026-01-01T00:00:02Z');
  });

  it("ends with the container's exit code, from the container before the task reports it", () => {
    const exited = { Status: 'exited', Running: false, ExitCode: 3, FinishedAt: '2026-01-01T00:00:05Z' };
    // A quick command has exited before the agent even reported the task running.
    expect(swarmRunStatus({ state: 'starting' }, exited, undefined)).toMatchObject({ state: 'exited', exitCode: 3 });
    expect(swarmRunStatus({ state: 'running' }, exited, undefined)).toMatchObject({
      state: 'exited',
      running: false,
      exitCode: 3,
      finishedAt: '2026-01-01T00:00:05Z',
    });
    expect(
      swarmRunStatus({ state: 'failed', exitCode: 3, timestamp: '2026-01-01T00:00:06Z' }, undefined, undefined),
    ).toMatchObject({ state: 'exited', exitCode: 3, finishedAt: '2026-01-01T00:00:06Z' });
    expect(swarmRunStatus({ state: 'complete', exitCode: 0 }, undefined, undefined)).toMatchObject({ exitCode: 0 });
    expect(
      swarmRunStatus(
        { state: 'shutdown', exitCode: 143 },
        { Status: 'exited', ExitCode: 137, OOMKilled: true },
        undefined,
      ),
    ).toMatchObject({ exitCode: 137, oomKilled: true });
  });

  it('ends without an exit code, saying how, when the task was rejected or orphaned', () => {
    expect(swarmRunStatus({ state: 'rejected', error: 'No such image: x:1' }, undefined, undefined)).toEqual(
      expect.objectContaining({
        state: 'exited',
        running: false,
        exitCode: null,
        reason: 'rejected: No such image: x:1',
      }),
    );
    expect(swarmRunStatus({ state: 'orphaned' }, undefined, undefined)).toMatchObject({
      exitCode: null,
      reason: 'orphaned',
    });
    // A shutdown task still reports -1 while its container stops: not an exit code.
    expect(swarmRunStatus({ state: 'shutdown', exitCode: -1 }, undefined, undefined).exitCode).toBeNull();
  });

  it('keeps the end of a stopped job after Swarm removed its task', () => {
    expect(swarmRunStatus(undefined, undefined, { exitCode: 143, finishedAt: '2026-01-01T00:00:09Z' })).toMatchObject({
      state: 'exited',
      running: false,
      exitCode: 143,
      finishedAt: '2026-01-01T00:00:09Z',
    });
  });
});

describe('serviceNameOf', () => {
  it('names a run readably when Swarm takes the name, else by a hash of its id', () => {
    expect(serviceNameOf('0123456789abcdef', 'train-1', sha)).toBe('webapi-exec-01234567-train-1');
    const dotted = serviceNameOf('0123456789abcdef', 'a.b', sha);
    expect(dotted).toMatch(/^webapi-exec-01234567-h[0-9a-f]{24}$/);
    expect(serviceNameOf('0123456789abcdef', 'a.b', sha)).toBe(dotted);
    expect(serviceNameOf('0123456789abcdef', 'a.c', sha)).not.toBe(dotted);
    const long = serviceNameOf('0123456789abcdef', 'x'.repeat(64), sha);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(serviceNameOf('0123456789abcdef', 'ends-', sha)).toMatch(/-h[0-9a-f]{24}$/);
  });
});
