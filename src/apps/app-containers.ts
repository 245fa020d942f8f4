import { createHash } from 'node:crypto';
import { parseRunUser } from '../common/run-user';
import { DockerService } from '../docker/docker.service';
import { tail } from './app-plan';

/** Lines of a module's log carried by a failure's problem document. */
export const LOG_TAIL_LINES = 50;

/** Label value naming the service instance (its data folder) that started a container. */
export function ownerOf(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
}

/** The user a module runs as: EXEC_USER, like runs, never root by default. */
export function containerUser(config: { EXEC_USER: string }): string {
  return parseRunUser(config.EXEC_USER).spec;
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
