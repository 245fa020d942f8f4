import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../store/atomic-file';
import { completeLines, MetricPoint, parseMetricLine } from './metric-lines';
import { openRunFolderFile } from './run-folder-file';
import { MetricBucket, StepBucketer } from './step-buckets';

/** The file training code appends to, in the run folder. */
export const METRICS_FILE = 'metrics.jsonl';
/** Bytes of metrics.jsonl read at a time. */
const CHUNK_BYTES = 1024 * 1024;
/** Bytes of metrics.jsonl read in one pass; the rest is read by the next one. */
const PASS_BYTES = 16 * CHUNK_BYTES;
/** A stored point: step, value, ts as little-endian doubles. */
const POINT_BYTES = 24;
/** Points of a series file read at a time. */
const READ_POINTS = Math.floor(CHUNK_BYTES / POINT_BYTES);
/** Series per run and points per run kept; beyond them lines are counted as skipped. */
const MAX_SERIES = 1000;
const MAX_POINTS = 20_000_000;

interface SeriesState {
  name: string;
  /** File of the series in the run's metrics folder. */
  file: string;
  count: number;
  minStep: number;
  maxStep: number;
}

/** What is known of a run's metrics: kept as index.json beside the series files. */
interface RunMetricsIndex {
  /** Bytes of metrics.jsonl read so far (complete lines only). */
  offset: number;
  /** Lines that were not metric points. */
  skipped: number;
  /** Inside a line too long to be a point: skip to its end. */
  inLongLine: boolean;
  series: SeriesState[];
}

/** A run's index in memory, with its series by name. */
interface RunMetrics {
  index: RunMetricsIndex;
  byName: Map<string, SeriesState>;
  /** Points of all series. */
  total: number;
}

export interface HistoryQuery {
  names?: string[];
  points: number;
  fromStep?: number;
  toStep?: number;
}

export interface MetricsHistory {
  series: Record<string, MetricBucket[]>;
  skipped: number;
}

/**
 * The metric history of every run: metrics.jsonl is read incrementally by
 * byte offset, and each series is kept on disk under DATA_DIR/metrics/<exec_id>
 * (the run folder is the container's to write, so nothing of the service's
 * lives there). One reading at a time per run.
 */
