#!/usr/bin/env bash
# The benchmark harness of issue 10. Usage (bench/README.md has the details):
#
#   bench/run.sh SCENARIO [--vs-reference] [--pin|--no-pin] [--scale F] [--warmup S] [--measure S] [--keep]
#                         [--journal file|redis|noop] [--sync none|interval|always] [--footprint]
#                         [--server-jvm OPTION]...   # --footprint: the image's JVM settings
#   bench/run.sh sweep SCENARIO [--vs-reference] [--levels 10,100,1000,10000]
#   bench/run.sh jmh [JMH options]         # microbenchmarks of the journal append path
#   bench/run.sh list                      # the scenarios
#
# Builds the packaged app and the test classes when the sources changed, installs the reference's Debian
# packages for --vs-reference when missing, then runs dev.trueline.bench.Bench (test scope: never in the app jar).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/quarkus-app/quarkus-run.jar
CP_FILE=target/bench-classpath.txt

if [[ ! -f $JAR || ! -d target/test-classes || -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]]; then
    echo "bench: building the packaged app and the harness (./mvnw package -DskipTests)" >&2
    ./mvnw -q package -DskipTests >&2
fi
if [[ ! -s $CP_FILE || pom.xml -nt $CP_FILE ]]; then
    ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2
fi
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"

case "${1:-}" in
    jmh)
        shift
        # One fork, short iterations by default: the machine is shared. Pass JMH options to override.
        out=$(mktemp)
        java -cp "$CP" org.openjdk.jmh.Main 'dev.trueline.bench.JournalAppendBenchmark' \
            -f 1 -wi 2 -w 2s -i 3 -r 3s "$@" | tee "$out"
        # like every run, appended to the results history with commit, machine and command
        {
            printf '## jmh\n\n- when: %s\n- commit: `%s`\n- machine: %s cores, load average %s\n' \
                "$(date -u +%FT%TZ)" "$(git rev-parse --short=12 HEAD)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
            printf -- '- command: `bench/run.sh jmh %s`\n\n```\n' "$*"
            sed -n '/^Benchmark/,$p' "$out"
            printf '```\n\n'
        } >> bench/results-history.md
        rm -f "$out"
        exit 0
        ;;
    list)
        exec java -cp "$CP" dev.trueline.bench.Scenarios
        ;;
    "")
        echo "usage: bench/run.sh [sweep] SCENARIO [--vs-reference] [--pin] ... | jmh | list" >&2
        exit 2
        ;;
esac

if [[ " $* " == *" --vs-reference "* ]] \
    && ! /usr/bin/python3 -c 'import fastapi, uvicorn, uvloop, httptools' 2>/dev/null; then
    echo "bench: installing the reference's Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq python3-fastapi python3-uvicorn python3-uvloop python3-httptools >&2
fi

BENCH_COMMAND="bench/run.sh $*" exec java -cp "$CP" dev.trueline.bench.Bench "$@"
