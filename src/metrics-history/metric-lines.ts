/**
 * Reading `/apprun/metrics.jsonl`: JSON lines `{"name", "value", "step"?, "ts"?}`
 * appended by training code. Complete lines are parsed; a half-written last
 * line waits for its newline. Lines that are not such objects are counted,
 * never fatal. Framework-free.
 */

/** One point of a metric series. */
export interface MetricPoint {
  name: string;
  value: number;
  step: number;
  /** Seconds since the epoch. */
  ts: number;
}

/** What a line gives before the defaults are filled in. */
export interface ParsedMetricLine {
  name: string;
  value: number;
  step?: number;
  ts?: number;
}

/** Longest metric name kept. */
export const MAX_METRIC_NAME = 200;

/** A metric line, or undefined for anything else (not JSON, no name, a value that is not a finite number…). */
export function parseMetricLine(line: string): ParsedMetricLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.name !== 'string' || o.name.length === 0 || o.name.length > MAX_METRIC_NAME) return undefined;
  if (!isFiniteNumber(o.value)) return undefined;
  if (o.step !== undefined && o.step !== null && !isFiniteNumber(o.step)) return undefined;
  if (o.ts !== undefined && o.ts !== null && !isFiniteNumber(o.ts)) return undefined;
  return {
    name: o.name,
    value: o.value,
    ...(isFiniteNumber(o.step) ? { step: o.step } : {}),
    ...(isFiniteNumber(o.ts) ? { ts: o.ts } : {}),
  };
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export interface SplitLines {
  /** The complete lines (without their newline), empty ones left out. */
  lines: string[];
  /** Bytes of `chunk` the complete lines took, newlines included: where the next read starts. */
  consumed: number;
}

/** The complete lines at the start of `chunk`; an unfinished last line is left for a later read. */
export function completeLines(chunk: Buffer): SplitLines {
  const end = chunk.lastIndexOf(0x0a);
  if (end < 0) return { lines: [], consumed: 0 };
  const lines = chunk
    .subarray(0, end)
    .toString('utf8')
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => l.trim() !== '');
  return { lines, consumed: end + 1 };
}
