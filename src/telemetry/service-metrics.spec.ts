import parsePrometheusTextFormat, { PrometheusFamily as Family } from 'parse-prometheus-text-format';
import { MetricSources, ServiceMetrics } from './service-metrics';

async function scrape(metrics: ServiceMetrics): Promise<Map<string, Family>> {
  return new Map(parsePrometheusTextFormat(await metrics.text()).map((f) => [f.name, f]));
}

function valueOf(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  const metric = families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return metric?.value === undefined ? undefined : Number(metric.value);
}

describe('ServiceMetrics', () => {
  const state = { statuses: [] as string[], queue: 0, gpus: 0, up: 0, down: 0, engine: true };
  const sources: MetricSources = {
    runStatuses: () => state.statuses,
    queueLength: () => state.queue,
    gpusHeld: () => state.gpus,
    storageTraffic: () => ({ uploadedBytes: state.up, downloadedBytes: state.down }),
    engineReachable: () => state.engine,
  };

  it('reads the services at every scrape', async () => {
    const metrics = new ServiceMetrics(sources, { processMetrics: false });
    state.statuses = ['running', 'running', 'exited'];
    Object.assign(state, { queue: 2, gpus: 1, up: 100, down: 7, engine: true });
    let f = await scrape(metrics);
    expect(valueOf(f, 'webapi_runs', { status: 'running' })).toBe(2);
    expect(valueOf(f, 'webapi_runs', { status: 'exited' })).toBe(1);
    expect(valueOf(f, 'webapi_run_queue_length')).toBe(2);
    expect(valueOf(f, 'webapi_gpus_held')).toBe(1);
    expect(valueOf(f, 'webapi_engine_reachable')).toBe(1);
    expect(f.get('webapi_storage_uploaded_bytes_total')?.type).toBe('COUNTER');
    expect(valueOf(f, 'webapi_storage_uploaded_bytes_total')).toBe(100);
    expect(valueOf(f, 'webapi_storage_downloaded_bytes_total')).toBe(7);

    state.statuses = ['exited', 'exited'];
    Object.assign(state, { up: 250, engine: false });
    f = await scrape(metrics);
    // A status with no run left reads 0 rather than vanishing.
    expect(valueOf(f, 'webapi_runs', { status: 'running' })).toBe(0);
    expect(valueOf(f, 'webapi_runs', { status: 'exited' })).toBe(2);
    expect(valueOf(f, 'webapi_storage_uploaded_bytes_total')).toBe(250);
    expect(valueOf(f, 'webapi_engine_reachable')).toBe(0);
  });

  it('keeps request and build durations as histograms by their labels', async () => {
    const metrics = new ServiceMetrics(sources, { processMetrics: false });
    metrics.observeRequest('GET', '/api/exec/list', 200, 0.003);
    metrics.observeRequest('GET', '/api/exec/list', 200, 0.2);
    metrics.observeBuild('succeeded', 42);
    const f = await scrape(metrics);
    expect(f.get('webapi_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(f.get('webapi_image_build_duration_seconds')?.type).toBe('HISTOGRAM');
    // The parser keeps no labels of histogram series: read them from the registry.
    const json = await metrics.registry.getMetricsAsJSON();
    const series = (name: string) =>
      json.find((m) => m.name === name)!.values as {
        metricName?: string;
        labels: Record<string, unknown>;
        value: number;
      }[];
    const requests = series('webapi_http_request_duration_seconds');
    const labels = { method: 'GET', route: '/api/exec/list', status: '200' };
    expect(requests).toContainEqual(
      expect.objectContaining({ metricName: 'webapi_http_request_duration_seconds_count', labels, value: 2 }),
    );
    expect(requests).toContainEqual(
      expect.objectContaining({
        metricName: 'webapi_http_request_duration_seconds_bucket',
        labels: { ...labels, le: 0.005 },
        value: 1,
      }),
    );
    expect(series('webapi_image_build_duration_seconds')).toContainEqual(
      expect.objectContaining({
        metricName: 'webapi_image_build_duration_seconds_count',
        labels: { result: 'succeeded' },
        value: 1,
      }),
    );
  });

  it('includes the default process metrics', async () => {
    const f = await scrape(new ServiceMetrics(sources));
    expect(f.has('process_cpu_seconds_total')).toBe(true);
    expect(f.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });
});
