import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, conflict, notFound } from '../common/domain-error';
import { validationProblem } from '../common/validation';
import { DockerService } from '../docker/docker.service';
import { BuildLog } from './build-log';
import {
  ImageBuildSpec,
  InvalidBuildSpecError,
  ValidBuildSpec,
  generateDockerfile,
  isImageRefOrId,
  isImageTag,
  normalizeImageTag,
  parseBuildSpec,
} from './dockerfile';
import { BuildResult, BuildStatus, ImageBuildDto, SuccessDto } from './dto/image-build.dto';
import { ImageSummaryDto } from './dto/image-summary.dto';

/** Finished build records kept at most; the oldest finished ones are forgotten first. */
const MAX_FINISHED_RECORDS = 500;
/** Lines of the log a failed ensureImage reports. */
const FAILURE_LOG_LINES = 50;
/** How long shutdown waits for aborted builds to settle. */
const SHUTDOWN_WAIT_MS = 5000;
const CANCELED = 'The service stopped during the build';
/** Pull progress events that repeat for every chunk of every layer: not worth a log line each. */
const PULL_CHATTER = /^[0-9a-f]{6,}: (Downloading|Extracting|Waiting|Verifying Checksum)\b/;

/** A build as the service remembers it (in memory; records do not survive a restart). */
interface BuildRecord {
  name: string;
  status: BuildStatus;
  result: BuildResult | null;
  error: string | null;
  imageId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  log: BuildLog;
}

/** A validated spec with its Dockerfile, ready to build. */
interface PreparedBuild {
  /** The tag, with Docker's implied `:latest`. */
  name: string;
  baseImage: string;
  dockerfile: string;
}

interface RunningBuild {
  record: BuildRecord;
  abort: AbortController;
  /** Settles (never rejects) with the record once the build ended. */
  done: Promise<BuildRecord>;
}

/**
 * Image builds and the engine's image list. A build is generated from a
 * validated spec (dockerfile.ts), runs in the background through the Docker
 * provider, and is followed through its record. Other modules use
 * `ensureImage` to have an image built before they run it.
 */
