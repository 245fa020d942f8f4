#!/usr/bin/env bash
# Creates the local base images the tests and the example app modules use,
# without any registry: a busybox image and a Debian Python 3 image.
#   BUSYBOX_IMAGE  tag of the busybox image (default: webapi/busybox:latest)
#   PYTHON_IMAGE   tag of the Python image  (default: webapi/python:3)
#   IMAGE_CACHE    folder for the cached Python root file system tarball
#                  (default: ~/.cache/docker-web-api)
# An image that already exists is left as it is.
set -euo pipefail

busybox_tag="${BUSYBOX_IMAGE:-webapi/busybox:latest}"
python_tag="${PYTHON_IMAGE:-webapi/python:3}"
cache="${IMAGE_CACHE:-$HOME/.cache/docker-web-api}"
export DEBIAN_FRONTEND=noninteractive

# shellcheck source=lib/debian-rootfs.sh
. "$(dirname "$0")/lib/debian-rootfs.sh"
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

if ! have_image "$busybox_tag"; then
  need_pkg busybox-static
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/bin" "$root/tmp" "$root/etc"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - "$busybox_tag" >/dev/null
  rm -rf "$root"; trap - EXIT
  echo "base images: created $busybox_tag"
else
  echo "base images: $busybox_tag present"
fi

if ! have_image "$python_tag"; then
  tarball="$cache/python3-bookworm-rootfs.tar.gz"
  debian_rootfs "$tarball" python3,python3-venv,python3-pip,python-is-python3,ca-certificates
  docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV PYTHONUNBUFFERED=1' -c 'ENV LANG=C.UTF-8' -c 'CMD ["python3"]' \
    "$tarball" "$python_tag" >/dev/null
  echo "base images: created $python_tag"
else
  echo "base images: $python_tag present"
fi
