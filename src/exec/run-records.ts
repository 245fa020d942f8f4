import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { TEMP_PREFIX, writeFileAtomic } from '../store/atomic-file';
import { EXEC_ID_PATTERN } from './exec-options';
import { RunPhase } from './dto/exec-status.dto';
import { RunSpec, RunState } from './run-engine';
import { Demand } from './scheduler';

/** What a client asked for when it created a run, kept as it was given. */
export interface RunRequest {
  srcPath?: string;
  mainSrc?: string;
  imageTag: string;
  inputPath?: string;
  outputPath?: string;
  command?: string | string[];
  userdata?: unknown;
  uploadId?: string;
  gpus?: string | number;
  useGPU?: boolean;
  cpus?: number;
  memory?: string;
  shmSize?: string;
  networkMode?: string;
  /** Swarm placement constraints (RUN_BACKEND=swarm). */
  constraints?: string[];
}

/** What the engine is given to start a run, decided at create (GPUs are added when it is admitted). */
export type LaunchPlan = Omit<RunSpec, 'execId' | 'gpus' | 'simulatedGpus'>;

/** The lifecycle facts a run's container carries as a label, so a lost record can be rebuilt from the engine. */
export type JobMeta = Pick<
  RunRecord,
  'status' | 'priority' | 'owner' | 'seq' | 'assignedGpus' | 'timeoutSeconds' | 'demand' | 'startedAt'
>;

/** The durable record of one run. */
export interface RunRecord extends RunRequest {
  exec_id: string;
  /** The engine that runs it, and its reference there (Docker: the container name). */
  engine: string;
  ref: string;
  /** When it was submitted, ISO. */
  createdAt: string;
  /** The engine's last state seen that matters after a restart: how the run ended, or that it vanished. */
  state?: RunState;
  exitCode?: number | null;
  finishedAt?: string | null;

  /** Its lifecycle status, and why. */
  status: RunPhase;
  reason: string | null;
  priority: number;
  /** Name of the token that submitted it; null without authentication. */
  owner: string | null;
  /** Submission order (queue order within a priority). */
  seq: number;
  demand: Demand;
  /** The GPUs it was given (uuids). */
  assignedGpus: string[];
  timeoutSeconds: number | null;
  startedAt: string | null;
  /** Whether it was given a container (not while queued, nor when refused before it started). */
  launched: boolean;
  /** What the service asked of it while it ran, so its end reads right even after a restart. */
  endCause?: 'stop' | 'timeout';
  /** How to start it; kept while it may still start. */
  launch?: LaunchPlan;
}

/**
 * A record as the lifecycle reads it: records written before runs were jobs
 * (no status) get the status their engine state tells.
 */
export function upgradeRecord(r: RunRecord): RunRecord {
  const exited = r.exitCode !== undefined && r.exitCode !== null;
  const status: RunPhase =
    r.status ?? (exited ? (r.exitCode === 0 ? 'succeeded' : 'failed') : r.state === 'missing' ? 'lost' : 'running');
  return {
    ...r,
    status,
    reason: r.reason ?? (status === 'failed' ? `exit code ${r.exitCode}` : null),
    priority: r.priority ?? 0,
    owner: r.owner ?? null,
    seq: r.seq ?? 0,
    demand: r.demand ?? { gpus: 0, cpus: 0, memoryBytes: 0 },
    assignedGpus: r.assignedGpus ?? [],
    timeoutSeconds: r.timeoutSeconds ?? null,
    startedAt: r.startedAt ?? null,
    launched: r.launched ?? true,
  };
}

export function jobMetaOf(r: RunRecord): JobMeta {
  const { status, priority, owner, seq, assignedGpus, timeoutSeconds, demand, startedAt } = r;
  return { status, priority, owner, seq, assignedGpus, timeoutSeconds, demand, startedAt };
}

export interface LoadedRecords {
  records: RunRecord[];
  /** Files that could not be read as a record (kept as they are, never overwritten). */
  unreadable: string[];
}

function isRecord(data: unknown): data is RunRecord {
  const r = data as RunRecord;
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.exec_id === 'string' &&
    EXEC_ID_PATTERN.test(r.exec_id) &&
    typeof r.ref === 'string' &&
    typeof r.engine === 'string' &&
    typeof r.imageTag === 'string'
  );
}

/**
 * Run records, one small JSON file per run (`<dir>/<exec_id>.json`), each
 * written atomically. One file per run keeps every write small and
 * independent of how many runs exist (a state change of one run never
 * rewrites the others), a damaged file costs one run rather than the list,
 * and deleting a run is one unlink. Writes to the same run are serialized.
 */
export class RunRecordStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  fileOf(execId: string): string {
    return path.join(this.dir, `${execId}.json`);
  }

  /** Reads every record; leftovers of interrupted writes are removed. */
  async loadAll(): Promise<LoadedRecords> {
    await fs.mkdir(this.dir, { recursive: true });
    const names = await fs.readdir(this.dir);
    const records: RunRecord[] = [];
    const unreadable: string[] = [];
    await Promise.all(
      names.map(async (name) => {
        const file = path.join(this.dir, name);
        if (name.startsWith(TEMP_PREFIX)) return fs.rm(file, { force: true });
        if (!name.endsWith('.json')) return;
        try {
          const data: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
          if (isRecord(data) && `${data.exec_id}.json` === name) records.push(data);
          else unreadable.push(file);
        } catch {
          unreadable.push(file);
        }
      }),
    );
    records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.exec_id.localeCompare(b.exec_id));
    return { records, unreadable };
  }

  save(record: RunRecord): Promise<void> {
    const snapshot = JSON.stringify(record, null, 2) + '\n';
    return this.enqueue(record.exec_id, async () => {
      await fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.fileOf(record.exec_id), snapshot);
    });
  }

  /** Resolves once every write asked for so far has been made (or has failed). */
  async flush(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  remove(execId: string): Promise<void> {
    return this.enqueue(execId, () => fs.rm(this.fileOf(execId), { force: true }));
  }

  private enqueue(execId: string, work: () => Promise<unknown>): Promise<void> {
    const run = (this.queues.get(execId) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    this.queues.set(execId, tail);
    void tail.then(() => {
      if (this.queues.get(execId) === tail) this.queues.delete(execId);
    });
    return run.then(() => undefined);
  }
}

/**
 * The id of this service's data folder, made once and kept in `file`: runs
 * carry it as a label, so a service only follows and adopts its own runs.
 */
export async function instanceIdIn(file: string): Promise<string> {
  try {
    const text = (await fs.readFile(file, 'utf8')).trim();
    if (/^[a-f0-9]{16}$/.test(text)) return text;
    // Replacing it would orphan every run of this data folder.
    throw new Error(`${file} does not hold an instance id; fix or remove it`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const id = randomBytes(8).toString('hex');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, id + '\n');
  return id;
}
