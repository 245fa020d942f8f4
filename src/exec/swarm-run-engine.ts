import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DockerService, ServiceInspect } from '../docker/docker.service';
import { ContainerStateView, EngineEvent, LogLine, SwarmTask } from '../docker/docker.types';
import { DockerRunEngine, LABEL_ID, LABEL_INSTANCE, LABEL_META, runWorkload } from './docker-run-engine';
import { normalizedConstraints } from './placement-constraints';
import { EngineDetails, RunDescription, RunEngine, RunListener, RunOwner, RunSpec, SurveyedRun } from './run-engine';
import { StoppedMark, serviceNameOf, swarmRunStatus } from './swarm-run-status';

/** Label of a stopped job: its task's end, written once the task has ended. */
export const LABEL_STOPPED = 'webapi.exec.stopped';
/** The generic resource kind GPUs are advertised as on Swarm nodes (`dockerd --node-generic-resource NVIDIA-GPU=<uuid>`). */
export const GPU_RESOURCE_KIND = 'NVIDIA-GPU';

/** How often the tasks of unfinished runs are read (Swarm's event stream has no task events). */
const POLL_MS = 500;
/** How often a stop or a launch looks at the task it waits for. */
const WAIT_STEP_MS = 100;
/** Longest a launch waits for the task to run (or to be found waiting for a node) before answering. */
const LAUNCH_WAIT_MS = 60_000;
/** How long a task may stay pending before the launch answers that it waits. */
const PENDING_ANSWER_MS = 2_000;
/** Time a stop waits past the grace period for the task to end. */
const STOP_EXTRA_MS = 15_000;
/** Time a followed log keeps reading after its run ended (Swarm delivers a service's log late). */
const LOG_DRAIN_MS = 1_000;

/** Container events that can change a run's task. */
const CONTAINER_EVENTS = new Set(['create', 'start', 'die', 'oom', 'destroy', 'kill']);

/**
 * Each run is a Swarm job: a `replicated-job` service with one task that is
 * never restarted, placed by Swarm on a node of the swarm the engine
 * manages. Its state comes from its task (and from the task's container
 * when it runs on this engine's node); the engine's event stream (service
 * and container events) and a poll of the tasks of unfinished runs tell
 * when to look again.
 *
 * A stop asks the job for no completion: Swarm stops the task (SIGTERM,
 * SIGKILL after the grace period) and removes it; the service stays,
 * labelled with the task's end (exit code, time), until the run is deleted,
 * so the end of a stopped run reads like a stopped container's.
 */
@Injectable()
export class SwarmRunEngine implements RunEngine {
  readonly kind = 'swarm';
  private readonly logger = new Logger('SwarmRunEngine');
  private owner?: RunOwner;
  private events?: { close(): void };
  private poller?: NodeJS.Timeout;
  private polling = false;
  private listener?: RunListener;
  /** Runs not seen ended yet (service name → exec id, last task signature): the poll reads their tasks. */
  private readonly active = new Map<string, { execId: string; seen?: string }>();
  /** The executable checks of the Docker backend, made on this engine. */
  private readonly local: DockerRunEngine;

  constructor(
    private readonly docker: DockerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.local = new DockerRunEngine(docker);
  }

  open(owner: RunOwner, listener: RunListener): void {
    this.owner = owner;
    this.listener = listener;
    this.events = this.docker.followEvents(
      { type: ['container', 'service'] },
      (event) => this.onEvent(event),
      () => listener.resync(),
    );
    this.poller = setInterval(() => void this.poll(), POLL_MS);
    this.poller.unref();
  }

  close(): void {
    this.events?.close();
    this.events = undefined;
    clearInterval(this.poller);
  }

  refOf(execId: string): string {
    return serviceNameOf(this.requireOwner().instanceId, execId, (t) => createHash('sha256').update(t).digest('hex'));
  }

