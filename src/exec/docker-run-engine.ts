import { Injectable, Logger } from '@nestjs/common';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import { DockerService } from '../docker/docker.service';
import { ContainerStateView, EngineEvent, LogLine, WorkloadSpec, engineTime as time } from '../docker/docker.types';
import {
  EngineDetails,
  RunDescription,
  RunEngine,
  RunListener,
  RunOwner,
  RunSpec,
  RunState,
  RunStatus,
  RUN_STATES,
  SurveyedRun,
} from './run-engine';

/** Labels of a run's container. */
export const LABEL_ID = 'webapi.exec.id';
export const LABEL_INSTANCE = 'webapi.exec.instance';
export const LABEL_DATA_DIR = 'webapi.exec.data-dir';
/** Prefix of the labels holding the run's `meta`. */
export const LABEL_META = 'webapi.exec.meta.';

/** How a run file is opened: read only, never through a symbolic link, never waiting on a FIFO. */
const RUN_FILE_OPEN_FLAGS = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK;

/** Events that can change what `docker inspect` says about a container's state. */
const STATE_EVENTS = new Set([
  'create',
  'start',
  'restart',
  'die',
  'oom',
  'pause',
  'unpause',
  'destroy',
  'update',
  'rename',
]);

/** Each run is one container, created from the provider's hardened template; its state follows Docker's event stream. */
@Injectable()
export class DockerRunEngine implements RunEngine {
  readonly kind = 'docker';
  private readonly logger = new Logger('DockerRunEngine');
  private owner?: RunOwner;
  private events?: { close(): void };
  /** Executables found in an image (image id, PATH, name). */
  private readonly executables = new Set<string>();
  /** Executables found by checkExecutableInImage (image id, name). */
  private readonly checkedInImages = new Set<string>();

  constructor(private readonly docker: DockerService) {}

  open(owner: RunOwner, listener: RunListener): void {
    this.owner = owner;
    this.events = this.docker.followContainerEvents(
      `${LABEL_INSTANCE}=${owner.instanceId}`,
      (event) => this.onEvent(event, listener),
      () => listener.resync(),
    );
  }

  close(): void {
    this.events?.close();
    this.events = undefined;
  }

  /** The container name of a run: unique per service instance on a shared engine. */
  refOf(execId: string): string {
    return `webapi-exec-${this.requireOwner().instanceId.slice(0, 8)}-${execId}`;
  }

