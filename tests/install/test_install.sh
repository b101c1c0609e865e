#!/bin/sh
# SPDX-License-Identifier: MIT
# `cmake --install` to a fresh prefix gives a cloudvet that works on its
# own: it finds the installed criteria relative to its prefix, from any
# directory, and never opens a file of the source or build tree (watched
# with strace). The man page and the docs are installed and the man page
# renders. It also gives the checked-in reports for samples/.
#
# usage: test_install.sh BUILD_DIR SRC_DIR
set -u
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cloudvet-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "check failed: $1" >&2; failed=$((failed + 1)); }
P=$tmp/prefix

if cmake --install "$build" --prefix "$P" > "$tmp/install.log" 2>&1; then ok
else ko "cmake --install"; cat "$tmp/install.log" >&2; fi
for f in bin/cloudvet share/cloudvet/criteria/documents.json \
         share/cloudvet/criteria/profiles/default.json \
         share/cloudvet/criteria/schema/questionnaire-v1.schema.json \
         share/man/man1/cloudvet.1 share/doc/cloudvet/README.md \
         share/doc/cloudvet/questionnaire.md share/doc/cloudvet/report.md \
         share/doc/cloudvet/samples/01-qualified-sakura.json; do
  if [ -f "$P/$f" ]; then ok; else ko "installs $f"; fi
done
if man -l "$P/share/man/man1/cloudvet.1" 2>"$tmp/man.err" | grep -q evaluate \
   && [ ! -s "$tmp/man.err" ]; then ok
else ko "the man page renders without a warning: $(cat "$tmp/man.err")"; fi

# From another directory, with nothing pointing at the source tree.
mkdir "$tmp/work"
cp -R "$src/samples" "$tmp/work/samples"
cd "$tmp/work" || exit 1
run() { env -u CLOUDVET_CRITERIA XDG_DATA_HOME="$tmp/xdg" "$P/bin/cloudvet" "$@"; }
run criteria lint > lint.out 2>&1
if grep -qF "$P/share/cloudvet/criteria" lint.out; then ok
else ko "criteria lint uses the installed criteria: $(cat lint.out)"; fi
run evaluate --as-of 2026-11-21 samples/ > out 2> err
rc=$?
if [ $rc -eq 3 ]; then ok; else ko "evaluate exits 3 (09 is broken): $rc $(cat err)"; fi
for f in report.json report.html report.csv report.md report.xlsx; do
  if [ -s "reports/$f" ]; then ok; else ko "writes reports/$f"; fi
done
if cmp -s reports/report.json "$src/reports/report.json"; then ok
else ko "reports/report.json equals the checked-in one"; fi
# The same run again under strace, for the files it opens only (the leak
# checker of a sanitizer build cannot run under ptrace).
ASAN_OPTIONS=detect_leaks=0 env -u CLOUDVET_CRITERIA XDG_DATA_HOME="$tmp/xdg" \
  strace -f -qq -e trace=open,openat,execve -o "$tmp/trace" \
  "$P/bin/cloudvet" evaluate --as-of 2026-11-21 --out traced samples/ \
  > /dev/null 2>&1
if [ -s "$tmp/trace" ]; then ok; else ko "strace recorded the run"; fi
if grep -F -e "\"$src/" -e "\"$build/" "$tmp/trace" > "$tmp/leak"; then
  ko "the installed binary opened files of the source or build tree: $(head -3 "$tmp/leak")"
else ok; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
