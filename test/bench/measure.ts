import { readFileSync } from 'node:fs';

/**
 * What every benchmark measures and prints the same way: latency
 * percentiles, and the CPU time and memory of a process (from /proc), since
 * on a loaded machine CPU time per unit of work is steadier than wall time.
 */

export const ms = (t: number) => `${t.toFixed(1)} ms`;

/** The p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** `p50 …, p95 …, min …, max … (n=…)` of latencies in ms. */
export const summary = (values: readonly number[]) =>
  `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))} (n=${values.length})`;

export const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');

/** CPU time (user + system) the process has used so far, in ms (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export const cpuSeconds = (pid: number) => cpuMs(pid) / 1000;

/** The process's resident memory in bytes. */
export function rssBytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}
