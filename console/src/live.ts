import { useEffect, useRef, useState } from 'preact/hooks';
import type { EventStreamPath, StreamEvent, SubscribeOptions } from '../../openapi/client';
import { api, ok, streams, type Schemas } from './api';
import type { Series } from './chart-data';

/**
 * The live data of the console's pages, one hook per thing that changes:
 * a build, the runs, a run. Each reads the current state once through the
 * client, then follows the service's event streams (resumed by the helper
 * with the last event id after a dropped connection). Pages read these
 * hooks only.
 */

/** Follows one event stream while the component is shown; `reset` runs before each (re)subscription. */
function useStream<P extends EventStreamPath>(
  path: P,
  options: Omit<SubscribeOptions<P>, 'onError'>,
  deps: unknown[],
  onError: (e: unknown) => void,
) {
  const handler = useRef(options.onEvent);
  handler.current = options.onEvent;
  useEffect(() => {
    const subscription = streams.subscribe(path, {
      ...options,
      onEvent: (event: StreamEvent<P>) => handler.current(event),
      onError: (error, final) => final && onError(error),
    });
    subscription.done.catch(onError);
    return () => subscription.close();
    // Subscribes again when the caller's deps change; the latest onEvent is read through the ref.
  }, deps);
}

export interface BuildView {
  lines: string[];
  dropped: number;
  /** queued, building, or how it ended: succeeded, failed, canceled. */
  state?: string;
  queuePosition?: number | null;
  failure?: string;
  error?: unknown;
}

/** The log and state of the build of image `name`, live; `onDone` once it has ended. */
export function useBuild(name: string, onDone: () => void): BuildView {
  const [view, setView] = useState<BuildView>({ lines: [], dropped: 0 });
  useEffect(() => setView({ lines: [], dropped: 0 }), [name]);
  useStream(
    '/api/image/events/{name}',
    {
      params: { name },
      onEvent: (e) => {
        if (e.event === 'log')
          setView((v) => ({ ...v, lines: [...v.lines, ...e.data.lines], dropped: v.dropped + (e.data.dropped ?? 0) }));
        else if (e.event === 'status' || e.event === 'end') {
          const b = e.data;
          setView((v) => ({
            ...v,
            state: b.result ?? b.phase,
            queuePosition: b.queuePosition,
            failure: b.error ?? undefined,
          }));
          if (e.event === 'end') onDone();
        }
      },
    },
    [name],
    (error) => setView((v) => ({ ...v, error })),
  );
  return view;
}

/** A run as the console's tables show it. */
export interface RunRow {
  id: string;
  status: Schemas['ExecRunStatus'];
  /** Why a run waits or how it ended. */
  reason?: string | null;
  queuePosition?: number | null;
  /** Percent, from the run's progress.json. */
  progress?: number;
  owner?: string | null;
  /** The uuids of the GPUs it holds or held. */
  gpus: string[];
  image?: string;
  submittedAt?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  /** Queued, starting or running: can be stopped, not deleted. */
  active: boolean;
}

const PROGRESS_EVERY_MS = 2000;

const ACTIVE = new Set<Schemas['ExecRunStatus']>(['queued', 'starting', 'running']);

type RunStatus = Pick<
  Schemas['RunStatusDto'],
  'exec_id' | 'status' | 'reason' | 'queuePosition' | 'owner' | 'gpus' | 'submittedAt' | 'startedAt' | 'finishedAt'
>;

function withStatus(row: Partial<RunRow>, s: RunStatus): RunRow {
  return {
    ...row,
    id: s.exec_id,
    status: s.status,
    reason: s.reason,
    queuePosition: s.queuePosition,
    owner: s.owner,
    gpus: s.gpus,
    submittedAt: s.submittedAt,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    active: ACTIVE.has(s.status),
  };
}

const rowOf = (item: Schemas['ExecItemDto']): RunRow => withStatus({ image: item.imageTag }, item);

