#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`cloudvet check` for people and pipelines (docs/check.md): the text
form's gcc-style lines and caret excerpts, sorted by line and column;
cloudvet-check/1 JSON; JUnit XML read by xml.etree with counts that
match; `check -` (standard input); --strict; the exit codes; and the
"did you mean" of a misspelt member, enum value and criterion id, in
the JSON and the XML form.

usage: test_check_formats.py CLOUDVET SOURCE_DIR
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import check, finish, run_check  # noqa: E402

LINE = re.compile(r"^(?P<file>[^\s:][^:]*?)(?::(?P<line>\d+)(?::(?P<col>\d+))?|"
                  r":(?P<cell>[^:\s]+))?: (?P<sev>error|warning|note): "
                  r"(?P<msg>.*) \[(?P<rule>[A-Za-z0-9/_.-]+)\]$")
EXPECT = {"01-qualified-sakura.json": 0, "02-backup-abroad.xml": 1,
          "05-weak-crypto.json": 1, "07-answers-only.json": 6,
          "09-malformed.json": 2, "10-conditional-iij.json": 6}


def findings(text):
    return [m for m in (LINE.match(x) for x in text.splitlines()) if m]


def test_text(cv, samples):
    for name, want in EXPECT.items():
        p = run_check(cv, os.path.join(samples, name))
        out = p.stdout.decode()
        check(p.returncode == want, f"{name}: exit {p.returncode}, want {want}")
        found = findings(out)
        check(found or want == 0, f"{name}: gcc-style lines ({len(found)})")
        keys = [(int(m["line"] or 0), int(m["col"] or 0)) for m in found]
        check(keys == sorted(keys), f"{name}: findings by line, column")
    # A criterion finding of a JSON input points at the answer, with the
    # source line and a caret under the column.
    carets = 0
    for name in ("03-expired-cert.json", "05-weak-crypto.json",
                 "07-answers-only.json", "02-backup-abroad.xml"):
        carets += caret_checks(cv, os.path.join(samples, name))
    check(carets >= 3, f"caret excerpts are shown ({carets})")
    # The verdict words stay (people and the golden test read them).
    out = run_check(cv, os.path.join(samples, "07-answers-only.json"))
    check(b"would qualify on condition" in out.stdout, "verdict words")


def caret_checks(cv, path):
    src = open(path, encoding="utf-8").read().splitlines()
    lines = run_check(cv, path).stdout.decode().splitlines()
    carets = 0
    for i, ln in enumerate(lines):
        m = LINE.match(ln)
        if not m or not m["line"] or not m["col"] or i + 2 >= len(lines):
            continue
        row, col = int(m["line"]), int(m["col"])
        shown, caret = lines[i + 1], lines[i + 2]
        if not caret.strip() == "^":
            continue
        carets += 1
        check(shown[4:].strip() == src[row - 1].strip()[:100].strip() or
              shown.startswith("    …"),
              f"excerpt of line {row}: {shown!r}")
        check(caret.index("^") - 4 == col - 1 or shown.startswith("    …"),
              f"caret under column {col}: {caret!r}")
        if m["rule"] != "cloudvet/input" and path.endswith(".json"):
            check(src[row - 1][col - 1] in "{[\"", f"caret on the answer "
                  f"({src[row - 1][col - 1:col + 10]!r})")
    return carets


def test_stdin(cv, samples):
    path = os.path.join(samples, "05-weak-crypto.json")
    data = open(path, "rb").read()
    p = run_check(cv, "-", stdin=data)
    check(p.returncode == 1, f"check - exits as the file does ({p.returncode})")
    found = findings(p.stdout.decode())
    check(found and all(m["file"] == "<stdin>" for m in found),
          "standard input is named <stdin>")
    p = run_check(cv, "-", "-", stdin=data)
    check(p.returncode == 2 and b"only once" in p.stderr,
          f"- twice is a usage error ({p.returncode})")
    p = run_check(cv, "--max-input-bytes", "1K", "-", stdin=data)
    check(p.returncode == 2 and b"max-input-bytes" in p.stderr,
          f"stdin is bounded by --max-input-bytes ({p.returncode})")
    check(p.stdout == b"", "nothing on stdout then")


