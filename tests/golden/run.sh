#!/bin/sh
# Golden and CLI tests: the report of samples/ must equal reports/ byte for
# byte, runs must be deterministic, and the commands must keep their exit
# codes. `run.sh --update` regenerates reports/ after a deliberate change.
# usage: run.sh CLOUDVET SOURCE_DIR [--update]
set -u
bin=$1
src=$2
update=${3:-}
export LC_ALL=C TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# No registry snapshot of the user's may change the reports.
export XDG_DATA_HOME="$tmp/xdg" HOME="$tmp/home"
mkdir -p "$HOME"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
expect_exit() { # want, description, command...
    want=$1; what=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else ko "$what: exit $got, want $want"; cat "$tmp/err" >&2; fi
}

cd "$src" || exit 1
crit="--criteria $src/criteria"
# The registry golden: samples/ checked against the test ISMAP list
# (tests/checks/ismap_fixture.py), report.json and report.md.
registry_reports() { # out_dir
    python3 tests/checks/ismap_fixture.py "$tmp/ismap.xlsx" &&
    (cd "$tmp" && "$bin" $crit registry import ismap ismap.xlsx --registry reg \
        --list-date 2026-11-01 >/dev/null 2>&1) &&
    "$bin" $crit evaluate --as-of 2026-11-21 --registry "$tmp/reg" \
        --format json,md --out "$1" samples/ 2>/dev/null
    [ $? -eq 3 ]
}
# The award golden: samples/ ranked by examples/award/tender.json with the
# committee's examples/award/decisions.json (issue 16's run), every format
# but the workbook (its bytes are checked by the xlsx tests).
award_reports() { # out_dir [criteria option]
    "$bin" ${2:-$crit} evaluate --as-of 2026-11-21 --no-registry \
        --tender examples/award/tender.json \
        --decisions examples/award/decisions.json \
        --format json,md,csv,html --out "$1" samples/ 2>/dev/null
    [ $? -eq 3 ]
}
if [ "$update" = "--update" ]; then
    award_reports tests/golden/award "--criteria criteria"
    # The committed records name the criteria as a relative path and no
    # temporary directory: nothing checked in names this machine.
    # reports/ as the README's first command makes it (the build's own
    # criteria, so its record names no criteria path).
    "$bin" evaluate --as-of 2026-11-21 --out reports samples/
    registry_reports tests/golden/registry
    sed -i -e "s|$src/criteria|criteria|g" -e "s|$tmp|(temporary directory)|g" \
        tests/golden/registry/record.json
    echo "reports/, tests/golden/registry/ and tests/golden/award/ regenerated"
    exit 0
fi

# 1. The reports of samples/ are reports/report.* (exit 3: 09 is invalid),
#    every format, byte for byte.
formats="json html csv md xlsx"
expect_exit 3 "evaluate samples" "$bin" $crit evaluate --as-of 2026-11-21 --out "$tmp/r1" samples/
for f in $formats; do
    if cmp -s "$tmp/r1/report.$f" "reports/report.$f"; then ok; else
        ko "reports/report.$f is stale or the output changed (run tests/golden/run.sh BIN SRC --update)"
        [ "$f" = xlsx ] || diff "$tmp/r1/report.$f" "reports/report.$f" | head -20 >&2
    fi
done
if [ "$(ls -A "$tmp/r1" | tr '\n' ' ')" = "record.json report.csv report.html report.json report.md report.xlsx " ]; then ok; else
    ko "the default writes every format, its record and nothing else: $(ls -A "$tmp/r1")"
fi
# 1b. record.json: reports/record.json but for what names the build and
#     the machine (the build id, the criteria directory's path), and
#     every file of the set as it lists it (size and SHA-256).
unbuild() { sed -e 's/"build_id": "[^"]*"/"build_id": "(masked)"/' \
    -e 's/"--criteria", "[^"]*", //' "$1"; }
if [ -f reports/record.json ] && [ "$(unbuild "$tmp/r1/record.json")" = "$(unbuild reports/record.json)" ]; then ok; else
    ko "reports/record.json is stale or the record changed (run tests/golden/run.sh BIN SRC --update)"
    diff "$tmp/r1/record.json" reports/record.json 2>&1 | head -10 >&2
