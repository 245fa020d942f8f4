import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the metrics read from the services, at every scrape. */
export interface MetricSources {
  /** The status of every run the service knows. */
  runStatuses(): Iterable<string>;
  /** Runs waiting to be admitted. */
  queueLength(): number;
  /** GPUs held by runs now. */
  gpusHeld(): number;
  /** Bytes stored by uploads and read by downloads since the start. */
  storageTraffic(): { uploadedBytes: number; downloadedBytes: number };
  engineReachable(): boolean;
}

const PREFIX = 'webapi_';

/** Seconds: from a fast API call to a slow upload. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
/** Seconds: from a cached build to a long one. */
const BUILD_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600];

/**
 * The service's Prometheus metrics in a registry of its own: the default
 * process metrics, request durations and build durations (observed as they
 * happen), and gauges and counters that read the services at each scrape
 * (runs by status, queue length, GPUs held, storage traffic, engine).
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly buildDuration: Histogram<'result'>;

  constructor(sources: MetricSources, options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'Time to answer a request, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.buildDuration = new Histogram({
      name: `${PREFIX}image_build_duration_seconds`,
      help: 'Duration of ended image builds, by result',
      labelNames: ['result'],
      buckets: BUILD_BUCKETS,
      registers,
    });
    // Statuses seen once stay in the output (at 0), so a series does not vanish when its last run moves on.
    const seenStatuses = new Set<string>();
    new Gauge({
      name: `${PREFIX}runs`,
      help: 'Runs by status',
      labelNames: ['status'],
      registers,
      collect() {
        const counts = new Map<string, number>();
        for (const status of sources.runStatuses()) counts.set(status, (counts.get(status) ?? 0) + 1);
        for (const status of counts.keys()) seenStatuses.add(status);
        for (const status of seenStatuses) this.set({ status }, counts.get(status) ?? 0);
      },
    });
    new Gauge({
      name: `${PREFIX}run_queue_length`,
      help: 'Runs waiting to be admitted',
      registers,
      collect() {
        this.set(sources.queueLength());
      },
    });
    new Gauge({
      name: `${PREFIX}gpus_held`,
      help: 'GPUs held by runs',
      registers,
      collect() {
        this.set(sources.gpusHeld());
      },
    });
    new Gauge({
      name: `${PREFIX}engine_reachable`,
      help: '1 while the Docker engine answers, else 0',
      registers,
      collect() {
        this.set(sources.engineReachable() ? 1 : 0);
      },
    });
    const totalOf = (read: () => number) =>
      function collect(this: Counter) {
        this.reset();
        this.inc(read());
      };
    new Counter({
      name: `${PREFIX}storage_uploaded_bytes_total`,
      help: 'Bytes stored by uploads (files put in place) since the start',
      registers,
      collect: totalOf(() => sources.storageTraffic().uploadedBytes),
    });
    new Counter({
      name: `${PREFIX}storage_downloaded_bytes_total`,
      help: 'Bytes read from storages for downloads since the start',
      registers,
      collect: totalOf(() => sources.storageTraffic().downloadedBytes),
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route, status: String(status) }, seconds);
  }

  observeBuild(result: string, seconds: number): void {
    this.buildDuration.observe({ result }, seconds);
  }

  /** The Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
