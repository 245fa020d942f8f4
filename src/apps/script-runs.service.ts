import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { requestContext } from '../common/request-context';
import { grantRunUser, parseRunUser } from '../common/run-user';
import { DockerService } from '../docker/docker.service';
import { RunLifecycle } from '../exec/run-lifecycle';
import { ConfinedDir, removeTreeAt } from '../storage/confined-dir';
import { errnoOf } from '../storage/fs-errors';
import type { MountSource } from '../storage/storage.service';
import { containerUser, logTail, ownerOf } from './app-containers';
import {
  APP_ROOT,
  DEFAULT_INPUT,
  DEFAULT_OUTPUT,
  LABEL_KIND,
  LABEL_MODULE,
  LABEL_OWNER,
  LABEL_RUN,
  PARAMS_FILE,
  RESULT_FILE,
  commandOf,
  containerPathOf,
  insideAppRoot,
} from './app-plan';
import type { LoadedModule } from './apps.service';

const RESULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Runs script modules: each run gets its own folders under
 * DATA_DIR/app-runs/<run-id>/ (input with params.json, output for
 * result.json), so concurrent runs of one module never see each other's
 * files. The container has no network, the module's source read-only at
 * /app, and a time limit (APP_RUN_TIMEOUT_SECONDS) after which it is killed.
 */