@Injectable()
export class ImageService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ImageService');
  private readonly records = new Map<string, BuildRecord>();
  private readonly running = new Map<string, RunningBuild>();
  private readonly listeners = new Set<(build: ImageBuildDto) => void>();

  constructor(
    private readonly docker: DockerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- builds ---------------------------------------------------------------

  /** Starts a build; returns once it is under way. CONFLICT while one for the same name runs. */
  async createImage(spec: ImageBuildSpec): Promise<SuccessDto> {
    await this.start(this.prepare(spec));
    return { success: true };
  }

  /** The record of a build, running or ended. */
  getImageBuild(name: string): ImageBuildDto {
    return this.view(this.recordOf(name));
  }

  /** Forgets a build's record; a running build goes on. */
  deleteImageBuild(name: string): SuccessDto {
    const key = this.buildName(name);
    if (!this.records.delete(key)) throw notFound(`No build record for image ${key}`);
    return { success: true };
  }

  /**
   * Makes sure the image `spec.name` exists: resolves at once when the engine
   * has the tag; otherwise starts (or joins the running) build of it through
   * the same path as POST /create and waits for its end. A failed build
   * throws UNPROCESSABLE `Image build failed: <error>` with the log's last
   * lines in `log`; an invalid spec throws the same 400 as the route.
   */
  async ensureImage(spec: ImageBuildSpec): Promise<void> {
    const build = this.prepare(spec);
    const { name } = build;
    if (await this.docker.imageId(name)) return;
    let run = this.running.get(name);
    if (!run) {
      try {
        run = await this.start(build);
      } catch (e) {
        // Another caller started it in the meantime: join that build.
        run = e instanceof DomainError && e.code === 'CONFLICT' ? this.running.get(name) : undefined;
        if (!run) throw e;
      }
    }
    const record = await run.done;
    if (record.result !== BuildResult.succeeded) {
      throw new DomainError('UNPROCESSABLE', `Image build failed: ${record.error ?? 'unknown error'}`, {
        log: record.log.tail(FAILURE_LOG_LINES),
      });
    }
  }

  /** Calls `listener` when a build starts and when it ends; returns the unsubscribe function. */
  onBuildChange(listener: (build: ImageBuildDto) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(record: BuildRecord): void {
    if (!this.listeners.size) return;
    const build = this.view(record);
    for (const listener of this.listeners) listener(build);
  }

  // ---- images ---------------------------------------------------------------

  async listImages(): Promise<ImageSummaryDto[]> {
    return (await this.docker.listImages()) as unknown as ImageSummaryDto[];
  }

  /** Removes an image by reference or id: NOT_FOUND when absent, CONFLICT when a container uses it. */
  async deleteImage(name: string): Promise<SuccessDto> {
    if (!isImageRefOrId(name)) {
      throw validationProblem([{ field: 'name', message: 'name must be a Docker image reference or image id' }]);
    }
    await this.docker.removeImage(name);
    return { success: true };
  }

  // ---- lifecycle ------------------------------------------------------------

  /** Running builds are aborted and recorded as canceled when the service stops. */
  async beforeApplicationShutdown(): Promise<void> {
    const runs = [...this.running.values()];
    if (!runs.length) return;
    this.logger.warn(`canceling ${runs.length} running image build(s)`);
    for (const run of runs) run.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(runs.map((r) => r.done)),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS))),
    ]);
    clearTimeout(timer);
    for (const run of runs) this.finish(run.record, BuildResult.canceled, CANCELED);
  }

  // ---- internals ------------------------------------------------------------

  /** Validates a spec, once (400 naming each field), and generates its Dockerfile. */
  private prepare(spec: ImageBuildSpec): PreparedBuild {
    let valid: ValidBuildSpec;
    try {
      valid = parseBuildSpec(spec);
    } catch (e) {
      throw e instanceof InvalidBuildSpecError ? validationProblem(e.errors) : e;
    }
    const dockerfile = generateDockerfile(valid, {
      pipIndexUrl: this.config.BUILD_PIP_INDEX_URL,
      pipTrustedHost: this.config.BUILD_PIP_TRUSTED_HOST,
    });
    return { name: normalizeImageTag(valid.name), baseImage: valid.baseImage, dockerfile };
  }

  private async start({ name, baseImage, dockerfile }: PreparedBuild): Promise<RunningBuild> {
    if (this.running.has(name)) throw conflict(`Image ${name} is still building`);
    // Asking the engine first answers 503 at once when it is away.
    const networkMode = await this.networkMode();
    if (this.running.has(name)) throw conflict(`Image ${name} is still building`);

    const record: BuildRecord = {
      name,
      status: BuildStatus.running,
      result: null,
      error: null,
      imageId: null,
      startedAt: new Date(),
      finishedAt: null,
      log: new BuildLog(this.config.BUILD_LOG_MAX_LINES),
    };
    const abort = new AbortController();
    const run: RunningBuild = { record, abort, done: Promise.resolve(record) };
    run.done = this.build(record, baseImage, dockerfile, networkMode, abort.signal)
      .catch((e) => {
        if (abort.signal.aborted) return this.finish(record, BuildResult.canceled, CANCELED);
        if (!(e instanceof DomainError)) this.logger.error(`build of ${name}: ${(e as Error)?.stack ?? e}`);
        const message = e instanceof DomainError ? e.detail : ((e as Error)?.message ?? String(e));
        record.log.line(message);
        this.finish(record, BuildResult.failed, message);
      })
      .then(() => {
        if (this.running.get(name) === run) this.running.delete(name);
        return record;
      });
    this.records.delete(name);
    this.records.set(name, record);
    this.running.set(name, run);
    this.trimRecords();
    this.tell(record);
    return run;
  }

  /** Pull (if needed) and build; records the outcome. Never throws for the engine's refusals. */
  private async build(record: BuildRecord, baseImage: string, dockerfile: string, networkMode: string | undefined, signal: AbortSignal): Promise<void> {
    const log = record.log;
    const canceled = (): boolean => {
      if (signal.aborted) this.finish(record, BuildResult.canceled, CANCELED);
      return signal.aborted;
    };

    if (!(await this.docker.imageId(baseImage))) {
      log.line(`Pulling base image ${baseImage}`);
      try {
        await this.docker.pullImage(baseImage, (text) => (PULL_CHATTER.test(text) ? undefined : log.write(text)), signal);
      } catch (e) {
        if (canceled()) return;
        const message = e instanceof DomainError ? e.detail : (e as Error).message;
        log.line(message);
        return this.finish(record, BuildResult.failed, `Pulling base image ${baseImage} failed: ${message}`);
      }
      log.flush();
    }
    if (canceled()) return;

    const outcome = await this.docker.buildImage(await tarContext(dockerfile), {
      tag: record.name,
      networkMode,
      signal,
      onOutput: (text) => log.write(text),
    });
    log.flush();
    if (canceled()) return;
    if (outcome.error !== undefined || !outcome.imageId) {
      const error = outcome.error ?? `The engine reported no image ${record.name} after the build`;
      if (outcome.error === undefined) log.line(error);
      return this.finish(record, BuildResult.failed, error);
    }
    record.imageId = outcome.imageId;
    this.finish(record, BuildResult.succeeded, null);
  }

  private finish(record: BuildRecord, result: BuildResult, error: string | null): void {
    if (record.status === BuildStatus.exited) return;
    record.log.flush();
    record.status = BuildStatus.exited;
    record.result = result;
    record.error = error;
    record.finishedAt = new Date();
    this.tell(record);
  }

  /** BUILD_NETWORK_MODE: `auto` is host networking when the engine has no bridge network. */
  private async networkMode(): Promise<string | undefined> {
    const mode = this.config.BUILD_NETWORK_MODE;
    if (mode !== 'auto') return mode;
    return (await this.docker.engineFacts()).hasBridgeNetwork ? undefined : 'host';
  }

  private buildName(name: string): string {
    if (!isImageTag(name)) {
      throw validationProblem([{ field: 'name', message: 'name must be an image name such as "my-image" or "team/my-image:1.0"' }]);
    }
    return normalizeImageTag(name);
  }

  private recordOf(name: string): BuildRecord {
    const key = this.buildName(name);
    const record = this.records.get(key);
    if (!record) throw notFound(`No build record for image ${key}`);
    return record;
  }

  private view(record: BuildRecord): ImageBuildDto {
    return {
      name: record.name,
      status: record.status,
      lines: record.log.lines(),
      droppedLines: record.log.dropped,
      result: record.result,
      error: record.error,
      imageId: record.imageId,
      startedAt: record.startedAt.toISOString(),
      finishedAt: record.finishedAt?.toISOString() ?? null,
    };
  }

  /** Keeps memory bounded: forgets the oldest finished records beyond MAX_FINISHED_RECORDS. */
  private trimRecords(): void {
    let finished = [...this.records.values()].filter((r) => r.status === BuildStatus.exited).length;
    for (const [key, record] of this.records) {
      if (finished <= MAX_FINISHED_RECORDS) break;
      if (record.status === BuildStatus.exited) {
        this.records.delete(key);
        finished--;
      }
    }
  }
}

/** The build context: a tar holding only the Dockerfile. */
async function tarContext(dockerfile: string): Promise<Readable> {
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile', mode: 0o644, mtime: new Date(0) }, dockerfile);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Readable.from([Buffer.concat(chunks)]);
}
