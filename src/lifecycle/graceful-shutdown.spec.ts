import { ShutdownSteps, drainBudgetMs, shutDown } from './graceful-shutdown';

const quiet = { info: () => undefined, warn: () => undefined };

function steps(drainMs: number, order: string[]): ShutdownSteps & { cutCalled: () => boolean } {
  let cut = false;
  let finishDrain: () => void = () => undefined;
  return {
    announce: async () => void order.push('announce'),
    drain: () => {
      order.push('drain');
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, drainMs);
        finishDrain = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    cut: () => {
      order.push('cut');
      cut = true;
      finishDrain();
    },
    settle: async () => void order.push('settle'),
    close: async () => void order.push('close'),
    cutCalled: () => cut,
  };
}

describe('shutDown', () => {
  it('leaves half the grace (at most 10 s) to the modules', () => {
    expect(drainBudgetMs(30_000)).toBe(20_000);
    expect(drainBudgetMs(4_000)).toBe(2_000);
  });

  it('lets requests in flight finish within the budget, then closes the modules', async () => {
    const order: string[] = [];
    const s = steps(50, order);
    await shutDown(s, 2_000, quiet);
    expect(order).toEqual(['drain', 'announce', 'settle', 'close']);
    expect(s.cutCalled()).toBe(false);
  });

  it('cuts what is still busy when the budget is spent, and still closes the modules', async () => {
    const order: string[] = [];
    const s = steps(60_000, order);
    const started = Date.now();
    await shutDown(s, 400, quiet);
    expect(order).toEqual(['drain', 'announce', 'cut', 'settle', 'close']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
