# SPDX-License-Identifier: MIT
"""Hostile reasons (issue 15, item 4): the plain-words reason names a
repeated storage purpose with its ordinal ("backup (no. 2)") and keeps the
facts' locations in a `detail` line. Both are built per row; a file of
tens of thousands of rows of the same purpose must not make either
quadratic (counting the rows of a purpose again for every row took
minutes) nor the detail unbounded. Exec'd into test_hostile.py's
namespace (see its end)."""
import json as _rsjson
import os as _rsos
import sys as _rssys

RS_ROWS = 40_000
# Seconds for a Release/Debug build; a sanitizer build is slower and gets
# more (said in the output), as the timing is not what it checks.
RS_SECONDS = 10.0
RS_SECONDS_SANITIZER = 60.0


def _rs_sanitized(case):
    """Whether the binary runs under a sanitizer: ASAN_OPTIONS (CI sets it
    for that run) or the build tree's CMakeCache.txt."""
    if _rsos.environ.get("ASAN_OPTIONS"):
        return True
    cache = _rsos.path.join(_rsos.path.dirname(_rsos.path.dirname(
        _rsos.path.abspath(case.cloudvet))), "CMakeCache.txt")
    try:
        with open(cache, encoding="utf-8", errors="replace") as f:
            return "fsanitize" in f.read()
    except OSError:
        return False


@attack
def reasons_many_rows_of_one_purpose(case):
    doc = _rsjson.load(open(case.good, encoding="utf-8"))
    doc["data_location"]["storage"] = [
        {"purpose": "backup", "region": "us-west-2"} for _ in range(RS_ROWS)]
    f = case.write("rows.json", _rsjson.dumps(doc))
    limit = RS_SECONDS_SANITIZER if _rs_sanitized(case) else RS_SECONDS
    if limit != RS_SECONDS:
        print(f"note: sanitizer build: time limit relaxed to {limit:.0f} s",
              file=_rssys.stderr)
    run = case.run([case.good, f], trace=False)
    case.expect_fast(run, limit)
    case.check(run.report is not None, "the report was written")
    if run.report is None:
        return
    s = run.sub("rows.json")
    r = next((x for x in s["results"] if x["id"] == "CLOUD-REGION"), None) \
        if s else None
    case.check(r is not None and r["status"] == "contradicted",
               "every backup abroad refutes the yes: CLOUD-REGION "
               "contradicted")
    if r is None:
        return
    case.check(f"backup (no. {RS_ROWS}) stored in us-west-2" in r["reason"],
               "the last row is named by its ordinal, in words")
    case.check("storage[" not in r["reason"],
               "the reason names no row by its index")
    detail = r.get("detail") or ""
    case.check(len(detail.split(", ")) <= 32 and " … (+" in detail,
               f"the detail is bounded ({len(detail)} bytes)")
    case.expect_good_evaluated(run)