  async launch(spec: RunSpec): Promise<{ ref: string; started: boolean }> {
    const owner = this.requireOwner();
    const name = this.refOf(spec.execId);
    // The image is built on this engine (POST /api/image/create); other nodes need it too (see the README).
    const imageId = await this.docker.imageId(spec.image);
    if (!imageId) {
      throw new DomainError(
        'NOT_FOUND',
        `Image "${spec.image}" not found on the engine; build it first (POST /api/image/create)`,
      );
    }
    await this.local.checkExecutableInImage(imageId, spec.command[0]);
    const realGpus = spec.gpus.length && !spec.simulatedGpus;
    await this.docker.createService({
      // The image by id: a node never asks a registry for it (a name would be pulled first), and every node runs the same image.
      ...runWorkload(spec, owner, imageId),
      name,
      stopGraceSeconds: this.config.EXEC_STOP_GRACE_SECONDS,
      constraints: normalizedConstraints(spec.constraints ?? []),
      // Real GPUs are reserved on the node that runs the task; simulated ones only through the environment.
      genericResources: realGpus ? [{ kind: GPU_RESOURCE_KIND, count: spec.gpus.length }] : undefined,
    });
    this.active.set(name, { execId: spec.execId });
    try {
      return { ref: name, started: await this.untilPlaced(name) };
    } catch (e) {
      await this.docker
        .removeService(name)
        .catch((err) => this.logger.warn(`could not remove ${name}: ${(err as Error).message}`));
      this.active.delete(name);
      throw e;
    }
  }

  /**
   * Waits until the task runs (true) or has run to its end (true), or waits
   * for a node (false). A task refused before it ran (its container could
   * not be made) is the launch's failure.
   */
  private async untilPlaced(name: string): Promise<boolean> {
    const started = Date.now();
    for (;;) {
      const d = await this.describe(name);
      const s = d?.status;
      if (!d || !s) throw new DomainError('ENGINE_FAILED', `service ${name} vanished while it started`);
      if (s.running || (s.exitCode !== null && s.startedAt)) return true;
      if (s.state === 'exited') {
        if (s.exitCode !== null) return true;
        throw new DomainError('BAD_REQUEST', `The run could not start: ${s.reason ?? 'its task was refused'}`);
      }
      const waited = Date.now() - started;
      const unplaceable = s.state === 'pending' && /no suitable node|insufficient resources/.test(s.reason ?? '');
      if (waited > LAUNCH_WAIT_MS || (unplaceable && waited > PENDING_ANSWER_MS)) return false;
      await sleep(WAIT_STEP_MS);
    }
  }

