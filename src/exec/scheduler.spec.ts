import fc from 'fast-check';
import { Capacity, Demand, gpusNeeded, neverFits, QueuedJob, queueOrder, RunningJob, schedule } from './scheduler';

const GIB = 1024 ** 3;

const capacity: Capacity = {
  gpus: ['GPU-a', 'GPU-b', 'GPU-c'],
  cpuBudget: 4,
  memoryBudget: 8 * GIB,
  maxRunning: 4,
  maxRunningPerOwner: 3,
  backfillSeconds: 60,
};

function job(id: string, demand: Partial<Demand>, extra: Partial<QueuedJob> = {}): QueuedJob {
  const seq = Number(id.replace(/\D/g, '')) || 0;
  return {
    id,
    priority: 0,
    seq,
    submittedAt: 0,
    owner: null,
    demand: { gpus: 0, cpus: 0, memoryBytes: 0, ...demand },
    ...extra,
  };
}

describe('schedule', () => {
  it('gives each run distinct GPUs and queues what does not fit, with its position and reason', () => {
    const d = schedule([job('r1', { gpus: 1 }), job('r2', { gpus: 1 }), job('r3', { gpus: 2 })], [], capacity, 0);
    expect(d.start).toEqual([
      { id: 'r1', gpus: ['GPU-a'] },
      { id: 'r2', gpus: ['GPU-b'] },
    ]);
    expect(d.waiting).toEqual([{ id: 'r3', position: 1, reason: 'waiting for 2 GPUs' }]);
  });

  it('starts higher priority first, then first come first served', () => {
    const d = schedule(
      [job('r1', { gpus: 3 }), job('r2', { gpus: 3 }, { priority: 5 }), job('r3', { gpus: 3 })],
      [],
      capacity,
      0,
    );
    expect(d.start.map((s) => s.id)).toEqual(['r2']);
    expect(d.waiting.map((w) => w.id)).toEqual(['r1', 'r3']);
  });

  it('lets a smaller run start ahead of a blocked one only during the backfill window', () => {
    const running: RunningJob[] = [{ id: 'r0', owner: null, gpus: ['GPU-a', 'GPU-b'], cpus: 0, memoryBytes: 0 }];
    const queued = [job('r1', { gpus: 2 }), job('r2', { gpus: 1 })];
    expect(schedule(queued, running, capacity, 59_999).start.map((s) => s.id)).toEqual(['r2']);
    const late = schedule(queued, running, capacity, 60_000);
    expect(late.start).toEqual([]);
    expect(late.waiting[1].reason).toMatch(/waiting behind r1/);
  });

  it('keeps budgets, the running limit and the per-owner limit, saying which', () => {
    const running: RunningJob[] = [{ id: 'r0', owner: 'ann', gpus: [], cpus: 3, memoryBytes: 6 * GIB }];
    const d = schedule(
      [job('r1', { cpus: 2 }), job('r2', { memoryBytes: 3 * GIB }), job('r3', { cpus: 1, memoryBytes: GIB })],
      running,
      capacity,
      0,
    );
    expect(d.start.map((s) => s.id)).toEqual(['r3']);
    expect(d.waiting.map((w) => w.reason)).toEqual(['waiting for 2 CPUs', 'waiting for 3072 MiB of memory']);
    const full = schedule(
      [job('r9', {})],
      Array.from({ length: 4 }, (_, i) => ({ id: `x${i}`, owner: null, gpus: [], cpus: 0, memoryBytes: 0 })),
      capacity,
      0,
    );
    expect(full.waiting[0].reason).toMatch(/EXEC_MAX_RUNNING\)/);
    const owned = schedule(
      [job('r5', {}, { owner: 'ann' }), job('r6', {}, { owner: 'bob' })],
      Array.from({ length: 3 }, (_, i) => ({ id: `a${i}`, owner: 'ann', gpus: [], cpus: 0, memoryBytes: 0 })),
      capacity,
      0,
    );
    expect(owned.start.map((s) => s.id)).toEqual(['r6']);
    expect(owned.waiting[0].reason).toMatch(/ann already has 3 running/);
  });

  it('"all" takes every GPU', () => {
    expect(schedule([job('r1', { gpus: 'all' })], [], capacity, 0).start).toEqual([
      { id: 'r1', gpus: ['GPU-a', 'GPU-b', 'GPU-c'] },
    ]);
  });
});

