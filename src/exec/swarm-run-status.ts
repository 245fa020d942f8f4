import { ContainerStateView, engineTime as time } from '../docker/docker.types';
import { RunStatus } from './run-engine';

/**
 * A Swarm run's state in the project's terms, from its task (and, when the
 * task's container is on this engine, that container's state, which is
 * ahead of the task's by the time the agent reports). Pure, unit-tested.
 */

/** Task states before the task runs: it waits for a node, an image, its container. */
const WAITING = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);
/** Task states after which the task never runs again. */
const ENDED = new Set(['complete', 'failed', 'shutdown', 'rejected', 'orphaned', 'remove']);
/** Ended states whose container exit code is the run's. */
const EXITED = new Set(['complete', 'failed', 'shutdown']);

/** The part of a task the status reads. */
export interface TaskView {
  state: string;
  message?: string;
  error?: string;
  timestamp?: string;
  exitCode?: number;
  containerId?: string;
}

/** What the service wrote on a job it stopped, once its task had ended. */
export interface StoppedMark {
  exitCode: number | null;
  finishedAt: string | null;
}

/**
 * The status of a run from its newest task, the local container of that
 * task (if any), and the mark of a stop (the task of a stopped job is
 * removed by Swarm soon after it ends).
 */
export function swarmRunStatus(
  task: TaskView | undefined,
  container: ContainerStateView | undefined,
  stopped: StoppedMark | undefined,
): RunStatus {
  const base = { oomKilled: !!container?.OOMKilled, startedAt: time(container?.StartedAt) };
  const pending = (reason: string): RunStatus => ({
    ...base,
    state: 'pending',
    running: false,
    exitCode: null,
    finishedAt: null,
    reason,
  });
  if (!task) {
    if (stopped) return { ...base, state: 'exited', running: false, ...stopped, reason: 'stopped' };
    return pending('waiting for its task');
  }
  // The container is the first to know: it has exited before the agent reports the task's end (or even its start).
  if (container && (container.Status === 'exited' || container.Status === 'dead')) {
    return {
      ...base,
      state: container.Status,
      running: false,
      exitCode: typeof container.ExitCode === 'number' ? container.ExitCode : null,
      finishedAt: time(container.FinishedAt) ?? task.timestamp ?? null,
      reason: task.error ?? null,
    };
  }
  if (task.state === 'running' || (container?.Running && !ENDED.has(task.state))) {
    return {
      ...base,
      state: 'running',
      running: true,
      exitCode: null,
      finishedAt: null,
      startedAt: base.startedAt ?? time(task.timestamp),
    };
  }
  if (WAITING.has(task.state)) {
    const why = task.error ?? task.message;
    return pending(why ? `${task.state}: ${why}` : task.state);
  }
  if (ENDED.has(task.state)) {
    const exitCode =
      EXITED.has(task.state) && typeof task.exitCode === 'number' && task.exitCode >= 0 ? task.exitCode : null;
    return {
      ...base,
      state: 'exited',
      running: false,
      exitCode: exitCode ?? stopped?.exitCode ?? null,
      finishedAt: time(task.timestamp) ?? stopped?.finishedAt ?? null,
      reason: exitCode === null ? `${task.state}${task.error ? `: ${task.error}` : ''}` : (task.error ?? null),
    };
  }
  return { ...base, state: 'unknown', running: false, exitCode: null, finishedAt: null, reason: task.state };
}

/** A name Swarm takes for a service: a DNS label (letters, digits, inner `-` and `_`), at most 63 characters. */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[a-zA-Z0-9])*$/;

/**
 * The service name of a run, unique per service instance on a shared swarm:
 * `webapi-exec-<instance>-<exec_id>`, or, for an id Swarm cannot take in a
 * name (dots, too long), `webapi-exec-<instance>-h<hash of the id>`.
 */
export function serviceNameOf(instanceId: string, execId: string, hash: (text: string) => string): string {
  const prefix = `webapi-exec-${instanceId.slice(0, 8)}-`;
  const readable = prefix + execId;
  return readable.length <= 63 && SERVICE_NAME.test(readable) ? readable : `${prefix}h${hash(execId).slice(0, 24)}`;
}
