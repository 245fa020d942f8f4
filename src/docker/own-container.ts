/**
 * The id of the container this process runs in, if any: the engine mounts
 * `/etc/hostname` from `<data-root>/containers/<id>/hostname`, which
 * `/proc/self/mountinfo` shows (with cgroup v1, `/proc/self/cgroup` also
 * names `/docker/<id>`). The service needs it so that it never pauses itself
 * when it holds the storage writers still (the service as a container mounts
 * the data folder it serves).
 */
const CONTAINER_ID = /\/containers\/([0-9a-f]{64})\/hostname$/;
const CGROUP_ID = /\/docker\/([0-9a-f]{64})$/;

export function ownContainerId(mountinfo: string, cgroup = ''): string | undefined {
  for (const line of mountinfo.split('\n')) {
    // Fields: id, parent, major:minor, root, mount point, ...
    const [, , , root, mountPoint] = line.split(' ');
    if (mountPoint !== '/etc/hostname' || root === undefined) continue;
    const id = CONTAINER_ID.exec(root)?.[1];
    if (id) return id;
  }
  for (const line of cgroup.split('\n')) {
    const id = CGROUP_ID.exec(line)?.[1];
    if (id) return id;
  }
  return undefined;
}