  async launch(spec: RunSpec): Promise<{ ref: string; started: boolean }> {
    const owner = this.requireOwner();
    const name = this.refOf(spec.execId);
    let id: string;
    try {
      id = await this.docker.createContainer({
        ...runWorkload(spec, owner, spec.image),
        name,
        // Real GPUs are asked for by uuid, never by count; simulated ones only through the environment.
        gpus: spec.gpus.length && !spec.simulatedGpus ? { deviceIds: [...spec.gpus] } : undefined,
      });
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') {
        throw new DomainError(
          'NOT_FOUND',
          `Image "${spec.image}" not found on the engine; build it first (POST /api/image/create)`,
        );
      }
      throw e;
    }
    try {
      await this.checkExecutable(id, spec.command[0]);
      await this.docker.startContainer(id);
    } catch (e) {
      await this.docker
        .removeContainer(id, true)
        .catch((err) => this.logger.warn(`could not remove ${name}: ${(err as Error).message}`));
      if (e instanceof DomainError && e.code !== 'ENGINE_UNAVAILABLE') {
        const detail = `The run could not start: ${startFailure(e.detail)}`;
        // GPUs asked for on an engine without a GPU driver.
        if (/could not select device driver/.test(e.detail))
          throw new DomainError('UNPROCESSABLE', `${detail} (the engine offers no GPUs)`);
        throw new DomainError(e.code, detail);
      }
      throw e;
    }
    return { ref: name, started: true };
  }

  /**
   * The check of checkExecutable for an engine that starts the run
   * elsewhere (Swarm): made in a container created (never started) from the
   * image on this engine, then removed. An executable in a mounted folder
   * (or relative to the working directory) is left to the runtime.
   */
  async checkExecutableInImage(imageId: string, executable: string): Promise<void> {
    if (executable.includes('/') && !executable.startsWith('/')) return;
    if (/^\/(app|apprun|data)\//.test(executable)) return;
    const key = `${imageId}\0${executable}`;
    if (this.checkedInImages.has(key)) return;
    const id = await this.docker.createContainer({
      image: imageId,
      cmd: [executable],
      networkMode: 'none',
      init: true,
    });
    try {
      await this.checkExecutable(id, executable);
    } finally {
      await this.docker.removeContainer(id, true).catch(() => undefined);
    }
    if (this.checkedInImages.size >= 1000) this.checkedInImages.clear();
    this.checkedInImages.add(key);
  }

  /**
   * Docker's init (PID 1, so that a stop's SIGTERM reaches the command)
   * starts even when the command does not exist, which would then only be
   * an exit code 127. So the executable is looked up in the created
   * container first, along its PATH, like the runtime would. An image never
   * changes, so what was found is remembered per image.
   */
  private async checkExecutable(id: string, executable: string): Promise<void> {
    if (executable.includes('/') && !executable.startsWith('/')) return; // relative to the working directory: left to the runtime
    const info = await this.docker.inspectContainer(id);
    const env = info.Config?.Env ?? [];
    const pathVar =
      env.find((e) => e.startsWith('PATH='))?.slice(5) ??
      '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    const key = `${info.Image}\0${pathVar}\0${executable}`;
    if (this.executables.has(key)) return;
    const candidates = executable.startsWith('/')
      ? [executable]
      : pathVar
          .split(':')
          .filter((d) => d.startsWith('/'))
          .map((d) => `${d.replace(/\/$/, '')}/${executable}`);
    const found = await Promise.all(candidates.map((c) => this.docker.containerPathExists(id, c).catch(() => true)));
    if (!found.some(Boolean)) {
      throw new DomainError(
        'BAD_REQUEST',
        `exec: "${executable}": executable file not found in the image${executable.startsWith('/') ? '' : "'s $PATH"}`,
      );
    }
    if (!executable.startsWith('/app/') && !executable.startsWith('/apprun/') && !executable.startsWith('/data/')) {
      if (this.executables.size >= 1000) this.executables.clear();
      this.executables.add(key);
    }
  }

  async describe(ref: string): Promise<RunDescription | null> {
    try {
      const details = (await this.docker.inspectContainer(ref)) as unknown as EngineDetails;
      return { status: statusOf(details), details };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }

  async survey(): Promise<SurveyedRun[]> {
    const containers = await this.docker.listContainers([`${LABEL_INSTANCE}=${this.requireOwner().instanceId}`]);
    return containers
      .filter((c) => c.Labels?.[LABEL_ID])
      .map((c) => ({
        execId: c.Labels[LABEL_ID],
        ref: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
        meta: Object.fromEntries(
          Object.entries(c.Labels)
            .filter(([k]) => k.startsWith(LABEL_META))
            .map(([k, v]) => [k.slice(LABEL_META.length), v]),
        ),
      }));
  }

  stop(ref: string, graceSeconds: number): Promise<void> {
    return this.docker.stopContainer(ref, graceSeconds);
  }

  async remove(ref: string): Promise<void> {
    try {
      await this.docker.removeContainer(ref);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return;
      throw e;
    }
  }

  logs(ref: string, options: { tail?: number; since?: number; follow?: boolean }): AsyncGenerator<LogLine> {
    return this.docker.containerLogs(ref, options);
  }

  /**
   * The run folder is a bind mount of a host folder: read it there, no engine
   * call. The container writes that folder, so the name may be a symbolic
   * link (to a host file) or a FIFO (that would block a reader): only a
   * regular file is read, never through a link, never waiting.
   */
  async readRunFile(runDir: string, name: string, maxBytes: number): Promise<Buffer | undefined> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path.join(runDir, path.basename(name)), RUN_FILE_OPEN_FLAGS);
    } catch {
      return undefined;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return undefined;
      const buffer = Buffer.alloc(Math.min(stat.size, maxBytes));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } catch {
      return undefined;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private onEvent(event: EngineEvent, listener: RunListener): void {
    const execId = event.attributes[LABEL_ID];
    if (!execId || !STATE_EVENTS.has(event.action)) return;
    if (event.action === 'oom') {
      // Docker's kill for memory comes before the exit: the exit's description must already say so.
      listener.changed(execId, ({ details }) => {
        const oom = { ...details, State: { ...((details.State ?? {}) as Record<string, unknown>), OOMKilled: true } };
        return { status: statusOf(oom), details: oom };
      });
      return;
    }
    if (event.action === 'die') {
      // The exit is known now: show it at once, then ask the engine for the rest.
      const exitCode = Number(event.attributes.exitCode);
      const finishedAt = new Date(event.timeNano / 1e6).toISOString();
      listener.changed(execId, ({ details }) => {
        const state = (details.State ?? {}) as Record<string, unknown>;
        const exited = {
          ...details,
          State: {
            ...state,
            Status: 'exited',
            Running: false,
            Paused: false,
            Restarting: false,
            ExitCode: Number.isFinite(exitCode) ? exitCode : (state.ExitCode ?? null),
            FinishedAt: finishedAt,
          },
        };
        return { status: statusOf(exited), details: exited };
      });
      return;
    }
    listener.changed(execId);
  }

  private requireOwner(): RunOwner {
    if (!this.owner) throw new Error('the run engine has not been opened');
    return this.owner;
  }
}