fi
verify_set() { # dir: every file listed with its size and hash, nothing else
    python3 - "$1" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "record.json"), encoding="utf-8"))
files = {f["name"]: f for f in m["files"]}
ok = m["format"] == "cloudvet-record/1" and \
    set(os.listdir(d)) == set(files) | {"record.json"}
for name, f in files.items():
    data = open(os.path.join(d, name), "rb").read()
    ok = ok and len(data) == f["bytes"] and \
        hashlib.sha256(data).hexdigest() == f["sha256"]
sys.exit(0 if ok else 1)
PY
}
if verify_set "$tmp/r1"; then ok; else ko "the set does not verify against its record.json"; fi
# 2. Byte-identical across runs, a second later (no clock in any format).
sleep 1
"$bin" $crit evaluate --as-of 2026-11-21 --out "$tmp/r2" samples/ 2>/dev/null
for f in $formats; do
    if cmp -s "$tmp/r1/report.$f" "$tmp/r2/report.$f"; then ok; else ko "runs differ: report.$f"; fi
done
# 2b. The same reports whatever --jobs is; ndjson carries the same
#     submissions in the same order, one line each.
"$bin" $crit evaluate --as-of 2026-11-21 --jobs 1 --format json,csv --out "$tmp/j1" samples/ 2>/dev/null
"$bin" $crit evaluate --as-of 2026-11-21 --jobs 3 --format json,csv --out "$tmp/j3" samples/ 2>/dev/null
if cmp -s "$tmp/j1/report.json" "$tmp/r1/report.json" && cmp -s "$tmp/j3/report.json" "$tmp/r1/report.json" &&
   cmp -s "$tmp/j3/report.csv" "$tmp/r1/report.csv"; then ok; else ko "--jobs changes the report"; fi
"$bin" $crit evaluate --as-of 2026-11-21 --jobs 1 --format ndjson --out - samples/ >"$tmp/n1" 2>/dev/null
"$bin" $crit evaluate --as-of 2026-11-21 --jobs 4 --format ndjson --out - samples/ >"$tmp/n4" 2>/dev/null
if cmp -s "$tmp/n1" "$tmp/n4" && [ "$(wc -l <"$tmp/n1")" -eq 12 ] &&
   [ "$(grep -c '"format":"cloudvet-result/1"' "$tmp/n1")" -eq 12 ]; then ok; else ko "ndjson: one line per submission, same for every --jobs"; fi
files=$(grep -o '"file": "[^"]*"' "$tmp/r1/report.json" | tr -d '\n')
nfiles=$(grep -o '"file":"[^"]*"' "$tmp/n1" | sed 's/":"/": "/' | tr -d '\n')
if [ "$files" = "$nfiles" ]; then ok; else ko "ndjson lists the submissions of report.json in the same order"; fi
"$bin" $crit evaluate --as-of 2026-11-21 --format ndjson --out "$tmp/nd" samples/ 2>/dev/null
if [ "$(ls -A "$tmp/nd" | tr '\n' ' ')" = "record.json report.ndjson " ] && cmp -s "$tmp/nd/report.ndjson" "$tmp/n1" &&
   verify_set "$tmp/nd"; then ok; else ko "--format ndjson --out DIR writes report.ndjson (and its record) only"; fi
