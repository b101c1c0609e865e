#!/bin/sh
# Run the libFuzzer targets for a bounded time each (tests/fuzz/README.md).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# Builds nothing: FUZZ_BUILD (default build-fuzz, relative to the
# repository root) is a tree configured with
#   CC=clang cmake -S . -B build-fuzz -DCV_FUZZ=ON \
#     -DCV_SANITIZE=address,undefined -DCV_ARENA_DEBUG=ON
# and built. Each target (default: all seven) runs SECONDS (default 60) on
# a fresh copy of its corpus and regression inputs in a temporary
# directory; the repository is never written, except that an input that
# crashes, leaks, hangs or runs out of memory is copied to
# tests/fuzz/regressions/<target>/, its path printed, and the script then
# exits 1 (after running the remaining targets).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-json xml normtext criteria evaluate xlsx sheets}
build=${FUZZ_BUILD:-build-fuzz}
case $build in /*) ;; *) build=$repo/$build ;; esac

case $seconds in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS] [TARGET...]" >&2
    exit 2
    ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/cv-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# Sanitizer reports end the run with a stack; leaks are checked per input.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
for t in $targets; do
    bin=$build/tests/fuzz_$t
    if [ ! -x "$bin" ]; then
        echo "run.sh: $bin not found; build the fuzz tree first:" >&2
        echo "  CC=clang cmake -S . -B build-fuzz -DCV_FUZZ=ON" \
            "-DCV_SANITIZE=address,undefined -DCV_ARENA_DEBUG=ON" \
            "&& cmake --build build-fuzz -j2" >&2
        exit 2
    fi
    dir=$work/$t
    mkdir -p "$dir/corpus" "$dir/artifacts" "$dir/tmp"
    # Seeds and past crashes; new inputs go to this copy only.
    cp "$here/corpus/$t/"* "$dir/corpus/"
    for f in "$here/regressions/$t/"*; do
        [ -f "$f" ] && cp "$f" "$dir/corpus/"
    done
    dict=
    [ -f "$here/$t.dict" ] && dict=-dict=$here/$t.dict
    echo "== fuzz_$t: ${seconds}s"
    rc=0
    # The criteria target writes its temporary tree under TMPDIR.
    TMPDIR=$dir/tmp "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
        ${dict:+"$dict"} "$dir/corpus" >"$dir/log" 2>&1 || rc=$?
    found=
    for a in "$dir/artifacts/"*; do
        [ -f "$a" ] || continue
        case ${a##*/} in
        crash-* | leak-* | timeout-* | oom-*) ;;
        *) continue ;; # slow-unit-*: slow, not a failure
        esac
        mkdir -p "$here/regressions/$t"
        cp "$a" "$here/regressions/$t/"
        echo "fuzz_$t: kept ${a##*/} as tests/fuzz/regressions/$t/${a##*/}"
        found=1
    done
    if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
        tail -n 60 "$dir/log"
        echo "fuzz_$t: FAILED (exit $rc)"
        status=1
    else
        # The last progress line and the final statistics.
        grep -E '^#[0-9]+' "$dir/log" | tail -n 1
        grep -E '^stat::' "$dir/log" || true
        echo "fuzz_$t: ok"
    fi
done
exit $status