@Injectable()
export class ScriptRunsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ScriptRunsService');
  private readonly runsDir: string;
  private readonly owner: string;
  /** Containers of runs in progress: removed if the service stops meanwhile. */
  private readonly active = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly docker: DockerService,
    private readonly lifecycle: RunLifecycle,
  ) {
    this.runsDir = path.join(config.DATA_DIR, 'app-runs');
    this.owner = ownerOf(config.DATA_DIR);
  }

  /** Clears what a crash of an earlier life of the service left: run folders and script containers. */
  async onModuleInit(): Promise<void> {
    // Run folders were writable by the runs' containers: removed without following a symlink.
    await removeTreeAt(this.runsDir);
    void this.docker
      .listContainers([`${LABEL_KIND}=script`, `${LABEL_OWNER}=${this.owner}`])
      .then((found) => Promise.all(found.map((c) => this.docker.removeContainer(c.Id, true).catch(() => undefined))))
      .catch(() => this.logger.warn('could not look for leftover script containers (engine unavailable)'));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.active].map((id) => this.docker.removeContainer(id, true).catch(() => undefined)));
  }

  /** Runs the module once with `params` as params.json; answers its result.json. */
  async run({ module }: LoadedModule, source: MountSource, params: Record<string, unknown>): Promise<unknown> {
    const execution = module.execution;
    const inputTarget = containerPathOf(execution.input, DEFAULT_INPUT);
    const outputTarget = containerPathOf(execution.output, DEFAULT_OUTPUT);
    const runId = randomBytes(12).toString('hex');
    const runDir = path.join(this.runsDir, runId);
    const inputDir = path.join(runDir, 'input');
    const outputDir = inputTarget === outputTarget ? inputDir : path.join(runDir, 'output');
    // Admitted by the same scheduler as exec runs (a slot within EXEC_MAX_RUNNING and the budgets), held until it ends.
    const owner = requestContext.getStore()?.caller.tokenId ?? null;
    const slot = await this.lifecycle.acquire(`app-${module.id}-${runId.slice(0, 12)}`, owner, {
      gpus: 0,
      cpus: 0,
      memoryBytes: 0,
    });
    try {
      await fs.mkdir(inputDir, { recursive: true });
      await fs.mkdir(outputDir, { recursive: true });
      for (const dir of new Set([inputDir, outputDir])) await grantRunUser(dir, parseRunUser(this.config.EXEC_USER));
      await fs.writeFile(path.join(inputDir, PARAMS_FILE), JSON.stringify(params));
      for (const target of new Set([inputTarget, outputTarget])) await this.ensureMountPoint(module.id, source, target);
      const mounts = [
        { source: source.source, confinedTo: source.confinedTo, target: APP_ROOT, readOnly: true },
        ...(outputDir === inputDir
          ? [{ source: inputDir, target: inputTarget }]
          : [
              { source: inputDir, target: inputTarget, readOnly: true },
              { source: outputDir, target: outputTarget },
            ]),
      ];
      const id = await this.docker.createContainer({
        name: `webapi-app-${module.id}-${runId.slice(0, 12)}`,
        image: module.image.tag,
        cmd: commandOf(execution),
        workingDir: APP_ROOT,
        env: {
          APP_INPUT_DIR: inputTarget,
          APP_OUTPUT_DIR: outputTarget,
          PYTHONUNBUFFERED: '1',
          PYTHONDONTWRITEBYTECODE: '1',
        },
        labels: { [LABEL_KIND]: 'script', [LABEL_MODULE]: module.id, [LABEL_RUN]: runId, [LABEL_OWNER]: this.owner },
        mounts,
        networkMode: 'none',
        pidsLimit: this.config.EXEC_PIDS_LIMIT,
        logMaxSize: '10m',
        logMaxFile: 1,
        user: containerUser(this.config),
      });
      this.active.add(id);
      try {
        return await this.execute(module.id, id, path.join(outputDir, RESULT_FILE));
      } finally {
        this.active.delete(id);
        await this.docker
          .removeContainer(id, true)
          .catch((e) => this.logger.warn(`could not remove container ${id}: ${(e as Error).message}`));
      }
    } finally {
      slot.release();
      await removeTreeAt(runDir);
    }
  }

  /**
   * A mount point inside the read-only /app must exist in the module's source
   * folder. The module may ship it (the examples do), so the service writes
   * nothing there; a missing one is created, each folder relative to its
   * opened parent. A symlink on the way (the engine would follow it) or a
   * file is refused, and when the folder cannot take it (read-only, another
   * owner) the run answers UNPROCESSABLE naming it.
   */
  private async ensureMountPoint(moduleId: string, source: MountSource, target: string): Promise<void> {
    const inside = insideAppRoot(target);
    if (!inside) return;
    const mountPoint = path.join(source.source, inside);
    const hint = `create the folder in the module, or give execution.input/output as absolute container paths`;
    let dir = await ConfinedDir.open(source.source, []);
    try {
      for (const name of inside.split('/')) {
        const next = await dir.sub(name, { create: true, noFollow: true });
        await dir.close();
        dir = next;
      }
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'ELOOP' || code === 'ENOTDIR' || code === 'EEXIST') {
        throw new DomainError(
          'UNPROCESSABLE',
          `App module "${moduleId}": ${mountPoint} (the mount point of ${target}) is not a folder (a symlink or a file); ${hint}`,
        );
      }
      throw new DomainError(
        'UNPROCESSABLE',
        `App module "${moduleId}": cannot create ${mountPoint}, the mount point of ${target} (${code ?? (e as Error).message}); ${hint}`,
      );
    } finally {
      await dir.close().catch(() => undefined);
    }
  }

  /** Starts the container, waits for its end within the time limit, and reads its result. */
  private async execute(moduleId: string, id: string, resultFile: string): Promise<unknown> {
    const seconds = this.config.APP_RUN_TIMEOUT_SECONDS;
    await this.docker.startContainer(id);
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      this.docker.waitContainer(id),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), seconds * 1000))),
    ]).finally(() => clearTimeout(timer));
    if (exit === 'timeout') {
      await this.docker.stopContainer(id, 0).catch(() => undefined);
      throw new DomainError('TIMEOUT', `App module "${moduleId}" did not finish within ${seconds} s and was stopped`, {
        log: await logTail(this.docker, id),
      });
    }
    if (exit !== 0) {
      throw new DomainError('UPSTREAM_FAILED', `App module "${moduleId}" failed with exit code ${exit}`, {
        log: await logTail(this.docker, id),
      });
    }
    const stat = await fs.stat(resultFile).catch(() => undefined);
    if (!stat?.isFile()) {
      throw new DomainError('UPSTREAM_FAILED', `App module "${moduleId}" finished without writing ${RESULT_FILE}`, {
        log: await logTail(this.docker, id),
      });
    }
    if (stat.size > RESULT_MAX_BYTES) {
      throw new DomainError(
        'UPSTREAM_FAILED',
        `App module "${moduleId}" wrote a ${RESULT_FILE} larger than ${RESULT_MAX_BYTES} bytes`,
      );
    }
    try {
      return JSON.parse(await fs.readFile(resultFile, 'utf8'));
    } catch (e) {
      throw new DomainError(
        'UPSTREAM_FAILED',
        `App module "${moduleId}" wrote a ${RESULT_FILE} that is not valid JSON (${(e as Error).message})`,
        {
          log: await logTail(this.docker, id),
        },
      );
    }
  }
}
