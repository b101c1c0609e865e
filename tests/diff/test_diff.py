# SPDX-License-Identifier: MIT
"""cloudvet diff: what changed between two rounds (docs/diff.md).

usage: test_diff.py CLOUDVET SRC_DIR"""
import json
import os
import subprocess
import sys
import tempfile

AS_OF = "2026-11-21"
PASSED = 0
FAILED = 0


def check(cond, what):
    global PASSED, FAILED
    if cond:
        PASSED += 1
    else:
        FAILED += 1
        print("check failed: " + what, file=sys.stderr)


def run(cloudvet, *args, lang="en"):
    proc = subprocess.run([cloudvet, "--lang", lang] + list(args),
                          capture_output=True, timeout=240)
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


def diff_json(cloudvet, old, new, *extra):
    code, out, err = run(cloudvet, "diff", "--as-of", AS_OF, "--format",
                         "json", *extra, old, new)
    try:
        doc = json.loads(out)
    except ValueError as e:
        print(f"not JSON ({e}): {out[:500]} {err}", file=sys.stderr)
        doc = None
    return code, doc, err


def changes(doc, group, subject=None):
    return [c for c in doc["changes"] if c["group"] == group and
            (subject is None or c["subject"] == subject)]


def test_rounds(cloudvet, src):
    """samples/07 and its second round: facts added, claimed -> met."""
    old = os.path.join(src, "samples", "07-answers-only.json")
    new = os.path.join(src, "examples", "award", "round2",
                       "07-answers-only.json")
    code, doc, err = diff_json(cloudvet, old, new)
    check(code == 1, f"differences exit 1 ({code}: {err})")
    if doc is None:
        return
    check(doc["format"] == "cloudvet-diff/1", "format cloudvet-diff/1")
    check(doc["kind"] == "submissions", "kind submissions")
    for member in ("old", "new", "notes", "count", "counts", "changes"):
        check(member in doc, f"member {member}")
    check(doc["count"] == len(doc["changes"]), "count is len(changes)")
    check(doc["notes"] == [], "same vendor: no note")
    for c in doc["changes"]:
        for member in ("group", "op", "bid", "subject", "old", "new",
                       "old_location", "new_location"):
            check(member in c, f"change member {member}")
    cert = changes(doc, "fact", "certifications[ISMAP C24-0318-1].id")
    check(len(cert) == 1 and cert[0]["op"] == "added" and
          cert[0]["new"] == "C24-0318-1" and cert[0]["old"] is None and
          cert[0]["new_location"]["path"] == "/certifications/0/id" and
          cert[0]["new_location"]["line"] > 0,
          f"the certification number added, located ({cert})")
    rto = changes(doc, "fact", "sla.rto_hours")
    check(len(rto) == 1 and rto[0]["new"] == "12", f"sla.rto_hours ({rto})")
    region = changes(doc, "fact", "data_location.storage[primary is1a].region")
    check(len(region) == 1, "a location keyed by purpose and region")
    ev = changes(doc, "evidence")
    check(any(c["subject"].startswith("certifications[ISMAP C24-0318-1]"
                                      ".evidence[0]") for c in ev),
          "the certification's evidence is evidence")
    ans = changes(doc, "answer",
                  "answers[ACCESS-NETWORK-PATH].explanation")
    check(len(ans) == 1 and ans[0]["op"] == "changed" and
          "IPsec-VPN" in ans[0]["new"] and
          ans[0]["old_location"]["path"] == "/answers/17/explanation",
          f"the changed answer, old and new ({ans})")
    for crit in ("CLOUD-CERT", "CLOUD-REGION", "CLOUD-JURISDICTION",
                 "CLOUD-SLA-METRICS"):
        st = changes(doc, "result", crit + ".status")
        check(len(st) == 1 and st[0]["old"] == "claimed" and
              st[0]["new"] == "met", f"{crit} claimed -> met ({st})")
    score = changes(doc, "verdict", "score")
    check(len(score) == 1 and float(score[0]["new"]) >
          float(score[0]["old"]), f"the score rose ({score})")
    # the text form: grouped, gcc-like locations
    code, out, _ = run(cloudvet, "diff", "--as-of", AS_OF, old, new)
    check(code == 1, "text: exit 1")
    for heading in ("Answers (", "Facts (", "Evidence (", "Results (",
                    "Verdicts ("):
        check(heading in out, f"text heading {heading!r}")
    check(f"{new}:24:" in out, "text: file:line:column of an added fact")
    code, out, _ = run(cloudvet, "diff", "--as-of", AS_OF, old, new,
                       lang="ja")
    check(code == 1 and "事実 (" in out and "結果 (" in out,
          "Japanese headings by default")
    check("CLOUD-CERT.status: 申告のみ" in out and "claimed → met" not in out,
          "text: statuses in the report's words of the run's language")
    code, out, _ = run(cloudvet, "diff", "--as-of", AS_OF, "--format",
                       "html", old, new)
    check(code == 1 and out.startswith("<!DOCTYPE html>") and
          out.rstrip().endswith("</html>") and "C24-0318-1" in out,
          "HTML: a whole page with the facts")