  async describe(ref: string): Promise<RunDescription | null> {
    let service: ServiceInspect;
    try {
      service = await this.docker.inspectService(ref);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') {
        this.active.delete(ref);
        return null;
      }
      throw e;
    }
    const [task] = await this.docker.listTasks([service.ID]);
    const container = await this.localContainer(task);
    const state = container?.State as ContainerStateView | undefined;
    const status = swarmRunStatus(task, state, stoppedMark(service));
    const execId = service.Spec?.Labels?.[LABEL_ID];
    if (execId && status.state !== 'exited' && status.state !== 'dead') {
      if (!this.active.has(ref)) this.active.set(ref, { execId, seen: signature(task) });
    } else this.active.delete(ref);
    return { status, details: detailsOf(service, task, container, status) };
  }

  /** The inspect data of a task's container when it is on this engine's node. */
  private async localContainer(task: SwarmTask | undefined): Promise<Record<string, unknown> | undefined> {
    if (!task?.containerId) return undefined;
    const node = await this.docker.swarmNodeId().catch(() => undefined);
    if (task.nodeId && node && task.nodeId !== node) return undefined;
    try {
      return (await this.docker.inspectContainer(task.containerId)) as unknown as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  async survey(): Promise<SurveyedRun[]> {
    const services = await this.docker.listServices([`${LABEL_INSTANCE}=${this.requireOwner().instanceId}`]);
    return services
      .filter((s) => s.Spec?.Labels?.[LABEL_ID])
      .map((s) => {
        const labels = s.Spec!.Labels!;
        return {
          execId: labels[LABEL_ID],
          ref: s.Spec!.Name!,
          meta: Object.fromEntries(
            Object.entries(labels)
              .filter(([k]) => k.startsWith(LABEL_META))
              .map(([k, v]) => [k.slice(LABEL_META.length), v]),
          ),
        };
      });
  }

  /**
   * Swarm stops the task (SIGTERM, SIGKILL after the grace period given at
   * launch: EXEC_STOP_GRACE_SECONDS) once the job asks for no completion;
   * resolves once the task has ended, its end written on the service.
   */
  async stop(ref: string, graceSeconds: number): Promise<void> {
    const before = await this.describe(ref);
    if (!before) throw new DomainError('NOT_FOUND', `service ${ref}: no such service`);
    if (before.status.state === 'exited' && stoppedMark(before.details.Service as ServiceInspect)) return;
    if (before.status.state !== 'exited')
      await this.docker.endServiceTasks(ref, { [LABEL_STOPPED]: JSON.stringify({ exitCode: null, finishedAt: null }) });
    const deadline = Date.now() + graceSeconds * 1000 + STOP_EXTRA_MS;
    let end: RunDescription | null = before;
    for (;;) {
      const [task] = await this.docker.listTasks([ref]).catch(() => [] as SwarmTask[]);
      const container = await this.localContainer(task);
      const status = swarmRunStatus(task, container?.State as ContainerStateView | undefined, undefined);
      if (!task || status.state === 'exited' || status.state === 'dead') {
        end = task ? { status, details: {} } : end;
        break;
      }
      if (Date.now() > deadline) {
        this.logger.warn(`the task of ${ref} did not end within the grace period`);
        break;
      }
      await sleep(WAIT_STEP_MS);
    }
    const mark: StoppedMark = {
      exitCode: end?.status.state === 'exited' ? end.status.exitCode : null,
      finishedAt: end?.status.finishedAt ?? new Date().toISOString(),
    };
    await this.docker.labelService(ref, { [LABEL_STOPPED]: JSON.stringify(mark) });
  }

  /**
   * Deletes the job. Its task's container on this node goes with it (engines
   * before 24.0 keep a job's tasks and containers after the service is
   * removed: moby/moby#44312).
   */
  async remove(ref: string): Promise<void> {
    let tasks: SwarmTask[];
    try {
      const service = await this.docker.inspectService(ref);
      tasks = await this.docker.listTasks([service.ID]);
      await this.docker.removeService(service.ID);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return;
      throw e;
    }
    this.active.delete(ref);
    const node = await this.docker.swarmNodeId().catch(() => undefined);
    for (const t of tasks) {
      if (!t.containerId || (t.nodeId && t.nodeId !== node)) continue;
      await this.docker.removeContainer(t.containerId, true).catch(() => undefined);
    }
  }

  /**
   * The run's log: its task's container's when that is on this node (every
   * line at once, and a followed read ends with the container), else the
   * service's log, which Swarm gathers from the node. A followed read of a
   * service's log does not end by itself: it ends once the run has ended
   * (and Swarm had a moment to deliver the last lines).
   */
  async *logs(ref: string, options: { tail?: number; since?: number; follow?: boolean }): AsyncGenerator<LogLine> {
    const service = await this.docker.inspectService(ref);
    const [task] = await this.docker.listTasks([service.ID]);
    if (await this.localContainer(task)) {
      yield* this.docker.containerLogs(task.containerId!, options);
      return;
    }
    if (!options.follow) {
      yield* this.docker.serviceLogs(ref, options);
      return;
    }
    const controller = new AbortController();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const d = await this.describe(ref).catch(() => undefined);
        if (d === null || d?.status.state === 'exited' || d?.status.state === 'dead') break;
        await sleep(POLL_MS);
      }
      if (watching) await sleep(LOG_DRAIN_MS);
      controller.abort();
    })();
    try {
      yield* this.docker.serviceLogs(ref, { ...options, signal: controller.signal });
    } finally {
      watching = false;
      controller.abort();
      await watch;
    }
  }

  readRunFile(runDir: string, name: string, maxBytes: number): Promise<Buffer | undefined> {
    return this.local.readRunFile(runDir, name, maxBytes);
  }

  /** Reads the tasks of unfinished runs in one call; a run whose task changed is looked at again. */
  private async poll(): Promise<void> {
    if (this.polling || !this.active.size || !this.listener) return;
    this.polling = true;
    try {
      const names = [...this.active.keys()];
      const tasks = await this.docker.listTasks(names);
      const newest = new Map<string, SwarmTask>();
      for (const t of tasks) if (!newest.has(t.serviceId)) newest.set(t.serviceId, t);
      const byName = new Map<string, SwarmTask>();
      for (const t of newest.values()) {
        const name = (t.raw.Spec as { ContainerSpec?: { Labels?: Record<string, string> } } | undefined)?.ContainerSpec
          ?.Labels?.[LABEL_ID];
        if (name) byName.set(name, t);
      }
      for (const run of this.active.values()) {
        const seen = signature(byName.get(run.execId));
        if (seen === run.seen) continue;
        run.seen = seen;
        this.listener.changed(run.execId);
      }
    } catch (e) {
      this.logger.debug(`could not read the tasks of running runs: ${(e as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  private onEvent(event: EngineEvent): void {
    const owner = this.owner;
    if (!owner || !this.listener) return;
    if (event.type === 'container') {
      if (event.attributes[LABEL_INSTANCE] !== owner.instanceId || !CONTAINER_EVENTS.has(event.action)) return;
      const execId = event.attributes[LABEL_ID];
      if (execId) this.listener.changed(execId);
      return;
    }
    const name = event.attributes.name ?? '';
    for (const [ref, run] of this.active) if (ref === name) this.listener.changed(run.execId);
  }

  private requireOwner(): RunOwner {
    if (!this.owner) throw new Error('the run engine has not been opened');
    return this.owner;
  }
}

/** What changes in a task when its run moves on. */
function signature(task: SwarmTask | undefined): string {
  return task ? `${task.id} ${task.state} ${task.exitCode ?? ''} ${task.error ?? ''} ${task.message ?? ''}` : 'none';
}

function stoppedMark(service: ServiceInspect | undefined): StoppedMark | undefined {
  const text = service?.Spec?.Labels?.[LABEL_STOPPED];
  if (!text) return undefined;
  try {
    const mark = JSON.parse(text) as StoppedMark;
    return { exitCode: typeof mark.exitCode === 'number' ? mark.exitCode : null, finishedAt: mark.finishedAt ?? null };
  } catch {
    return { exitCode: null, finishedAt: null };
  }
}

/**
 * What GET /api/exec/info shows of a Swarm run: the inspect data of its
 * task's container when that is on this node (as the Docker backend shows),
 * else the same shape made from the service and its task; in both, the
 * service (`Service`) and the task (`Task`) as Swarm describes them.
 */
function detailsOf(
  service: ServiceInspect,
  task: SwarmTask | undefined,
  container: Record<string, unknown> | undefined,
  status: RunDescription['status'],
): EngineDetails {
  const spec = (service.Spec?.TaskTemplate as { ContainerSpec?: Record<string, unknown> } | undefined)?.ContainerSpec;
  const args = (spec?.Args as string[] | undefined) ?? [];
  const state = {
    Status: status.state,
    Running: status.running,
    Paused: false,
    Restarting: false,
    OOMKilled: status.oomKilled,
    Dead: status.state === 'dead',
    Pid: 0,
    ExitCode: status.exitCode ?? 0,
    Error: status.reason ?? '',
    StartedAt: status.startedAt ?? '0001-01-01T00:00:00Z',
    FinishedAt: status.finishedAt ?? '0001-01-01T00:00:00Z',
  };
  const made = {
    Id: task?.containerId ?? service.ID,
    Name: service.Spec?.Name ?? '',
    Created: service.CreatedAt,
    Path: args[0] ?? '',
    Args: args.slice(1),
    Image: spec?.Image,
    Config: {
      Image: spec?.Image,
      Cmd: args,
      Env: spec?.Env ?? [],
      Labels: spec?.Labels ?? {},
      WorkingDir: spec?.Dir ?? '',
      User: spec?.User ?? '',
    },
    Mounts: ((spec?.Mounts as { Type: string; Source?: string; Target: string; ReadOnly?: boolean }[]) ?? []).map(
      (m) => ({ Type: m.Type, Source: m.Source ?? '', Destination: m.Target, RW: !m.ReadOnly }),
    ),
  };
  // The container knows its own state; without it (another node, or a stopped job whose task is gone), the task and the service tell.
  return {
    ...(container ?? made),
    State: container ? container.State : state,
    Service: service,
    Task: task?.raw ?? null,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
