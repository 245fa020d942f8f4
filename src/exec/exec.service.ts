import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DomainError } from '../common/domain-error';
import { FieldError } from '../common/problem';
import { requestContext } from '../common/request-context';
import { parseRunUser, RunUser } from '../common/run-user';
import { validationProblem } from '../common/validation';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { pathSegments } from '../storage/path-resolver';
import { StorageService } from '../storage/storage.service';
import { CreateExecDto, ExecCreatedDto } from './dto/create-exec.dto';
import { ExecInfoDto, ExecItemDto } from './dto/exec-info.dto';
import { ExecDoneDto, ExecProgressDto, ExecResultDto } from './dto/exec-output.dto';
import { ExecListQueryDto, ExecLogsQueryDto } from './dto/exec-query.dto';
import { GpuDto, QueuedRunDto, RunStatusDto } from './dto/exec-status.dto';
import { gpuDemand, limitProblems, newExecId, parseSize, parseSince, runCommand } from './exec-options';
import { MadeFolders, removeMadeFolders, runMounts } from './run-folders';
import { jsonObjectOrNull, linesDocument } from './run-files';
import { RunEntry, RunLifecycle } from './run-lifecycle';
import { LaunchPlan, RunRecord, RunRequest } from './run-records';
import { Demand, neverFits } from './scheduler';

/** Largest progress/result file read. */
const RUN_FILE_MAX_BYTES = 1024 * 1024;

/**
 * The routes of runs: a create is checked and prepared here (folders,
 * limits, what it asks for), then handed to the run lifecycle, which owns
 * everything that happens to it after.
 */