def test_same_facts_other_form(cloudvet, src):
    """The same facts as JSON and as XML: no difference at all."""
    old = os.path.join(src, "samples", "01-qualified-sakura.json")
    eq = os.path.join(src, "tests", "data", "equivalence")
    for name in sorted(os.listdir(eq)):
        if not name.startswith("01-qualified-sakura"):
            continue
        code, doc, err = diff_json(cloudvet, old, os.path.join(eq, name))
        check(code == 0 and doc is not None and doc["count"] == 0,
              f"{name}: no differences, exit 0 ({code}, "
              f"{doc and doc['changes'][:3]}, {err})")
    code, doc, _ = diff_json(cloudvet, old, old)
    check(code == 0 and doc["count"] == 0, "a file against itself")


def test_other_vendor(cloudvet, src):
    """Two vendors: said first, then compared (a company may be renamed)."""
    a = os.path.join(src, "samples", "01-qualified-sakura.json")
    b = os.path.join(src, "samples", "07-answers-only.json")
    code, doc, _ = diff_json(cloudvet, a, b)
    check(code == 1 and doc is not None and len(doc["notes"]) == 1 and
          "vendor names differ" in doc["notes"][0],
          f"the vendor note ({doc and doc['notes']})")
    code, out, _ = run(cloudvet, "diff", "--as-of", AS_OF, a, b)
    lines = out.splitlines()
    check(len(lines) > 2 and lines[2].startswith("note: the vendor names"),
          "text: the note comes before the differences")


def test_reports(cloudvet, src, tmp):
    """Two report.json: as-of moved (a certification expired), profile
    changed (a different method)."""
    samples = os.path.join(src, "samples")
    outs = {}
    for key, extra in (("r1", ["--as-of", AS_OF]),
                       ("r2", ["--as-of", "2027-10-15"]),
                       ("r3", ["--as-of", AS_OF, "--profile",
                               os.path.join(src, "criteria", "profiles",
                                            "full.json")])):
        out = os.path.join(tmp, key)
        code, _, err = run(cloudvet, "evaluate", "--no-registry", "--quiet",
                           "--format", "json", "--out", out, *extra, samples)
        check(code in (0, 3), f"evaluate {key} ({code}: {err[-300:]})")
        outs[key] = os.path.join(out, "report.json")
    code, doc, err = diff_json(cloudvet, outs["r1"], outs["r2"])
    check(code == 1 and doc is not None and doc["kind"] == "reports",
          f"reports: kind, exit 1 ({code}, {err})")
    if doc is None:
        return
    asof = changes(doc, "method", "as_of")
    check(len(asof) == 1 and asof[0]["new"] == "2027-10-15", "as_of moved")
    check(doc["notes"] == [], "same profile: no method note")
    v = [c for c in changes(doc, "verdict", "verdict")
         if c["bid"] == "01-qualified-sakura.json"]
    check(len(v) == 1 and v[0]["old"] == "qualified" and
          v[0]["new"] == "disqualified",
          f"sample 01 disqualified once its certification expired ({v})")
    st = [c for c in changes(doc, "result", "CLOUD-CERT.status")
          if c["bid"] == "01-qualified-sakura.json"]
    check(len(st) == 1 and st[0]["old"] == "met", f"CLOUD-CERT moved ({st})")
    code, doc, _ = diff_json(cloudvet, outs["r1"], outs["r3"])
    check(code == 1 and doc is not None and len(doc["notes"]) == 1 and
          "different methods" in doc["notes"][0] and
          changes(doc, "method", "profile.sha256"),
          "another profile: the rounds were scored by different methods")
    code, doc, _ = diff_json(cloudvet, outs["r1"], outs["r1"])
    check(code == 0 and doc["count"] == 0, "a report against itself")
    # one bid fewer: removed
    with open(outs["r1"], encoding="utf-8") as f:
        rep = json.load(f)
    gone = rep["submissions"].pop(0)
    fewer = os.path.join(tmp, "fewer.json")
    with open(fewer, "w", encoding="utf-8") as f:
        json.dump(rep, f, ensure_ascii=False)
    code, doc, _ = diff_json(cloudvet, outs["r1"], fewer)
    bids = changes(doc, "bid")
    check(code == 1 and len(bids) == 1 and bids[0]["op"] == "removed" and
          bids[0]["subject"] == os.path.basename(gone["file"]),
          f"a bid removed ({bids})")
    # a report and a submission: refused
    code, out, err = run(cloudvet, "diff", outs["r1"],
                         os.path.join(samples, "01-qualified-sakura.json"))
    check(code == 2 and out == "" and "cannot be compared" in err,
          f"report vs submission: exit 2 with a message ({code}, {err})")


