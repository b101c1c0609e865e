# SPDX-License-Identifier: MIT
"""Shared by the tests/checks scripts: the evaluation date and a check
counter that prints "N passed, N failed" like the C tests."""
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
