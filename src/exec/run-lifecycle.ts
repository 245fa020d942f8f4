import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DomainError, notFound } from '../common/domain-error';
import { removeTreeAt } from '../storage/confined-dir';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GpuDto, QueuedRunDto, RunPhase, RunStatusDto } from './dto/exec-status.dto';
import { endOf } from './run-end';
import { parseSize } from './exec-options';
import { GpuInventory } from './gpu-inventory';
import { LatestValue } from './latest-value';
import { RUN_ENGINE, RunDescription, RunEngine, RunOwner, RunStatus, SurveyedRun } from './run-engine';
import { instanceIdIn, jobMetaOf, RunRecord, RunRecordStore, upgradeRecord } from './run-records';
import { Capacity, Demand, neverFits, QueuedJob, RunningJob, schedule } from './scheduler';

/** How long list and info may wait, right after the service starts, for the engine's first answer. */
const FIRST_SYNC_WAIT_MS = 3000;
/** How long after a SIGKILL exit the engine is asked again whether it was a kill for memory. */
const KILL_RECHECK_MS = 300;
/** Engine descriptions asked for at once when resynchronising. */
const SYNC_CONCURRENCY = 8;

export interface RunEntry {
  record: RunRecord;
  /** Host folder mounted at /apprun. */
  runDir: string;
  /** Being prepared by a create (folders, then its launch): not listed, info is a 409. */
  creating: boolean;
  /** The list item as JSON, made once per change. */
  json?: string;
  /** Where it waits, from the last scheduling. */
  waiting?: { position: number; reason: string };
  /** The engine call that starts it, while it runs. */
  launching?: Promise<void>;
  timeout?: NodeJS.Timeout;
  /** A SIGKILL exit was seen and is being read once more (to tell an out-of-memory kill). */
  recheckedKill?: boolean;
}

/** Work admitted by the scheduler beside the runs: waiting while gpus is unset. */
interface ExternalJob {
  queued: QueuedJob;
  gpus?: string[];
  admitted: (gpus: string[]) => void;
}

/** Called after every transition of a run. */
export type RunChangeListener = (run: RunStatusDto) => void;

/**
 * The one owner of a run's lifecycle: queued → starting → running →
 * succeeded | failed | canceled | lost. Every change goes through a named
 * transition (admit, start, run, exit, cancel, stop, timeout, lose, requeue,
 * forget) that writes the durable record and tells the listeners. Admission
 * is the pure scheduler's decision, applied here whenever something frees or
 * arrives; the engine's events feed exits back.
 *
 * For other parts of the service (event streams, metrics): `onRunChange`,
 * `statuses`, `queueLength`, `gpusHeld`.
 */
