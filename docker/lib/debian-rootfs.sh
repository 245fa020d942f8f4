# Shared by docker/base-images.sh and docker/node-base-image.sh (sourced, not run):
# Debian packages on demand, the machine's own Debian mirror, and a cached
# Debian bookworm root file system made with debootstrap.

apt_updated=
# Installs a Debian package when it is missing (one `apt-get update` per script run).
need_pkg() {
  dpkg -s "$1" >/dev/null 2>&1 && return 0
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

# The Debian mirror this machine's apt uses: never a hard-coded host.
debian_mirror() {
  local uri
  uri=$(grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -m1 -E '/debian/?$' || true)
  [ -n "$uri" ] || uri=$(grep -hE '^\s*deb\s' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -m1 -E '/debian/?$' || true)
  [ -n "$uri" ] || { echo "no Debian mirror in the apt sources" >&2; return 1; }
  echo "$uri"
}

# debian_rootfs TARBALL PACKAGES: makes TARBALL (gzipped tar of a minbase bookworm
# with PACKAGES, comma-separated, without apt lists, docs, man pages or locales)
# unless it exists. The debootstrap log is kept beside it.
debian_rootfs() {
  local tarball=$1 packages=$2 mirror root
  [ -s "$tarball" ] && return 0
  need_pkg debootstrap
  mirror=$(debian_mirror) || return 1
  mkdir -p "$(dirname "$tarball")"
  root=$(mktemp -d)
  echo "debootstrap of Debian bookworm with $packages from $mirror (about a minute or two)"
  if ! debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" >"$tarball.log" 2>&1; then
    tail -n 20 "$tarball.log" >&2
    rm -rf "$root"
    return 1
  fi
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*
  tar -C "$root" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  local rc=$?
  rm -rf "$root"
  return $rc
}
