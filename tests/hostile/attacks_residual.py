# SPDX-License-Identifier: MIT
"""Hostile residual obligations: the provider's text of what the customer
must do (answers[].customer_responsibilities) is vendor text like any
other. Exec'd into test_hostile.py's namespace (see its end).

Every answer of samples/01 is marked CSC-owned with a customer text near
half a megabyte, led by markup, a formula, Markdown pipes and a bidi
override. The human formats quote it (HTML twice: in the bid's list and
in the result's row) cut at CV_VIEW_QUOTE_MAX_CHARS with the marker,
invisible characters made visible, and stay smaller than the input;
report.json keeps it whole; the verdict is the one without the marks."""
import json as _rjson
import os as _ros
import re as _rre

RES_FILL = "責"
RES_HEAD = "<script>alert(1)</script>=cmd|' /C calc'!A0 | a | \u202e "
RES_MARKER = "… (cut: the full text is in report.json)"


def _res_limit(case):
    with open(_ros.path.join(case.src, "src/lib/report/view.h"),
              encoding="utf-8") as f:
        return int(_rre.search(r"#define CV_VIEW_QUOTE_MAX_CHARS (\d+)",
                               f.read()).group(1))


def _res_submission(case):
    doc = _rjson.load(open(case.good, encoding="utf-8"))
    for ans in doc["answers"]:
        ans["responsibility"] = "customer"
        ans["customer_responsibilities"] = RES_HEAD + RES_FILL * 150_000
    return case.write("residual.json", _rjson.dumps(doc, ensure_ascii=False)), \
        len(doc["answers"])


@attack
def report_residual_text_capped(case):
    limit = _res_limit(case)
    f, nanswers = _res_submission(case)
    size = _ros.path.getsize(f)
    run = case.run([case.good, f], formats="json,html,csv,md,xlsx",
                   trace=False)
    case.check(run.report is not None, "the report was written")
    if run.report is None:
        return
    s = run.sub("residual.json")
    good = run.sub("good.json")
    case.check(s is not None and good is not None and
               s["verdict"] == good["verdict"] and s["score"] == good["score"],
               "the marks change neither verdict nor score")
    case.check(s is not None and
               len(s.get("residual_obligations", [])) == nanswers,
               "every marked criterion is a residual obligation")
    whole = RES_HEAD + RES_FILL * 150_000
    case.check(s is not None and all(
        r.get("customer_responsibilities") == whole for r in s["results"]
        if r.get("residual")), "report.json keeps the text whole")
    for name, data in shown_to_people(run):
        text = data.decode("utf-8-sig", errors="replace")
        if name == "report.md":  # as rendered: the escapes undone
            text = _rre.sub(r"\\([^\w\s])", r"\1",
                            text.replace("<!---->", ""))
        n = _ros.path.getsize(_ros.path.join(run.out_dir, name))
        case.check(n < size, f"{name}: {n} bytes, under the input's {size}")
        runs = [len(m) for m in _rre.findall(RES_FILL + "{50,}", text)]
        case.check(runs and max(runs) <= limit,
                   f"{name}: the customer text cut at {limit} characters "
                   f"(longest {max(runs, default=0)})")
        case.check(RES_MARKER in text.replace("&#39;", "'"),
                   f"{name}: the cut is marked")
        case.check("\u202e" not in text and "[U+202E]" in text,
                   f"{name}: the bidi override is made visible")
        if name == "report.html":
            case.check("<script>" not in text, "HTML: no raw markup")
    case.expect_good_evaluated(run)
