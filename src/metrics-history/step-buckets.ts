/**
 * Step-bucketing of a metric series for charts: at most `maxPoints` buckets
 * per series, the series' first and last points always present as they are,
 * the points between them grouped into equal step ranges. A bucket's `value`
 * is the last value in it (in the order the points were written), with the
 * step of that point; `min`, `max` and `count` are over the bucket.
 * One pass, fixed memory: points can be fed from a file as it is read.
 * Framework-free.
 */

export interface MetricBucket {
  step: number;
  value: number;
  min: number;
  max: number;
  count: number;
}

/** Fewest buckets a query may ask for: the first and the last point. */
export const MIN_BUCKETS = 2;

export class StepBucketer {
  private first?: MetricBucket;
  /** The latest point, held back until another one shows it was not the last (two numbers, no object per point). */
  private hasPending = false;
  private pendingStep = 0;
  private pendingValue = 0;
  private readonly inner: number;
  /** Buckets per step. */
  private readonly scale: number;
  private readonly step: Float64Array;
  private readonly value: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly count: Uint32Array;

  /** `lo`..`hi`: the step range the points fall in (the points outside it are the caller's to leave out). */
  constructor(
    private readonly lo: number,
    hi: number,
    maxPoints: number,
  ) {
    if (!(maxPoints >= MIN_BUCKETS)) throw new Error(`maxPoints must be at least ${MIN_BUCKETS}`);
    this.inner = Math.floor(maxPoints) - 2;
    this.scale = hi > lo ? this.inner / (hi - lo) : 0;
    this.step = new Float64Array(this.inner);
    this.value = new Float64Array(this.inner);
    this.min = new Float64Array(this.inner).fill(Infinity);
    this.max = new Float64Array(this.inner).fill(-Infinity);
    this.count = new Uint32Array(this.inner);
  }

  add(step: number, value: number): void {
    if (!this.first) {
      this.first = single(step, value);
      return;
    }
    if (this.hasPending) this.addInner(this.pendingStep, this.pendingValue);
    this.hasPending = true;
    this.pendingStep = step;
    this.pendingValue = value;
  }

  result(): MetricBucket[] {
    if (!this.first) return [];
    const buckets = [this.first];
    for (let i = 0; i < this.inner; i++) {
      if (this.count[i])
        buckets.push({
          step: this.step[i],
          value: this.value[i],
          min: this.min[i],
          max: this.max[i],
          count: this.count[i],
        });
    }
    if (this.hasPending) buckets.push(single(this.pendingStep, this.pendingValue));
    return buckets;
  }

  private addInner(step: number, value: number): void {
    if (this.inner === 0) return;
    let i = this.scale > 0 ? Math.floor((step - this.lo) * this.scale) : 0;
    if (i >= this.inner) i = this.inner - 1;
    else if (i < 0) i = 0;
    this.step[i] = step;
    this.value[i] = value;
    if (value < this.min[i]) this.min[i] = value;
    if (value > this.max[i]) this.max[i] = value;
    this.count[i]++;
  }
}

export interface BucketOptions {
  maxPoints: number;
  fromStep?: number;
  toStep?: number;
}

/** Buckets a whole series held in memory (parallel arrays of steps and values). */
export function bucketSeries(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  options: BucketOptions,
): MetricBucket[] {
  const from = options.fromStep ?? -Infinity;
  const to = options.toStep ?? Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s < from || s > to) continue;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const bucketer = new StepBucketer(lo, hi, options.maxPoints);
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s >= from && s <= to) bucketer.add(s, values[i]);
  }
  return bucketer.result();
}

function single(step: number, value: number): MetricBucket {
  return { step, value, min: value, max: value, count: 1 };
}