describe('neverFits', () => {
  it('names what the host can never give', () => {
    expect(neverFits({ gpus: 4, cpus: 0, memoryBytes: 0 }, capacity)).toBe(
      'the run asks for 4 GPUs, but the server has 3',
    );
    expect(neverFits({ gpus: 'all', cpus: 0, memoryBytes: 0 }, { ...capacity, gpus: [] })).toMatch(/has none/);
    expect(neverFits({ gpus: 0, cpus: 5, memoryBytes: 0 }, capacity)).toMatch(/EXEC_CPU_BUDGET/);
    expect(neverFits({ gpus: 0, cpus: 0, memoryBytes: 9 * GIB }, capacity)).toMatch(/EXEC_MEMORY_BUDGET/);
    expect(neverFits({ gpus: 3, cpus: 4, memoryBytes: 8 * GIB }, capacity)).toBeUndefined();
  });
});

// ---- properties over random histories ----------------------------------------

type Op =
  | { kind: 'submit'; demand: Demand; priority: number; owner: string | null }
  | { kind: 'exit' | 'stop' | 'delete'; pick: number }
  | { kind: 'restart' }
  | { kind: 'tick'; ms: number };

const demandArb: fc.Arbitrary<Demand> = fc.record({
  gpus: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, fc.integer({ min: 0, max: 3 }), fc.constant<'all'>('all')),
  cpus: fc.integer({ min: 0, max: 4 }),
  memoryBytes: fc.integer({ min: 0, max: 8 }).map((g) => g * GIB),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant<'submit'>('submit'),
      demand: demandArb,
      priority: fc.integer({ min: 0, max: 2 }),
      owner: fc.constantFrom(null, 'ann', 'bob'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant<'exit'>('exit'), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom<'stop' | 'delete'>('stop', 'delete'), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'restart' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant<'tick'>('tick'), ms: fc.integer({ min: 0, max: 120_000 }) }) },
);

/** A fake host: the state the lifecycle keeps, driven by the scheduler's decisions and a fake clock. */
class Host {
  queued: QueuedJob[] = [];
  running: RunningJob[] = [];
  started: string[] = [];
  now = 0;
  private seq = 0;

  constructor(readonly cap: Capacity) {}

  apply(op: Op): void {
    if (op.kind === 'submit') {
      if (neverFits(op.demand, this.cap)) return; // a 422 at create
      const id = `r${++this.seq}`;
      this.queued.push({
        id,
        seq: this.seq,
        priority: op.priority,
        owner: op.owner,
        submittedAt: this.now,
        demand: op.demand,
      });
    } else if (op.kind === 'exit' && this.running.length) {
      this.running.splice(op.pick % this.running.length, 1);
    } else if ((op.kind === 'stop' || op.kind === 'delete') && this.queued.length) {
      this.queued.splice(op.pick % this.queued.length, 1);
    } else if (op.kind === 'restart') {
      // What survives a restart is the records: order comes from them, not from memory.
      this.queued = [...this.queued].reverse();
      this.running = [...this.running].reverse();
    } else if (op.kind === 'tick') {
      this.now += op.ms;
    }
    this.step();
  }

  step(): ReturnType<typeof schedule> {
    const decision = schedule(this.queued, this.running, this.cap, this.now);
    for (const s of decision.start) {
      const job = this.queued.find((q) => q.id === s.id)!;
      this.queued = this.queued.filter((q) => q.id !== s.id);
      this.running.push({
        id: s.id,
        owner: job.owner,
        gpus: s.gpus,
        cpus: job.demand.cpus,
        memoryBytes: job.demand.memoryBytes,
      });
      this.started.push(s.id);
    }
    this.checkInvariants(decision);
    return decision;
  }

