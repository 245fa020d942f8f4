import { LatestValue } from './latest-value';

describe('LatestValue', () => {
  it('drops an answer asked before one that was already kept', () => {
    const v = new LatestValue<string>();
    const early = v.ticket('a');
    const late = v.ticket('a');
    expect(v.offer('a', late, 'exited')).toBe(true);
    expect(v.offer('a', early, 'running')).toBe(false);
    expect(v.get('a')).toBe('exited');
  });

  it('lets a direct set win over answers still on their way', () => {
    const v = new LatestValue<string>();
    const asked = v.ticket('a');
    v.set('a', 'exited (from the event)');
    expect(v.offer('a', asked, 'running')).toBe(false);
    expect(v.get('a')).toBe('exited (from the event)');
    expect(v.offer('a', v.ticket('a'), 'exited (described)')).toBe(true);
  });

  it('refuses late answers for a key that was deleted, but takes new ones', () => {
    const v = new LatestValue<string>();
    const asked = v.ticket('a');
    v.delete('a');
    expect(v.offer('a', asked, 'stale')).toBe(false);
    expect(v.has('a')).toBe(false);
    expect(v.offer('a', v.ticket('a'), 'new')).toBe(true);
    expect(v.get('a')).toBe('new');
  });

  it('keeps keys apart', () => {
    const v = new LatestValue<number>();
    const a = v.ticket('a');
    v.set('b', 2);
    expect(v.offer('a', a, 1)).toBe(true);
    expect([v.get('a'), v.get('b')]).toEqual([1, 2]);
  });
});
