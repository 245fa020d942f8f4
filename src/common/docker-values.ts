/**
 * Values the service passes to Docker, each with its one rule: the request
 * validation, the configuration and the container template all use these.
 * Framework-free, so unit tests can load it.
 */

/** An id chosen by a user or operator (a run, a storage): also part of container and folder names. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A Docker size: a byte count or a number with a unit (k, m, g, t), optionally followed by b, at most one space between (as Docker reads it). */
export const SIZE_PATTERN = /^\d+(\.\d+)?\s?[kmgt]?b?$/i;

/** Docker's smallest memory limit (6 MiB); a smaller one is refused by the engine. */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

/** Network modes a run container may use. */
export const EXEC_NETWORK_MODES = ['none', 'host', 'bridge'] as const;

/** Bytes of a Docker size (`1g`, `512m`, `1048576`), rounded to a whole byte. */
export function parseSize(size: string): number {
  const match = /^(\d+(?:\.\d+)?)\s?([kmgt]?)b?$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: ${size}`);
  const power = ' kmgt'.indexOf(match[2].toLowerCase() || ' ');
  return Math.round(Number(match[1]) * 1024 ** power);
}

/**
 * Why a size cannot be a container's memory limit or shared memory size;
 * undefined when it can. `what` names the field or variable.
 */
export function sizeProblem(what: string, size: string, kind: 'memory' | 'shm'): string | undefined {
  if (!SIZE_PATTERN.test(size.trim())) return `${what} must be a size like "512m" or "8g"`;
  const bytes = parseSize(size);
  if (kind === 'memory' && bytes < MIN_MEMORY_BYTES)
    return `${what} must be at least 6m (Docker's smallest memory limit)`;
  if (kind === 'shm' && bytes <= 0) return `${what} must be at least 1 byte`;
  return undefined;
}