@Injectable()
export class ExecService {
  private readonly user: RunUser;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: RunLifecycle,
    private readonly storage: StorageService,
  ) {
    this.user = parseRunUser(config.EXEC_USER);
  }

  async create(dto: CreateExecDto): Promise<ExecCreatedDto> {
    const execId = dto.id ?? newExecId();
    const { demand, timeoutSeconds } = this.check(dto);
    const outputPath = dto.outputPath || `${this.config.STORAGES[0].id}:runs/${execId}/output`;
    const request = requestOf({ ...dto, inputPath: dto.inputPath || '', outputPath });
    const record: RunRecord = {
      exec_id: execId,
      ...request,
      engine: this.lifecycle.engine.kind,
      ref: this.lifecycle.engine.refOf(execId),
      createdAt: new Date().toISOString(),
      status: 'queued',
      reason: null,
      priority: dto.priority ?? 0,
      owner: requestContext.getStore()?.caller.tokenId ?? null,
      seq: 0,
      demand,
      assignedGpus: [],
      timeoutSeconds,
      startedAt: null,
      launched: false,
    };
    // Reserved from here on: a second create of the same id is a 409.
    const entry = this.lifecycle.reserve(execId, record);
    const made: MadeFolders = {};
    let admitted = false;
    try {
      const mounts = await runMounts(this.storage, { ...dto, outputPath }, entry.runDir, this.user, made);
      entry.record = { ...entry.record, launch: this.launchPlan(dto, record, mounts) };
      admitted = true;
      const status = await this.lifecycle.admit(entry);
      return { success: true, exec_id: execId, status };
    } catch (e) {
      // Nothing half-made is left behind.
      if (!admitted) this.lifecycle.release(execId);
      await removeMadeFolders(this.storage, entry.runDir, made);
      throw e;
    }
  }

  /** The status of one run: its lifecycle fields only. */
  status(execId: string): RunStatusDto {
    const entry = this.lifecycle.entry(execId);
    if (entry.creating) throw new DomainError('CONFLICT', `Run "${execId}" is being created`);
    return this.lifecycle.statusOf(entry);
  }

  /** The queue once the engine has told which runs still exist (right after a start, places are known only then). */
  async queue(): Promise<QueuedRunDto[]> {
    await this.lifecycle.firstSync;
    return this.lifecycle.queue();
  }

  gpus(): GpuDto[] {
    return this.lifecycle.gpus();
  }

  async info(execId: string): Promise<ExecInfoDto> {
    const entry = this.lifecycle.entry(execId);
    if (entry.creating) throw new DomainError('CONFLICT', `Run "${execId}" is being created`);
    await this.lifecycle.firstSync;
    const status = this.lifecycle.statusOf(entry);
    if (!this.lifecycle.hasContainer(entry)) return containerless(status);
    if (this.lifecycle.description(execId) === undefined) await this.lifecycle.refresh(execId, true);
    const description = this.lifecycle.description(execId);
    if (description === undefined && entry.record.status === 'starting') return containerless(status);
    if (!description) throw this.lifecycle.gone(entry);
    return description.details as unknown as ExecInfoDto;
  }

  /**
   * The list as a JSON text. Each run's part is serialized once per change
   * of the run, so a list of hundreds of runs (each with its full inspect
   * data) costs a concatenation, not a serialization.
   */
  async listJson(query: ExecListQueryDto = {}): Promise<string> {
    await this.lifecycle.firstSync;
    const parts: string[] = [];
    for (const [, entry] of this.lifecycle.entries()) {
      if (entry.creating) continue;
      if (query.owner !== undefined && entry.record.owner !== query.owner) continue;
      entry.json ??= JSON.stringify(this.itemOf(entry));
      parts.push(entry.json);
    }
    return `[${parts.join(',')}]`;
  }

  /** The log as a JSON document `{"lines": [...]}`, streamed from the engine. */
  async logs(execId: string, query: ExecLogsQueryDto): Promise<Readable> {
    const entry = this.lifecycle.entry(execId);
    if (this.lifecycle.description(execId) === null) throw this.lifecycle.gone(entry);
    const since = query.since === undefined ? undefined : parseSince(query.since);
    if (query.since !== undefined && since === undefined) {
      throw validationProblem([
        { field: 'since', message: 'since must be seconds since the epoch or an ISO 8601 time' },
      ]);
    }
    if (!this.lifecycle.hasContainer(entry))
      return Readable.from(linesDocument((async function* () {})()), { objectMode: false });
    const lines = this.lifecycle.engine.logs(entry.record.ref, { tail: query.tail, since });
    // The first read reaches the engine: its errors are still a problem document.
    let first: IteratorResult<{ line: string }>;
    try {
      first = await lines.next();
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw this.lifecycle.gone(entry);
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
    await this.lifecycle.stop(execId);
    return { success: true };
  }

  async remove(execId: string): Promise<ExecDoneDto> {
    await this.lifecycle.remove(execId);
    return { success: true };
  }

  async progress(execId: string): Promise<ExecProgressDto | null> {
    return this.runFile(execId, 'progress.json');
  }

  async result(execId: string): Promise<ExecResultDto | null> {
    return this.runFile(execId, 'result.json');
  }

  // ---- helpers ------------------------------------------------------------

  /** Limits, time limit and what the run asks for; what the host can never give is a 422. */
  private check(dto: CreateExecDto): { demand: Demand; timeoutSeconds: number | null } {
    const errors: FieldError[] = limitProblems(dto, {
      cpus: this.config.EXEC_CPUS,
      memory: this.config.EXEC_MEMORY,
      allowedNetworkModes: this.config.EXEC_ALLOWED_NETWORK_MODES.split(','),
    });
    const ceiling = this.config.EXEC_TIMEOUT_MAX_SECONDS;
    if (dto.timeoutSeconds !== undefined && ceiling > 0 && dto.timeoutSeconds > ceiling) {
      errors.push({
        field: 'timeoutSeconds',
        message: `timeoutSeconds may be at most ${ceiling} (EXEC_TIMEOUT_MAX_SECONDS)`,
      });
    }
    if (errors.length) throw validationProblem(errors);
    if (dto.constraints?.length && this.config.RUN_BACKEND !== 'swarm') {
      throw new DomainError(
        'UNPROCESSABLE',
        'Placement constraints need RUN_BACKEND=swarm: this service runs on one Docker engine',
      );
    }
    const memory = dto.memory ?? this.config.EXEC_MEMORY;
    const demand: Demand = {
      gpus: gpuDemand(dto, this.config.EXEC_GPUS, this.lifecycle.capacity.gpus.length),
      cpus: dto.cpus ?? this.config.EXEC_CPUS ?? 0,
      memoryBytes: memory === undefined ? 0 : parseSize(memory),
    };
    const never = neverFits(demand, this.lifecycle.capacity);
    if (never) throw new DomainError('UNPROCESSABLE', `The run can never start here: ${never}`);
    const configured = this.config.EXEC_TIMEOUT_SECONDS || null;
    return {
      demand,
      timeoutSeconds:
        dto.timeoutSeconds ?? (configured !== null && ceiling > 0 ? Math.min(configured, ceiling) : configured),
    };
  }

  private launchPlan(dto: CreateExecDto, record: RunRecord, mounts: LaunchPlan['mounts']): LaunchPlan {
    const memory = dto.memory ?? this.config.EXEC_MEMORY;
    return {
      image: dto.imageTag,
      command: runCommand(dto.command, dto.command === undefined ? pathSegments(dto.mainSrc!).join('/') : undefined),
      workingDir: '/app',
      mounts,
      // HOME: the run's user has no home in the image; /tmp is writable by every user.
      env: { WEBAPI_EXEC_ID: record.exec_id, PYTHONUNBUFFERED: '1', HOME: '/tmp' },
      user: this.user.spec,
      networkMode: dto.networkMode ?? this.config.EXEC_NETWORK_MODE,
      cpus: dto.cpus ?? this.config.EXEC_CPUS,
      memoryBytes: memory === undefined ? undefined : parseSize(memory),
      shmSizeBytes: parseSize(dto.shmSize ?? this.config.EXEC_SHM_SIZE),
      pidsLimit: this.config.EXEC_PIDS_LIMIT,
      capAdd: this.config.EXEC_CAP_ADD ? this.config.EXEC_CAP_ADD.split(',') : [],
      logMaxSize: this.config.EXEC_LOG_MAX_SIZE,
      logMaxFile: this.config.EXEC_LOG_MAX_FILE,
      meta: { request: JSON.stringify({ ...requestOf(record), userdata: undefined }), createdAt: record.createdAt },
      constraints: dto.constraints?.length ? [...dto.constraints] : undefined,
    };
  }

  private itemOf(entry: RunEntry): ExecItemDto {
    const r = entry.record;
    const description = this.lifecycle.description(r.exec_id);
    const engine = description?.status;
    const state =
      engine?.state ?? (description === null ? 'missing' : (r.state ?? (r.launched ? 'unknown' : r.status)));
    const status = this.lifecycle.statusOf(entry);
    return {
      ...requestOf(r),
      createdAt: r.createdAt,
      state,
      ...status,
      exitCode: engine ? engine.exitCode : status.exitCode,
      finishedAt: engine ? engine.finishedAt : status.finishedAt,
      container: (description?.details ?? null) as unknown as ExecInfoDto | null,
    } as ExecItemDto;
  }

  private async runFile(execId: string, name: string): Promise<Record<string, unknown> | null> {
    const entry = this.lifecycle.entry(execId);
    return jsonObjectOrNull(await this.lifecycle.engine.readRunFile(entry.runDir, name, RUN_FILE_MAX_BYTES));
  }
}

/** What GET /info answers for a run that has no container (yet): the seed's State, and the lifecycle fields. */
function containerless(status: RunStatusDto): ExecInfoDto {
  return { State: { Status: status.status, Running: false }, ...status } as unknown as ExecInfoDto;
}

/** The create fields of a request or record, without undefined members. */
function requestOf(r: RunRequest): RunRequest {
  const keys: (keyof RunRequest)[] = [
    'srcPath',
    'mainSrc',
    'imageTag',
    'inputPath',
    'outputPath',
    'command',
    'userdata',
    'uploadId',
    'gpus',
    'useGPU',
    'cpus',
    'memory',
    'shmSize',
    'networkMode',
    'constraints',
  ];
  return Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])) as unknown as RunRequest;
}
