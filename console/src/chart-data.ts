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
