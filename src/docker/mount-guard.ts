import { promises as fs } from 'node:fs';
import { DomainError } from '../common/domain-error';
import { isInside } from '../storage/path-resolver';
import { Mount } from './docker.types';

/**
 * Docker resolves a bind mount's source path when the container starts, not
 * when it is created, and follows symlinks on the way. A storage folder's
 * path runs through folders that running containers may write, and they can
 * swap one for a symlink at any moment. So the start of a container whose
 * mounts lie in storages is guarded: every running container that can write
 * in the same storage is paused (frozen: it cannot change a path), each
 * source is verified to be still its own real path inside its storage, the
 * container is started (its mounts are made), and the paused containers
 * resume. A source that changed before the pause refuses the start.
 */

/** A mount whose source must stay inside a storage (or module folder) until the container has started. */
export type GuardedMount = Mount & { confinedTo: string };

export function isGuarded(mount: Mount): mount is GuardedMount {
  return typeof mount.confinedTo === 'string';
}

/** A running container's bind mount, as the engine lists it. */
export interface RunningMount {
  source: string;
  writable: boolean;
}

/** Whether a container with these mounts could change a path inside any of the roots: it writes a folder inside one, or above one. */
export function canChangePathsIn(mounts: readonly RunningMount[], roots: readonly string[]): boolean {
  return mounts.some((m) => m.writable && roots.some((root) => isInside(root, m.source) || isInside(m.source, root)));
}

/**
 * Whether the engine refused a pause because the container's process has
 * already ended (the engine may still list it as running for a moment while
 * it exits): such a container writes nothing more, so there is nothing to hold.
 */
export function pauseRefusedAsEnded(message: string): boolean {
  return /\bcontainer not running\b|\bis not running\b/i.test(message);
}

/** Refuses a source that is no longer its own real path inside its root (a folder on the way swapped for a symlink). */
export async function assertSourceUnchanged(mount: GuardedMount): Promise<void> {
  const real = await fs.realpath(mount.source).catch(() => undefined);
  if (real !== mount.source || !isInside(mount.confinedTo, real)) {
    throw new DomainError(
      'BAD_REQUEST',
      `The folder to mount at ${mount.target} changed while the container was being started (a symlink took its place); nothing was started`,
    );
  }
}