def test_usage(cv, samples):
    p = run_check(cv, "--format", "pdf", os.path.join(samples, "01-qualified-"
                                                       "sakura.json"))
    check(p.returncode == 2, f"unknown format: exit 2 ({p.returncode})")
    check(b"text | json | sarif | junit" in p.stderr,
          f"the formats are listed: {p.stderr!r}")


def test_json(cv, samples):
    names = sorted(EXPECT)
    p = run_check(cv, "--format", "json",
                  *[os.path.join(samples, n) for n in reversed(names)])
    doc = json.loads(p.stdout)
    check(doc["format"] == "cloudvet-check/1", "format cloudvet-check/1")
    files = [os.path.basename(s["file"]) for s in doc["submissions"]]
    check(files == names, f"submissions by file name: {files}")
    codes = {"qualifies": 0, "conditional": 6, "fails": 1, "unreadable": 2}
    for s in doc["submissions"]:
        n = os.path.basename(s["file"])
        check(codes[s["outcome"]] == EXPECT[n], f"json outcome of {n}")
        keys = [(f["line"], f["column"]) for f in s["findings"]]
        check(keys == sorted(keys), f"json findings of {n} sorted")
        for f in s["findings"]:
            if f["kind"] == "criterion":
                check(f["clauses"], f"{n} {f['rule']}: clauses")
    check(p.returncode == 2, f"the worst exit wins ({p.returncode})")
    check(doc["summary"]["files"] == len(names), "summary counts files")


def test_junit(cv, samples):
    names = ["01-qualified-sakura.json", "02-backup-abroad.xml",
             "07-answers-only.json"]
    p = run_check(cv, "--format", "junit",
                  *[os.path.join(samples, n) for n in names])
    root = ET.fromstring(p.stdout)
    check(root.tag == "testsuites", "root is testsuites")
    suites = root.findall("testsuite")
    check(len(suites) == 3, f"a testsuite per submission ({len(suites)})")
    total = fails = skips = 0
    for s in suites:
        cases = s.findall("testcase")
        f = sum(1 for c in cases if c.find("failure") is not None)
        k = sum(1 for c in cases if c.find("skipped") is not None)
        check(int(s.get("tests")) == len(cases), f"{s.get('name')}: tests")
        check(int(s.get("failures")) == f, f"{s.get('name')}: failures")
        check(int(s.get("skipped")) == k, f"{s.get('name')}: skipped")
        total, fails, skips = total + len(cases), fails + f, skips + k
        base = os.path.basename(s.get("name"))
        if base.startswith("02"):
            check(f >= 1, "the disqualified bid has a failed test case")
        if base.startswith("01"):
            check(f == 0, "the qualified bid fails no test case")
        if base.startswith("07"):
            check(k >= 1, "a claimed mandatory criterion is skipped")
        check(any(c.get("name") == "cloudvet/input" for c in cases),
              "the input's diagnostics are a test case")
    check(int(root.get("tests")) == total and
          int(root.get("failures")) == fails and
          int(root.get("skipped")) == skips, "testsuites totals")


def variant(samples, tmp, name, old, new, out):
    text = open(os.path.join(samples, name), encoding="utf-8").read()
    check(old in text, f"{name} holds {old!r}")
    path = os.path.join(tmp, out)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    return path


