/**
 * Admission of runs, as a pure function: given the queued runs, the running
 * ones, the capacity of the host and the time, it says which queued runs
 * start now (with the GPUs each gets) and why each other one waits. It keeps
 * no state and does nothing itself; the run lifecycle applies its answer.
 *
 * Order: higher `priority` first, then first come first served (`seq`).
 * Backfill: a run further back may start ahead of a blocked one while the
 * blocked one has waited less than `backfillSeconds`; after that the blocked
 * run holds the queue (nothing behind it starts) until what it needs is free,
 * so it can never be delayed indefinitely by smaller runs.
 */

/** What a run asks for. */
export interface Demand {
  /** Whole GPUs, or every GPU of the host. */
  gpus: number | 'all';
  /** CPUs counted against EXEC_CPU_BUDGET (its CPU limit; 0 without one). */
  cpus: number;
  /** Bytes counted against EXEC_MEMORY_BUDGET (its memory limit; 0 without one). */
  memoryBytes: number;
}

export interface QueuedJob {
  id: string;
  priority: number;
  /** Submission order, increasing. */
  seq: number;
  /** When it was submitted, ms since the epoch. */
  submittedAt: number;
  owner: string | null;
  demand: Demand;
}

export interface RunningJob {
  id: string;
  owner: string | null;
  /** GPUs it holds (uuids). */
  gpus: readonly string[];
  cpus: number;
  memoryBytes: number;
}

export interface Capacity {
  /** Uuids of the host's GPUs, in the order they are given out. */
  gpus: readonly string[];
  cpuBudget: number;
  memoryBudget: number;
  maxRunning: number;
  /** At most this many running runs per owner (undefined: no limit). */
  maxRunningPerOwner?: number;
  backfillSeconds: number;
}

export interface Start {
  id: string;
  gpus: string[];
}

export interface Waiting {
  id: string;
  /** 1-based place in the queue. */
  position: number;
  reason: string;
}

export interface Decision {
  start: Start[];
  /** Every queued run that does not start, in queue order. */
  waiting: Waiting[];
}

/** Queue order: higher priority first, then earlier submission. */
export function queueOrder(a: Pick<QueuedJob, 'priority' | 'seq'>, b: Pick<QueuedJob, 'priority' | 'seq'>): number {
  return b.priority - a.priority || a.seq - b.seq;
}

/** GPUs a demand takes on a host with `gpuCount` GPUs. */
export function gpusNeeded(demand: Demand, gpuCount: number): number {
  return demand.gpus === 'all' ? gpuCount : demand.gpus;
}

/** Why a demand can never be met on this host (a 422 at create); undefined when it can. */
export function neverFits(demand: Demand, capacity: Capacity): string | undefined {
  const have = capacity.gpus.length;
  if (demand.gpus === 'all' && have === 0) return 'the run asks for every GPU, but the server has none';
  if (typeof demand.gpus === 'number' && demand.gpus > have) {
    return `the run asks for ${plural(demand.gpus, 'GPU')}, but the server has ${have}`;
  }
  if (demand.cpus > capacity.cpuBudget)
    return `the run asks for ${demand.cpus} CPUs, more than EXEC_CPU_BUDGET (${capacity.cpuBudget})`;
  if (demand.memoryBytes > capacity.memoryBudget) {
    return `the run asks for ${mib(demand.memoryBytes)} of memory, more than EXEC_MEMORY_BUDGET (${mib(capacity.memoryBudget)})`;
  }
  return undefined;
}

export function schedule(
  queued: readonly QueuedJob[],
  running: readonly RunningJob[],
  capacity: Capacity,
  now: number,
): Decision {
  const held = new Set(running.flatMap((r) => r.gpus));
  const free = capacity.gpus.filter((g) => !held.has(g));
  let cpus = sum(running.map((r) => r.cpus));
  let memory = sum(running.map((r) => r.memoryBytes));
  let count = running.length;
  const perOwner = new Map<string | null, number>();
  for (const r of running) perOwner.set(r.owner, (perOwner.get(r.owner) ?? 0) + 1);

  const start: Start[] = [];
  const waiting: Waiting[] = [];
  let holder: QueuedJob | undefined;
  for (const job of [...queued].sort(queueOrder)) {
    const wait = (reason: string) => waiting.push({ id: job.id, position: waiting.length + 1, reason });
    if (holder) {
      wait(`waiting behind ${holder.id}, which has waited longest for what it needs`);
      continue;
    }
    if (count >= capacity.maxRunning) {
      wait(`waiting for one of the ${capacity.maxRunning} running runs to end (EXEC_MAX_RUNNING)`);
      continue;
    }
    const owned = perOwner.get(job.owner) ?? 0;
    if (capacity.maxRunningPerOwner !== undefined && owned >= capacity.maxRunningPerOwner) {
      wait(`waiting: ${job.owner ?? 'the anonymous owner'} already has ${owned} running (EXEC_MAX_RUNNING_PER_OWNER)`);
      continue;
    }
    const needGpus = gpusNeeded(job.demand, capacity.gpus.length);
    const missing: string[] = [];
    if (needGpus > free.length) missing.push(plural(needGpus, 'GPU'));
    if (cpus + job.demand.cpus > capacity.cpuBudget) missing.push(`${job.demand.cpus} CPUs`);
    if (memory + job.demand.memoryBytes > capacity.memoryBudget)
      missing.push(`${mib(job.demand.memoryBytes)} of memory`);
    if (missing.length) {
      wait(`waiting for ${missing.join(' and ')}`);
      if (now - job.submittedAt >= capacity.backfillSeconds * 1000) holder = job;
      continue;
    }
    start.push({ id: job.id, gpus: free.splice(0, needGpus) });
    cpus += job.demand.cpus;
    memory += job.demand.memoryBytes;
    count++;
    perOwner.set(job.owner, owned + 1);
  }
  return { start, waiting };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function mib(bytes: number): string {
  return `${Math.ceil(bytes / 1024 / 1024)} MiB`;
}
