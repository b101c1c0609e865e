#!/bin/sh
# Valgrind memcheck over the main job: `cloudvet evaluate samples/` with
# every report format must show no memory error and no definite leak; so
# must importing the test ISMAP list (libzip, libxml2) and evaluating
# samples/ against it.
# usage: run.sh CLOUDVET SOURCE_DIR
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg"
cd "$src" || exit 1
pass=0
fail=0
# 99 marks a valgrind finding.
vg() { # want, log, command...
    want=$1; log=$2; shift 2
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite --show-leak-kinds=definite \
        --track-origins=yes --log-file="$tmp/$log" "$@" >/dev/null 2>&1
    rc=$?
    if [ "$rc" -eq "$want" ] && [ ! -s "$tmp/$log" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $* exit $rc under valgrind (want $want, no findings)" >&2
        cat "$tmp/$log" >&2
    fi
}
# cloudvet itself exits 3 on samples/ (09 is invalid).
vg 3 evaluate.log "$bin" --criteria "$src/criteria" evaluate \
    --as-of 2026-11-21 --out "$tmp/reports" samples/
# five formats and their record.json
[ "$(ls "$tmp/reports" | wc -l)" -eq 6 ] || { fail=$((fail + 1)); echo "FAIL: not every format" >&2; }
# the record checked: every hash, and the record's own JSON reader
vg 0 verify.log "$bin" verify "$tmp/reports"
python3 tests/checks/ismap_fixture.py "$tmp/ismap.xlsx"
vg 0 import.log "$bin" --criteria "$src/criteria" registry import ismap \
    "$tmp/ismap.xlsx" --registry "$tmp/reg" --list-date 2026-11-01
vg 3 registry.log "$bin" --criteria "$src/criteria" evaluate \
    --as-of 2026-11-21 --registry "$tmp/reg" --out "$tmp/reports2" samples/
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
