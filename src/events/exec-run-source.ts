import { Injectable } from '@nestjs/common';
import { RunEntry, RunLifecycle } from '../exec/run-lifecycle';
import { RunEventSource, RunStatusView } from './event-sources';

/** The run event source on the run lifecycle: its transitions, its status objects (as GET /api/exec/status), its engine's logs. */
@Injectable()
export class ExecRunSource implements RunEventSource {
  constructor(private readonly lifecycle: RunLifecycle) {}

  onRunChange(listener: (execId: string) => void): () => void {
    const offChange = this.lifecycle.onRunChange((run) => listener(run.exec_id));
    const offForget = this.lifecycle.onRunForgotten(listener);
    return () => {
      offChange();
      offForget();
    };
  }

  runIds(): string[] {
    return this.lifecycle.statuses().map((s) => s.exec_id);
  }

  status(execId: string): RunStatusView | undefined {
    const entry = this.entry(execId);
    return entry && { ...this.lifecycle.statusOf(entry) };
  }

  runDir(execId: string): string {
    return this.lifecycle.entry(execId).runDir;
  }

  async *logLines(execId: string, options: { tail?: number; follow: boolean }): AsyncGenerator<string> {
    const entry = this.entry(execId);
    if (!entry || !this.lifecycle.hasContainer(entry)) return;
    for await (const l of this.lifecycle.engine.logs(entry.record.ref, options)) yield l.line;
  }

  /** The run, unless it is unknown or still being created. */
  private entry(execId: string): RunEntry | undefined {
    let entry: RunEntry;
    try {
      entry = this.lifecycle.entry(execId);
    } catch {
      return undefined;
    }
    return entry.creating ? undefined : entry;
  }
}