def test_strict(cv, samples, tmp):
    path = variant(samples, tmp, "01-qualified-sakura.json", "{",
                   '{"remarks_extra": "x",', "extra.json")
    p = run_check(cv, path)
    check(p.returncode == 0, f"a warning alone passes ({p.returncode})")
    p = run_check(cv, "--strict", path)
    check(p.returncode == 1, f"--strict: a warning fails ({p.returncode})")
    p = run_check(cv, "--strict", "--format", "junit", path)
    root = ET.fromstring(p.stdout)
    inp = [c for c in root.iter("testcase") if c.get("name") ==
           "cloudvet/input"]
    check(inp and inp[0].find("failure") is not None,
          "--strict: the input test case fails")


def test_did_you_mean(cv, samples, tmp):
    cases = [
        ("01-qualified-sakura.json", '"availability_percent"',
         '"availabilty_percent"', "did you mean 'availability_percent'?"),
        ("02-backup-abroad.xml", "<availability-percent>99.95"
         "</availability-percent>", "<availabilty-percent>99.95"
         "</availabilty-percent>", "did you mean 'availability-percent'?"),
        ("01-qualified-sakura.json", '"id": "CLOUD-CERT"',
         '"id": "CLOUD-CRET"', "did you mean 'CLOUD-CERT'?"),
        ("02-backup-abroad.xml", "<id>CLOUD-CERT</id>", "<id>CLOUD-CRET</id>",
         "did you mean 'CLOUD-CERT'?"),
        ("01-qualified-sakura.json", '"purpose": "primary"',
         '"purpose": "primay"', "did you mean 'primary'?"),
        ("02-backup-abroad.xml", "<purpose>primary</purpose>",
         "<purpose>primay</purpose>", "did you mean 'primary'?"),
    ]
    for i, (name, old, new, want) in enumerate(cases):
        ext = os.path.splitext(name)[1]
        path = variant(samples, tmp, name, old, new, f"typo{i}{ext}")
        out = run_check(cv, path).stdout.decode()
        check(want in out, f"{new}: {want!r} in the output")
        ja = run_check(cv, path, lang="ja").stdout.decode()
        check("もしかして" in ja, f"{new}: in Japanese too")
    # Far from every name: no guess.
    path = variant(samples, tmp, "01-qualified-sakura.json",
                   '"availability_percent"', '"zzqqxx_yy"', "far.json")
    out = run_check(cv, path).stdout.decode()
    check("zzqqxx_yy" in out and "did you mean" not in
          [ln for ln in out.splitlines() if "zzqqxx_yy" in ln][0],
          "no suggestion for a word near nothing")


def test_hostile_line(cv, samples, tmp):
    """A one-line submission whose line is megabytes long and carries
    bidi controls: the excerpt is cut to its width around the column and
    cleaned; nothing of the raw controls reaches the terminal."""
    doc = json.load(open(os.path.join(samples, "05-weak-crypto.json"),
                         encoding="utf-8"))
    for a in doc["answers"]:
        a["explanation"] = "\u202e\u0007" + "x" * 500000
    path = os.path.join(tmp, "one-line.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    p = run_check(cv, path)
    out = p.stdout.decode()
    check(p.returncode == 1, f"one-line file: exit 1 ({p.returncode})")
    check("\u202e" not in out and "\u0007" not in out,
          "no raw bidi or control character on the terminal")
    shown = [ln for ln in out.splitlines() if ln.startswith("    …")]
    check(shown and all(len(ln) <= 110 for ln in shown),
          f"excerpts cut to the width ({[len(x) for x in shown][:5]})")


def main():
    cv, src = sys.argv[1], sys.argv[2]
    samples = os.path.join(src, "samples")
    tmp = os.environ.get("TMPDIR", "/tmp")
    tmp = os.path.join(tmp, f"cv-check-formats-{os.getpid()}")
    os.makedirs(tmp, exist_ok=True)
    test_text(cv, samples)
    test_stdin(cv, samples)
    test_usage(cv, samples)
    test_json(cv, samples)
    test_junit(cv, samples)
    test_strict(cv, samples, tmp)
    test_did_you_mean(cv, samples, tmp)
    test_hostile_line(cv, samples, tmp)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
