import { Injectable } from '@nestjs/common';
import { ExecService } from '../exec/exec.service';
import { RunEventSource, RunStatusView } from './event-sources';

/** The run event source on the exec group as it is: the lifecycle status is read from the container's state. */
@Injectable()
export class ExecRunSource implements RunEventSource {
  constructor(private readonly exec: ExecService) {}

  onRunChange(listener: (execId: string) => void): () => void {
    return this.exec.onRunChange(listener);
  }

  runIds(): string[] {
    return this.exec.runIds();
  }

  status(execId: string): RunStatusView | undefined {
    const run = this.exec.runState(execId);
    if (!run) return undefined;
    return { exec_id: execId, ...lifecycleOf(run.state, run.exitCode), exitCode: run.exitCode, finishedAt: run.finishedAt, createdAt: run.createdAt };
  }

  runDir(execId: string): string {
    const run = this.exec.runState(execId);
    if (!run) throw new Error(`no run ${execId}`);
    return run.runDir;
  }

  async *logLines(execId: string, options: { tail?: number; follow: boolean }): AsyncGenerator<string> {
    for await (const l of this.exec.runLogLines(execId, options)) yield l.line;
  }
}

/** The lifecycle status a container state stands for. */
export function lifecycleOf(state: string, exitCode: number | null): { status: string; reason: string | null } {
  switch (state) {
    case 'created':
    case 'unknown':
      return { status: 'starting', reason: null };
    case 'exited':
    case 'dead':
      return exitCode === 0 ? { status: 'succeeded', reason: null } : { status: 'failed', reason: exitCode === null ? state : `exit code ${exitCode}` };
    case 'missing':
      return { status: 'lost', reason: 'its container no longer exists' };
    default:
      return { status: 'running', reason: null };
  }
}
