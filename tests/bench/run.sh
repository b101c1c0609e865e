#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh [N...]: cloudvet throughput and memory benchmark (see README.md).
#
# For each N (default: 1000 10000) it generates N synthetic submissions with
# gen.py (cached under $BENCH_CACHE, keyed by N, seed, XML share and the
# generator's inputs), then measures on the same files:
#   parse-only      cloudvet evaluate --parse-only DIR
#   json-j1         cloudvet evaluate --jobs 1 --format json --out TMP DIR
#   json-jN         cloudvet evaluate --jobs $(nproc) --format json --out TMP DIR
#   ndjson-j1       cloudvet evaluate --jobs 1 --format ndjson --out - DIR  (> /dev/null)
#   ndjson-jN       cloudvet evaluate --jobs $(nproc) --format ndjson --out - DIR
#   allfmt-j1       cloudvet evaluate --jobs 1 --out TMP DIR (every report format;
#                   N <= ALLFMT_MAX_N only, one run)
#   python          python3 rules.py DIR                  (JSON files only)
#   jq              jq -c -f rules.jq DIR/*.json          (JSON files only)
# each with hyperfine (--warmup 1 --runs 3, JSON export) when it is installed,
# else with repeated /usr/bin/time runs, plus one /usr/bin/time -f %M run for
# the peak RSS. A mode the binary does not have (exit code 2, a usage error)
# is reported "not available" and the rest goes on. Then it prints a table
# and the ratios against the targets of issue 5.
#
# Environment: CLOUDVET (binary; default <repo>/build/src/cloudvet), SEED (1),
# XML_SHARE (0.2), AS_OF (2026-11-21), RUNS (3), WARMUP (1), JOBS ($(nproc)),
# BENCH_CACHE (/tmp/cloudvet-bench), BENCH_RESULTS (a new directory under the
# cache), ALLFMT_MAX_N (1000), CLOUDVET_CRITERIA (criteria directory for the
# baselines and, if set, for cloudvet), PYTHON (interpreter for rules.py;
# default python3's sys.executable, so that no wrapper such as a pyenv shim
# is timed), GEN_ONLY=1 (only generate the data sets, measure nothing),
# SNAPSHOT=0 (measure $CLOUDVET in place instead of a copy taken at the start),
# REPORT_ONLY=1 with BENCH_RESULTS=DIR (print the table of an earlier run again),
# HYPERFINE=0 / GNU_TIME=0 (do without them even if installed).
# Needs: bash, python3, jq; hyperfine and GNU time (/usr/bin/time) if present.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