  private checkInvariants(decision: ReturnType<typeof schedule>): void {
    const gpus = this.running.flatMap((r) => r.gpus);
    expect(new Set(gpus).size).toBe(gpus.length);
    expect(gpus.every((g) => this.cap.gpus.includes(g))).toBe(true);
    expect(this.running.reduce((a, r) => a + r.cpus, 0)).toBeLessThanOrEqual(this.cap.cpuBudget);
    expect(this.running.reduce((a, r) => a + r.memoryBytes, 0)).toBeLessThanOrEqual(this.cap.memoryBudget);
    expect(this.running.length).toBeLessThanOrEqual(this.cap.maxRunning);
    for (const owner of this.cap.maxRunningPerOwner === undefined ? [] : new Set(this.running.map((r) => r.owner))) {
      expect(this.running.filter((r) => r.owner === owner).length).toBeLessThanOrEqual(this.cap.maxRunningPerOwner!);
    }
    // Every queued run is told where it stands, in queue order.
    expect(decision.waiting.map((w) => w.id)).toEqual([...this.queued].sort(queueOrder).map((q) => q.id));
    expect(decision.waiting.map((w) => w.position)).toEqual(decision.waiting.map((_, i) => i + 1));
  }
}

describe('schedule, over random histories of submit, stop, delete, exit and restart', () => {
  it('never gives a GPU to two runs and never exceeds a budget or a limit', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const host = new Host(capacity);
        for (const op of ops) host.apply(op);
      }),
      { numRuns: 300 },
    );
  });

  it('starts every queued run once capacity frees', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const host = new Host(capacity);
        for (const op of ops) host.apply(op);
        const waitingIds = host.queued.map((q) => q.id);
        // No new work: runs end one by one (longest-running first) while the clock goes on.
        for (let i = 0; i < 1000 && (host.queued.length || host.running.length); i++) {
          host.running.shift();
          host.now += 1000;
          host.step();
        }
        expect(host.queued).toEqual([]);
        expect(waitingIds.every((id) => host.started.includes(id))).toBe(true);
      }),
    );
  });

  it('among runs that ask for the same, starts in priority, then submission order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), demandArb, (ops, demand) => {
        fc.pre(!neverFits(demand, capacity));
        const host = new Host(capacity);
        for (const op of ops) {
          const queuedBefore = [...host.queued];
          host.apply(op.kind === 'submit' ? { ...op, demand, owner: null } : op);
          const started = new Set(host.running.map((r) => r.id));
          for (const s of queuedBefore.filter((q) => started.has(q.id))) {
            // Nothing still waiting was ahead of a run that just started.
            expect(host.queued.filter((q) => queueOrder(q, s) < 0)).toEqual([]);
          }
        }
      }),
    );
  });

  it('a blocked run past its backfill window starts before any run queued behind it, even while small runs keep coming', () => {
    const open = { ...capacity, maxRunningPerOwner: undefined };
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const host = new Host(open);
        for (const op of ops) host.apply(op);
        if (!host.queued.length) return;
        host.now += open.backfillSeconds * 1000;
        const head = [...host.queued].sort(queueOrder)[0];
        const startedBefore = host.started.length;
        for (let i = 0; i < 1000 && !host.started.includes(head.id); i++) {
          host.running.shift();
          // A small run arrives after every exit: it fits what just freed, but must not pass the head.
          host.apply({ kind: 'submit', demand: { gpus: 1, cpus: 0, memoryBytes: 0 }, priority: 0, owner: null });
        }
        expect(host.started.slice(startedBefore)[0]).toBe(head.id);
      }),
    );
  });
});

describe('gpusNeeded', () => {
  it('counts "all" as every GPU of the host', () => {
    expect(gpusNeeded({ gpus: 'all', cpus: 0, memoryBytes: 0 }, 8)).toBe(8);
    expect(gpusNeeded({ gpus: 2, cpus: 0, memoryBytes: 0 }, 8)).toBe(2);
  });
});