@Injectable()
export class RunLifecycle implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('RunLifecycle');
  private readonly store: RunRecordStore;
  readonly runsDir: string;
  private readonly runs = new Map<string, RunEntry>();
  /** The engine's latest description of each run; null when its container no longer exists. */
  private readonly descriptions = new LatestValue<RunDescription | null>();
  private readonly listeners = new Set<RunChangeListener>();
  /** Work admitted by the same scheduler that is not an exec run (app-module script runs), by id. */
  private readonly external = new Map<string, ExternalJob>();
  private readonly forgetListeners = new Set<(execId: string) => void>();
  private owner!: RunOwner;
  private seq = 0;
  /** Admission waits until the engine has told which runs still exist. */
  private synced = false;
  private syncing = false;
  private syncAgain = false;
  /** Resolved once the engine has been asked about every run after the start (or after FIRST_SYNC_WAIT_MS). */
  readonly firstSync: Promise<void>;
  private firstSyncDone!: () => void;
  readonly capacity: Capacity;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUN_ENGINE) readonly engine: RunEngine,
    readonly inventory: GpuInventory,
  ) {
    this.store = new RunRecordStore(path.join(config.DATA_DIR, 'exec', 'runs'));
    this.runsDir = path.join(config.DATA_DIR, 'runs');
    this.firstSync = new Promise((resolve) => (this.firstSyncDone = resolve));
    this.capacity = {
      gpus: [],
      cpuBudget: config.EXEC_CPU_BUDGET ?? os.cpus().length,
      memoryBudget: config.EXEC_MEMORY_BUDGET ? parseSize(config.EXEC_MEMORY_BUDGET) : os.totalmem(),
      maxRunning: config.EXEC_MAX_RUNNING,
      maxRunningPerOwner: config.EXEC_MAX_RUNNING_PER_OWNER,
      backfillSeconds: config.EXEC_BACKFILL_SECONDS,
    };
  }

  async onModuleInit(): Promise<void> {
    await this.inventory.load();
    (this.capacity as { gpus: readonly string[] }).gpus = this.inventory.uuids();
    const instanceId = await instanceIdIn(path.join(this.config.DATA_DIR, 'exec', 'instance-id'));
    this.owner = { instanceId, dataDir: this.config.DATA_DIR };
    await fs.mkdir(this.runsDir, { recursive: true });
    const { records, unreadable } = await this.store.loadAll();
    for (const file of unreadable) this.logger.warn(`${file} is not a run record; it is left as it is`);
    for (const record of records) {
      const upgraded = upgradeRecord(record);
      this.seq = Math.max(this.seq, upgraded.seq);
      this.runs.set(record.exec_id, this.entryOf(upgraded));
    }
    // Should the engine not answer, list and info stop waiting for it after a while (admission waits on).
    setTimeout(() => this.firstSyncDone(), FIRST_SYNC_WAIT_MS).unref();
    this.engine.open(this.owner, {
      changed: (execId, provisional) => this.onChanged(execId, provisional),
      resync: () => void this.resync(),
    });
  }

  onModuleDestroy(): void {
    this.engine.close();
    for (const entry of this.runs.values()) clearTimeout(entry.timeout);
  }

  /** Runs keep running when the service stops (the next start adopts them); the record writes asked for are made first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.store.flush();
  }

  // ---- what other parts of the service read ---------------------------------

  /** Subscribes to every transition of every run; returns the unsubscribe function. */
  onRunChange(listener: RunChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to the removal of runs (deleted, or a create that failed); returns the unsubscribe function. */
  onRunForgotten(listener: (execId: string) => void): () => void {
    this.forgetListeners.add(listener);
    return () => this.forgetListeners.delete(listener);
  }

  /** The status of every run (created ones only). */
  statuses(): RunStatusDto[] {
    return [...this.runs.values()].filter((e) => !e.creating).map((e) => this.statusOf(e));
  }

  queueLength(): number {
    let n = 0;
    for (const e of this.runs.values()) if (e.record.status === 'queued' && !e.creating) n++;
    return n;
  }

  /** GPU uuid → exec_id of the run holding it. */
  gpusHeld(): Map<string, string> {
    const held = new Map<string, string>();
    for (const e of this.runs.values()) {
      if (e.record.status === 'starting' || e.record.status === 'running')
        for (const g of e.record.assignedGpus) held.set(g, e.record.exec_id);
    }
    return held;
  }

  gpus(): GpuDto[] {
    const held = this.gpusHeld();
    return this.inventory.list().map((d) => ({ ...d, heldBy: held.get(d.uuid) ?? null }));
  }

  /** The queued runs in the order they are considered, with why each waits. */
  queue(): QueuedRunDto[] {
    return [...this.runs.values()]
      .filter((e) => e.record.status === 'queued' && !e.creating && e.waiting)
      .sort((a, b) => a.waiting!.position - b.waiting!.position)
      .map((e) => ({
        exec_id: e.record.exec_id,
        queuePosition: e.waiting!.position,
        reason: e.waiting!.reason,
        priority: e.record.priority,
        owner: e.record.owner,
        submittedAt: e.record.createdAt,
      }));
  }

  statusOf(entry: RunEntry): RunStatusDto {
    const r = entry.record;
    const queued = r.status === 'queued';
    return {
      exec_id: r.exec_id,
      status: r.status,
      reason: queued ? (entry.waiting?.reason ?? 'waiting to be scheduled') : r.reason,
      exitCode: r.exitCode ?? null,
      queuePosition: queued ? (entry.waiting?.position ?? null) : null,
      priority: r.priority,
      owner: r.owner,
      gpus: r.assignedGpus,
      submittedAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt ?? null,
    };
  }

  entry(execId: string): RunEntry {
    const entry = this.runs.get(execId);
    if (!entry) throw notFound(`Run "${execId}" not found`);
    return entry;
  }

  entries(): IterableIterator<[string, RunEntry]> {
    return this.runs.entries();
  }

  /** The engine's latest description; undefined when not asked yet, null when the container is gone. */
  description(execId: string): RunDescription | null | undefined {
    return this.descriptions.get(execId);
  }

  /** Whether a run was given a container (queued runs, and runs canceled or refused before they started, were not). */
  hasContainer(entry: RunEntry): boolean {
    return entry.record.launched;
  }

  // ---- transitions asked for by the routes -------------------------------------

  /** Holds an id for a create in progress: a second create of it is a 409. */
  reserve(execId: string, record: RunRecord): RunEntry {
    if (this.runs.has(execId)) throw new DomainError('CONFLICT', `Run "${execId}" already exists`);
    const entry = this.entryOf(record);
    entry.creating = true;
    this.runs.set(execId, entry);
    return entry;
  }

  /** Gives up a reservation whose create failed before admission. */
  release(execId: string): void {
    if (this.runs.get(execId)?.creating) this.runs.delete(execId);
  }

  /**
   * admit: a reserved run joins the queue (durably), and is started at once
   * when it fits. Answers once it runs, or at once when it waits. When its
   * own start fails, the run is forgotten and the error thrown: nothing of a
   * refused create is left.
   */
  async admit(entry: RunEntry): Promise<RunPhase> {
    entry.record = { ...entry.record, status: 'queued', reason: null, seq: ++this.seq };
    await this.store.save(entry.record);
    try {
      await this.firstSync;
      this.schedule();
      if (entry.launching) await entry.launching;
    } catch (e) {
      await this.forget(entry);
      throw e;
    } finally {
      entry.creating = false;
      entry.json = undefined;
    }
    this.notify(entry);
    return entry.record.status;
  }

  /**
   * stop: a queued run is canceled without starting; a running one is asked
   * to stop and ends `canceled` once its container is gone (its GPUs are then
   * free and the next run starts at once).
   */
  async stop(execId: string): Promise<void> {
    const entry = this.entry(execId);
    if (entry.creating) throw new DomainError('CONFLICT', `Run "${execId}" is being created`);
    const status = entry.record.status;
    if (status === 'queued') {
      this.transition(entry, {
        status: 'canceled',
        reason: 'stopped before it started',
        finishedAt: new Date().toISOString(),
      });
      this.schedule();
      return;
    }
    if (!this.hasContainer(entry)) return;
    if (status === 'starting' || status === 'running') {
      this.transition(entry, { endCause: entry.record.endCause ?? 'stop' }, false);
      await entry.launching?.catch(() => undefined);
    }
    try {
      await this.engine.stop(entry.record.ref, this.config.EXEC_STOP_GRACE_SECONDS);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw this.gone(entry);
      throw e;
    }
    await this.refresh(execId);
  }

  /** forget (by request): a queued or ended run is removed with its container and run folder; a running one is a 409. */
  async remove(execId: string): Promise<void> {
    const entry = this.entry(execId);
    const busy = () => new DomainError('CONFLICT', `Run "${execId}" is still running: stop it first`);
    if (entry.creating) throw new DomainError('CONFLICT', `Run "${execId}" is being created`);
    if (entry.record.status === 'starting' || entry.record.status === 'running') {
      // The engine has the last word: a run whose end was not seen yet is asked about first.
      await this.refresh(execId);
      if (entry.record.status === 'starting' || entry.record.status === 'running') throw busy();
    }
    if (this.hasContainer(entry)) {
      try {
        await this.engine.remove(entry.record.ref);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'CONFLICT') throw busy();
        throw e;
      }
    }
    await this.forget(entry);
    this.schedule();
  }

  /**
   * Admission for work that is not an exec run (app-module script runs):
   * resolves with the GPUs it was given once the scheduler admits it, in
   * queue order with the runs. The caller must call the returned release
   * when the work ends (also when it fails).
   */
  async acquire(id: string, owner: string | null, demand: Demand): Promise<{ gpus: string[]; release: () => void }> {
    await this.firstSync;
    const never = neverFits(demand, this.capacity);
    if (never) throw new DomainError('UNPROCESSABLE', `The run can never start here: ${never}`);
    const release = () => {
      if (this.external.delete(id)) this.schedule();
    };
    const gpus = await new Promise<string[]>((admitted) => {
      this.external.set(id, {
        queued: { id, priority: 0, seq: ++this.seq, submittedAt: Date.now(), owner, demand },
        admitted,
      });
      this.schedule();
    });
    return { gpus, release };
  }

  // ---- scheduling ---------------------------------------------------------------

  /** Applies the scheduler's decision: positions and reasons of the waiting, starts of the admitted. */
  private schedule(): void {
    if (!this.synced) return;
    const queued: QueuedJob[] = [];
    const running: RunningJob[] = [];
    const queuedEntries: RunEntry[] = [];
    for (const entry of this.runs.values()) {
      const r = entry.record;
      if (r.status === 'queued' && r.seq > 0) {
        queuedEntries.push(entry);
        queued.push({
          id: r.exec_id,
          priority: r.priority,
          seq: r.seq,
          submittedAt: Date.parse(r.createdAt),
          owner: r.owner,
          demand: r.demand,
        });
      } else if (r.status === 'starting' || r.status === 'running') {
        running.push({
          id: r.exec_id,
          owner: r.owner,
          gpus: r.assignedGpus,
          cpus: r.demand.cpus,
          memoryBytes: r.demand.memoryBytes,
        });
      }
    }
    for (const job of this.external.values()) {
      if (job.gpus)
        running.push({
          id: job.queued.id,
          owner: job.queued.owner,
          gpus: job.gpus,
          cpus: job.queued.demand.cpus,
          memoryBytes: job.queued.demand.memoryBytes,
        });
      else queued.push(job.queued);
    }
    if (!queued.length) return;
    const decision = schedule(queued, running, this.capacity, Date.now());
    for (const s of decision.start) {
      const job = this.external.get(s.id);
      if (!job) continue;
      job.gpus = s.gpus;
      job.admitted(s.gpus);
    }
    for (const w of decision.waiting) {
      const entry = this.runs.get(w.id);
      if (!entry) continue;
      if (entry.waiting?.position !== w.position || entry.waiting.reason !== w.reason) entry.json = undefined;
      entry.waiting = { position: w.position, reason: w.reason };
    }
    for (const s of decision.start) if (this.runs.has(s.id)) this.start(this.runs.get(s.id)!, s.gpus);
  }

  /** start: the run gets its GPUs (durably, before the engine is asked) and its container. */
  private start(entry: RunEntry, gpus: string[]): void {
    entry.waiting = undefined;
    this.transition(entry, { status: 'starting', reason: null, assignedGpus: gpus, launched: true });
    const r = entry.record;
    const plan = r.launch!;
    entry.launching = (async () => {
      let launched: { started: boolean };
      try {
        await this.store.save(r);
        launched = await this.engine.launch({
          ...plan,
          execId: r.exec_id,
          gpus,
          simulatedGpus: this.inventory.simulated,
          meta: { ...plan.meta, job: JSON.stringify(jobMetaOf(r)) },
        });
      } catch (e) {
        if (entry.creating) throw e;
        // A queued run that can no longer start (its image was removed…): it ends here, saying why.
        this.transition(entry, {
          launched: false,
          status: 'failed',
          reason: `could not start: ${(e as DomainError).detail ?? (e as Error).message}`,
          finishedAt: new Date().toISOString(),
        });
        this.schedule();
        return;
      } finally {
        entry.launching = undefined;
      }
      if (launched.started) {
        this.run(entry, new Date().toISOString());
        void this.refresh(r.exec_id);
      } else {
        // It waits for a node (Swarm): starting, with the engine's reason, before the create answers.
        await this.refresh(r.exec_id);
      }
    })();
    // A failed start of a create's own run reaches that create; nothing else waits for it.
    entry.launching.catch(() => undefined);
  }

  /** run: the container runs; its time limit starts now. */
  private run(entry: RunEntry, startedAt: string): void {
    if (entry.record.status !== 'starting') return;
    this.transition(entry, { status: 'running', startedAt });
    this.armTimeout(entry);
  }

  private armTimeout(entry: RunEntry): void {
    const { timeoutSeconds, startedAt } = entry.record;
    if (!timeoutSeconds || !startedAt || entry.timeout) return;
    const left = Date.parse(startedAt) + timeoutSeconds * 1000 - Date.now();
    entry.timeout = setTimeout(() => void this.timeOut(entry), Math.max(0, left));
    entry.timeout.unref();
  }

  /** timeout: the run went past its time limit; it is stopped and ends failed. */
  private async timeOut(entry: RunEntry): Promise<void> {
    if (entry.record.status !== 'running' || this.runs.get(entry.record.exec_id) !== entry) return;
    this.transition(entry, { endCause: 'timeout' }, false);
    try {
      await this.engine.stop(entry.record.ref, this.config.EXEC_STOP_GRACE_SECONDS);
    } catch (e) {
      this.logger.warn(`could not stop run ${entry.record.exec_id} after its time limit: ${(e as Error).message}`);
    }
    await this.refresh(entry.record.exec_id);
  }

  /** exit: the container ended; how it ended decides the end state. Its GPUs go to the next runs at once. */
  private exit(entry: RunEntry, s: RunStatus): void {
    const r = entry.record;
    const [status, reason] = endOf(r, s);
    clearTimeout(entry.timeout);
    entry.timeout = undefined;
    this.transition(entry, {
      status,
      reason,
      state: s.state,
      exitCode: s.exitCode,
      finishedAt: s.finishedAt ?? new Date().toISOString(),
      startedAt: r.startedAt ?? s.startedAt,
    });
    this.schedule();
  }

  /** lose: the container of a started run vanished. */
  private lose(entry: RunEntry): void {
    clearTimeout(entry.timeout);
    entry.timeout = undefined;
    this.transition(entry, {
      status: 'lost',
      reason: 'its container vanished',
      state: 'missing',
      finishedAt: entry.record.finishedAt ?? new Date().toISOString(),
    });
    this.schedule();
  }

  /** requeue: a run that was starting when the service died never ran; it waits again in its old place. */
  private async requeue(entry: RunEntry): Promise<void> {
    await this.engine.remove(entry.record.ref).catch(() => undefined);
    this.transition(entry, { status: 'queued', reason: null, assignedGpus: [], launched: false });
    this.schedule();
  }

  /** forget: the run and its record, run folder and queue place are gone. */
  private async forget(entry: RunEntry): Promise<void> {
    const execId = entry.record.exec_id;
    clearTimeout(entry.timeout);
    if (this.runs.get(execId) === entry) this.runs.delete(execId);
    this.descriptions.delete(execId);
    for (const listener of this.forgetListeners) listener(execId);
    await this.store.remove(execId);
    // A run folder that cannot be removed is only logged.
    // The run could write its folder: removed without following a symlink.
    await removeTreeAt(entry.runDir).catch((e) =>
      this.logger.warn(`could not remove ${entry.runDir}: ${(e as Error).message}`),
    );
  }

  /** Writes a change of a run to its record and, when it is a visible change, tells the listeners. */
  private transition(entry: RunEntry, patch: Partial<RunRecord>, visible = true): void {
    entry.record = { ...entry.record, ...patch };
    entry.json = undefined;
    this.store
      .save(entry.record)
      .catch((e) => this.logger.warn(`could not save run ${entry.record.exec_id}: ${(e as Error).message}`));
    if (visible && !entry.creating) this.notify(entry);
  }

  private notify(entry: RunEntry): void {
    if (!this.listeners.size) return;
    const status = this.statusOf(entry);
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (e) {
        this.logger.warn(`a run listener failed: ${(e as Error).message}`);
      }
    }
  }

  // ---- following the engine -------------------------------------------------------

  /** The engine saw something happen to a run: show what it already tells, then ask for the rest. */
  private onChanged(execId: string, provisional?: (d: RunDescription) => RunDescription): void {
    const entry = this.runs.get(execId);
    if (!entry || entry.launching) return;
    const current = this.descriptions.get(execId);
    if (provisional && current) {
      this.descriptions.set(execId, provisional(current));
      this.described(execId);
    }
    void this.refresh(execId);
  }

  /**
   * Asks the engine for a run's description. Answers that arrive after a
   * later one (or after an event) are dropped.
   */
  async refresh(execId: string, throwErrors = false): Promise<void> {
    const entry = this.runs.get(execId);
    if (!entry || !this.hasContainer(entry)) return;
    const ticket = this.descriptions.ticket(execId);
    let description: RunDescription | null;
    try {
      description = await this.engine.describe(entry.record.ref);
    } catch (e) {
      if (throwErrors) throw e;
      this.logger.debug(`could not describe run ${execId}: ${(e as Error).message}`);
      return;
    }
    if (this.descriptions.offer(execId, ticket, description)) this.described(execId);
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
        const known = [...this.runs].filter(([, e]) => this.hasContainer(e) && !e.launching).map(([id]) => id);
        const tickets = new Map(known.map((id) => [id, this.descriptions.ticket(id)]));
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
          if (this.descriptions.offer(execId, tickets.get(execId)!, null)) this.described(execId);
        });
        this.firstSyncDone();
        if (!this.synced) {
          this.synced = true;
          for (const entry of this.runs.values()) if (entry.record.status === 'running') this.armTimeout(entry);
        }
        this.schedule();
      } while (this.syncAgain);
    } finally {
      this.syncing = false;
    }
  }

  /** A container of this service without a record (the record was lost): rebuilt from its labels. */
  private async adopt(s: SurveyedRun): Promise<void> {
    const record = upgradeRecord({
      imageTag: '',
      inputPath: '',
      outputPath: '',
      ...parseJson(s.meta.request),
      ...parseJson(s.meta.job),
      exec_id: s.execId,
      engine: this.engine.kind,
      ref: s.ref,
      createdAt: s.meta.createdAt ?? new Date().toISOString(),
      // What its container shows (running, ended, never started) moves it on from here.
      status: 'starting',
      launched: true,
    } as RunRecord);
    this.seq = Math.max(this.seq, record.seq);
    this.runs.set(s.execId, this.entryOf(record));
    await this.store
      .save(record)
      .catch((e) => this.logger.warn(`could not save run ${s.execId}: ${(e as Error).message}`));
    this.logger.log(`adopted run ${s.execId} from its container`);
  }

  /** A new description was kept: what it says moves the run along its lifecycle, and the engine's state is written down. */
  private described(execId: string): void {
    const entry = this.runs.get(execId);
    if (!entry || entry.launching) return;
    entry.json = undefined;
    const d = this.descriptions.get(execId);
    if (d === undefined) return;
    const r = entry.record;
    const started = r.status === 'starting' || r.status === 'running';
    if (d === null) {
      if (r.status === 'starting') void this.requeue(entry);
      else if (started) this.lose(entry);
      else if (r.state !== 'missing') this.transition(entry, { state: 'missing' }, false);
      return;
    }
    const s = d.status;
    const ended = s.exitCode !== null || ((s.state === 'exited' || s.state === 'dead') && !s.running);
    if (started && ended) {
      // Docker may describe a kill for memory as a plain SIGKILL for a moment: such an end is read once more.
      if (s.exitCode === 137 && !s.oomKilled && !r.endCause && !entry.recheckedKill) {
        entry.recheckedKill = true;
        setTimeout(() => void this.refresh(execId), KILL_RECHECK_MS).unref();
        return;
      }
      return this.exit(entry, s);
    }
    if (started && s.state === 'created' && r.status === 'starting') return void this.requeue(entry);
    // Held by the engine, waiting for a node: the engine's reason is the run's.
    if (r.status === 'starting' && s.state === 'pending') {
      const reason = `waiting for a node: ${s.reason ?? 'pending'}`;
      if (r.reason !== reason) this.transition(entry, { reason });
    }
    if (r.status === 'starting' && s.running) {
      if (r.reason) entry.record = { ...entry.record, reason: null };
      this.run(entry, s.startedAt ?? new Date().toISOString());
    }
    if (s.exitCode !== null) {
      if (r.state !== s.state || r.exitCode !== s.exitCode || r.finishedAt !== s.finishedAt) {
        this.transition(entry, { state: s.state, exitCode: s.exitCode, finishedAt: s.finishedAt }, false);
      }
    } else if (r.state !== undefined && r.state !== s.state) {
      this.transition(entry, { state: s.state }, false);
    }
  }

  private entryOf(record: RunRecord): RunEntry {
    return { record, runDir: path.join(this.runsDir, record.exec_id), creating: false };
  }

  gone(entry: RunEntry): DomainError {
    return notFound(`The container of run "${entry.record.exec_id}" no longer exists`);
  }
}

function parseJson(text: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    // Labels changed by hand: keep what can be known.
    return {};
  }
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
