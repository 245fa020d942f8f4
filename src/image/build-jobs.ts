import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { parseSize } from '../common/docker-values';
import { DomainError, conflict } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BuildLimits, DockerService, OutputSink } from '../docker/docker.service';
import { BuildLog } from './build-log';
import { LogExtent, LogFileWriter, readLastLines, repairLogFile } from './build-log-file';
import { BuildPlan, BuildRecord, BuildRecordStore, newBuildId } from './build-records';
import { BuildPhase, BuildResult, BuildStatus, ImageBuildStatusDto } from './dto/image-build.dto';

/** Finished build records kept at most; the oldest finished ones are forgotten first (with their logs). */
const MAX_FINISHED_RECORDS = 500;
/** How long shutdown waits for aborted builds to settle. */
const SHUTDOWN_WAIT_MS = 5000;
const CANCELED = 'The service stopped during the build';
/** The error of a build that was running when the service died. */
export const INTERRUPTED = 'interrupted';
/** Pull progress events that repeat for every chunk of every layer: not worth a log line each. */
const PULL_CHATTER = /^[0-9a-f]{6,}: (Downloading|Extracting|Waiting|Verifying Checksum)\b/;

export type BuildChangeListener = (build: ImageBuildStatusDto) => void;
export type BuildLogListener = (name: string, lines: string[]) => void;

/** A build the service knows: its durable record and, while it runs, its live parts. */
export interface BuildJob {
  record: BuildRecord;
  /** The open log file, while building. */
  writer?: LogFileWriter;
  abort?: AbortController;
  /** Forgotten (DELETE) before it ended: it goes on, but nothing of it is kept. */
  forgotten: boolean;
  /** Settles (never rejects) with the record once the build ended. */
  done: Promise<BuildRecord>;
  ended: (record: BuildRecord) => void;
}

interface BuildOutcome {
  result: BuildResult;
  error: string | null;
  imageId?: string;
}

/**
 * Image builds as durable, bounded jobs: a build is submitted (`queued`),
 * starts when one of BUILD_MAX_RUNNING slots is free (`building`), and ends
 * (`finished`). Every transition is written to its record on disk
 * (DATA_DIR/images/builds) and told to the change listeners; the output goes
 * line by line to an append-only log file beside the record and to the log
 * listeners, and is read back from disk, so memory holds no log. A build
 * that was running when the service died is recorded failed, `interrupted`,
 * at the next start; queued builds are built then, in their order.
 */