export class MetricsStore {
  private readonly runs = new Map<string, Promise<RunMetrics>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly root: string) {}

  /** Reads what the run appended since the last call; resolves with the new points. */
  tail(execId: string, runDir: string): Promise<MetricPoint[]> {
    return this.serial(execId, () => this.readNew(execId, runDir));
  }

  /** The bucketed history, after reading what is new. */
  async history(execId: string, runDir: string, query: HistoryQuery): Promise<MetricsHistory> {
    await this.tail(execId, runDir);
    const { index, byName } = await this.run(execId);
    const series: Record<string, MetricBucket[]> = {};
    for (const name of query.names ?? index.series.map((s) => s.name)) {
      const s = byName.get(name);
      if (!s) {
        series[name] = [];
        continue;
      }
      const lo = Math.max(s.minStep, query.fromStep ?? -Infinity);
      const hi = Math.min(s.maxStep, query.toStep ?? Infinity);
      const bucketer = new StepBucketer(lo, hi, query.points);
      for await (const triples of this.points(execId, s)) {
        for (let i = 0; i < triples.length; i += 3) {
          if (triples[i] >= lo && triples[i] <= hi) bucketer.add(triples[i], triples[i + 1]);
        }
      }
      series[name] = bucketer.result();
    }
    return { series, skipped: index.skipped };
  }

  /** Every point as NDJSON text (`{"name","step","value","ts"}` a line), read from disk as it is sent. */
  async *raw(execId: string, runDir: string, names?: string[]): AsyncGenerator<string> {
    await this.tail(execId, runDir);
    const { index } = await this.run(execId);
    for (const s of index.series.filter((x) => !names || names.includes(x.name))) {
      let text = '';
      const name = JSON.stringify(s.name);
      for await (const triples of this.points(execId, s)) {
        for (let i = 0; i < triples.length; i += 3) {
          text += `{"name":${name},"step":${triples[i]},"value":${triples[i + 1]},"ts":${triples[i + 2]}}\n`;
          if (text.length >= 64 * 1024) {
            yield text;
            text = '';
          }
        }
      }
      if (text) yield text;
    }
  }

  /** Forgets a run's history (the run was deleted). */
  remove(execId: string): Promise<void> {
    return this.serial(execId, async () => {
      this.runs.delete(execId);
      await fs.rm(this.dir(execId), { recursive: true, force: true });
    });
  }

  // ---- reading metrics.jsonl --------------------------------------------------

  private async readNew(execId: string, runDir: string): Promise<MetricPoint[]> {
    const handle = await openRunFolderFile(runDir, METRICS_FILE);
    if (!handle) return [];
    const fresh: MetricPoint[] = [];
    try {
      const stat = await handle.stat();
      const run = await this.run(execId);
      const index = run.index;
      // A file shorter than what was read is a new file: read it from its start.
      if (stat.size < index.offset) index.offset = 0;
      const before = index.offset;
      const buffer = Buffer.alloc(CHUNK_BYTES);
      while (index.offset < stat.size && index.offset - before < PASS_BYTES) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, index.offset);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        if (index.inLongLine) {
          // The rest of an overlong line, up to its newline.
          const newline = chunk.indexOf(0x0a);
          index.offset += newline < 0 ? bytesRead : newline + 1;
          if (newline >= 0) index.inLongLine = false;
          continue;
        }
        const { lines, consumed } = completeLines(chunk);
        if (consumed === 0) {
          // A half-written line waits; one without a newline in a whole chunk is too long to be a point.
          if (bytesRead < CHUNK_BYTES) break;
          run.index.skipped++;
          index.inLongLine = true;
          index.offset += bytesRead;
          continue;
        }
        index.offset += consumed;
        for (const line of lines) {
          const point = this.accept(run, line);
          if (point) fresh.push(point);
          else index.skipped++;
        }
      }
      if (index.offset !== before) {
        await this.appendPoints(execId, run, fresh);
        await writeFileAtomic(path.join(this.dir(execId), 'index.json'), JSON.stringify(index));
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
    return fresh;
  }

  /** A line as a point of its series (defaults filled in), or undefined when it is not one or a limit is reached. */
  private accept(run: RunMetrics, line: string): MetricPoint | undefined {
    const parsed = parseMetricLine(line);
    if (!parsed || run.total >= MAX_POINTS) return undefined;
    let s = run.byName.get(parsed.name);
    if (!s) {
      if (run.index.series.length >= MAX_SERIES) return undefined;
      s = {
        name: parsed.name,
        file: `${run.index.series.length}.f64`,
        count: 0,
        minStep: Infinity,
        maxStep: -Infinity,
      };
      run.index.series.push(s);
      run.byName.set(s.name, s);
    }
    const step = parsed.step ?? s.count;
    s.count++;
    run.total++;
    s.minStep = Math.min(s.minStep, step);
    s.maxStep = Math.max(s.maxStep, step);
    return { name: parsed.name, value: parsed.value, step, ts: parsed.ts ?? Date.now() / 1000 };
  }

  private async appendPoints(execId: string, run: RunMetrics, points: MetricPoint[]): Promise<void> {
    await fs.mkdir(this.dir(execId), { recursive: true });
    const bySeries = new Map<string, MetricPoint[]>();
    for (const p of points) {
      const list = bySeries.get(p.name);
      if (list) list.push(p);
      else bySeries.set(p.name, [p]);
    }
    for (const [name, list] of bySeries) {
      const buffer = Buffer.alloc(list.length * POINT_BYTES);
      list.forEach((p, i) => {
        buffer.writeDoubleLE(p.step, i * POINT_BYTES);
        buffer.writeDoubleLE(p.value, i * POINT_BYTES + 8);
        buffer.writeDoubleLE(p.ts, i * POINT_BYTES + 16);
      });
      await fs.appendFile(path.join(this.dir(execId), run.byName.get(name)!.file), buffer);
    }
  }

  // ---- series on disk -----------------------------------------------------------

  /** The points of a series as consecutive [step, value, ts] triples, a chunk at a time (one buffer, reused). */
  private async *points(execId: string, s: SeriesState): AsyncGenerator<Float64Array> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path.join(this.dir(execId), s.file), 'r');
    } catch {
      return;
    }
    try {
      // Stored little-endian, read as the host's doubles (every host Node runs on here is little-endian).
      const triples = new Float64Array(READ_POINTS * 3);
      const bytes = Buffer.from(triples.buffer);
      for (let done = 0; done < s.count;) {
        const want = Math.min(READ_POINTS, s.count - done);
        const { bytesRead } = await handle.read(bytes, 0, want * POINT_BYTES, done * POINT_BYTES);
        const n = Math.floor(bytesRead / POINT_BYTES);
        if (n === 0) return;
        yield triples.subarray(0, n * 3);
        done += n;
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private run(execId: string): Promise<RunMetrics> {
    let run = this.runs.get(execId);
    if (!run) {
      run = this.load(execId);
      this.runs.set(execId, run);
    }
    return run;
  }

  /** The stored index; series files longer than it says (a crash between append and index write) are cut back. */
  private async load(execId: string): Promise<RunMetrics> {
    const dir = this.dir(execId);
    let index: RunMetricsIndex = { offset: 0, skipped: 0, inLongLine: false, series: [] };
    try {
      index = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as RunMetricsIndex;
      for (const s of index.series) {
        // JSON has no Infinity: a series without points reads null.
        s.minStep ??= Infinity;
        s.maxStep ??= -Infinity;
        await fs.truncate(path.join(dir, s.file), s.count * POINT_BYTES).catch(() => undefined);
      }
    } catch {
      await fs.rm(dir, { recursive: true, force: true });
    }
    return {
      index,
      byName: new Map(index.series.map((s) => [s.name, s])),
      total: index.series.reduce((n, s) => n + s.count, 0),
    };
  }

  private dir(execId: string): string {
    return path.join(this.root, execId);
  }

  private serial<T>(execId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(execId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(execId, settled);
    void settled.then(() => {
      if (this.queues.get(execId) === settled) this.queues.delete(execId);
    });
    return next;
  }
}
