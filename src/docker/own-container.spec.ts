import { ownContainerId } from './own-container';

const ID = '57d2c23b27506b929e343092bde19a49bcc385f5fe46776c754bc74372875db4';
const OTHER = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** /proc/self/mountinfo of a container, as read inside one on the test engine. */
const IN_CONTAINER = [
  '81 60 0:45 / / rw,relatime master:28 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X',
  `98 81 254:0 /var/lib/docker/containers/${ID}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda rw`,
  `99 81 254:0 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw`,
  `100 81 254:0 /var/lib/docker/containers/${ID}/hosts /etc/hosts rw,relatime - ext4 /dev/vda rw`,
].join('\n');

describe('ownContainerId', () => {
  it('reads the id from the mount of /etc/hostname', () => {
    expect(ownContainerId(IN_CONTAINER)).toBe(ID);
  });

  it('reads it under another data root too', () => {
    expect(
      ownContainerId(`99 81 254:0 /srv/docker/containers/${ID}/hostname /etc/hostname rw - ext4 /dev/vda rw`),
    ).toBe(ID);
  });

  it('is undefined on the host, where /etc/hostname is no such mount', () => {
    const host = '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n23 22 0:5 / /dev rw - devtmpfs udev rw';
    expect(ownContainerId(host, '9:name=systemd:/\n8:pids:/')).toBeUndefined();
  });

  it('ignores a container folder mounted elsewhere (a bind mount of another container’s files)', () => {
    const line = `120 81 254:0 /var/lib/docker/containers/${OTHER}/hostname /mnt/hostname rw - ext4 /dev/vda rw`;
    expect(ownContainerId(line)).toBeUndefined();
  });

  it('falls back to the cgroup v1 path', () => {
    expect(ownContainerId('', `9:name=systemd:/docker/${ID}\n8:pids:/docker/${ID}`)).toBe(ID);
  });

  it('takes no short or non-hex id', () => {
    expect(
      ownContainerId('99 81 254:0 /var/lib/docker/containers/abc/hostname /etc/hostname rw - ext4 x rw'),
    ).toBeUndefined();
    expect(ownContainerId('', '9:name=systemd:/docker/not-an-id')).toBeUndefined();
  });
});
