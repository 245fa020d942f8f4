import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, conflict } from '../common/domain-error';
import { ContainerPolicy, ContainerSpecError, containerCreateConfig, parseCapabilities } from './container-template';
import {
  BuildOutcome,
  ContainerSpec,
  EngineEvent,
  EngineFacts,
  EngineNode,
  LogLine,
  ServiceSpec,
  SwarmMembership,
  SwarmTask,
  notSwarmManager,
} from './docker.types';
import { readJsonLines } from './json-lines';
import { ownContainerId } from './own-container';
import { LogFrameParser } from './log-frames';
import { GuardedMount, assertSourceUnchanged, canChangePathsIn, isGuarded, pauseRefusedAsEnded } from './mount-guard';
import { ServiceCreateConfig, serviceCreateConfig } from './swarm-service-spec';

/** Errors that mean the engine is not there (socket missing, refused, dropped). */
const UNREACHABLE = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EACCES',
  'ENOTFOUND',
]);

export type ContainerInspect = Docker.ContainerInspectInfo;
export type ContainerSummary = Docker.ContainerInfo;
export type ImageSummary = Docker.ImageInfo;
/** A Swarm service as the engine describes it (`docker service inspect`). */
export type ServiceInspect = Docker.Service;

/** An event as the engine writes it on /events (`status` and `id` are the older names of `Action` and `Actor.ID`). */
interface EngineEventMessage {
  Type: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  /** Seconds since the epoch. */
  time: number;
  timeNano?: number;
}

/**
 * Where a pull's or a build's output goes, a piece of text at a time; a
 * promise in answer means it is behind, and the engine's stream waits for it.
 */
export type OutputSink = (text: string) => void | Promise<unknown>;

export interface BuildOptions {
  tag: string;
  /** Docker network mode for RUN steps; undefined: the engine's default. */
  networkMode?: string;
  signal?: AbortSignal;
  /** Limits of every build step's container. */
  limits?: BuildLimits;
  /** Called for every piece of output: text, or Docker's error. */
  onOutput: OutputSink;
}

/** What the engine's build API (1.41) can limit in build steps; it has no process limit. */
export interface BuildLimits {
  memoryBytes?: number;
  cpus?: number;
  shmSizeBytes?: number;
  /** A parent cgroup the operator limits (pids.max), since the build API has no process limit. */
  cgroupParent?: string;
}

export interface LogOptions {
  tail?: number;
  /** Seconds since the epoch. */
  since?: number;
  /** Keep reading as the container writes, until it stops. */
  follow?: boolean;
  /** Ends the read (a followed Swarm service log does not end by itself). */
  signal?: AbortSignal;
}

/** The build API's query parameters for the limits (the memory swap is left to the engine's default, as for runs). */
function buildLimitOptions(limits: BuildLimits): Record<string, string | number> {
  const { memoryBytes, cpus, shmSizeBytes, cgroupParent } = limits;
  return {
    ...(memoryBytes ? { memory: memoryBytes } : {}),
    ...(cpus ? { cpuperiod: 100_000, cpuquota: Math.round(cpus * 100_000) } : {}),
    ...(shmSizeBytes ? { shmsize: shmSizeBytes } : {}),
    ...(cgroupParent ? { cgroupparent: cgroupParent } : {}),
  };
}

/** Parses DOCKER_HOST (unix:///path or tcp://host:port) into dockerode options. */
/** A file of /proc/self read once at start; empty where there is none. */
function readProcFile(name: string): string {
  try {
    return readFileSync(`/proc/self/${name}`, 'utf8');
  } catch {
    return '';
  }
}

export function dockerOptions(dockerHost: string | undefined): Docker.DockerOptions {
  if (!dockerHost) return { socketPath: '/var/run/docker.sock' };
  const url = new URL(dockerHost);
  if (url.protocol === 'unix:' || url.protocol === 'npipe:') return { socketPath: url.pathname };
  return {
    host: url.hostname,
    port: Number(url.port || 2375),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
  };
}

/**
 * The one door to the Docker engine: the only file that imports dockerode.
 * Methods are named for what the service wants; engine errors become
 * DomainErrors (NOT_FOUND, CONFLICT, ENGINE_UNAVAILABLE, ENGINE_FAILED).
 * Every container is created from one hardened template.
 */
