import { createHash } from 'node:crypto';
import { DockerService } from '../docker/docker.service';
import { tail } from './app-plan';

/** Lines of a module's log carried by a failure's problem document. */
export const LOG_TAIL_LINES = 50;

/** Label value naming the service instance (its data folder) that started a container. */
export function ownerOf(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
}

/** The user the module runs as: the service's own, so the files it writes belong to the service. */
export function containerUser(): string | undefined {
  return typeof process.getuid === 'function' ? `${process.getuid()}:${process.getgid!()}` : undefined;
}

/** The last lines of a container's log (stdout and stderr in order); empty when it cannot be read. */
export async function logTail(docker: DockerService, containerId: string): Promise<string[]> {
  const lines: string[] = [];
  try {
    for await (const line of docker.containerLogs(containerId, { tail: LOG_TAIL_LINES })) lines.push(line.line);
  } catch {
    // The container is gone or the engine does not answer: no log to show.
  }
  return tail(lines, LOG_TAIL_LINES);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
