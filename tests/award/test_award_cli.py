#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_award_cli.py: `cloudvet evaluate --tender examples/award/tender.json`
on the ten samples gives the award computed by hand in docs/tender.md:
10-conditional-iij.json first (742 + 22 = 764), 07-answers-only.json second
(450 + 90 = 540), 01-qualified-sakura.json void above the 予定価格, the
other seven not qualified; and a tender file naming another profile stops
the run before any report is written (exit 4).

usage: test_award_cli.py CLOUDVET SRC_DIR"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    passed = failed = 0

    def check(cond, what):
        nonlocal passed, failed
        if cond:
            passed += 1
        else:
            failed += 1
            print("check failed: " + what, file=sys.stderr)

    env = dict(os.environ, CLOUDVET_CRITERIA=os.path.join(src, "criteria"))
    tender = os.path.join(src, "examples/award/tender.json")
    with tempfile.TemporaryDirectory(prefix="cloudvet-award-") as tmp:
        out = os.path.join(tmp, "out")
        p = subprocess.run([cloudvet, "--lang", "en", "evaluate", "--tender",
                            tender, "--as-of", "2026-11-21", "--no-registry",
                            "--format", "json", "--out", out,
                            os.path.join(src, "samples")],
                           capture_output=True, text=True, env=env,
                           timeout=300)
        check(p.returncode == 3, f"exit 3 (09-malformed is invalid): "
              f"{p.returncode} {p.stderr[-300:]}")
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        by = {os.path.basename(s["file"]): s for s in report["submissions"]}
        expect = {"10-conditional-iij.json": (1, "ranked", 764),
                  "07-answers-only.json": (2, "ranked", 540),
                  "01-qualified-sakura.json": (None, "over_ceiling", None)}
        for name, s in sorted(by.items()):
            rank, state, total = expect.get(name,
                                            (None, "not_qualified", None))
            award = s.get("award") or {}
            check(s.get("rank") == rank, f"{name}: rank {rank} "
                  f"({s.get('rank')})")
            check(award.get("state") == state, f"{name}: {state} "
                  f"({award.get('state')})")
            if total is not None:
                check(award.get("total") == total, f"{name}: total {total} "
                      f"({award.get('total')})")

        with open(tender, encoding="utf-8") as f:
            other = f.read().replace('"tokki5-cloud"', '"tokki5-full"', 1)
        path = os.path.join(tmp, "other.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(other)
        out2 = os.path.join(tmp, "out2")
        p = subprocess.run([cloudvet, "--lang", "en", "evaluate", "--tender",
                            path, "--as-of", "2026-11-21", "--no-registry",
                            "--out", out2, os.path.join(src, "samples")],
                           capture_output=True, text=True, env=env,
                           timeout=300)
        check(p.returncode == 4, f"another profile: exit 4 ({p.returncode})")
        check("/profile/id" in p.stderr and "tokki5-full" in p.stderr,
              f"the error is located at /profile/id ({p.stderr[-300:]})")
        check(not os.path.exists(os.path.join(out2, "report.json")),
              "no report was written")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
