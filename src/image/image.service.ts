import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DomainError, notFound } from '../common/domain-error';
import { linesDocument } from '../common/lines-document';
import { validationProblem } from '../common/validation';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DockerService } from '../docker/docker.service';
import { BuildJob, BuildJobs } from './build-jobs';
import { BuildPlan } from './build-records';
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
import { BuildResult, SuccessDto } from './dto/image-build.dto';
import { ImageSummaryDto } from './dto/image-summary.dto';

/** Lines of the log a failed ensureImage reports. */
const FAILURE_LOG_LINES = 50;

/**
 * Image builds and the engine's image list. A build is generated from a
 * validated spec (dockerfile.ts) and handed to the build jobs
 * (build-jobs.ts), which queue, run and record it. Other modules use
 * `ensureImage` to have an image built before they run it.
 */
@Injectable()
export class ImageService {
  constructor(
    private readonly docker: DockerService,
    private readonly jobs: BuildJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- builds ---------------------------------------------------------------

  /** Queues a build; returns once it is recorded. CONFLICT while one for the same name has not ended. */
  async createImage(spec: ImageBuildSpec): Promise<SuccessDto> {
    const plan = this.prepare(spec);
    // Asking the engine first answers 503 at once when it is away.
    await this.docker.engineFacts();
    await this.jobs.submit(plan);
    return { success: true };
  }

  /** The record of a build with the newest lines of its log, as a JSON document streamed from disk. */
  getImageBuild(name: string): Readable {
    const job = this.jobOf(name);
    const extent = this.jobs.logExtent(job);
    const kept = Math.min(extent.lines, this.config.BUILD_LOG_MAX_LINES);
    const fields = { ...this.jobs.status(job), droppedLines: extent.lines - kept };
    return Readable.from(linesDocument(this.jobs.logLines(job, extent, kept), fields), { objectMode: false });
  }

  /** The newest `count` lines of the latest build of `name`; none when there is no record. */
  async buildLogTail(name: string, count: number): Promise<string[]> {
    const job = this.jobs.find(normalizeImageTag(name));
    if (!job) return [];
    const lines: string[] = [];
    for await (const line of this.jobs.logLines(job, this.jobs.logExtent(job), count)) lines.push(line);
    return lines;
  }

  /** Forgets a build's record and log; a build that has not ended goes on. */
  async deleteImageBuild(name: string): Promise<SuccessDto> {
    const key = this.buildName(name);
    if (!(await this.jobs.forget(key))) throw notFound(`No build record for image ${key}`);
    return { success: true };
  }

  /**
   * Makes sure the image `spec.name` exists: resolves at once when the engine
   * has the tag; otherwise queues (or joins the unfinished) build of it through
   * the same path as POST /create and waits for its end. A failed build
   * throws UNPROCESSABLE `Image build failed: <error>` with the log's last
   * lines in `log`; an invalid spec throws the same 400 as the route.
   */
  async ensureImage(spec: ImageBuildSpec): Promise<void> {
    const plan = this.prepare(spec);
    const { name } = plan;
    if (await this.docker.imageId(name)) return;
    let job = this.jobs.activeBuild(name);
    if (!job) {
      try {
        job = await this.jobs.submit(plan);
      } catch (e) {
        // Another caller started it in the meantime: join that build.
        job = e instanceof DomainError && e.code === 'CONFLICT' ? this.jobs.activeBuild(name) : undefined;
        if (!job) throw e;
      }
    }
    const record = await job.done;
    if (record.result !== BuildResult.succeeded) {
      const log: string[] = [];
      for await (const line of this.jobs.logLines(job, record.log, FAILURE_LOG_LINES)) log.push(line);
      throw new DomainError('UNPROCESSABLE', `Image build failed: ${record.error ?? 'unknown error'}`, { log });
    }
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

  // ---- internals ------------------------------------------------------------

  /** Validates a spec, once (400 naming each field), and generates its Dockerfile. */
  private prepare(spec: ImageBuildSpec): BuildPlan {
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

  private buildName(name: string): string {
    if (!isImageTag(name)) {
      throw validationProblem([
        { field: 'name', message: 'name must be an image name such as "my-image" or "team/my-image:1.0"' },
      ]);
    }
    return normalizeImageTag(name);
  }

  /** The latest build of a name: 400 for a name that is not a tag, NOT_FOUND without a record. */
  jobOf(name: string): BuildJob {
    const key = this.buildName(name);
    const job = this.jobs.find(key);
    if (!job) throw notFound(`No build record for image ${key}`);
    return job;
  }
}
