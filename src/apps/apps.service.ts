import { Inject, Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import { fieldErrorsOf, validationProblem } from '../common/field-errors';
import { NAME_PATTERN, nameMessage } from '../catalog/name-pattern';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DockerService } from '../docker/docker.service';
import { ImageService } from '../image/image.service';
import { outsideStorage } from '../storage/confined-dir';
import { MountSource, StorageService, mountSourceIn } from '../storage/storage.service';
import {
  DEFAULT_COMMAND,
  DEFAULT_INPUT,
  DEFAULT_OUTPUT,
  containerPathOf,
  imageSpecOf,
  sourceLocationOf,
} from './app-plan';
import { LOG_TAIL_LINES } from './app-containers';
import { AppServersService } from './app-servers.service';
import { AppModuleDto } from './dto/app-module.dto';
import { ScriptRunsService } from './script-runs.service';

export const MANIFEST_FILE = 'appinfo.json';
const MANIFEST_MAX_BYTES = 1024 * 1024;

/** A module as read from its folder. */
export interface LoadedModule {
  module: AppModuleDto;
  /** Absolute path of `<APPS_DIR>/<id>`. */
  folder: string;
}

/**
 * App modules: ready-made programs shipped as folders `<APPS_DIR>/<id>/` with
 * an `appinfo.json`. Manifests are read afresh on every call, so a module
 * added to the folder is listed without a restart; an invalid manifest is
 * left out of the list with a warning in the log, and running it answers 422
 * naming the problem. A run builds the module's image first when its tag is
 * missing, then hands over to the script or server runner.
 */
