import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ok, type Schemas } from './api';
import type { Series } from './chart-data';

/**
 * The live data of the console's pages, one hook per thing that changes:
 * a build's log, the runs, a run's log and progress. Each page reads these
 * hooks only, so how the data arrives lives here.
 */

const BUILD_POLL_MS = 1000;

export interface BuildView {
  lines: string[];
  dropped: number;
  /** queued, building, or how it ended: succeeded, failed, canceled. */
  state?: string;
  queuePosition?: number | null;
  failure?: string;
  error?: unknown;
}

/** The log and state of the build of image `name`, following it until it ends; `onDone` once it has. */
export function useBuild(name: string, onDone: () => void): BuildView {
  const [view, setView] = useState<BuildView>({ lines: [], dropped: 0 });
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setView({ lines: [], dropped: 0 });
    const poll = async () => {
      try {
        const build = await ok(api.GET('/api/image/create/{name}', { params: { path: { name } } }));
        if (!live) return;
        setView({
          lines: build.lines,
          dropped: build.droppedLines,
          state: build.result ?? build.phase,
          queuePosition: build.queuePosition,
          failure: build.error ?? undefined,
        });
        if (build.status === 'exited') return done.current();
      } catch (error) {
        if (live) setView((v) => ({ ...v, error }));
      }
      if (live) timer = setTimeout(poll, BUILD_POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [name]);
  return view;
}

const RUNS_POLL_MS = 2000;
const RUN_POLL_MS = 1000;

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
  image: string;
  submittedAt?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  /** Queued, starting or running: can be stopped, not deleted. */
  active: boolean;
}

const ACTIVE = new Set<Schemas['ExecRunStatus']>(['queued', 'starting', 'running']);

function listRuns() {
  return ok(api.GET('/api/exec/list'));
}

function rowOf(item: Schemas['ExecItemDto'], progress?: number): RunRow {
  return {
    id: item.exec_id,
    status: item.status,
    reason: item.reason,
    queuePosition: item.queuePosition,
    progress,
    owner: item.owner,
    gpus: item.gpus,
    image: item.imageTag,
    submittedAt: item.submittedAt,
    startedAt: item.startedAt,
    finishedAt: item.finishedAt,
    active: ACTIVE.has(item.status),
  };
}

async function progressOf(id: string): Promise<number | undefined> {
  const progress = await ok(api.GET('/api/exec/progress/{exec_id}', { params: { path: { exec_id: id } } })).catch(() => null);
  return progress?.main_progress;
}

/** Every run, newest first, kept up to date. */
export function useRuns() {
  const [state, setState] = useState<{ rows: RunRow[]; loaded: boolean; error?: unknown }>({ rows: [], loaded: false });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const items = await listRuns();
        const rows = await Promise.all(items.map(async (item) => rowOf(item, item.status === 'running' ? await progressOf(item.exec_id) : undefined)));
        rows.sort((a, b) => String(b.submittedAt).localeCompare(String(a.submittedAt)));
        if (live) setState({ rows, loaded: true });
      } catch (error) {
        if (live) setState((s) => ({ ...s, error }));
      }
      if (live) timer = setTimeout(poll, RUNS_POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}

export interface RunView {
  row?: RunRow;
  lines: string[];
  progress?: { main_progress?: number; epoch?: number; batch?: number } | null;
  result?: { loss?: number; metric?: number; metric_name?: string } | null;
  metrics: Series[];
  error?: unknown;
}

/** One run, followed while it is active: status, log, progress, result and metric series. */
export function useRun(id: string): RunView & { reload: () => void } {
  const [view, setView] = useState<RunView>({ lines: [], metrics: [] });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const exec_id = id;
    const poll = async () => {
      try {
        const item = (await listRuns()).find((r) => r.exec_id === exec_id);
        const [logs, progress, result] = await Promise.all([
          ok(api.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id } } })),
          ok(api.GET('/api/exec/progress/{exec_id}', { params: { path: { exec_id } } })),
          ok(api.GET('/api/exec/result/{exec_id}', { params: { path: { exec_id } } })),
        ]);
        const row = item && rowOf(item, progress?.main_progress);
        if (!live) return;
        setView((v) => ({ ...v, row, lines: logs.lines, progress, result, error: undefined }));
        if (row && !row.active) return;
      } catch (error) {
        if (live) setView((v) => ({ ...v, error }));
      }
      if (live) timer = setTimeout(poll, RUN_POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, generation]);
  return { ...view, reload: () => setGeneration((g) => g + 1) };
}
