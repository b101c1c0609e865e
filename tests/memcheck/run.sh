#!/bin/sh
# Valgrind memcheck over the main job: `cloudvet evaluate samples/` with
# every report format must show no memory error and no definite leak.
# usage: run.sh CLOUDVET SOURCE_DIR
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
# 99 marks a valgrind finding; cloudvet itself exits 3 (09 is invalid).
valgrind --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --track-origins=yes --log-file="$tmp/valgrind.log" \
    "$bin" --criteria "$src/criteria" evaluate --as-of 2026-11-21 \
    --out "$tmp/reports" samples/ 2>/dev/null
rc=$?
if [ "$rc" -eq 3 ] && [ ! -s "$tmp/valgrind.log" ] &&
    [ "$(ls "$tmp/reports" | wc -l)" -eq 5 ]; then
    echo "1 passed, 0 failed"
    exit 0
fi
echo "FAIL: cloudvet exit $rc under valgrind (want 3, no findings)" >&2
cat "$tmp/valgrind.log" >&2
echo "0 passed, 1 failed"
exit 1
