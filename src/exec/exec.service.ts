import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, notFound } from '../common/domain-error';
import { FieldError } from '../common/problem';
import { validationProblem } from '../common/validation';
import { mountSourceProblem } from '../docker/container-template';
import { Mount } from '../docker/docker.types';
import { PathResolver, pathSegments } from '../storage/path-resolver';
import { StorageService } from '../storage/storage.service';
import { CreateExecDto, ExecCreatedDto } from './dto/create-exec.dto';
import { ExecInfoDto, ExecItemDto } from './dto/exec-info.dto';
import { ExecDoneDto, ExecProgressDto, ExecResultDto } from './dto/exec-output.dto';
import { ExecLogsQueryDto } from './dto/exec-query.dto';
import { chooseGpus, limitProblems, newExecId, parseSize, parseSince, runCommand } from './exec-options';
import { LatestValue } from './latest-value';
import { jsonObjectOrNull, linesDocument } from './run-files';
import { RUN_ENGINE, RunEngine, RunInfo, RunOwner, RunState, RunStatus, SurveyedRun } from './run-engine';
import { instanceIdIn, RunRecord, RunRecordStore, RunRequest } from './run-records';

/** Largest progress/result file read. */
const RUN_FILE_MAX_BYTES = 1024 * 1024;
/** How long list and info may wait, right after the service starts, for the engine's first answer. */
const FIRST_SYNC_WAIT_MS = 3000;
/** Engine descriptions asked for at once when resynchronising. */
const SYNC_CONCURRENCY = 8;

interface RunEntry {
  record: RunRecord;
  /** Host folder mounted at /apprun. */
  runDir: string;
  /** Being launched: not listed, not followed yet. */
  creating: boolean;
  /** The list item as JSON, made once per change. */
  json?: string;
}

/** Where a run stands, as told to other parts of the service (metrics, the event log). */
export interface RunChange {
  exec_id: string;
  status: RunState;
  exitCode: number | null;
}

