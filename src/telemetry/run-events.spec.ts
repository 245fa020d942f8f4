import { runEventOf } from './run-events';

describe('runEventOf', () => {
  it('tells a run started at once as admitted, then ended', () => {
    expect(runEventOf(undefined, 'running')).toBe('run.admitted');
    expect(runEventOf('running', 'exited')).toBe('run.ended');
  });

  it('tells a queued run as queued, then admitted once, then ended', () => {
    expect(runEventOf(undefined, 'queued')).toBe('run.queued');
    expect(runEventOf('queued', 'starting')).toBe('run.admitted');
    expect(runEventOf('starting', 'running')).toBeUndefined();
    expect(runEventOf('running', 'succeeded')).toBe('run.ended');
  });

  it('tells an end once, also for a run first seen ended (after a restart) or canceled while queued', () => {
    expect(runEventOf(undefined, 'exited')).toBe('run.ended');
    expect(runEventOf('queued', 'canceled')).toBe('run.ended');
    expect(runEventOf('exited', 'missing')).toBeUndefined();
  });

  it('tells nothing for changes in between', () => {
    expect(runEventOf('running', 'paused')).toBeUndefined();
    expect(runEventOf('paused', 'running')).toBeUndefined();
  });
});
