#!/usr/bin/env bash
# The test command: checks every prerequisite of the suite, installs what is missing with apt when it runs as root
# on Debian (otherwise stops with one message naming what to install), then runs ./mvnw verify with any extra
# arguments passed through (./test.sh -Dit.test=ContainerImageIT). ./test.sh --setup-only stops before the tests.
#
# People who already have the prerequisites can run ./mvnw verify directly: a test whose prerequisite is missing
# fails saying what to install, never skips. .ci/run calls this script.
set -euo pipefail
cd "$(dirname "$0")"

setup_only=false
if [ "${1:-}" = --setup-only ]; then
    setup_only=true
    shift
fi

say() { echo "test.sh: $*" >&2; }
list() { # "a, b, c"
    local IFS=,
    echo "$*" | sed 's/,/, /g'
}
die() {
    say "$*"
    exit 1
}

# Podman and the tools it runs live in sbin, which a user's PATH may lack.
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin

# Each prerequisite: what it is, whether it is there, and the Debian packages that provide it. The browser tests
# look for Chromium and its driver at these paths (src/test/java/dev/trueline/ui/Browser.java); the container test
# runs podman from PATH with runc as its runtime (src/main/docker/containers-conf.sh); the Redis journal's tests start
# their own redis-server from this path (src/test/java/dev/trueline/testing/RedisServer.java), and the replicas tests
# their own Redis Cluster with redis-cli and their own nginx (src/test/java/dev/trueline/testing/Nginx.java).
chromium=${TRUELINE_CHROMIUM:-/usr/bin/chromium}
chromedriver=${TRUELINE_CHROMEDRIVER:-/usr/bin/chromedriver}
redis_server=${TRUELINE_REDIS_SERVER:-/usr/bin/redis-server}
redis_cli=${TRUELINE_REDIS_CLI:-/usr/bin/redis-cli}
nginx=${TRUELINE_NGINX:-/usr/sbin/nginx}
base_image=${TRUELINE_BASE_IMAGE:-localhost/trueline-base:bookworm}

java_ok() { # ./mvnw and the compiler need a JDK 17 or newer
    local javac=javac
    if [ -n "${JAVA_HOME:-}" ]; then
        javac=$JAVA_HOME/bin/javac
    fi
    local version
    version=$("$javac" -version 2>&1 | awk '{ print $2 }') || return 1
    [ "${version%%.*}" -ge 17 ] 2>/dev/null
}
has() { command -v "$1" >/dev/null 2>&1; }
base_image_missing() { ! podman image exists "$base_image" 2>/dev/null; }

missing=()  # what is missing, for the message
packages=() # the Debian packages that provide it
check() {
    missing=()
    packages=()
    java_ok || { missing+=("a JDK 17+ (javac)"); packages+=(openjdk-17-jdk-headless); }
    [ -x "$chromium" ] || { missing+=("Chromium ($chromium)"); packages+=(chromium); }
    [ -x "$chromedriver" ] || { missing+=("chromedriver ($chromedriver)"); packages+=(chromium-driver); }
    [ -x "$redis_server" ] || { missing+=("redis-server ($redis_server)"); packages+=(redis-server); }
    [ -x "$redis_cli" ] || { missing+=("redis-cli ($redis_cli)"); packages+=(redis-tools); }
    [ -x "$nginx" ] || { missing+=("nginx ($nginx)"); packages+=(nginx); }
    has podman || { missing+=("Podman"); packages+=(podman); }
    has runc || { missing+=("runc (Podman's runtime here)"); packages+=(runc); }
    # debootstrap only builds the base image, once per machine.
    if ! has podman || base_image_missing; then
        has debootstrap || { missing+=("debootstrap (builds the base image $base_image)"); packages+=(debootstrap); }
    fi
}

check
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && [ -e /etc/debian_version ] && has apt-get; then
        say "installing ${packages[*]} (for: $(list "${missing[@]}"))"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${packages[@]}" >/dev/null
        check
        if [ ${#missing[@]} -gt 0 ]; then
            die "still missing after apt-get install: $(list "${missing[@]}")"
        fi
    else
        die "missing: $(list "${missing[@]}"). Install with: sudo apt-get install -y ${packages[*]}" \
            "(run as root on Debian, ./test.sh installs them itself; docs/container.md says why each one is needed)"
    fi
fi

# Podman with the settings this kind of VM needs, from the project's own containers.conf (never /etc).
CONTAINERS_CONF=$(src/main/docker/containers-conf.sh target/podman/containers.conf)
export CONTAINERS_CONF
podman info >/dev/null 2>"target/podman/info.err" ||
    die "podman does not work with $CONTAINERS_CONF: $(cat target/podman/info.err)"
# The base image: built once per machine (a few minutes), then cached in Podman's image store.
src/main/docker/base-image.sh || die "the base image $base_image could not be built (above)"
# One container from it, so a runtime that cannot start containers here is reported now, not mid-suite.
podman run --rm --network=none "$base_image" true 2>"target/podman/run.err" ||
    die "podman cannot run a container with $CONTAINERS_CONF: $(cat target/podman/run.err)"
say "prerequisites ready: $("$chromium" --version 2>/dev/null | head -n 1), $("$redis_server" --version | cut -d' ' -f1-3), $("$nginx" -v 2>&1), podman $(podman version --format '{{.Client.Version}}'), $base_image"

if $setup_only; then
    exit 0
fi
# The wrapper pins Maven 3.9.x (Quarkus 3.33 needs it; a machine's own mvn may be older).
exec ./mvnw verify "$@"