def test_usage(cloudvet, src):
    a = os.path.join(src, "samples", "01-qualified-sakura.json")
    code, _, err = run(cloudvet, "diff", a)
    check(code == 2 and "two files" in err, f"one argument: exit 2 ({err})")
    code, _, _ = run(cloudvet, "diff", "--format", "pdf", a, a)
    check(code == 2, "unknown format: exit 2")
    code, _, err = run(cloudvet, "diff", a,
                       os.path.join(src, "samples", "09-malformed.json"))
    check(code == 2 and "09-malformed.json" in err,
          f"an unreadable submission: exit 2, located ({err})")
    code, _, _ = run(cloudvet, "diff", a, "/nonexistent/x.json")
    check(code == 2, "a missing file: exit 2")


def test_workbook(cloudvet, src, tmp):
    """The same facts filled into cloudvet's workbook (tests/workbook's
    fill.py, as a vendor would): no difference either."""
    template = os.path.join(tmp, "template.xlsx")
    # libxlsxwriter's own leak, suppressed under the sanitizers as
    # tests/workbook does (its lsan.supp says which)
    env = dict(os.environ)
    supp = "suppressions=" + os.path.join(src, "tests", "workbook",
                                          "lsan.supp")
    env["LSAN_OPTIONS"] = ":".join(x for x in (env.get("LSAN_OPTIONS"),
                                               supp) if x)
    with open(template, "wb") as f:
        proc = subprocess.run([cloudvet, "template", "--format", "xlsx"],
                              stdout=f, stderr=subprocess.PIPE, env=env,
                              timeout=120)
    check(proc.returncode == 0, "template written")
    old = os.path.join(src, "samples", "01-qualified-sakura.json")
    book = os.path.join(tmp, "01.xlsx")
    proc = subprocess.run([sys.executable, os.path.join(
        src, "tests", "workbook", "fill.py"), template, old, book,
        os.path.join(src, "criteria")], capture_output=True, timeout=120)
    check(proc.returncode == 0, f"fill.py ({proc.stderr[-300:]})")
    code, doc, err = diff_json(cloudvet, old, book)
    check(code == 0 and doc is not None and doc["count"] == 0,
          f"JSON vs workbook: no differences ({code}, "
          f"{doc and doc['changes'][:3]}, {err})")


def test_docs(cloudvet, src):
    """docs/diff.md documents every member the JSON output has."""
    with open(os.path.join(src, "docs", "diff.md"), encoding="utf-8") as f:
        text = f.read()
    documented = set()
    for line in text.splitlines():
        if line.startswith("| `"):
            documented.add(line.split("`")[1])
    old = os.path.join(src, "samples", "07-answers-only.json")
    new = os.path.join(src, "examples", "award", "round2",
                       "07-answers-only.json")
    _, doc, _ = diff_json(cloudvet, old, new)
    if doc is None:
        check(False, "the diff is JSON")
        return
    for key in doc:
        check(key in documented, f"docs/diff.md documents {key}")
    for key in doc["counts"]:
        check(f"`{key}`" in text, f"docs/diff.md names the group {key}")
    for key in doc["changes"][0]:
        check(f"changes[].{key}" in documented,
              f"docs/diff.md documents changes[].{key}")


def main():
    cloudvet, src = sys.argv[1], os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="cloudvet-diff-") as tmp:
        test_rounds(cloudvet, src)
        test_same_facts_other_form(cloudvet, src)
        test_other_vendor(cloudvet, src)
        test_reports(cloudvet, src, tmp)
        test_usage(cloudvet, src)
        test_workbook(cloudvet, src, tmp)
        test_docs(cloudvet, src)
    print(f"{PASSED} passed, {FAILED} failed")
    return 1 if FAILED or PASSED == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
