import { randomBytes } from 'node:crypto';
import { FieldError } from '../common/problem';
import { EXEC_NETWORK_MODES, ID_PATTERN, parseSize, sizeProblem } from '../common/docker-values';

export { parseSize, SIZE_PATTERN } from '../common/docker-values';

/** A run id: chosen by the client or generated; also part of a container name and a folder name. */
export const EXEC_ID_PATTERN = ID_PATTERN;

/** An image reference as Docker takes it (name[:tag][@digest], or an image id). */
export const IMAGE_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/;

/** GPUs as a request gives them: all, none, or a count. */
export const GPUS_PATTERN = /^(all|none|\d+)$/;

/** Network modes an exec container may use. */
export const NETWORK_MODES = EXEC_NETWORK_MODES;

export function newExecId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * The GPUs a run asks for: the request's `gpus`, else its `useGPU` (true:
 * one GPU, false: none), else the configured default EXEC_GPUS, where `auto`
 * means one GPU when the host has any.
 */
export function gpuDemand(
  request: { gpus?: string | number; useGPU?: boolean },
  configured: string,
  hostGpus: number,
): number | 'all' {
  const parse = (value: string | number): number | 'all' => {
    const text = String(value).trim();
    if (text === 'all') return 'all';
    if (text === 'none') return 0;
    return Number(text);
  };
  if (request.gpus !== undefined) return parse(request.gpus);
  if (request.useGPU !== undefined) return request.useGPU ? 1 : 0;
  if (configured === 'auto') return hostGpus > 0 ? 1 : 0;
  return parse(configured);
}

/**
 * The command of a run: a string runs through `/bin/sh -c` (like a Dockerfile's
 * shell form), a list runs as it is, and without either `python <mainSrc>`.
 */
export function runCommand(command: string | string[] | undefined, mainSrc: string | undefined): string[] {
  if (typeof command === 'string') return ['/bin/sh', '-c', command];
  if (Array.isArray(command)) return [...command];
  if (!mainSrc) throw new Error('a run needs mainSrc or command');
  return ['python', mainSrc];
}

/** Problems of a `command` value: a non-empty string, or a non-empty list of strings. */
export function commandProblems(command: unknown): string | undefined {
  const ok = (s: unknown) => typeof s === 'string' && s.length <= 65536 && !s.includes('\0');
  if (typeof command === 'string')
    return ok(command) && command.trim() ? undefined : 'command must be a non-empty string without NUL';
  if (Array.isArray(command)) {
    if (command.length === 0 || command.length > 4096) return 'command must list 1 to 4096 arguments';
    if (!command.every(ok) || !command[0]) return 'command must be a list of strings without NUL, the first non-empty';
    return undefined;
  }
  return 'command must be a string or a list of strings';
}

/** Problems of a `userdata` value: any JSON, up to maxBytes once serialized. */
export function userdataProblems(value: unknown, maxBytes: number): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return 'userdata must be JSON';
  }
  if (text === undefined) return 'userdata must be JSON';
  if (Buffer.byteLength(text) > maxBytes) return `userdata may hold at most ${maxBytes} bytes of JSON`;
  return undefined;
}

/** Limits a request may not go past: sizes Docker takes, and configured limits capping what a request asks for. */
export function limitProblems(
  request: { cpus?: number; memory?: string; shmSize?: string; networkMode?: string },
  limits: { cpus?: number; memory?: string; allowedNetworkModes: string[] },
): FieldError[] {
  const errors: FieldError[] = [];
  if (request.cpus !== undefined && limits.cpus !== undefined && request.cpus > limits.cpus) {
    errors.push({ field: 'cpus', message: `cpus may be at most ${limits.cpus} (EXEC_CPUS)` });
  }
  if (
    request.memory !== undefined &&
    limits.memory !== undefined &&
    parseSize(request.memory) > parseSize(limits.memory)
  ) {
    errors.push({ field: 'memory', message: `memory may be at most ${limits.memory} (EXEC_MEMORY)` });
  }
  if (request.memory !== undefined) {
    const problem = sizeProblem('memory', request.memory, 'memory');
    if (problem) errors.push({ field: 'memory', message: problem });
  }
  if (request.shmSize !== undefined) {
    const problem = sizeProblem('shmSize', request.shmSize, 'shm');
    if (problem) errors.push({ field: 'shmSize', message: problem });
  }
  if (request.networkMode !== undefined && !limits.allowedNetworkModes.includes(request.networkMode)) {
    errors.push({
      field: 'networkMode',
      message: `networkMode must be one of: ${limits.allowedNetworkModes.join(', ')} (EXEC_ALLOWED_NETWORK_MODES)`,
    });
  }
  return errors;
}

/**
 * A `since` query value as seconds since the epoch: a number of seconds
 * (fractions allowed) or an RFC 3339 / ISO 8601 time. Undefined when it is
 * neither.
 */
export function parseSince(value: string): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}
