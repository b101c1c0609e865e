# SPDX-License-Identifier: MIT
"""Shared by the check_formats tests: running `cloudvet check` and a
check counter that prints "N passed, N failed" like the C tests."""
import subprocess
import sys

AS_OF = "2026-11-21"
_counts = {"passed": 0, "failed": 0}


def check(cond, what):
    if cond:
        _counts["passed"] += 1
    else:
        _counts["failed"] += 1
        print("check failed: " + what, file=sys.stderr)


def finish():
    print(f"{_counts['passed']} passed, {_counts['failed']} failed")
    return 1 if _counts["failed"] else 0


def run_check(cloudvet, *args, stdin=None, lang="en"):
    """`cloudvet --lang LANG check --as-of AS_OF --no-registry ARGS`."""
    return subprocess.run(
        [cloudvet, "--lang", lang, "check", "--as-of", AS_OF,
         "--no-registry", *args],
        input=stdin, capture_output=True, timeout=120)
