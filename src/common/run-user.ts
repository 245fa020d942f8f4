import { promises as fs } from 'node:fs';

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
  const stat = await fs.stat(dir);
  if (stat.gid !== user.gid && stat.uid !== user.uid) await fs.chown(dir, -1, user.gid).catch(() => undefined);
  await fs.chmod(dir, ((stat.mode & 0o777) | 0o070) & ~0o002);
}