/** Every run, newest first: the list once, then every status change from /api/events. */
export function useRuns() {
  const [rows, setRows] = useState<Map<string, RunRow>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/exec/list'))
      .then((items) => {
        if (!live) return;
        setRows((old) => new Map(items.map((item) => [item.exec_id, { ...old.get(item.exec_id), ...rowOf(item) }])));
        setLoaded(true);
      })
      .catch(setError);
    return () => {
      live = false;
    };
  }, [generation]);
  useStream(
    '/api/events',
    {
      onEvent: (e) => {
        if (e.event !== 'status' || e.data.kind !== 'exec') return;
        const status = e.data;
        setRows((old) => new Map(old).set(status.exec_id, withStatus(old.get(status.exec_id) ?? {}, status)));
      },
    },
    [],
    setError,
  );
  // The progress of running runs (no stream carries every run's progress): read every few seconds.
  const running = [...rows.values()]
    .filter((r) => r.status === 'running')
    .map((r) => r.id)
    .join('\n');
  useEffect(() => {
    if (!running) return;
    const read = () =>
      running.split('\n').forEach((exec_id) => {
        void ok(api.GET('/api/exec/progress/{exec_id}', { params: { path: { exec_id } } }))
          .then(
            (p) =>
              p?.main_progress !== undefined &&
              setRows((old) =>
                old.has(exec_id) ? new Map(old).set(exec_id, { ...old.get(exec_id)!, progress: p.main_progress }) : old,
              ),
          )
          .catch(() => undefined);
      });
    read();
    const timer = setInterval(read, PROGRESS_EVERY_MS);
    return () => clearInterval(timer);
  }, [running]);
  const sorted = [...rows.values()].sort((a, b) => String(b.submittedAt).localeCompare(String(a.submittedAt)));
  return { rows: sorted, loaded, error, reload: () => setGeneration((g) => g + 1) };
}

export interface RunView {
  row?: RunRow;
  lines: string[];
  dropped: number;
  progress?: Schemas['ExecProgressDto'] | null;
  result?: Schemas['ExecResultDto'] | null;
  metrics: Series[];
  error?: unknown;
}

/** Merges points into their series by step (a step already held keeps the newer value), steps increasing. */
function addPoints(series: Series[], points: Array<{ name: string; step: number; value: number }>): Series[] {
  const byName = new Map(series.map((s) => [s.name, new Map(s.points)]));
  for (const { name, step, value } of points) {
    if (!byName.has(name)) byName.set(name, new Map());
    byName.get(name)!.set(step, value);
  }
  return [...byName].map(([name, steps]) => ({ name, points: [...steps].sort((a, b) => a[0] - b[0]) }));
}

/** One run: its record, then its event stream (status, log, progress, result, metric points) until it ends. */
export function useRun(id: string): RunView & { reload: () => void } {
  const [view, setView] = useState<RunView>({ lines: [], dropped: 0, metrics: [] });
  const [generation, setGeneration] = useState(0);
  const fail = (error: unknown) => setView((v) => ({ ...v, error }));
  useEffect(() => {
    setView({ lines: [], dropped: 0, metrics: [] });
    let live = true;
    const history = api.GET('/api/exec/metrics/{exec_id}', { params: { path: { exec_id: id } } }) as Promise<{
      data?: Schemas['MetricsHistoryDto'];
      response: Response;
    }>;
    Promise.all([ok(api.GET('/api/exec/list')), ok(history)])
      .then(([items, { series }]) => {
        if (!live) return;
        const item = items.find((r) => r.exec_id === id);
        const points = Object.entries(series).flatMap(([name, buckets]) =>
          buckets.map((b) => ({ name, step: b.step, value: b.value })),
        );
        setView((v) => ({
          ...v,
          row: item ? { ...v.row, ...rowOf(item) } : v.row,
          metrics: addPoints(v.metrics, points),
        }));
      })
      .catch(fail);
    return () => {
      live = false;
    };
  }, [id, generation]);
  useStream(
    '/api/exec/events/{exec_id}',
    {
      params: { exec_id: id },
      onEvent: (e) => {
        switch (e.event) {
          case 'status':
          case 'end':
            return setView((v) => ({ ...v, row: withStatus(v.row ?? {}, e.data) }));
          case 'log':
            return setView((v) => ({
              ...v,
              lines: [...v.lines, ...e.data.lines],
              dropped: v.dropped + (e.data.dropped ?? 0),
            }));
          case 'progress':
            return setView((v) => ({ ...v, progress: e.data }));
          case 'result':
            return setView((v) => ({ ...v, result: e.data }));
          case 'metric':
            return setView((v) => ({ ...v, metrics: addPoints(v.metrics, e.data) }));
        }
      },
    },
    [id],
    fail,
  );
  return { ...view, reload: () => setGeneration((g) => g + 1) };
}
