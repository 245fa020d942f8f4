import fc from 'fast-check';
import { bucketSeries, StepBucketer } from './step-buckets';

function series(n: number, value = (i: number) => Math.sin(i / 1000)): { steps: Float64Array; values: Float64Array } {
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    steps[i] = i;
    values[i] = value(i);
  }
  return { steps, values };
}

describe('bucketSeries', () => {
  it('buckets 1,000,000 points into at most 500, keeping the first and last points and every point counted', () => {
    const { steps, values } = series(1_000_000);
    const buckets = bucketSeries(steps, values, { maxPoints: 500 });
    expect(buckets.length).toBeLessThanOrEqual(500);
    expect(buckets.length).toBeGreaterThan(490);
    expect(buckets[0]).toEqual({ step: 0, value: values[0], min: values[0], max: values[0], count: 1 });
    expect(buckets.at(-1)).toEqual({
      step: 999_999,
      value: values[999_999],
      min: values[999_999],
      max: values[999_999],
      count: 1,
    });
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(1_000_000);
    // Steps increase, each bucket's value is its last point's, and min/max hold it.
    for (let i = 1; i < buckets.length; i++) expect(buckets[i].step).toBeGreaterThan(buckets[i - 1].step);
    for (const b of buckets) {
      expect(b.value).toBe(values[b.step]);
      expect(b.min).toBeLessThanOrEqual(b.value);
      expect(b.max).toBeGreaterThanOrEqual(b.value);
    }
  });

  it('gives min and max over each bucket', () => {
    // 0..99 with values = step; 4 buckets: first, two ranges, last.
    const { steps, values } = series(100, (i) => i);
    const buckets = bucketSeries(steps, values, { maxPoints: 4 });
    expect(buckets).toEqual([
      { step: 0, value: 0, min: 0, max: 0, count: 1 },
      { step: 49, value: 49, min: 1, max: 49, count: 49 },
      { step: 98, value: 98, min: 50, max: 98, count: 49 },
      { step: 99, value: 99, min: 99, max: 99, count: 1 },
    ]);
  });

  it('keeps a short series as it is and honours fromStep and toStep', () => {
    const { steps, values } = series(10, (i) => i * 10);
    expect(bucketSeries(steps, values, { maxPoints: 500 }).map((b) => b.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(
      bucketSeries(steps, values, { maxPoints: 500, fromStep: 3, toStep: 5 }).map((b) => [b.step, b.value]),
    ).toEqual([
      [3, 30],
      [4, 40],
      [5, 50],
    ]);
    expect(bucketSeries(steps, values, { maxPoints: 500, fromStep: 20 })).toEqual([]);
  });

  it('never exceeds maxPoints, always keeps first and last, and counts every point (any steps, any order)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer({ min: 2, max: 50 }),
        (points, maxPoints) => {
          const buckets = bucketSeries(
            points.map((p) => p[0]),
            points.map((p) => p[1]),
            { maxPoints },
          );
          expect(buckets.length).toBeLessThanOrEqual(maxPoints);
          expect(buckets[0].step).toBe(points[0][0]);
          expect(buckets[0].value).toBe(points[0][1]);
          if (points.length > 1) {
            expect(buckets.at(-1)!.step).toBe(points.at(-1)![0]);
            expect(buckets.at(-1)!.value).toBe(points.at(-1)![1]);
          }
          if (maxPoints > 2) expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(points.length);
        },
      ),
    );
  });

  it('refuses fewer than two buckets', () => {
    expect(() => new StepBucketer(0, 1, 1)).toThrow();
  });
});