@Injectable()
export class DockerService {
  private readonly logger = new Logger('DockerService');
  private readonly docker: Docker;
  private facts?: Promise<EngineFacts>;
  /** The container this service runs in, when it runs in one (never paused by the mount guard). */
  private readonly ownContainer = ownContainerId(readProcFile('mountinfo'), readProcFile('cgroup'));
  /** The configured limits every container stays within. */
  private readonly policy: ContainerPolicy;
  /** Created containers with storage mounts, until they start (see mount-guard.ts). */
  private readonly guarded = new Map<string, GuardedMount[]>();
  /** Guarded starts run one at a time: one cannot resume a container another holds still. */
  private guardedStarts: Promise<unknown> = Promise.resolve();
  /** This engine's swarm node id, once known. */
  private nodeId?: string;
  /** Whether the engine's event stream is open (undefined before the first attempt). */
  private connected?: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    /** Records every container created, with its final configuration. */
    @Optional() private readonly audit?: AuditService,
  ) {
    this.docker = new Docker(dockerOptions(config.DOCKER_HOST));
    this.policy = {
      capAdd: parseCapabilities(config.EXEC_CAP_ADD),
      pidsLimit: config.EXEC_PIDS_LIMIT,
      logMaxSize: config.EXEC_LOG_MAX_SIZE,
      logMaxFile: config.EXEC_LOG_MAX_FILE,
    };
  }

  // ---- the engine ---------------------------------------------------------

  /** Whether the engine answers, as its event stream tells: open now, or cut and not back yet. */
  get engineReachable(): boolean {
    return this.connected === true;
  }

  /** Notes whether the event stream is open, logging each change as `engine.connected` / `engine.lost`. */
  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    const first = this.connected === undefined;
    this.connected = connected;
    if (connected) this.logger.log({ event: 'engine.connected', msg: 'engine connected' });
    else this.logger.warn({ event: 'engine.lost', msg: first ? 'engine not reachable' : 'engine lost' });
  }

  /** True when the engine answers within the timeout. Never throws. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    const timer = new AbortController();
    const t = setTimeout(() => timer.abort(), timeoutMs);
    try {
      await (this.docker.ping as (o: { abortSignal: AbortSignal }) => Promise<unknown>)({ abortSignal: timer.signal });
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(t);
    }
  }

  /** What the engine offers (bridge network, NVIDIA runtime); cached until the engine goes away. */
  engineFacts(): Promise<EngineFacts> {
    this.facts ??= this.call('engine', async () => {
      const [version, info, bridges] = await Promise.all([
        this.docker.version(),
        this.docker.info() as Promise<{ Runtimes?: Record<string, unknown> }>,
        this.docker.listNetworks({ filters: { name: ['bridge'] } }),
      ]);
      return {
        version: version.Version,
        apiVersion: version.ApiVersion,
        hasBridgeNetwork: bridges.some((n) => n.Name === 'bridge'),
        hasNvidiaRuntime: Object.keys(info.Runtimes ?? {}).includes('nvidia'),
      };
    }).catch((e) => {
      this.facts = undefined;
      throw e;
    });
    return this.facts;
  }

  // ---- swarm ---------------------------------------------------------------

  /** The swarm's nodes; CONFLICT when the engine is not a swarm manager (only managers know the nodes). */
  async listSwarmNodes(): Promise<EngineNode[]> {
    const info = await this.call('engine', () => this.docker.info() as Promise<{ Swarm?: SwarmMembership }>);
    const refusal = notSwarmManager(info.Swarm);
    if (refusal) throw conflict(refusal);
    return this.call('nodes', () => this.docker.listNodes() as Promise<EngineNode[]>);
  }

  // ---- images -------------------------------------------------------------

  listImages(): Promise<ImageSummary[]> {
    return this.call('images', () => this.docker.listImages());
  }

  /** The image's id, or undefined when the engine does not have it. */
  async imageId(ref: string): Promise<string | undefined> {
    try {
      return (await this.call(`image ${ref}`, () => this.docker.getImage(ref).inspect())).Id;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return undefined;
      throw e;
    }
  }

  /** Removes an image: NOT_FOUND when absent, CONFLICT when a container uses it. */
  async removeImage(ref: string): Promise<void> {
    await this.call(`image ${ref}`, () => this.docker.getImage(ref).remove());
  }

  /** Pulls an image, reporting progress; throws ENGINE_FAILED with Docker's message on failure. */
  async pullImage(ref: string, onOutput: OutputSink, signal?: AbortSignal): Promise<void> {
    const stream = await this.call(`pull ${ref}`, () => this.docker.pull(ref, { abortSignal: signal }));
    await this.follow(stream, onOutput);
  }

  /** Builds an image from a tar context; resolves with the image id or Docker's error. */
  async buildImage(context: Readable, options: BuildOptions): Promise<BuildOutcome> {
    const stream = await this.call(`build ${options.tag}`, () =>
      this.docker.buildImage(context, {
        t: options.tag,
        rm: true,
        forcerm: true,
        ...(options.networkMode ? { networkmode: options.networkMode } : {}),
        ...buildLimitOptions(options.limits ?? {}),
        abortSignal: options.signal,
      }),
    );
    try {
      await this.follow(stream, options.onOutput);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'ENGINE_FAILED') return { error: e.detail };
      throw e;
    }
    return { imageId: await this.imageId(options.tag) };
  }

  // ---- containers ---------------------------------------------------------

  /** Creates a container from the hardened template and the service's spec; returns its id. */
  async createContainer(spec: ContainerSpec): Promise<string> {
    const options = this.containerOptions(spec);
    try {
      const container = await this.call(`image ${spec.image}`, () => this.docker.createContainer(options));
      this.audit?.containerCreated(options, { containerId: container.id });
      const guarded = (spec.mounts ?? []).filter(isGuarded);
      if (guarded.length) this.guarded.set(container.id, guarded);
      return container.id;
    } catch (e) {
      this.audit?.containerCreated(options, { error: e instanceof DomainError ? e.detail : String(e) });
      throw e;
    }
  }

  /** The Docker configuration of a container: one template (container-template.ts), nothing taken from requests. */
  containerOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
    try {
      return containerCreateConfig(spec, this.policy);
    } catch (e) {
      // The service itself asked for something the template refuses: a defect, not a client error.
      if (e instanceof ContainerSpecError)
        throw new Error(`refused container configuration: ${e.message}`, { cause: e });
      throw e;
    }
  }

  /**
   * Starts a container. One with storage mounts starts with every running
   * container that could swap a folder on their paths paused, after its
   * sources are verified unchanged (mount-guard.ts).
   */
  async startContainer(id: string): Promise<void> {
    const mounts = this.guarded.get(id);
    const start = () => this.call(`container ${id}`, () => this.docker.getContainer(id).start());
    if (!mounts) return void (await start());
    const turn = this.guardedStarts.then(async () => {
      const held = await this.holdWriters(mounts.map((m) => m.confinedTo));
      try {
        for (const mount of mounts) await assertSourceUnchanged(mount);
        await start();
      } finally {
        await Promise.all(
          held.map((c) =>
            this.call(`container ${c}`, () => this.docker.getContainer(c).unpause()).catch((e) =>
              this.logger.error(`could not resume ${c}: ${(e as Error).message}`),
            ),
          ),
        );
      }
    });
    this.guardedStarts = turn.catch(() => undefined);
    try {
      await turn;
    } finally {
      this.guarded.delete(id);
    }
  }

  /** Pauses every running container that can write inside (or above) one of the roots; resolves with those paused. */
  private async holdWriters(roots: string[]): Promise<string[]> {
    const running = await this.call('containers', () =>
      this.docker.listContainers({ filters: { status: ['running'] } }),
    );
    // Never itself: the service as a container mounts the data folder it serves.
    const writers = running.filter(
      (c) =>
        c.Id !== this.ownContainer &&
        canChangePathsIn(
          (c.Mounts ?? []).filter((m) => m.Type === 'bind').map((m) => ({ source: m.Source, writable: m.RW })),
          roots,
        ),
    );
    const paused = await Promise.allSettled(
      writers.map((c) => this.call(`container ${c.Id}`, () => this.docker.getContainer(c.Id).pause()).then(() => c.Id)),
    );
    const held = paused.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
    for (const [i, p] of paused.entries()) {
      if (p.status === 'fulfilled' || pauseRefusedAsEnded(String((p.reason as Error)?.message))) continue;
      // One that stopped (or was paused) meanwhile writes nothing; one still running cannot be let through.
      const state = (await this.inspectContainer(writers[i].Id).catch(() => undefined))?.State;
      if (state?.Running && !state.Paused) {
        await Promise.all(
          held.map((c) =>
            this.docker
              .getContainer(c)
              .unpause()
              .catch(() => undefined),
          ),
        );
        throw p.reason;
      }
    }
    return held;
  }

  inspectContainer(id: string): Promise<ContainerInspect> {
    return this.call(`container ${id}`, () => this.docker.getContainer(id).inspect());
  }

  /** Containers (running or not) carrying all the given labels (`key` or `key=value`). */
  listContainers(labels: string[]): Promise<ContainerSummary[]> {
    return this.call('containers', () => this.docker.listContainers({ all: true, filters: { label: labels } }));
  }

  /** SIGTERM, then SIGKILL after the grace period. Stopping a stopped container is not an error. */
  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    await this.call(`container ${id}`, async () => {
      try {
        await this.docker.getContainer(id).stop({ t: graceSeconds });
      } catch (e) {
        // 304: already stopped.
        if ((e as { statusCode?: number }).statusCode !== 304) throw e;
      }
    });
  }

  async removeContainer(id: string, force = false): Promise<void> {
    this.guarded.delete(id);
    await this.call(`container ${id}`, () => this.docker.getContainer(id).remove({ force, v: true }));
  }

  /** Waits until the container stops; resolves with its exit code. */
  async waitContainer(id: string): Promise<number> {
    const result = await this.call<{ StatusCode: number }>(`container ${id}`, () =>
      this.docker.getContainer(id).wait(),
    );
    return result.StatusCode;
  }

  /** Whether a path exists in a container (created, running or exited), asked without reading it. */
  async containerPathExists(id: string, path: string): Promise<boolean> {
    try {
      const head = await this.call<unknown>(`container ${id}`, () =>
        this.docker.getContainer(id).infoArchive({ path }),
      );
      (head as Readable).resume?.();
      return true;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return false;
      throw e;
    }
  }

  /**
   * A container's log as ordered stdout/stderr lines, streamed from the
   * engine (never held whole in memory). Without `follow` it ends with what
   * the container has written so far.
   */
  containerLogs(id: string, options: LogOptions = {}): AsyncGenerator<LogLine> {
    return this.logLines('containers', id, options);
  }

  private async *logLines(kind: 'containers' | 'services', id: string, options: LogOptions): AsyncGenerator<LogLine> {
    const query = { stdout: true, stderr: true, tail: options.tail ?? 'all', since: options.since ?? 0 };
    const what = `${kind === 'containers' ? 'container' : 'service'} ${id}`;
    // A followed read stays open until the container stops. A read of what is
    // there so far uses follow=false, asked for as a stream: dockerode would
    // otherwise buffer the whole log, and follow=true with `until` keeps a
    // quiet running container's log open until its next line.
    const stream = await this.call(what, () =>
      options.follow && kind === 'containers'
        ? this.docker
            .getContainer(id)
            .logs({ ...query, follow: true } as Docker.ContainerLogsOptions & { follow: true })
        : new Promise<NodeJS.ReadableStream>((resolve, reject) =>
            this.docker.modem.dial(
              {
                path: `/${kind}/${encodeURIComponent(id)}/logs?`,
                method: 'GET',
                isStream: true,
                statusCodes: {
                  200: true,
                  404: `no such ${kind.slice(0, -1)}`,
                  500: 'server error',
                  503: 'node is not part of a swarm',
                },
                options: { ...query, follow: !!options.follow },
              },
              (err: Error | null, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
            ),
          ),
    );
    const abort = () => (stream as Readable).destroy?.();
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const lines: LogLine[] = [];
    const parser = new LogFrameParser((l) => lines.push(l));
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        parser.push(chunk);
        yield* lines.splice(0);
      }
      parser.end();
      yield* lines.splice(0);
    } catch (e) {
      // Ended by the signal: what was read is the log.
      if (!options.signal?.aborted) throw this.translate(e, what);
      parser.end();
      yield* lines.splice(0);
    } finally {
      options.signal?.removeEventListener('abort', abort);
      (stream as Readable).destroy?.();
    }
  }

  // ---- swarm services (RUN_BACKEND=swarm) ------------------------------------

  /** The id of the swarm node this engine is; undefined when it is in no swarm. Cached once known. */
  async swarmNodeId(): Promise<string | undefined> {
    if (this.nodeId) return this.nodeId;
    const info = (await this.call('engine', () => this.docker.info())) as {
      Swarm?: { NodeID?: string; LocalNodeState?: string };
    };
    if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.NodeID) return undefined;
    return (this.nodeId = info.Swarm.NodeID);
  }

  /** The Swarm configuration of a job: one template (swarm-service-spec.ts), nothing taken from requests. */
  serviceOptions(spec: ServiceSpec): ServiceCreateConfig {
    try {
      return serviceCreateConfig(spec, this.policy);
    } catch (e) {
      if (e instanceof ContainerSpecError) throw new Error(`refused service configuration: ${e.message}`, { cause: e });
      throw e;
    }
  }

  /** Creates a one-off Swarm job (a replicated-job service) from the template; returns the service id. */
  async createService(spec: ServiceSpec): Promise<string> {
    const options = this.serviceOptions(spec);
    try {
      const created = (await this.call(`service ${spec.name}`, () =>
        this.docker.createService(options as unknown as Docker.CreateServiceOptions),
      )) as { id?: string; ID?: string };
      const id = created.id ?? created.ID ?? spec.name;
      this.audit?.serviceCreated(options, { serviceId: id });
      return id;
    } catch (e) {
      this.audit?.serviceCreated(options, { error: e instanceof DomainError ? e.detail : String(e) });
      throw e;
    }
  }

  inspectService(idOrName: string): Promise<ServiceInspect> {
    return this.call(
      `service ${idOrName}`,
      () => this.docker.getService(idOrName).inspect() as Promise<ServiceInspect>,
    );
  }

  /** Services carrying all the given labels (`key` or `key=value`). */
  listServices(labels: string[]): Promise<ServiceInspect[]> {
    return this.call('services', () => this.docker.listServices({ filters: { label: labels } }));
  }

  /** The tasks of the given services (ids or names), newest first. */
  async listTasks(services: string[]): Promise<SwarmTask[]> {
    if (!services.length) return [];
    const tasks = (await this.call('tasks', () => this.docker.listTasks({ filters: { service: services } }))) as {
      ID: string;
      ServiceID: string;
      NodeID?: string;
      DesiredState?: string;
      CreatedAt?: string;
      Status?: {
        State?: string;
        Message?: string;
        Err?: string;
        Timestamp?: string;
        ContainerStatus?: { ContainerID?: string; ExitCode?: number };
      };
    }[];
    return tasks
      .map((t) => ({
        id: t.ID,
        serviceId: t.ServiceID,
        nodeId: t.NodeID || undefined,
        state: t.Status?.State ?? 'unknown',
        desiredState: t.DesiredState ?? 'unknown',
        message: t.Status?.Message || undefined,
        error: t.Status?.Err || undefined,
        timestamp: t.Status?.Timestamp,
        containerId: t.Status?.ContainerStatus?.ContainerID || undefined,
        exitCode: t.Status?.ContainerStatus?.ExitCode,
        createdAt: t.CreatedAt,
        raw: t,
      }))
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  }

  /**
   * Changes a service: `change` gets its current spec and returns the new
   * one; a concurrent change (an out-of-date version) is retried.
   */
  private async updateService(
    id: string,
    change: (spec: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.inspectService(id);
      const spec = change(structuredClone(current.Spec as unknown as Record<string, unknown>));
      try {
        await this.call(`service ${id}`, () =>
          this.docker.getService(id).update({ ...spec, version: current.Version?.Index }),
        );
        return;
      } catch (e) {
        if (!(e instanceof DomainError) || !/update out of sequence/i.test(e.detail) || attempt >= 3) throw e;
      }
    }
  }

  /**
   * Shuts a job's tasks down: the job now asks for no completion, so Swarm
   * stops a running task (its stop signal, SIGKILL after its grace period)
   * and places none again. The service stays, with `labels` added.
   * (Removing a replicated-job service does not stop its task on engines
   * before 24.0: moby/moby#44312.)
   */
  async endServiceTasks(id: string, labels: Record<string, string>): Promise<void> {
    await this.updateService(id, (spec) => ({
      ...spec,
      Labels: { ...(spec.Labels ?? {}), ...labels },
      Mode: { ReplicatedJob: { MaxConcurrent: 0, TotalCompletions: 0 } },
    }));
  }

  /** Adds labels to a service, changing nothing else. */
  async labelService(id: string, labels: Record<string, string>): Promise<void> {
    await this.updateService(id, (spec) => ({
      ...spec,
      Labels: { ...(spec.Labels ?? {}), ...labels },
    }));
  }

  async removeService(id: string): Promise<void> {
    await this.call(`service ${id}`, () => this.docker.getService(id).remove());
  }

  /** A service's log (every task's), as ordered stdout/stderr lines; a followed read ends only by its signal. */
  serviceLogs(id: string, options: LogOptions = {}): AsyncGenerator<LogLine> {
    return this.logLines('services', id, options);
  }

  // ---- events -------------------------------------------------------------

  /**
   * Follows the engine's container events carrying the given label. When the
   * stream ends (the engine restarted or went away) it reconnects, calling
   * onReconnect so the caller can re-inspect what it may have missed.
   */
  followContainerEvents(
    label: string,
    onEvent: (event: EngineEvent) => void,
    onReconnect: () => void,
  ): { close(): void } {
    return this.followEvents({ type: ['container'], label: [label] }, onEvent, onReconnect);
  }

  /**
   * Follows the engine's events matching the filters (Docker's: `type`,
   * `label`, ...), reconnecting like followContainerEvents.
   */
  followEvents(
    filters: Record<string, string[]>,
    onEvent: (event: EngineEvent) => void,
    onReconnect: () => void,
  ): { close(): void } {
    let closed = false;
    let current: Readable | undefined;
    let retry: NodeJS.Timeout | undefined;
    const connect = async () => {
      if (closed) return;
      try {
        const stream = (await this.docker.getEvents({ filters })) as unknown as Readable;
        if (closed) return stream.destroy();
        current = stream;
        this.setConnected(true);
        onReconnect();
        let buffered = '';
        stream.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          const parts = buffered.split('\n');
          buffered = parts.pop() ?? '';
          for (const part of parts) {
            if (!part.trim()) continue;
            try {
              const e = JSON.parse(part) as EngineEventMessage;
              onEvent({
                type: e.Type,
                action: e.Action ?? e.status ?? '',
                id: e.Actor?.ID ?? e.id ?? '',
                attributes: e.Actor?.Attributes ?? {},
                timeNano: e.timeNano ?? e.time * 1e9,
              });
            } catch (err) {
              this.logger.warn(`ignored an engine event: ${(err as Error).message}`);
            }
          }
        });
        stream.once('close', () => schedule());
        stream.once('error', () => schedule());
      } catch {
        schedule();
      }
    };
    const schedule = () => {
      current = undefined;
      if (closed || retry) return;
      this.setConnected(false);
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, 1000);
    };
    void connect();
    return {
      close: () => {
        closed = true;
        if (retry) clearTimeout(retry);
        current?.destroy();
      },
    };
  }

  // ---- helpers ------------------------------------------------------------

  /**
   * Reads Docker's JSON progress stream (pull, build), passing text on as it
   * comes and keeping none of it; Docker's error object throws. When
   * `onOutput` answers with a promise (where the text goes is behind), the
   * engine's stream waits for it.
   */
  private async follow(stream: NodeJS.ReadableStream, onOutput: OutputSink): Promise<void> {
    let failure: string | undefined;
    try {
      await readJsonLines(stream, (value) => {
        const event = value as {
          stream?: string;
          status?: string;
          progress?: string;
          id?: string;
          error?: string;
          errorDetail?: { message?: string };
        };
        if (event.error || event.errorDetail) {
          failure ??= event.errorDetail?.message ?? event.error ?? 'the engine reported an error';
          return onOutput(`${failure}\n`);
        }
        if (event.stream !== undefined) return onOutput(event.stream);
        if (event.status) {
          const id = event.id ? `${event.id}: ` : '';
          return onOutput(`${id}${event.status}${event.progress ? ` ${event.progress}` : ''}\n`);
        }
      });
    } catch (err) {
      if (!failure) throw this.translate(err, 'engine');
    }
    if (failure) throw new DomainError('ENGINE_FAILED', failure);
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw this.translate(e, what);
    }
  }

  private translate(e: unknown, what: string): DomainError {
    if (e instanceof DomainError) return e;
    const err = e as {
      statusCode?: number;
      code?: string;
      json?: { message?: string };
      reason?: string;
      message?: string;
    };
    if (
      (err.code && UNREACHABLE.has(err.code)) ||
      (err.statusCode === undefined && /socket hang up/i.test(err.message ?? ''))
    ) {
      this.facts = undefined;
      return new DomainError('ENGINE_UNAVAILABLE', 'The Docker engine does not answer');
    }
    // On streamed requests (pull, build) docker-modem leaves `json` empty and puts the engine's message in `message`.
    const streamed = /^\(HTTP code \d+\) [^-]*- ([\s\S]+)$/.exec(err.message ?? '')?.[1];
    const message = (err.json?.message ?? streamed ?? err.reason ?? err.message ?? 'engine error').toString().trim();
    switch (err.statusCode) {
      case 400:
        return new DomainError('BAD_REQUEST', `${what}: ${message}`);
      case 404:
        return new DomainError('NOT_FOUND', `${what}: ${message}`);
      case 409:
        return new DomainError('CONFLICT', `${what}: ${message}`);
      default:
        return new DomainError('ENGINE_FAILED', `${what}: ${message}`);
    }
  }
}
