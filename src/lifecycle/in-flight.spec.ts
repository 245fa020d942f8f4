import { InFlight } from './in-flight';

describe('InFlight', () => {
  it('is idle at once when nothing runs', async () => {
    await expect(new InFlight().idle()).resolves.toBeUndefined();
  });

  it('becomes idle when the last piece of work ends, counting each end once', async () => {
    const work = new InFlight();
    const endA = work.begin();
    const endB = work.begin();
    let idle = false;
    void work.idle().then(() => (idle = true));
    endA();
    endA();
    await Promise.resolve();
    expect(work.size).toBe(1);
    expect(idle).toBe(false);
    endB();
    await Promise.resolve();
    expect(idle).toBe(true);
  });
});