@Injectable()
export class AppsService {
  private readonly logger = new Logger('AppsService');
  /** The last problem logged per module, so a broken manifest is not reported on every listing. */
  private readonly reported = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly docker: DockerService,
    private readonly images: ImageService,
    private readonly scripts: ScriptRunsService,
    private readonly servers: AppServersService,
    private readonly storage: StorageService,
  ) {}

  /** Every valid module, by id. */
  async list(): Promise<AppModuleDto[]> {
    let entries: string[];
    try {
      entries = (await fs.readdir(this.config.APPS_DIR, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const modules: AppModuleDto[] = [];
    for (const id of entries.filter((name) => NAME_PATTERN.test(name)).sort()) {
      const loaded = await this.load(id);
      if (loaded === undefined) continue;
      if (typeof loaded === 'string') {
        if (this.reported.get(id) !== loaded) this.logger.warn(`app module "${id}" left out: ${loaded}`);
        this.reported.set(id, loaded);
        continue;
      }
      this.reported.delete(id);
      modules.push(loaded.module);
    }
    return modules;
  }

  /** Runs a module with the request body; answers what the module answered. */
  async run(id: string, body: unknown): Promise<unknown> {
    if (!NAME_PATTERN.test(id)) throw validationProblem([{ field: 'module_id', message: nameMessage('module_id') }]);
    const params = body ?? {};
    if (typeof params !== 'object' || Array.isArray(params)) {
      throw validationProblem([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    const loaded = await this.load(id);
    if (loaded === undefined) throw new DomainError('NOT_FOUND', `App module "${id}" not found`);
    if (typeof loaded === 'string')
      throw new DomainError('UNPROCESSABLE', `App module "${id}" has an invalid ${MANIFEST_FILE}: ${loaded}`);
    // Checked here for both kinds: the engine would refuse the mount with a bare 400.
    const source = await this.sourceOf(loaded);
    await this.ensureImage(loaded.module);
    return loaded.module.type === 'script'
      ? this.scripts.run(loaded, source, params as Record<string, unknown>)
      : this.servers.call(loaded, source, params as Record<string, unknown>);
  }

  /**
   * The module's source folder as a mount source: its real path, which must
   * lie inside the module folder (or, for a storage reference, the storage)
   * once symlinks are resolved. Anything else is a 422 naming the folder.
   */
  private async sourceOf({ module, folder }: LoadedModule): Promise<MountSource> {
    const src = module.execution.src ?? '.';
    const what = `App module "${module.id}": source folder "${src}"`;
    const location = sourceLocationOf(src);
    try {
      if ('storageRef' in location) return await this.storage.resolveMountSource(location.storageRef);
      return await mountSourceIn(await fs.realpath(folder), location.moduleSegments);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'BAD_REQUEST') throw e;
      if (e.detail === 'folder not found') {
        const shown = 'storageRef' in location ? location.storageRef : path.join(folder, ...location.moduleSegments);
        throw new DomainError('UNPROCESSABLE', `${what} (${shown}) does not exist`);
      }
      const outsideModule = 'moduleSegments' in location && e.detail === outsideStorage().detail;
      throw new DomainError(
        'UNPROCESSABLE',
        `${what}: ${outsideModule ? 'it leads outside the module folder' : e.detail}`,
      );
    }
  }

  /**
   * Builds the module's image through the image service when the engine does
   * not have its tag, waiting at most APP_RUN_TIMEOUT_SECONDS: a longer build
   * answers TIMEOUT with its log so far and goes on; a later call joins it.
   */
  private async ensureImage(module: AppModuleDto): Promise<void> {
    const spec = imageSpecOf(module);
    if (!spec) {
      if (!(await this.docker.imageId(module.image.tag))) {
        throw new DomainError(
          'UNPROCESSABLE',
          `App module "${module.id}": image ${module.image.tag} is missing and ${MANIFEST_FILE} has no image.build`,
        );
      }
      return;
    }
    const seconds = this.config.APP_RUN_TIMEOUT_SECONDS;
    const build = this.images.ensureImage(spec);
    let timer: NodeJS.Timeout | undefined;
    try {
      const ended = await Promise.race([
        build.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), seconds * 1000))),
      ]);
      if (!ended) {
        // The build goes on; its outcome is for a later call (which joins it).
        build.catch(() => undefined);
        throw new DomainError(
          'TIMEOUT',
          `App module "${module.id}": the build of image ${module.image.tag} did not finish within ${seconds} s; it goes on, and a later call waits for it again`,
          {
            log: await this.buildLogTail(module.image.tag),
          },
        );
      }
    } catch (e) {
      if (e instanceof DomainError && e.code === 'BAD_REQUEST') {
        throw new DomainError('UNPROCESSABLE', `App module "${module.id}" has an invalid image: ${e.detail}`, e.extra);
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last lines of the image build's log; empty when the image service keeps no record of it. */
  private buildLogTail(tag: string): Promise<string[]> {
    return this.images.buildLogTail(tag, LOG_TAIL_LINES).catch(() => []);
  }

  /**
   * Reads and checks a module's manifest: the module with every default
   * filled in, a string saying what is wrong, or undefined when there is no
   * such module.
   */
  private async load(id: string): Promise<LoadedModule | string | undefined> {
    const folder = path.join(this.config.APPS_DIR, id);
    const file = path.join(folder, MANIFEST_FILE);
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return undefined;
      if (stat.size > MANIFEST_MAX_BYTES) return `${MANIFEST_FILE} is larger than ${MANIFEST_MAX_BYTES} bytes`;
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if (['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return undefined;
      return `cannot read ${MANIFEST_FILE}: ${(e as Error).message}`;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return `${MANIFEST_FILE} is not valid JSON (${(e as Error).message})`;
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return `${MANIFEST_FILE} must hold a JSON object`;
    const manifest = raw as Record<string, unknown>;
    if (manifest.id !== undefined && manifest.id !== id) {
      const named = typeof manifest.id === 'string' ? manifest.id : JSON.stringify(manifest.id);
      return `id "${named}" differs from the folder name "${id}"`;
    }
    // Unknown fields are ignored, so manifests may carry notes of their own.
    const dto = plainToInstance(AppModuleDto, { ...manifest, id });
    const problems = fieldErrorsOf(validateSync(dto, { whitelist: true, forbidUnknownValues: false })).map(
      (p) => `${p.field}: ${p.message}`,
    );
    if (problems.length) return problems.join('; ');
    const execution = dto.execution;
    if (dto.type === 'server' && execution.port === undefined)
      problems.push('execution.port: a server module needs a port');
    try {
      sourceLocationOf(execution.src);
      containerPathOf(execution.input, DEFAULT_INPUT);
      containerPathOf(execution.output, DEFAULT_OUTPUT);
    } catch (e) {
      problems.push((e as Error).message);
    }
    if (problems.length) return problems.join('; ');
    const build = dto.image.build;
    const module: AppModuleDto = {
      id,
      name: dto.name,
      type: dto.type,
      image: {
        tag: dto.image.tag,
        ...(build
          ? {
              build: {
                base: build.base,
                update: build.update ?? false,
                apt: build.apt ?? '',
                pip: build.pip ?? '',
                additional_command: build.additional_command ?? [],
              },
            }
          : {}),
      },
      execution: {
        src: execution.src ?? '.',
        command: execution.command?.length ? execution.command : DEFAULT_COMMAND,
        command_params: execution.command_params ?? [],
        input: execution.input ?? DEFAULT_INPUT,
        output: execution.output ?? DEFAULT_OUTPUT,
        ...(execution.port !== undefined ? { port: execution.port } : {}),
      },
    };
    return { module, folder };
  }
}
