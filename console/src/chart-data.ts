import type uPlot from 'uplot';

export interface Series {
  name: string;
  /** [step, value] pairs in increasing step order. */
  points: Array<[number, number]>;
}

/** Joins series on their steps into uPlot's columns (a missing value is null). */
export function toColumns(series: Series[]): uPlot.AlignedData {
  const steps = [...new Set(series.flatMap((s) => s.points.map(([step]) => step)))].sort((a, b) => a - b);
  const index = new Map(steps.map((step, i) => [step, i]));
  const columns = series.map((s) => {
    const column = new Array<number | null>(steps.length).fill(null);
    for (const [step, value] of s.points) column[index.get(step)!] = value;
    return column;
  });
  return [steps, ...columns] as uPlot.AlignedData;
}

/**
 * Tick spacings of the step axis: whole numbers only (1, 2, 5, 10, 20, 50, …),
 * since steps are counts; uPlot picks the smallest that leaves room between labels.
 */
export const STEP_TICK_INCREMENTS: number[] = Array.from({ length: 10 }, (_, k) =>
  [1, 2, 5].map((m) => m * 10 ** k),
).flat();
