import { RECONNECT_AFTER_MS, ShutdownSignal } from './shutdown-signal';

describe('ShutdownSignal', () => {
  it('calls every registered listener once, with the reconnect hint, and waits for them', async () => {
    const signal = new ShutdownSignal();
    const calls: number[] = [];
    signal.onShutdown((n) => void calls.push(n.reconnectAfterMs));
    let slowDone = false;
    signal.onShutdown(async () => {
      await new Promise((r) => setTimeout(r, 20));
      slowDone = true;
    });
    expect(signal.requested).toBe(false);
    await signal.trigger();
    await signal.trigger();
    expect(calls).toEqual([RECONNECT_AFTER_MS]);
    expect(slowDone).toBe(true);
    expect(signal.requested).toBe(true);
  });

  it('never calls a listener that unregistered', async () => {
    const signal = new ShutdownSignal();
    const listener = jest.fn();
    const off = signal.onShutdown(listener);
    off();
    await signal.trigger();
    expect(listener).not.toHaveBeenCalled();
  });

  it('calls a listener registered after shutdown began at once', async () => {
    const signal = new ShutdownSignal();
    await signal.trigger({ reconnectAfterMs: 1234 });
    const listener = jest.fn();
    signal.onShutdown(listener);
    await Promise.resolve();
    expect(listener).toHaveBeenCalledWith({ reconnectAfterMs: 1234 });
  });

  it('a failing listener does not stop the others', async () => {
    const signal = new ShutdownSignal();
    const after = jest.fn();
    signal.onShutdown(() => {
      throw new Error('broken stream');
    });
    signal.onShutdown(after);
    await signal.trigger();
    expect(after).toHaveBeenCalled();
  });
});