/** Runs of training code: created from storage folders, followed through the engine's events, kept in durable records. */
@Injectable()
export class ExecService implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('ExecService');
  private readonly store: RunRecordStore;
  private readonly runsDir: string;
  private readonly runs = new Map<string, RunEntry>();
  /** The engine's latest description of each run; null when its container no longer exists. */
  private readonly infos = new LatestValue<RunInfo | null>();
  private owner!: RunOwner;
  private readonly listeners = new Set<(run: RunChange) => void>();
  private syncing = false;
  private syncAgain = false;
  /** Resolved once the engine has been asked about every run after the start (or after FIRST_SYNC_WAIT_MS). */
  private firstSync!: Promise<void>;
  private firstSyncDone!: () => void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUN_ENGINE) private readonly engine: RunEngine,
    private readonly storage: StorageService,
  ) {
    this.store = new RunRecordStore(path.join(config.DATA_DIR, 'exec', 'runs'));
    this.runsDir = path.join(config.DATA_DIR, 'runs');
    this.firstSync = new Promise((resolve) => (this.firstSyncDone = resolve));
  }

  async onModuleInit(): Promise<void> {
    const instanceId = await instanceIdIn(path.join(this.config.DATA_DIR, 'exec', 'instance-id'));
    this.owner = { instanceId, dataDir: this.config.DATA_DIR };
    await fs.mkdir(this.runsDir, { recursive: true });
    const { records, unreadable } = await this.store.loadAll();
    for (const file of unreadable) this.logger.warn(`${file} is not a run record; it is left as it is`);
    for (const record of records) this.runs.set(record.exec_id, this.entryOf(record));
    // Should the engine not answer, list and info stop waiting for it after a while.
    setTimeout(() => this.firstSyncDone(), FIRST_SYNC_WAIT_MS).unref();
    this.engine.open(this.owner, {
      changed: (execId, provisional) => this.onChanged(execId, provisional),
      resync: () => void this.resync(),
    });
  }

  onModuleDestroy(): void {
    this.engine.close();
  }

  /** Runs keep running when the service stops; their records are written before it exits. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.store.flush();
  }

  // ---- what other parts of the service read -----------------------------------

  /** Calls `listener` when a run has started and whenever its recorded state changes; returns the unsubscribe function. */
  onRunChange(listener: (run: RunChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Where every run stands, from what is already known (no engine call). */
  statuses(): RunChange[] {
    return [...this.runs].filter(([, e]) => !e.creating).map(([execId, e]) => this.changeOf(execId, e));
  }

  private changeOf(execId: string, entry: RunEntry): RunChange {
    const { state, exitCode } = this.itemOf(execId, entry);
    return { exec_id: execId, status: state as RunState, exitCode };
  }

  private tell(execId: string): void {
    const entry = this.runs.get(execId);
    if (!entry || !this.listeners.size) return;
    const change = this.changeOf(execId, entry);
    for (const listener of this.listeners) listener(change);
  }

  // ---- routes -------------------------------------------------------------

  async create(dto: CreateExecDto): Promise<ExecCreatedDto> {
    const errors = limitProblems(dto, {
      cpus: this.config.EXEC_CPUS,
      memory: this.config.EXEC_MEMORY,
      allowedNetworkModes: this.config.EXEC_ALLOWED_NETWORK_MODES.split(','),
    });
    if (errors.length) throw validationProblem(errors);
    const execId = dto.id ?? newExecId();
    if (this.runs.has(execId)) throw new DomainError('CONFLICT', `Run "${execId}" already exists`);
    const request = requestOf(dto);
    const record: RunRecord = {
      exec_id: execId,
      ...request,
      engine: this.engine.kind,
      ref: this.engine.refOf(execId),
      createdAt: new Date().toISOString(),
    };
    // Reserved from here on: a second create of the same id is a 409.
    const entry = this.entryOf(record);
    entry.creating = true;
    this.runs.set(execId, entry);
    let started = false;
    let done = false;
    const made: MadeFolders = {};
    try {
      const mounts = await this.mountsFor(dto, entry.runDir, made);
      const askEngine = dto.gpus === undefined && dto.useGPU === undefined && this.config.EXEC_GPUS === 'auto';
      const gpus = chooseGpus(dto, this.config.EXEC_GPUS, askEngine && (await this.engine.gpusAvailable()));
      // Written while the container is made: should the service die in between, the container's labels rebuild the record.
      const saved = this.store.save(record);
      saved.catch(() => undefined);
      await this.engine.launch({
        execId,
        image: dto.imageTag,
        command: runCommand(dto.command, dto.command === undefined ? pathSegments(dto.mainSrc!).join('/') : undefined),
        workingDir: '/app',
        mounts,
        env: { WEBAPI_EXEC_ID: execId, PYTHONUNBUFFERED: '1' },
        networkMode: dto.networkMode ?? this.config.EXEC_NETWORK_MODE,
        gpus,
        cpus: dto.cpus ?? this.config.EXEC_CPUS,
        memoryBytes: parseOptionalSize(dto.memory ?? this.config.EXEC_MEMORY),
        shmSizeBytes: parseSize(dto.shmSize ?? this.config.EXEC_SHM_SIZE),
        pidsLimit: this.config.EXEC_PIDS_LIMIT,
        capAdd: this.config.EXEC_CAP_ADD ? this.config.EXEC_CAP_ADD.split(',') : [],
        logMaxSize: this.config.EXEC_LOG_MAX_SIZE,
        logMaxFile: this.config.EXEC_LOG_MAX_FILE,
        meta: { request: JSON.stringify({ ...request, userdata: undefined }), createdAt: record.createdAt },
      });
      started = true;
      await saved;
      done = true;
    } finally {
      if (!done) {
        // Nothing half-made is left behind.
        if (started) await this.discard(record.ref);
        this.runs.delete(execId);
        await this.store.remove(execId).catch(() => undefined);
        await fs.rm(entry.runDir, { recursive: true, force: true }).catch(() => undefined);
        if (made.output && made.outputTop) await removeEmptyFolders(made.output, made.outputTop);
      }
    }
    entry.creating = false;
    // Everything the engine reported while the run was being launched is in this answer.
    await this.refresh(execId);
    this.tell(execId);
    return { exec_id: execId };
  }

  async info(execId: string): Promise<ExecInfoDto> {
    const entry = this.entry(execId);
    if (entry.creating) throw new DomainError('CONFLICT', `Run "${execId}" is being created`);
    await this.firstSync;
    if (!this.infos.has(execId)) await this.refresh(execId, true);
    const info = this.infos.get(execId);
    if (!info) throw this.gone(entry);
    return info as unknown as ExecInfoDto;
  }

  /**
   * The list as a JSON text. Each run's part is serialized once per change
   * of the run, so a list of hundreds of runs (each with its full inspect
   * data) costs a concatenation, not a serialization.
   */
  async listJson(): Promise<string> {
    await this.firstSync;
    const parts: string[] = [];
    for (const [execId, entry] of this.runs) {
      if (entry.creating) continue;
      entry.json ??= JSON.stringify(this.itemOf(execId, entry));
      parts.push(entry.json);
    }
    return `[${parts.join(',')}]`;
  }

  /** The log as a JSON document `{"lines": [...]}`, streamed from the engine. */
  async logs(execId: string, query: ExecLogsQueryDto): Promise<Readable> {
    const entry = this.entry(execId);
    if (this.infos.get(execId) === null) throw this.gone(entry);
    const since = query.since === undefined ? undefined : parseSince(query.since);
    if (query.since !== undefined && since === undefined) {
      throw validationProblem([{ field: 'since', message: 'since must be seconds since the epoch or an ISO 8601 time' }]);
    }
    const lines = this.engine.logs(entry.record.ref, { tail: query.tail, since });
    // The first read reaches the engine: its errors are still a problem document.
    let first: IteratorResult<{ line: string }>;
    try {
      first = await lines.next();
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw this.gone(entry);
      throw e;
    }
    async function* text(): AsyncGenerator<string> {
      if (first.done) return;
      yield first.value.line;
      for await (const l of lines) yield l.line;
    }
    return Readable.from(linesDocument(text()), { objectMode: false });
  }

  async stop(execId: string): Promise<ExecDoneDto> {
    const entry = this.entry(execId);
    if (entry.creating) throw new DomainError('CONFLICT', `Run "${execId}" is being created`);
    try {
      await this.engine.stop(entry.record.ref, this.config.EXEC_STOP_GRACE_SECONDS);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw this.gone(entry);
      throw e;
    }
    await this.refresh(execId);
    return { success: true };
  }

  async remove(execId: string): Promise<ExecDoneDto> {
    const entry = this.entry(execId);
    if (entry.creating) throw new DomainError('CONFLICT', `Run "${execId}" is being created`);
    const info = await this.engine.describe(entry.record.ref);
    if (info && this.engine.statusOf(info).running) {
      throw new DomainError('CONFLICT', `Run "${execId}" is still running: stop it first`);
    }
    try {
      if (info) await this.engine.remove(entry.record.ref);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'CONFLICT') {
        throw new DomainError('CONFLICT', `Run "${execId}" is still running: stop it first`);
      }
      throw e;
    }
    this.runs.delete(execId);
    this.infos.delete(execId);
    await this.store.remove(execId);
    // The run is deleted by now; a run folder that cannot be removed is only logged.
    await fs.rm(entry.runDir, { recursive: true, force: true }).catch((e) => this.logger.warn(`could not remove ${entry.runDir}: ${(e as Error).message}`));
    return { success: true };
  }

  async progress(execId: string): Promise<ExecProgressDto | null> {
    return this.runFile(execId, 'progress.json');
  }

  async result(execId: string): Promise<ExecResultDto | null> {
    return this.runFile(execId, 'result.json');
  }

  // ---- following the engine -------------------------------------------------

  /** The engine saw something happen to a run: show what it already tells, then ask for the rest. */
  private onChanged(execId: string, provisional?: (info: RunInfo) => RunInfo): void {
    const entry = this.runs.get(execId);
    if (!entry || entry.creating) return;
    const current = this.infos.get(execId);
    if (provisional && current) {
      this.infos.set(execId, provisional(current));
      entry.json = undefined;
    }
    void this.refresh(execId);
  }

  /**
   * Asks the engine for a run's description. Answers that arrive after a
   * later one (or after an event) are dropped. Terminal states are written
   * to the run's record.
   */
  private async refresh(execId: string, throwErrors = false): Promise<void> {
    const entry = this.runs.get(execId);
    if (!entry || entry.creating) return;
    const ticket = this.infos.ticket(execId);
    let info: RunInfo | null;
    try {
      info = await this.engine.describe(entry.record.ref);
    } catch (e) {
      if (throwErrors) throw e;
      this.logger.debug(`could not describe run ${execId}: ${(e as Error).message}`);
      return;
    }
    if (this.infos.offer(execId, ticket, info)) this.described(execId);
  }

  /** After (re)connecting to the engine: one survey, then every run is described again or found missing. */
  private async resync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.syncAgain = false;
        const known = [...this.runs].filter(([, e]) => !e.creating).map(([id]) => id);
        const tickets = new Map(known.map((id) => [id, this.infos.ticket(id)]));
        let surveyed: SurveyedRun[];
        try {
          surveyed = await this.engine.survey();
        } catch (e) {
          // The engine is away; its event stream reconnects and asks again.
          // Meanwhile the list answers from the records.
          this.logger.warn(`could not list runs on the engine: ${(e as Error).message}`);
          this.firstSyncDone();
          return;
        }
        const found = new Set(surveyed.map((s) => s.execId));
        for (const s of surveyed) {
          if (this.runs.has(s.execId)) continue;
          await this.adopt(s);
          known.push(s.execId);
        }
        await eachLimited(known, SYNC_CONCURRENCY, async (execId) => {
          if (found.has(execId)) return this.refresh(execId);
          if (this.infos.offer(execId, tickets.get(execId)!, null)) this.described(execId);
        });
        this.firstSyncDone();
      } while (this.syncAgain);
    } finally {
      this.syncing = false;
    }
  }

  /** A container of this service without a record (the record was lost): rebuilt from its labels. */
  private async adopt(s: SurveyedRun): Promise<void> {
    let request: Partial<RunRequest> = {};
    try {
      request = JSON.parse(s.meta.request ?? '{}');
    } catch {
      // Labels changed by hand: keep what can be known.
    }
    const record: RunRecord = {
      imageTag: '',
      inputPath: '',
      outputPath: '',
      ...request,
      exec_id: s.execId,
      engine: this.engine.kind,
      ref: s.ref,
      createdAt: s.meta.createdAt ?? new Date().toISOString(),
    };
    this.runs.set(s.execId, this.entryOf(record));
    await this.store.save(record).catch((e) => this.logger.warn(`could not save run ${s.execId}: ${(e as Error).message}`));
    this.logger.log(`adopted run ${s.execId} from its container`);
  }

  /** A new description was kept: the list item is rebuilt, and how the run ended is written down. */
  private described(execId: string): void {
    const entry = this.runs.get(execId);
    if (!entry) return;
    entry.json = undefined;
    const info = this.infos.get(execId);
    if (info === undefined) return;
    const r = entry.record;
    let next: RunRecord | undefined;
    if (info === null) {
      if (r.state !== 'missing') next = { ...r, state: 'missing' };
    } else {
      const s = this.engine.statusOf(info);
      if (s.exitCode !== null) {
        if (r.state !== s.state || r.exitCode !== s.exitCode || r.finishedAt !== s.finishedAt) {
          next = { ...r, state: s.state, exitCode: s.exitCode, finishedAt: s.finishedAt };
        }
      } else if (r.state !== undefined && r.state !== s.state) {
        next = { ...r, state: s.state, exitCode: null, finishedAt: null };
      }
    }
    if (!next) return;
    entry.record = next;
    this.store.save(next).catch((e) => this.logger.warn(`could not save run ${execId}: ${(e as Error).message}`));
    this.tell(execId);
  }

  // ---- helpers ------------------------------------------------------------

  private async discard(ref: string): Promise<void> {
    try {
      await this.engine.stop(ref, 0);
      await this.engine.remove(ref);
    } catch (e) {
      this.logger.warn(`could not remove ${ref}: ${(e as Error).message}`);
    }
  }

  private entryOf(record: RunRecord): RunEntry {
    return { record, runDir: path.join(this.runsDir, record.exec_id), creating: false };
  }

  private entry(execId: string): RunEntry {
    const entry = this.runs.get(execId);
    if (!entry) throw notFound(`Run "${execId}" not found`);
    return entry;
  }

  private gone(entry: RunEntry): DomainError {
    return notFound(`The container of run "${entry.record.exec_id}" no longer exists`);
  }

  private itemOf(execId: string, entry: RunEntry): ExecItemDto {
    const info = this.infos.get(execId);
    const r = entry.record;
    let status: Pick<RunStatus, 'state' | 'exitCode' | 'finishedAt'>;
    if (info) status = this.engine.statusOf(info);
    else status = { state: info === null ? 'missing' : (r.state ?? 'unknown'), exitCode: r.exitCode ?? null, finishedAt: r.finishedAt ?? null };
    return {
      ...requestOf(r),
      exec_id: execId,
      createdAt: r.createdAt,
      state: status.state,
      exitCode: status.exitCode,
      finishedAt: status.finishedAt,
      container: (info ?? null) as unknown as ExecInfoDto | null,
    } as ExecItemDto;
  }

  private async runFile(execId: string, name: string): Promise<Record<string, unknown> | null> {
    const entry = this.entry(execId);
    return jsonObjectOrNull(await this.engine.readRunFile(entry.runDir, name, RUN_FILE_MAX_BYTES));
  }

  /**
   * Host folders of a run, every one confined to a storage (or the upload
   * item), and the run folder. The output folder is made last, once the
   * request is known to be right; `made` tells which folders this call made.
   */
  private async mountsFor(dto: CreateExecDto, runDir: string, made: MadeFolders): Promise<Mount[]> {
    const errors: FieldError[] = [];
    const field = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await work();
      } catch (e) {
        if (e instanceof DomainError && e.code === 'BAD_REQUEST') {
          errors.push({ field: name, message: `${name}: ${e.detail}` });
          return undefined;
        }
        throw e;
      }
    };
    const source = await field('srcPath', async () => {
      if (dto.uploadId === undefined) return (await this.storage.resolveRef(dto.srcPath ?? '')).absolute;
      const folder = await this.storage.uploadFolder(dto.uploadId);
      return (await new PathResolver([{ id: 'upload', name: 'upload', path: folder }]).resolve('upload', dto.srcPath ?? '')).absolute;
    });
    const input = await field('inputPath', async () => (await this.storage.resolveRef(dto.inputPath)).absolute);
    const output = await field('outputPath', async () => (await this.storage.resolveRef(dto.outputPath)).absolute);
    const main = dto.command === undefined && dto.mainSrc !== undefined ? await field('mainSrc', async () => pathSegments(dto.mainSrc!)) : undefined;
    if (errors.length) throw validationProblem(errors);

    // Sources the container template would refuse (a storage inside a host system folder) are the request's problem too.
    for (const [name, p] of [['srcPath', source!], ['inputPath', input!], ['outputPath', output!]] as const) {
      const problem = mountSourceProblem(p);
      if (problem) errors.push({ field: name, message: `${name}: ${problem}` });
    }
    if (errors.length) throw validationProblem(errors);

    if (!(await isFolder(source!))) errors.push({ field: 'srcPath', message: 'srcPath: folder not found' });
    if (!(await isFolder(input!))) errors.push({ field: 'inputPath', message: 'inputPath: folder not found' });
    if (main) {
      const stat = main.length ? await fs.lstat(path.join(source!, ...main)).catch(() => undefined) : undefined;
      if (!stat || stat.isDirectory()) errors.push({ field: 'mainSrc', message: 'mainSrc: file not found in the source folder' });
    }
    if (errors.length) throw validationProblem(errors);

    // The run folder: fresh, and writable whatever user the image runs as.
    await fs.rm(runDir, { recursive: true, force: true });
    await fs.mkdir(runDir, { recursive: true });
    await fs.chmod(runDir, 0o777);

    // Last, once everything else is known to be right: the output folder, made if missing.
    made.output = output!;
    made.outputTop = await fs.mkdir(output!, { recursive: true }).catch(() => undefined);
    if (!(await isFolder(output!))) throw validationProblem([{ field: 'outputPath', message: 'outputPath: not a folder' }]);
    return [
      { source: source!, target: '/app' },
      { source: input!, target: '/app/data', readOnly: true },
      { source: input!, target: '/data/input', readOnly: true },
      { source: output!, target: '/app/output' },
      { source: output!, target: '/data/output' },
      { source: runDir, target: '/apprun' },
    ];
  }
}

/** The create fields of a request or record, without undefined members. */
function requestOf(r: RunRequest): RunRequest {
  const keys: (keyof RunRequest)[] = [
    'srcPath', 'mainSrc', 'imageTag', 'inputPath', 'outputPath', 'command', 'userdata', 'uploadId',
    'gpus', 'useGPU', 'cpus', 'memory', 'shmSize', 'networkMode',
  ];
  return Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])) as unknown as RunRequest;
}

/** Folders a create made in a storage, to be taken back should it fail. */
interface MadeFolders {
  /** The output folder. */
  output?: string;
  /** The first folder of its path that did not exist before (what `mkdir -p` made), when any. */
  outputTop?: string;
}

/** Removes `folder` and its parents up to `top` (included), each only while empty: what another run put there stays. */
async function removeEmptyFolders(folder: string, top: string): Promise<void> {
  for (let dir = folder; dir === top || dir.startsWith(`${top}/`); dir = path.dirname(dir)) {
    if (!(await fs.rmdir(dir).then(() => true, () => false))) return;
  }
}

function parseOptionalSize(size: string | undefined): number | undefined {
  return size === undefined ? undefined : parseSize(size);
}

async function isFolder(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