@Injectable()
export class BuildJobs implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('BuildJobs');
  private readonly store: BuildRecordStore;
  /** The latest build of each name, oldest first. */
  private readonly byName = new Map<string, BuildJob>();
  /** Builds that have not ended, by name (a forgotten one stays until it ends). */
  private readonly active = new Map<string, BuildJob>();
  private readonly queue: BuildJob[] = [];
  private building = 0;
  private stopping = false;
  private readonly changeListeners = new Set<BuildChangeListener>();
  private readonly logListeners = new Set<BuildLogListener>();

  constructor(
    private readonly docker: DockerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.store = new BuildRecordStore(path.join(config.DATA_DIR, 'images', 'builds'));
  }

  async onModuleInit(): Promise<void> {
    const { records, unreadable } = await this.store.loadAll();
    for (const file of unreadable) this.logger.warn(`${file} is not a build record; it is left as it is`);
    for (const record of records) {
      const older = this.byName.get(record.name);
      if (older) {
        this.byName.delete(record.name);
        await this.store.remove(older.record.id);
      }
      const job = newJob(record);
      this.byName.set(record.name, job);
      if (record.phase === BuildPhase.finished) {
        job.ended(record);
      } else if (record.phase === BuildPhase.queued && record.plan) {
        this.active.set(record.name, job);
        this.queue.push(job);
      } else {
        await this.recordInterrupted(job);
      }
    }
    await this.trim();
    this.pump();
  }

  // ---- what other parts of the service use -----------------------------------

  /** Queues a build; resolves once its record is on disk. CONFLICT while one of the same name has not ended. */
  async submit(plan: BuildPlan): Promise<BuildJob> {
    const { name, baseImage, dockerfile } = plan;
    if (this.active.has(name)) throw conflict(`Image ${name} is still building`);
    const job = newJob({
      id: newBuildId(),
      name,
      phase: BuildPhase.queued,
      result: null,
      error: null,
      imageId: null,
      submittedAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      log: { lines: 0, bytes: 0 },
      plan: { baseImage, dockerfile },
    });
    this.active.set(name, job);
    const previous = this.byName.get(name);
    this.byName.delete(name);
    this.byName.set(name, job);
    try {
      await this.store.save(job.record);
    } catch (e) {
      this.active.delete(name);
      this.byName.delete(name);
      if (previous) this.byName.set(name, previous);
      throw e;
    }
    if (previous)
      void this.drop(previous).catch((e) => this.logger.error(`forgetting build ${previous.record.id}: ${e}`));
    this.queue.push(job);
    this.changed(job);
    this.pump();
    void this.trim();
    return job;
  }

  /** The build of `name` that has not ended yet, if any (forgotten ones included). */
  activeBuild(name: string): BuildJob | undefined {
    return this.active.get(name);
  }

  /** The record of the latest build of `name`, or undefined. */
  find(name: string): BuildJob | undefined {
    return this.byName.get(name);
  }

  /** Forgets the record and log of the latest build of `name`; a build that has not ended goes on. False when there is none. */
  async forget(name: string): Promise<boolean> {
    const job = this.byName.get(name);
    if (!job) return false;
    await this.drop(job);
    return true;
  }

  /** A build without its log, as routes and events show it. */
  status(job: BuildJob, queuePosition = this.queue.indexOf(job) + 1): ImageBuildStatusDto {
    const { name, phase, result, error, imageId, submittedAt, startedAt, finishedAt } = job.record;
    const queued = phase === BuildPhase.queued;
    return {
      name,
      status: phase === BuildPhase.finished ? BuildStatus.exited : BuildStatus.running,
      phase,
      queuePosition: queued ? queuePosition : null,
      reason: queued
        ? `waiting for a build slot (${this.building} of BUILD_MAX_RUNNING=${this.config.BUILD_MAX_RUNNING} building)`
        : result && result !== BuildResult.succeeded
          ? error
          : null,
      result,
      error,
      imageId,
      submittedAt,
      startedAt,
      finishedAt,
    };
  }

  /** Every build record without logs, oldest first: cheap, for metrics and dashboards. */
  list(): ImageBuildStatusDto[] {
    const positions = new Map(this.queue.map((job, i) => [job, i + 1]));
    return [...this.byName.values()].map((job) => this.status(job, positions.get(job)));
  }

  /** Where the log of a build stands on disk now: what a reader may read. */
  logExtent(job: BuildJob): LogExtent {
    return job.writer?.extent ?? job.record.log;
  }

  /** The newest `count` lines of a build's log (at most `extent`), streamed from disk. */
  logLines(job: BuildJob, extent: LogExtent, count: number): AsyncGenerator<string> {
    return readLastLines(this.store.logFileOf(job.record.id), extent, count);
  }

  /** Calls `listener` with every change of a build's phase (the build without its log); returns the unsubscribe. */
  onBuildChange(listener: BuildChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Calls `listener` with every batch of new log lines of a build; returns the unsubscribe. */
  onBuildLog(listener: BuildLogListener): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  /** Running builds are aborted and recorded as canceled; queued ones stay queued for the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const running = [...this.active.values()].filter((job) => job.abort);
    if (!running.length) return;
    this.logger.warn(`canceling ${running.length} running image build(s)`);
    for (const job of running) job.abort!.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(running.map((job) => job.done)),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  // ---- the lifecycle ---------------------------------------------------------

  /** Starts queued builds while slots are free. */
  private pump(): void {
    while (!this.stopping && this.building < this.config.BUILD_MAX_RUNNING && this.queue.length) {
      void this.run(this.queue.shift()!);
    }
  }

  /** `building`: opens the log, builds, then `finished`. Never rejects. */
  private async run(job: BuildJob): Promise<void> {
    this.building++;
    const record = job.record;
    const abort = new AbortController();
    job.abort = abort;
    record.phase = BuildPhase.building;
    record.startedAt = new Date().toISOString();
    let outcome: BuildOutcome;
    try {
      job.writer = await LogFileWriter.open(this.store.logFileOf(record.id));
      await this.persist(job);
      this.changed(job);
      const log = new BuildLog((lines) => {
        job.writer!.append(lines);
        this.emitLog(record.name, lines);
      });
      // Output goes to the log file; when the disk is behind, the engine's stream waits for it.
      const writer = job.writer;
      const output: OutputSink = (text) => {
        log.write(text);
        return writer.backlogged ? writer.flushed() : undefined;
      };
      outcome = await this.build(record, log, output, abort.signal).catch((e) => {
        if (abort.signal.aborted) return { result: BuildResult.canceled, error: CANCELED };
        if (!(e instanceof DomainError)) this.logger.error(`build of ${record.name}: ${(e as Error)?.stack ?? e}`);
        const message = e instanceof DomainError ? e.detail : ((e as Error)?.message ?? String(e));
        log.line(message);
        return { result: BuildResult.failed, error: message };
      });
      log.flush();
    } catch (e) {
      // The log file or the record could not be written.
      outcome = { result: BuildResult.failed, error: `The build could not be recorded: ${(e as Error).message}` };
    }
    await this.finish(job, outcome);
  }

  /** Pull (if needed) and build. Never throws for the engine's refusals: they are the outcome. */
  private async build(
    record: BuildRecord,
    log: BuildLog,
    output: OutputSink,
    signal: AbortSignal,
  ): Promise<BuildOutcome> {
    const { baseImage, dockerfile } = record.plan!;
    const canceled: BuildOutcome = { result: BuildResult.canceled, error: CANCELED };
    const networkMode = await this.networkMode();
    if (!(await this.docker.imageId(baseImage))) {
      log.line(`Pulling base image ${baseImage}`);
      try {
        await this.docker.pullImage(baseImage, (text) => (PULL_CHATTER.test(text) ? undefined : output(text)), signal);
      } catch (e) {
        if (signal.aborted) return canceled;
        const message = e instanceof DomainError ? e.detail : (e as Error).message;
        log.line(message);
        return { result: BuildResult.failed, error: `Pulling base image ${baseImage} failed: ${message}` };
      }
      log.flush();
    }
    if (signal.aborted) return canceled;

    const outcome = await this.docker.buildImage(await tarContext(dockerfile), {
      tag: record.name,
      networkMode,
      limits: this.buildLimits(),
      signal,
      onOutput: output,
    });
    log.flush();
    if (signal.aborted) return canceled;
    if (outcome.error !== undefined || !outcome.imageId) {
      const error = outcome.error ?? `The engine reported no image ${record.name} after the build`;
      if (outcome.error === undefined) log.line(error);
      return { result: BuildResult.failed, error };
    }
    return { result: BuildResult.succeeded, error: null, imageId: outcome.imageId };
  }

  /** `finished`: the log closed, the record written (unless forgotten), the next queued build started. */
  private async finish(job: BuildJob, outcome: BuildOutcome): Promise<void> {
    const record = job.record;
    if (job.writer) {
      await job.writer.close().catch((e) => this.logger.error(`log of build ${record.id}: ${(e as Error).message}`));
      record.log = job.writer.extent;
    }
    job.writer = undefined;
    job.abort = undefined;
    record.phase = BuildPhase.finished;
    record.result = outcome.result;
    record.error = outcome.error;
    record.imageId = outcome.imageId ?? null;
    record.finishedAt = new Date().toISOString();
    delete record.plan;
    this.building--;
    this.active.delete(record.name);
    await this.persist(job).catch((e) => this.logger.error(`record of build ${record.id}: ${(e as Error).message}`));
    this.changed(job);
    job.ended(record);
    this.pump();
    await this.trim();
  }

  /** A build that was running when the service died: its log ended with the reason, its record failed. */
  private async recordInterrupted(job: BuildJob): Promise<void> {
    const record = job.record;
    const file = this.store.logFileOf(record.id);
    const writer = await LogFileWriter.open(file, await repairLogFile(file));
    writer.append([`The service stopped during the build: ${INTERRUPTED}`]);
    await writer.close();
    Object.assign(record, {
      phase: BuildPhase.finished,
      result: BuildResult.failed,
      error: INTERRUPTED,
      finishedAt: new Date().toISOString(),
      log: writer.extent,
    });
    delete record.plan;
    await this.store.save(record);
    job.ended(record);
  }

  /** Forgets one build: its record and log; a build that has not ended goes on, recording nothing. */
  private async drop(job: BuildJob): Promise<void> {
    if (this.byName.get(job.record.name) === job) this.byName.delete(job.record.name);
    job.forgotten = true;
    await this.store.remove(job.record.id);
  }

  private async persist(job: BuildJob): Promise<void> {
    if (!job.forgotten) await this.store.save(job.record);
  }

  /** Keeps the records bounded: forgets the oldest finished ones beyond MAX_FINISHED_RECORDS. */
  private async trim(): Promise<void> {
    const finished = [...this.byName.values()].filter((job) => job.record.phase === BuildPhase.finished);
    for (const job of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_RECORDS))) {
      await this.drop(job).catch((e) => this.logger.error(`forgetting build ${job.record.id}: ${e}`));
    }
  }

  private changed(job: BuildJob): void {
    if (job.forgotten || !this.changeListeners.size) return;
    const status = this.status(job);
    for (const listener of this.changeListeners) this.tell(() => listener(status));
  }

  private emitLog(name: string, lines: string[]): void {
    for (const listener of this.logListeners) this.tell(() => listener(name, lines));
  }

  private tell(call: () => void): void {
    try {
      call();
    } catch (e) {
      this.logger.error(`a build listener failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  /** Build steps get the limits of runs; the process limit only through an operator's cgroup. */
  private buildLimits(): BuildLimits {
    const { EXEC_MEMORY, EXEC_CPUS, EXEC_SHM_SIZE, BUILD_CGROUP_PARENT } = this.config;
    return {
      memoryBytes: EXEC_MEMORY ? parseSize(EXEC_MEMORY) : undefined,
      cpus: EXEC_CPUS,
      shmSizeBytes: parseSize(EXEC_SHM_SIZE),
      cgroupParent: BUILD_CGROUP_PARENT,
    };
  }

  /** BUILD_NETWORK_MODE: `auto` is host networking when the engine has no bridge network. */
  private async networkMode(): Promise<string | undefined> {
    const mode = this.config.BUILD_NETWORK_MODE;
    if (mode !== 'auto') return mode;
    return (await this.docker.engineFacts()).hasBridgeNetwork ? undefined : 'host';
  }
}

function newJob(record: BuildRecord): BuildJob {
  let ended!: (record: BuildRecord) => void;
  const done = new Promise<BuildRecord>((resolve) => (ended = resolve));
  return { record, forgotten: false, done, ended };
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
