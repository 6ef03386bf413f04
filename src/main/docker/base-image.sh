#!/usr/bin/env bash
# The one recipe for the local base image of Dockerfile.jvm: Debian bookworm (minbase) with openjdk-17-jre-headless,
# imported into Podman's image store as localhost/trueline-base:bookworm (override with TRUELINE_BASE_IMAGE).
# Builds it only when it is missing, so the store keeps it between test runs; --rebuild replaces it.
#
# Why a local base image: no registry can be pulled from on the machines this project is built on, so the UBI image
# Dockerfile.jvm names is not available; `podman build --from localhost/trueline-base:bookworm` stands it in.
# Packages come from apt's own configured Debian mirror. Needs root (debootstrap, chroot), debootstrap and podman.
#
# Used by test.sh (before the build) and ContainerImageIT (when the image is missing), so both make the same image.
set -euo pipefail

IMAGE=${TRUELINE_BASE_IMAGE:-localhost/trueline-base:bookworm}
SUITE=bookworm
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${CONTAINERS_CONF:-}" ]; then
    CONTAINERS_CONF=$("$here/containers-conf.sh" "$here/../../../target/podman/containers.conf")
    export CONTAINERS_CONF
fi

rebuild=false
if [ "${1:-}" = --rebuild ]; then
    rebuild=true
fi

say() { echo "base-image: $*" >&2; }

# The first URI of a `deb` source for $SUITE itself (not -updates or -security), from the deb822 .sources files or
# the one-line .list format, in the order apt reads them.
debian_mirror() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -e "$f" ] || continue
        awk -v suite="$SUITE" 'BEGIN { RS = ""; FS = "\n" }
            { types = ""; uris = ""; suites = ""; enabled = "yes"
              for (i = 1; i <= NF; i++) {
                  line = $i
                  if (line ~ /^[ \t]*#/) continue
                  key = tolower(line); sub(/:.*/, "", key); value = line; sub(/^[^:]*:[ \t]*/, "", value)
                  if (key == "types") types = value
                  else if (key == "uris") uris = value
                  else if (key == "suites") suites = value
                  else if (key == "enabled") enabled = tolower(value)
              }
              if (enabled != "no" && (" " types " ") ~ / deb / && (" " suites " ") ~ (" " suite " ")) {
                  split(uris, u, /[ \t]+/); print u[1]; exit
              } }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -e "$f" ] || continue
        awk -v suite="$SUITE" '$1 == "deb" {
                i = 2
                if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                if ($(i + 1) == suite) { print $i; exit } }' "$f"
    done
}

if ! command -v podman >/dev/null 2>&1; then
    say "podman is not installed (apt-get install podman runc)"
    exit 2
fi
if ! $rebuild && podman image exists "$IMAGE"; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    say "$IMAGE is missing and building it needs root (debootstrap, chroot): sudo $0"
    exit 2
fi
if ! command -v debootstrap >/dev/null 2>&1; then
    say "debootstrap is not installed (apt-get install debootstrap)"
    exit 2
fi

# Two builds at once (two test runs, two worktrees) would import the image twice: the second one waits and then
# finds the image there.
exec 9>/run/lock/trueline-base-image.lock
flock 9
if ! $rebuild && podman image exists "$IMAGE"; then
    exit 0
fi

mirror=$(debian_mirror | head -n 1)
if [ -z "$mirror" ]; then
    say "no '$SUITE' source in /etc/apt/sources.list or /etc/apt/sources.list.d/: cannot tell debootstrap a mirror"
    exit 2
fi

work=$(mktemp -d /var/tmp/trueline-base.XXXXXX)
root=$work/root
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT

started=$(date +%s)
say "building $IMAGE from $mirror (debootstrap --variant=minbase $SUITE, then openjdk-17-jre-headless)"
run_logged() { # quiet unless it fails: debootstrap and apt print thousands of lines
    if ! "$@" >>"$work/build.log" 2>&1; then
        tail -n 40 "$work/build.log" >&2
        say "failed: $*"
        exit 1
    fi
}
run_logged debootstrap --variant=minbase "$SUITE" "$root" "$mirror"
# ca-certificates-java's post-install script runs java, which needs /proc; apt needs DNS.
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Debian snapshot mirrors serve Release files past their Valid-Until date.
apt_opts=(-o Acquire::Check-Valid-Until=false -o Dpkg::Use-Pty=0)
run_logged chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update
run_logged chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y \
    --no-install-recommends openjdk-17-jre-headless
chroot "$root" apt-get clean
umount "$root/proc"
rm -rf "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root/etc/resolv.conf"
java_home=$(dirname "$(dirname "$(chroot "$root" readlink -f /usr/bin/java)")")

# --numeric-owner: the owners inside the image are the chroot's uids, whatever names the host gives them.
tar --numeric-owner -C "$root" -c . | podman import --quiet \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV LANG=C.UTF-8" \
    --change "ENV JAVA_HOME=$java_home" \
    --change 'CMD ["/bin/bash"]' \
    --message "trueline base: debian $SUITE minbase + openjdk-17-jre-headless from $mirror" \
    - "$IMAGE" >/dev/null
say "built $IMAGE in $(($(date +%s) - started)) s: $(podman image inspect --format '{{.Size}}' "$IMAGE") bytes"