/** A run's state as Docker's inspect data tells it. */
function statusOf(details: EngineDetails): RunStatus {
  const s = (details.State ?? {}) as ContainerStateView;
  const state: RunState = (RUN_STATES as readonly string[]).includes(s.Status ?? '')
    ? (s.Status as RunState)
    : 'unknown';
  const ended = state === 'exited' || state === 'dead';
  return {
    state,
    running: !!s.Running,
    exitCode: ended && typeof s.ExitCode === 'number' ? s.ExitCode : null,
    finishedAt: ended ? time(s.FinishedAt) : null,
    startedAt: time(s.StartedAt),
    oomKilled: !!s.OOMKilled,
  };
}

/**
 * What a run is on the engine, as a container or a Swarm job alike: its
 * image, command, environment (with the GPUs that are its own), labels (its
 * id, its owner, its meta), mounts, network, user and limits.
 */
export function runWorkload(spec: RunSpec, owner: RunOwner, image: string): WorkloadSpec {
  return {
    image,
    cmd: spec.command,
    workingDir: spec.workingDir,
    env: { ...spec.env, ...gpuEnv(spec.gpus) },
    labels: {
      ...Object.fromEntries(Object.entries(spec.meta).map(([k, v]) => [LABEL_META + k, v])),
      [LABEL_ID]: spec.execId,
      [LABEL_INSTANCE]: owner.instanceId,
      [LABEL_DATA_DIR]: owner.dataDir,
    },
    mounts: spec.mounts,
    networkMode: spec.networkMode,
    user: spec.user,
    cpus: spec.cpus,
    memoryBytes: spec.memoryBytes,
    shmSizeBytes: spec.shmSizeBytes,
    pidsLimit: spec.pidsLimit,
    capAdd: spec.capAdd,
    logMaxSize: spec.logMaxSize,
    logMaxFile: spec.logMaxFile,
    init: true,
  };
}

/** The environment that tells a run which GPUs are its own. */
function gpuEnv(gpus: string[]): Record<string, string> {
  return gpus.length ? { CUDA_VISIBLE_DEVICES: gpus.join(','), NVIDIA_VISIBLE_DEVICES: gpus.join(',') } : {};
}

/** The useful part of Docker's start error (the OCI runtime's words). */
function startFailure(detail: string): string {
  const oci = /(exec: .*|OCI runtime .*)$/s.exec(detail);
  return (oci ? oci[1] : detail).replace(/: unknown$/, '');
}