CLOUDVET=${CLOUDVET:-$ROOT/build/src/cloudvet}
case $CLOUDVET in
/*) ;;
*/*) CLOUDVET=$PWD/$CLOUDVET ;;
*) CLOUDVET=$(command -v "$CLOUDVET" || echo "$CLOUDVET") ;;
esac
SEED=${SEED:-1}
XML_SHARE=${XML_SHARE:-0.2}
AS_OF=${AS_OF:-2026-11-21}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
NPROC=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
JOBS=${JOBS:-$NPROC}
CACHE=${BENCH_CACHE:-/tmp/cloudvet-bench}
ALLFMT_MAX_N=${ALLFMT_MAX_N:-1000}
CRITERIA=${CLOUDVET_CRITERIA:-$ROOT/criteria}
case $CRITERIA in /*) ;; *) CRITERIA=$PWD/$CRITERIA ;; esac
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=${BENCH_RESULTS:-$CACHE/results-$STAMP}

if [ $# -eq 0 ]; then set -- 1000 10000; fi
for n in "$@"; do
    case $n in '' | *[!0-9]* | 0)
        echo "run.sh: N must be a positive integer: '$n'" >&2
        exit 2 ;;
    esac
done
if [ ! -x "$CLOUDVET" ]; then
    echo "run.sh: no cloudvet binary at '$CLOUDVET' (build it, or set CLOUDVET)" >&2
    exit 2
fi
for tool in python3 jq; do
    command -v $tool >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done
# The interpreter itself, not a wrapper: a pyenv shim adds ~0.1 s per start.
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
HAVE_HYPERFINE=0
[ "${HYPERFINE:-1}" = 1 ] && command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
HAVE_TIME=0
[ "${GNU_TIME:-1}" = 1 ] && [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && HAVE_TIME=1

mkdir -p "$CACHE" "$RESULTS" || exit 2
CACHE=$(cd "$CACHE" && pwd)
RESULTS=$(cd "$RESULTS" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cloudvet-bench-work.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
# Commands run from an empty directory, so a mode that writes reports/ by
# default writes nothing into the caller's tree.
cd "$WORK" || exit 2
# Measure a copy, so that a rebuild during the run does not mix two binaries
# (its criteria directory is compiled in as an absolute path). SNAPSHOT=0: no copy.
CLOUDVET_ORIG=$CLOUDVET
if [ "${SNAPSHOT:-1}" = 1 ]; then
    cp "$CLOUDVET" "$WORK/cloudvet" && CLOUDVET=$WORK/cloudvet || exit 2
fi

q() { printf '%q' "$1"; }

# ------------------------------------------------------------------ machine
MACHINE_TXT=$RESULTS/machine.txt
if [ "${REPORT_ONLY:-0}" = 1 ]; then
    cat "$MACHINE_TXT" 2>/dev/null
    MACHINE_TXT=/dev/null
fi
[ "${REPORT_ONLY:-0}" = 1 ] || {
    echo "date: $(date -Iseconds)"
    echo "nproc: $NPROC"
    echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "kernel: $(uname -sr)"
    echo "cloudvet: $CLOUDVET_ORIG ($("$CLOUDVET" --version 2>/dev/null | head -1), built $(date -r "$CLOUDVET_ORIG" -Iseconds), sha256 $(sha256sum <"$CLOUDVET" | cut -c1-16))"
    [ "$CLOUDVET" != "$CLOUDVET_ORIG" ] && echo "  measured as a copy: $CLOUDVET"
    echo "python3: $PYTHON ($("$PYTHON" --version 2>&1))"
    echo "jq: $(jq --version 2>&1)"
    if [ $HAVE_HYPERFINE = 1 ]; then echo "hyperfine: $(hyperfine --version)"
    else echo "hyperfine: not installed (timing with repeated runs)"; fi
    if [ $HAVE_TIME = 1 ]; then echo "GNU time: /usr/bin/time"
    else echo "GNU time: not installed (no peak RSS; apt-get install time)"; fi
    echo "settings: seed $SEED, xml share $XML_SHARE, as-of $AS_OF, warmup $WARMUP, runs $RUNS, jobs $JOBS"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$MACHINE_TXT"

# ------------------------------------------------------------------ data
gen_key() { # what the data depends on: the as-of date, gen.py, the criteria it reads
    {
        echo "$AS_OF"
        cat "$HERE/gen.py" "$CRITERIA/profiles/default.json" "$CRITERIA/data/regions.json" \
            "$CRITERIA/schema/questionnaire-v1.schema.json" "$CRITERIA"/catalogue/*.json
    } | sha256sum | cut -c1-12
}
GKEY=$(gen_key)

dataset() { # N -> prints the directory, generating it if needed
    local n=$1 dir
    dir=$CACHE/n$n-s$SEED-x$XML_SHARE-$GKEY
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir" "$dir.tmp"
        echo "generating $n submissions into $dir" >&2
        python3 "$HERE/gen.py" "$n" "$dir.tmp" --seed "$SEED" --xml-share "$XML_SHARE" \
            --criteria "$CRITERIA" --ref-date "$AS_OF" >&2 || return 1
        touch "$dir.tmp/.complete" && mv "$dir.tmp" "$dir" || return 1
    fi
    echo "$dir"
}

# ------------------------------------------------------------------ measuring
# probe NAME CMD: 0 when CMD runs (exit 0, or 3: an input was invalid),
# 2 when the binary does not know the mode (usage error), 1 otherwise.
probe() {
    local name=$1 cmd=$2 rc
    sh -c "$cmd" >/dev/null 2>"$WORK/probe.err"
    rc=$?
    case $rc in
    0 | 3) return 0 ;;
    2) return 2 ;;
    *) echo "  $name: probe failed (exit $rc): $(head -c 300 "$WORK/probe.err")" >&2
       return 1 ;;
    esac
}

# measure N NAME LABEL BYTES FILES RUNS WARMUP CMD
# Appends one line to $RESULTS/n$N.tsv:
#   name label status mean sd min max rss_kb cpu bytes files runs command
# (mean/sd/min/max: wall seconds; cpu: mean user+system seconds)
measure() {
    local n=$1 name=$2 label=$3 bytes=$4 files=$5 runs=$6 warmup=$7 cmd=$8
    local tsv=$RESULTS/n$n.tsv base=$RESULTS/n$n-$name rc rss="" mean="" sd="" mn="" mx="" cpu=""
    echo "  $name: $cmd" >&2
    # One run for the peak RSS and the exit code; the baselines' output is
    # kept to check that they agree, cloudvet's is not (it can be a GB).
    local keep=/dev/null
    case $name in python | jq) keep=$base.out ;; esac
    if [ $HAVE_TIME = 1 ]; then
        /usr/bin/time -f '%e %M %U %S' -o "$base.time" sh -c "$cmd" >"$keep" 2>"$base.err"
        rc=$?
        rss=$(awk 'END {print $2}' "$base.time")
        cpu=$(awk 'END {print $3 + $4}' "$base.time")
    else
        sh -c "$cmd" >"$keep" 2>"$base.err"
        rc=$?
    fi
    if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
        echo "    failed (exit $rc): $(head -c 300 "$base.err")" >&2
        printf '%s\t%s\tfailed (exit %s)\t\t\t\t\t\t\t%s\t%s\t0\t%s\n' \
            "$name" "$label" "$rc" "$bytes" "$files" "$cmd" >>"$tsv"
        return 1
    fi
    if [ "$runs" -le 1 ]; then
        # A single run: the RSS run is the timing (or time it once if no GNU time).
        if [ $HAVE_TIME = 1 ]; then
            mean=$(awk 'END {print $1}' "$base.time")
        else
            local t0 t1
            t0=$(date +%s.%N); sh -c "$cmd" >/dev/null 2>&1; t1=$(date +%s.%N)
            mean=$(echo "$t1 - $t0" | bc -l 2>/dev/null || python3 -c "print($t1-$t0)")
        fi
        sd=0; mn=$mean; mx=$mean; runs=1
    elif [ $HAVE_HYPERFINE = 1 ]; then
        hyperfine --style basic -i --warmup "$warmup" --runs "$runs" \
            --export-json "$base.hyperfine.json" -n "$name" "$cmd" >"$base.hyperfine.txt" 2>&1 ||
            { echo "    hyperfine failed: $(tail -3 "$base.hyperfine.txt")" >&2; return 1; }
        read -r mean sd mn mx cpu < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["mean"], r.get("stddev") or 0, r["min"], r["max"], r["user"] + r["system"])' "$base.hyperfine.json")
    else
        local i t0 t1 ts=()
        for ((i = 0; i < warmup; i++)); do sh -c "$cmd" >/dev/null 2>&1; done
        for ((i = 0; i < runs; i++)); do
            t0=$(date +%s.%N); sh -c "$cmd" >/dev/null 2>&1; t1=$(date +%s.%N)
            ts+=("$t0:$t1")
        done
        read -r mean sd mn mx < <(python3 -c '
import statistics, sys
t = [float(b) - float(a) for a, b in (x.split(":") for x in sys.argv[1:])]
print(statistics.mean(t), statistics.stdev(t) if len(t) > 1 else 0, min(t), max(t))' "${ts[@]}")
    fi
    printf '%s\t%s\tok\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$name" "$label" "$mean" "$sd" "$mn" "$mx" "$rss" "$cpu" "$bytes" "$files" "$runs" "$cmd" >>"$tsv"
    printf '    %.3f s, peak RSS %s KB\n' "$mean" "${rss:-?}" >&2
}

unavailable() { # N NAME LABEL WHY
    printf '%s\t%s\t%s\t\t\t\t\t\t\t\t\t0\t\n' "$2" "$3" "$4" >>"$RESULTS/n$1.tsv"
    echo "  $2: $4" >&2
}

CV=$(q "$CLOUDVET")
CVOPT="--as-of $(q "$AS_OF")"
[ -n "${CLOUDVET_CRITERIA:-}" ] && CVOPT="$CVOPT --criteria $(q "$CRITERIA")"

bench_n() {
    local n=$1 data probe_dir all_bytes all_files json_bytes json_files out1 out2 jobs_ok=1
    data=$(dataset "$n") || { echo "run.sh: generation failed for N=$n" >&2; return 1; }
    read -r all_files all_bytes json_files json_bytes < <(python3 -c '
import os, sys
d = sys.argv[1]
fs = [f for f in os.listdir(d) if f.endswith((".json", ".xml"))]
js = [f for f in fs if f.endswith(".json")]
size = lambda l: sum(os.path.getsize(os.path.join(d, f)) for f in l)
print(len(fs), size(fs), len(js), size(js))' "$data")
    echo "== N=$n: $data: $all_files files, $all_bytes bytes ($json_files JSON, $json_bytes bytes)"
    : >"$RESULTS/n$n.tsv"
    printf '%s\n' "$data" >"$RESULTS/n$n.data"
    # A one-file directory for the probes (the smallest JSON submission).
    probe_dir=$WORK/probe
    rm -rf "$probe_dir"; mkdir -p "$probe_dir"
    # shellcheck disable=SC2012 # gen.py's names are plain ASCII
    cp "$(ls -S "$data"/*.json "$data"/*.xml 2>/dev/null | tail -1)" "$probe_dir/"
    out1=$WORK/out-json; out2=$WORK/out-all
    mkdir -p "$out1" "$out2"
    local D P O1 O2
    D=$(q "$data"); P=$(q "$probe_dir"); O1=$(q "$out1"); O2=$(q "$out2")

    # (a) parse-only
    local parse_cmd=""
    if probe parse-only "$CV evaluate $CVOPT --parse-only $P"; then
        parse_cmd="$CV evaluate $CVOPT --parse-only $D"
    fi
    if [ -n "$parse_cmd" ]; then
        measure "$n" parse-only "cloudvet parse only" "$all_bytes" "$all_files" "$RUNS" "$WARMUP" "$parse_cmd"
    else
        unavailable "$n" parse-only "cloudvet parse only" "not available"
    fi

    # (b) (c) evaluate, JSON report into a directory
    local J1="--jobs 1"
    if ! probe json-j1 "$CV evaluate $CVOPT --jobs 1 --format json --out - $P"; then
        jobs_ok=0
        J1=""
        echo "  --jobs: not available; json-j1 runs without it (a single-threaded binary)" >&2
    fi
    if probe json-j1 "$CV evaluate $CVOPT $J1 --format json --out $O1 $P"; then
        measure "$n" json-j1 "evaluate ${J1:-(no --jobs)} --format json" "$all_bytes" "$all_files" \
            "$RUNS" "$WARMUP" "$CV evaluate $CVOPT $J1 --format json --out $O1 $D"
    else
        unavailable "$n" json-j1 "evaluate --jobs 1 --format json" "not available"
    fi
    if [ $jobs_ok = 1 ]; then
        measure "$n" json-jN "evaluate --jobs $JOBS --format json" "$all_bytes" "$all_files" \
            "$RUNS" "$WARMUP" "$CV evaluate $CVOPT --jobs $JOBS --format json --out $O1 $D"
    else
        unavailable "$n" json-jN "evaluate --jobs $JOBS --format json" "not available (--jobs)"
    fi

    # (d) evaluate, NDJSON to stdout
    if probe ndjson "$CV evaluate $CVOPT $J1 --format ndjson --out - $P"; then
        measure "$n" ndjson-j1 "evaluate ${J1:-(no --jobs)} --format ndjson --out -" "$all_bytes" \
            "$all_files" "$RUNS" "$WARMUP" "$CV evaluate $CVOPT $J1 --format ndjson --out - $D"
        if [ $jobs_ok = 1 ]; then
            measure "$n" ndjson-jN "evaluate --jobs $JOBS --format ndjson --out -" "$all_bytes" \
                "$all_files" "$RUNS" "$WARMUP" "$CV evaluate $CVOPT --jobs $JOBS --format ndjson --out - $D"
        else
            unavailable "$n" ndjson-jN "evaluate --jobs $JOBS --format ndjson --out -" "not available (--jobs)"
        fi
    else
        unavailable "$n" ndjson-j1 "evaluate --jobs 1 --format ndjson --out -" "not available (ndjson)"
        unavailable "$n" ndjson-jN "evaluate --jobs $JOBS --format ndjson --out -" "not available (ndjson)"
    fi

    # every report format (html, json, csv, md, xlsx): one run, for the RSS target
    if [ "$n" -le "$ALLFMT_MAX_N" ]; then
        measure "$n" allfmt-j1 "evaluate ${J1:-(no --jobs)} (all formats)" "$all_bytes" "$all_files" \
            1 0 "$CV evaluate $CVOPT $J1 --out $O2 $D"
    else
        unavailable "$n" allfmt-j1 "evaluate (all formats)" "skipped (N > ALLFMT_MAX_N=$ALLFMT_MAX_N)"
    fi
    rm -rf "$out1" "$out2"

    # (e) (f) the baselines, on the JSON files
    if [ "$json_files" -eq 0 ]; then
        unavailable "$n" python "python3 rules.py (JSON only)" "not available (no JSON files)"
        unavailable "$n" jq "jq -c -f rules.jq (JSON only)" "not available (no JSON files)"
        return 0
    fi
    measure "$n" python "python3 rules.py (JSON only)" "$json_bytes" "$json_files" "$RUNS" "$WARMUP" \
        "$(q "$PYTHON") $(q "$HERE/rules.py") --as-of $(q "$AS_OF") --criteria $(q "$CRITERIA") $D"
    measure "$n" jq "jq -c -f rules.jq (JSON only)" "$json_bytes" "$json_files" "$RUNS" "$WARMUP" \
        "jq -c --arg asof $(q "$AS_OF") --slurpfile profile $(q "$CRITERIA/profiles/default.json") --slurpfile cryptrec $(q "$CRITERIA/data/cryptrec.json") --slurpfile mfa $(q "$CRITERIA/data/mfa-factors.json") -f $(q "$HERE/rules.jq") $D/*.json"
    if [ -s "$RESULTS/n$n-python.out" ] && [ -s "$RESULTS/n$n-jq.out" ]; then
        if cmp -s "$RESULTS/n$n-python.out" "$RESULTS/n$n-jq.out"; then
            echo "  rules.py and rules.jq agree on $(wc -l <"$RESULTS/n$n-python.out") files"
        else
            echo "  WARNING: rules.py and rules.jq disagree (diff $RESULTS/n$n-python.out $RESULTS/n$n-jq.out)"
        fi
    fi
}

if [ "${REPORT_ONLY:-0}" = 1 ]; then
    ns=("$@")
elif [ "${GEN_ONLY:-0}" = 1 ]; then
    for n in "$@"; do dataset "$n" || exit 1; done
    exit 0
else
    busy=$(awk '{print ($1 > 0.5)}' /proc/loadavg)
    if [ "$busy" = 1 ]; then
        echo "WARNING: load average $(cut -d' ' -f1 /proc/loadavg) before the first run: other work is running and the figures will be low" |
            tee -a "$RESULTS/machine.txt"
    fi
    ns=()
    for n in "$@"; do
        bench_n "$n" && ns+=("$n")
        echo "load average after N=$n: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/machine.txt"
    done
fi

# ------------------------------------------------------------------ report
python3 - "$RESULTS" "$JOBS" "${ns[@]}" <<'EOF' | tee "$RESULTS/summary.txt"
import sys

results, jobs, ns = sys.argv[1], sys.argv[2], [int(n) for n in sys.argv[3:]]
FIELDS = ["name", "label", "status", "mean", "sd", "min", "max", "rss", "cpu", "bytes", "files", "runs", "cmd"]


def load(n):
    rows = {}
    with open("%s/n%d.tsv" % (results, n), encoding="utf-8") as f:
        for line in f:
            r = dict(zip(FIELDS, line.rstrip("\n").split("\t")))
            for k in ("mean", "sd", "min", "max", "rss", "cpu", "bytes", "files"):
                try:
                    r[k] = float(r[k])
                except (KeyError, ValueError):
                    r[k] = None
            rows[r["name"]] = r
    return rows


def ok(r):
    return r is not None and r["status"] == "ok" and r["mean"]


def verdict(v, good):
    if v is None:
        return "n/a"
    return "PASS" if good(v) else "MISS"


print()
for n in ns:
    rows = load(n)
    print("N = %d" % n)
    print("| measurement | wall s (mean ± sd) | CPU s | MB/s | files/s | peak RSS MB | runs |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows.values():
        if not ok(r):
            print("| %s | %s | | | | | |" % (r["label"], r["status"]))
            continue
        mbs = r["bytes"] / 1e6 / r["mean"]
        fps = r["files"] / r["mean"]
        rss = "%.0f" % (r["rss"] / 1024) if r["rss"] else "?"
        cpu = "%.2f" % r["cpu"] if r["cpu"] is not None else "?"
        print("| %s | %.3f ± %.3f | %s | %.1f | %.0f | %s | %s |" % (
            r["label"], r["mean"], r["sd"] or 0, cpu, mbs, fps, rss, r["runs"]))
    g = rows.get
    rate = lambda r: r["bytes"] / r["mean"] if ok(r) else None

    def ratio(a, b):
        return a / b if a is not None and b is not None else None
    j1 = g("json-j1")
    checks = [
        ("python/cloudvet-j1: MB/s of json-j1 / MB/s of python", ratio(rate(j1), rate(g("python"))),
         ">= 2", lambda v: v >= 2),
        ("jq/cloudvet-j1: MB/s of json-j1 / MB/s of jq", ratio(rate(j1), rate(g("jq"))),
         ">= 4", lambda v: v >= 4),
        ("cloudvet-j1/parse-only: time of json-j1 / time of parse-only", ratio(j1["mean"] if ok(j1) else None,
                                                  g("parse-only")["mean"] if ok(g("parse-only")) else None),
         "<= 1.3", lambda v: v <= 1.3),
        ("speedup: time of json-j1 / time of json-j%s" % jobs, ratio(j1["mean"] if ok(j1) else None,
                                               g("json-jN")["mean"] if ok(g("json-jN")) else None),
         ">= 1.8", lambda v: v >= 1.8),
        ("speedup: time of ndjson-j1 / time of ndjson-j%s" % jobs, ratio(g("ndjson-j1")["mean"] if ok(g("ndjson-j1")) else None,
                                                 g("ndjson-jN")["mean"] if ok(g("ndjson-jN")) else None),
         ">= 1.8", lambda v: v >= 1.8),
    ]
    if n >= 10000:
        for name in ("ndjson-j1", "ndjson-jN"):
            r = g(name)
            v = r["rss"] / 1024 if ok(r) and r["rss"] else None
            checks.append(("peak RSS %s (MB)" % name, v, "< 64", lambda v: v < 64))
    if n <= 1000:
        cv = [r for k, r in rows.items() if k not in ("python", "jq") and ok(r) and r["rss"]]
        v = max(r["rss"] for r in cv) / 1024 if cv else None
        checks.append(("peak RSS, every cloudvet run incl. all formats (MB)", v, "< 256", lambda v: v < 256))
    print()
    print("| ratio (N = %d) | value | target | |" % n)
    print("| --- | --- | --- | --- |")
    for name, v, target, good in checks:
        print("| %s | %s | %s | %s |" % (name, "%.2f" % v if v is not None else "n/a", target,
                                          verdict(v, good)))
    print()
print("results: %s" % results)
EOF
