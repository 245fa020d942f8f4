import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DockerService } from '../docker/docker.service';
import { containerUser, logTail, ownerOf, sleep } from './app-containers';
import type { MountSource } from '../storage/storage.service';
import { APP_ROOT, LABEL_FOLDER, LABEL_KEY, LABEL_KIND, LABEL_MODULE, LABEL_OWNER, commandOf } from './app-plan';
import type { LoadedModule } from './apps.service';

const PING_INTERVAL_MS = 250;
const STOP_GRACE_SECONDS = 5;
const ANSWER_PREVIEW_CHARS = 2000;

interface RunningServer {
  containerId: string;
  port: number;
  /** Hash of what the container was started from: manifest, folder, image id, network. */
  key: string;
}

/** True when something accepts connections on 127.0.0.1:port. */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Server modules: each module's container is started once, on its port on
 * loopback, and kept running; later calls reuse it, also after a crash of
 * the service (found again by its labels, of this service instance only). Calls wait until it answers
 * `GET /api/ping` with `{"success": true}`, then forward the body as
 * `POST /api/run`. The containers are stopped and removed when the service
 * shuts down.
 */
@Injectable()
export class AppServersService implements OnApplicationShutdown {
  private readonly logger = new Logger('AppServersService');
  /** Running servers by module folder. */
  private readonly servers = new Map<string, RunningServer>();
  /** Start-ups in progress by module folder: concurrent first calls share one. */
  private readonly starting = new Map<string, Promise<RunningServer>>();
  private readonly owner: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly docker: DockerService,
  ) {
    this.owner = ownerOf(config.DATA_DIR);
  }

  /** Sends `params` to the module's server; answers its JSON. */
  async call(loaded: LoadedModule, source: MountSource, params: Record<string, unknown>): Promise<unknown> {
    const server = await this.ready(loaded, source);
    return this.post(loaded, server, params);
  }

  async onApplicationShutdown(): Promise<void> {
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(
      servers.map(async (s) => {
        await this.docker.stopContainer(s.containerId, STOP_GRACE_SECONDS).catch(() => undefined);
        await this.docker.removeContainer(s.containerId, true).catch(() => undefined);
      }),
    );
  }

  // ---- start-up -------------------------------------------------------------

  /** The module's running server: the known one, one found by its labels, or a new one. */
  private async ready(loaded: LoadedModule, source: MountSource): Promise<RunningServer> {
    const pending = this.starting.get(loaded.folder);
    if (pending) return pending;
    const start = this.findOrStart(loaded, source).finally(() => this.starting.delete(loaded.folder));
    this.starting.set(loaded.folder, start);
    return start;
  }

  private async findOrStart(loaded: LoadedModule, source: MountSource): Promise<RunningServer> {
    const { module, folder } = loaded;
    const networkMode = await this.networkMode();
    const imageId = (await this.docker.imageId(module.image.tag)) ?? '';
    const key = createHash('sha256')
      .update(JSON.stringify({ module, folder, source: source.source, imageId, networkMode }))
      .digest('hex')
      .slice(0, 32);
    const port = module.execution.port!;

    const known = this.servers.get(folder);
    if (known?.key === key && (await this.isRunning(known.containerId))) return known;

    // This instance's containers of this module folder: adopt the one started
    // from the same manifest and image; remove the others (stale or stopped).
    // Another service sharing the modules folder has a different owner label.
    let adopted: RunningServer | undefined;
    for (const c of await this.docker.listContainers([
      `${LABEL_KIND}=server`,
      `${LABEL_FOLDER}=${folder}`,
      `${LABEL_OWNER}=${this.owner}`,
    ])) {
      if (!adopted && c.Labels[LABEL_KEY] === key && c.State === 'running') {
        adopted = { containerId: c.Id, port, key };
      } else {
        this.logger.log(`removing ${c.State} server container ${c.Id.slice(0, 12)} of app module "${module.id}"`);
        await this.docker.removeContainer(c.Id, true).catch(() => undefined);
      }
    }
    if (adopted) {
      this.servers.set(folder, adopted);
      await this.waitUntilReady(module.id, adopted);
      return adopted;
    }
    this.servers.delete(folder);

    if (networkMode === 'host' && (await portAnswers(port))) {
      throw new DomainError('CONFLICT', `App module "${module.id}": port ${port} is already in use by another program`);
    }
    const containerId = await this.docker.createContainer({
      name: `webapi-app-${module.id}-${randomBytes(6).toString('hex')}`,
      image: module.image.tag,
      cmd: commandOf(module.execution),
      workingDir: APP_ROOT,
      env: {
        APP_PORT: String(port),
        // With host networking the server stays on loopback; with a bridge it must listen on the container's interface.
        APP_HOST: networkMode === 'host' ? '127.0.0.1' : '0.0.0.0',
        PYTHONUNBUFFERED: '1',
        PYTHONDONTWRITEBYTECODE: '1',
      },
      labels: {
        [LABEL_KIND]: 'server',
        [LABEL_MODULE]: module.id,
        [LABEL_FOLDER]: folder,
        [LABEL_KEY]: key,
        [LABEL_OWNER]: this.owner,
      },
      mounts: [{ source: source.source, confinedTo: source.confinedTo, target: APP_ROOT, readOnly: true }],
      networkMode,
      publishPorts: networkMode === 'bridge' ? [port] : undefined,
      pidsLimit: this.config.EXEC_PIDS_LIMIT,
      logMaxSize: '10m',
      logMaxFile: 1,
      user: containerUser(this.config),
    });
    const server = { containerId, port, key };
    try {
      await this.docker.startContainer(containerId);
      await this.waitUntilReady(module.id, server);
    } catch (e) {
      await this.docker.removeContainer(containerId, true).catch(() => undefined);
      throw e;
    }
    this.servers.set(folder, server);
    this.logger.log(`app module "${module.id}" serving on port ${port} (container ${containerId.slice(0, 12)})`);
    return server;
  }

  /** Waits, within APP_SERVER_READY_TIMEOUT_SECONDS, until the server answers /api/ping with {"success": true}. */
  private async waitUntilReady(moduleId: string, server: RunningServer): Promise<void> {
    const seconds = this.config.APP_SERVER_READY_TIMEOUT_SECONDS;
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/ping`, { signal: AbortSignal.timeout(2000) });
        if (res.ok && ((await res.json()) as { success?: unknown })?.success === true) return;
      } catch {
        // Not listening yet.
      }
      const state = await this.docker
        .inspectContainer(server.containerId)
        .then((i) => i.State)
        .catch(() => undefined);
      if (!state?.Running) {
        const log = await logTail(this.docker, server.containerId);
        throw new DomainError(
          'UPSTREAM_FAILED',
          `App module "${moduleId}" stopped (exit code ${state?.ExitCode ?? 'unknown'}) before answering /api/ping`,
          { log },
        );
      }
      if (Date.now() > deadline) {
        const log = await logTail(this.docker, server.containerId);
        throw new DomainError(
          'TIMEOUT',
          `App module "${moduleId}" did not answer /api/ping on port ${server.port} within ${seconds} s`,
          { log },
        );
      }
      await sleep(PING_INTERVAL_MS);
    }
  }

  // ---- calls ----------------------------------------------------------------

  private async post(
    { module, folder }: LoadedModule,
    server: RunningServer,
    params: Record<string, unknown>,
  ): Promise<unknown> {
    const seconds = this.config.APP_RUN_TIMEOUT_SECONDS;
    let res: Response;
    let text: string;
    try {
      res = await fetch(`http://127.0.0.1:${server.port}/api/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(seconds * 1000),
      });
      text = await res.text();
    } catch (e) {
      const log = await logTail(this.docker, server.containerId);
      if ((e as Error).name === 'TimeoutError') {
        throw new DomainError('TIMEOUT', `App module "${module.id}" did not answer /api/run within ${seconds} s`, {
          log,
        });
      }
      if (!(await this.isRunning(server.containerId))) this.servers.delete(folder);
      throw new DomainError(
        'UPSTREAM_FAILED',
        `App module "${module.id}" could not be reached: ${(e as Error).message}`,
        { log },
      );
    }
    if (!res.ok) {
      throw new DomainError(
        'UPSTREAM_FAILED',
        `App module "${module.id}" answered /api/run with HTTP ${res.status}: ${text.slice(0, ANSWER_PREVIEW_CHARS)}`,
        {
          log: await logTail(this.docker, server.containerId),
        },
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new DomainError(
        'UPSTREAM_FAILED',
        `App module "${module.id}" answered /api/run with something other than JSON: ${text.slice(0, ANSWER_PREVIEW_CHARS)}`,
        {
          log: await logTail(this.docker, server.containerId),
        },
      );
    }
  }

  // ---- helpers --------------------------------------------------------------

  private async networkMode(): Promise<'host' | 'bridge'> {
    const mode = this.config.APP_SERVER_NETWORK_MODE;
    if (mode === 'host' || mode === 'bridge') return mode;
    return (await this.docker.engineFacts()).hasBridgeNetwork ? 'bridge' : 'host';
  }

  private isRunning(containerId: string): Promise<boolean> {
    return this.docker
      .inspectContainer(containerId)
      .then((i) => i.State.Running)
      .catch(() => false);
  }
}