ls samples/*.json | "$bin" $crit evaluate --as-of 2026-11-21 --files-from - --format ndjson --out - >"$tmp/ff" 2>/dev/null
if [ "$(wc -l <"$tmp/ff")" -eq "$(ls samples/*.json | wc -l)" ]; then ok; else ko "--files-from -"; fi
expect_exit 2 "--jobs 0" "$bin" $crit evaluate --jobs 0 samples/
expect_exit 2 "--files-from a missing list" "$bin" $crit evaluate --files-from "$tmp/no-such-list"
# No progress line when stderr is not a terminal: one line, the summary
# (a progress line would redraw itself with a carriage return); with
# --quiet, nothing.
"$bin" $crit evaluate --as-of 2026-11-21 --format json --out "$tmp/q" samples/01-qualified-sakura.json 2>"$tmp/qerr"
if [ "$(wc -l <"$tmp/qerr")" -eq 1 ] && ! grep -q "$(printf '\r')" "$tmp/qerr"; then ok; else ko "stderr is not a terminal: nothing but the summary line"; fi
"$bin" $crit evaluate --quiet --as-of 2026-11-21 --format json --out "$tmp/q" samples/01-qualified-sakura.json 2>"$tmp/qerr"
if [ ! -s "$tmp/qerr" ]; then ok; else ko "--quiet: nothing but diagnostics on stderr"; fi

# A progress line on a terminal (script(1) gives the command one), for a
# batch over a second (6 000 inputs: over a second even in an optimised
# build); none with --quiet.
mkdir "$tmp/many"
i=0
# (hard links: a walk never follows a symlink)
cp "$src/samples/01-qualified-sakura.json" "$tmp/many-src.json"
while [ $i -lt 6000 ]; do ln "$tmp/many-src.json" "$tmp/many/$i.json"; i=$((i + 1)); done
script -qec "$bin $crit --lang en evaluate --jobs 1 --format ndjson --out - $tmp/many >/dev/null" /dev/null >"$tmp/tty" 2>&1
if grep -q "6000/6000 .*files/s" "$tmp/tty"; then ok; else ko "no progress line on a terminal"; fi
script -qec "$bin $crit --lang en evaluate --quiet --jobs 1 --format ndjson --out - $tmp/many >/dev/null" /dev/null >"$tmp/tty" 2>&1
if ! grep -q "files/s" "$tmp/tty"; then ok; else ko "--quiet still shows progress"; fi
# --parse-only reads every input and nothing else (09 is not well-formed).
expect_exit 3 "--parse-only" "$bin" $crit evaluate --parse-only samples/
if grep -q "parse-only: 12 files, .* 1 not well-formed" "$tmp/err"; then ok; else ko "--parse-only summary"; fi

# 3. One broken submission does not stop the others.
n=$(grep -c '"verdict": ' "$tmp/r1/report.json")
inv=$(grep -c '"verdict": "invalid"' "$tmp/r1/report.json")
if [ "$n" -eq 12 ] && [ "$inv" -eq 1 ]; then ok; else ko "expected 12 submissions with 1 invalid, got $n and $inv"; fi
# 4. Verdicts the sample names promise.
for s in 01-qualified-sakura.json:qualified 02-backup-abroad.xml:disqualified \
         03-expired-cert.json:disqualified 04-ismap-iaas-only.xml:disqualified \
         05-weak-crypto.json:disqualified 06-sms-mfa.xml:disqualified \
         07-answers-only.json:conditional 08-contradictions.xml:disqualified \
         09-malformed.json:invalid 10-conditional-iij.json:conditional; do
    f=${s%%:*}; v=${s##*:}
    "$bin" $crit --lang en check --as-of 2026-11-21 "samples/$f" >"$tmp/c" 2>&1
    case $v in
        qualified) want=0; word="would qualify" ;;
        conditional) want=6; word="would qualify on condition" ;;
        disqualified) want=1; word="would not qualify" ;;
        invalid) want=2; word="cannot be read" ;;
    esac
    "$bin" $crit check --as-of 2026-11-21 "samples/$f" >/dev/null 2>&1
    got=$?
    if [ "$got" -eq "$want" ] && grep -q "$word" "$tmp/c"; then ok; else ko "check $f: exit $got, want $want ($v)"; fi
done
# 5. --out - writes one report to stdout (JSON unless --format names one).
"$bin" $crit evaluate --as-of 2026-11-21 --out - samples/01-qualified-sakura.json >"$tmp/stdout.json" 2>/dev/null
if grep -q '"format": "cloudvet-report/1"' "$tmp/stdout.json"; then ok; else ko "--out -"; fi
"$bin" $crit evaluate --as-of 2026-11-21 --format md --out - samples/01-qualified-sakura.json >"$tmp/stdout.md" 2>/dev/null
if head -1 "$tmp/stdout.md" | grep -q '^# '; then ok; else ko "--format md --out -"; fi
expect_exit 2 "two formats to stdout" "$bin" $crit evaluate --format json,csv --out - samples/01-qualified-sakura.json
expect_exit 2 "xlsx to stdout" "$bin" $crit evaluate --format xlsx --out - samples/01-qualified-sakura.json
expect_exit 2 "unknown format" "$bin" $crit evaluate --format pdf --out "$tmp/r3" samples/01-qualified-sakura.json
# 5b. --format picks the formats; an unwritable directory is an error and
#     leaves no file behind.
"$bin" $crit evaluate --as-of 2026-11-21 --format html,csv --out "$tmp/r4" samples/01-qualified-sakura.json 2>/dev/null
if [ "$(ls -A "$tmp/r4" | tr '\n' ' ')" = "record.json report.csv report.html " ]; then ok; else ko "--format html,csv wrote: $(ls -A "$tmp/r4")"; fi
# The set is replaced as a whole: --format json over it leaves no stale
# html or csv of the run before.
"$bin" $crit evaluate --as-of 2026-11-21 --format json --out "$tmp/r4" samples/01-qualified-sakura.json 2>/dev/null
if [ "$(ls -A "$tmp/r4" | tr '\n' ' ')" = "record.json report.json " ] && verify_set "$tmp/r4"; then ok; else ko "a second run replaces the set: $(ls -A "$tmp/r4")"; fi
# A directory that holds anything not ours is refused, unchanged.
mkdir "$tmp/r4/report.md"
expect_exit 5 "a directory named report.md in --out" "$bin" $crit evaluate --as-of 2026-11-21 --out "$tmp/r4" samples/01-qualified-sakura.json
rmdir "$tmp/r4/report.md"
if verify_set "$tmp/r4"; then ok; else ko "the refused run changed the set"; fi
: >"$tmp/not-a-dir"
expect_exit 5 "output path is a file" "$bin" $crit evaluate --out "$tmp/not-a-dir" samples/01-qualified-sakura.json
# 6. Usage errors.
expect_exit 2 "no command" "$bin"
expect_exit 2 "bad --lang" "$bin" --lang fr evaluate samples/
expect_exit 2 "bad --as-of" "$bin" $crit evaluate --as-of 2026-13-45 samples/
expect_exit 0 "--help" "$bin" evaluate --help
# 7. criteria lint passes without the seed texts (it resolves citations in
#    the outlines of criteria/documents.json), and fails on a clause that
#    does not exist, naming it and where the outline stops.
expect_exit 0 "criteria lint" "$bin" $crit criteria lint
cp -r criteria "$tmp/crit"
sed -i 's/"5(1)⑬"/"5(1)⑭"/' "$tmp/crit/catalogue/002-cloud.json"
expect_exit 4 "lint catches a missing clause" "$bin" --criteria "$tmp/crit" criteria lint
grep -q "5(1)⑭" "$tmp/err" && ok || ko "lint names the missing clause"
grep -q "'5(1)' の下に '⑭' がありません" "$tmp/err" && ok || ko "lint names where the outline stops"
# 8. The template reads back as a questionnaire skeleton (invalid only
#    because it is blank: vendor.name and service.name are empty).
"$bin" $crit template >"$tmp/t.json" && "$bin" $crit --lang en check "$tmp/t.json" >"$tmp/tc" 2>&1
if grep -q "vendor.name" "$tmp/tc" && ! grep -q "not valid JSON" "$tmp/tc"; then ok; else ko "template json"; fi
"$bin" $crit template --format xml >"$tmp/t.xml" && "$bin" $crit --lang en check "$tmp/t.xml" >"$tmp/tx" 2>&1
if grep -q "vendor.name" "$tmp/tx" && ! grep -q "well-formed" "$tmp/tx"; then ok; else ko "template xml"; fi

# 9. With an ISMAP list snapshot: tests/golden/registry/ byte for byte.
if registry_reports "$tmp/reg-out"; then ok; else ko "registry import + evaluate"; fi
for f in json md; do
    if cmp -s "$tmp/reg-out/report.$f" "tests/golden/registry/report.$f"; then ok; else
        ko "tests/golden/registry/report.$f is stale or the output changed (--update)"
        diff "$tmp/reg-out/report.$f" "tests/golden/registry/report.$f" | head -20 >&2
    fi
done

# 10. The award: tests/golden/award/ byte for byte.
if award_reports "$tmp/award-out"; then ok; else ko "evaluate --tender --decisions"; fi
for f in json md csv html; do
    if cmp -s "$tmp/award-out/report.$f" "tests/golden/award/report.$f"; then ok; else
        ko "tests/golden/award/report.$f is stale or the output changed (--update)"
        diff "$tmp/award-out/report.$f" "tests/golden/award/report.$f" | head -20 >&2
    fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
