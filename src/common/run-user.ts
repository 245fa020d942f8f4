import { constants as C, promises as fs } from 'node:fs';
import { DomainError } from './domain-error';

/** The unprivileged user runs execute as (EXEC_USER). */
export interface RunUser {
  uid: number;
  gid: number;
  /** `uid:gid`, as the engine takes it. */
  spec: string;
}

export function parseRunUser(text: string): RunUser {
  const [uid, gid] = text.split(':').map(Number);
  return { uid, gid, spec: `${uid}:${gid}` };
}

/**
 * Lets the run's user write a folder the service made: its group becomes the
 * run's group with write access; others may not write (never 0777). The
 * service (its owner) keeps full access, so it can still read and remove
 * what the run wrote. Needs the service to run as root or as a member of the
 * group; otherwise the folder is left as it is and the run may not write it.
 */
export async function grantRunUser(dir: string, user: RunUser): Promise<void> {
  // Changed through a handle of the very folder checked: a folder on the way swapped for a symlink is refused, never followed.
  const expected = await fs.realpath(dir);
  const handle = await fs.open(expected, C.O_RDONLY | C.O_DIRECTORY | C.O_NOFOLLOW);
  try {
    if ((await fs.readlink(`/proc/self/fd/${handle.fd}`)) !== expected)
      throw new DomainError('BAD_REQUEST', `${dir} changed while it was being prepared`);
    const stat = await handle.stat();
    if (stat.gid !== user.gid && stat.uid !== user.uid) await handle.chown(-1, user.gid).catch(() => undefined);
    await handle.chmod(((stat.mode & 0o777) | 0o070) & ~0o002);
  } finally {
    await handle.close();
  }
}
