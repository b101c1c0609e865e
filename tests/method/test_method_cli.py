# SPDX-License-Identifier: MIT
"""`cloudvet criteria show`: the 評価基準書 from the outside.

The JSON is the same bytes on every run and in either --lang; its
SHA-256 is the hash printed on standard error (what `--format json |
sha256sum` gives); a copied profile with one weight changed has another
method hash, and only that criterion's line of the document differs;
the HTML, Markdown and XLSX forms carry the hash; the workbook opens
(a zip whose sheets name the criteria); --out is written whole, and a
tender's prices (and its 予定価格) never move the hash.

usage: test_method_cli.py CLOUDVET SRC_DIR"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

PASSED = 0
FAILED = 0


def check(cond, what):
    global PASSED, FAILED
    if cond:
        PASSED += 1
    else:
        FAILED += 1
        print("check failed: " + what, file=sys.stderr)


class Env:
    def __init__(self, cloudvet, src, tmp):
        self.cloudvet = cloudvet
        self.src = src
        self.tmp = tmp
        self.env = dict(os.environ,
                        CLOUDVET_CRITERIA=os.path.join(src, "criteria"))

    def show(self, *args, lang="ja"):
        return subprocess.run([self.cloudvet, "--lang", lang, "criteria",
                               "show", *args], env=self.env,
                              capture_output=True, timeout=60)


HASH = re.compile(rb"(?:\xe8\xa9\x95\xe4\xbe\xa1\xe5\x9f\xba\xe6\xba\x96"
                  rb"\xe6\x9b\xb8\xe3\x81\xae SHA-256|method SHA-256): "
                  rb"([0-9a-f]{64})\n")


def printed_hash(p):
    m = HASH.search(p.stderr)
    return m.group(1).decode() if m else None


def test_json_canonical(e):
    a = e.show("--format", "json")
    b = e.show("--format", "json")
    c = e.show("--format", "json", lang="en")
    check(a.returncode == 0, f"show --format json: exit 0 ({a.stderr!r})")
    check(a.stdout == b.stdout == c.stdout,
          "the JSON is byte-identical across runs and --lang ja/en")
    check(printed_hash(a) == hashlib.sha256(a.stdout).hexdigest(),
          "sha256sum of the JSON is the hash printed on stderr")
    check(printed_hash(c) == printed_hash(a), "the same hash in English")
    doc = json.loads(a.stdout)
    check(doc["format"] == "cloudvet-method/1" and doc["tender"] is None,
          "format cloudvet-method/1, no tender")
    ids = [c["id"] for c in doc["criteria"]]
    check("CLOUD-CERT" in ids and len(ids) >= 20, "every criterion is in it")
    crit = doc["criteria"][0]
    check(set(crit) >= {"id", "title", "requirement", "clauses", "mandatory",
                        "points", "partial_qualifies", "na_allowed",
                        "grading", "parameters"},
          f"a criterion states all it is scored by ({sorted(crit)})")
    params = [p for c in doc["criteria"] for p in c["parameters"]]
    check(params and all({"basis", "source", "beyond_clause"} <= set(p)
                         for p in params),
          "every applied parameter has its basis and source")
    rules = [r["id"] for r in doc["scoring"]["rules"]]
    check({"verdict", "conditional", "points", "aggregation",
           "tie_break"} <= set(rules), f"the scoring rules ({rules})")
    return a


def test_weight_change(e, base):
    with open(os.path.join(e.src, "criteria/profiles/default.json"),
              encoding="utf-8") as f:
        prof = json.load(f)
    entry = prof["criteria"][1]
    entry["weight"] = entry["weight"] + 1
    path = os.path.join(e.tmp, "my-profile.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(prof, f, ensure_ascii=False)
    p = e.show("--format", "json", "--profile", path)
    check(p.returncode == 0, f"a copied profile is shown ({p.stderr!r})")
    check(printed_hash(p) and printed_hash(p) != printed_hash(base),
          "one weight changed: another method hash")
    old = base.stdout.decode().split("\n")
    new = p.stdout.decode().split("\n")
    crit_lines = [i for i, ln in enumerate(old) if ln.startswith('{"id":')]
    moved = [json.loads(old[i].rstrip(",]"))["id"] for i in crit_lines
             if i < len(new) and old[i] != new[i]]
    check(moved == [entry["id"]],
          f"only {entry['id']}'s line differs among the criteria ({moved})")


def test_human_formats(e, base):
    h = printed_hash(base)
    for fmt in ("html", "md"):
        p = e.show("--format", fmt, lang="en")
        check(p.returncode == 0 and h.encode() in p.stdout,
              f"{fmt} carries the method hash")
        check(b"sha256sum" in p.stdout, f"{fmt} says how to check it")
    p = e.show()
    check(p.returncode == 0 and p.stdout.startswith("# 評価基準書".encode()),
          "the default is Markdown in Japanese")
    html = e.show("--format", "html").stdout.decode()
    check("<script" not in html and "Content-Security-Policy" in html and
          'id="method-sha256"' in html, "a self-contained page")
    out = os.path.join(e.tmp, "sub", "method.xlsx")
    p = e.show("--format", "xlsx", "--out", out)
    check(p.returncode == 0 and os.path.exists(out),
          f"--format xlsx --out FILE writes it ({p.stderr!r})")
    check(sorted(os.listdir(os.path.dirname(out))) == ["method.xlsx"],
          "no temporary file is left beside it")
    check(printed_hash(p) == h, "the workbook's run prints the same hash")
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        text = b"".join(z.read(n) for n in names if n.startswith("xl/"))
    check("xl/worksheets/sheet1.xml" in names and
          "xl/worksheets/sheet2.xml" in names, "two sheets")
    check(b"CLOUD-CERT" in text and h.encode() in text,
          "the workbook names the criteria and the hash")
    p = e.show("--format", "xlsx")
    check(p.returncode == 2, "xlsx without --out: usage error (2)")
    p = e.show("--format", "pdf")
    check(p.returncode == 2, "an unknown format: usage error (2)")
    out = os.path.join(e.tmp, "method.json")
    p = e.show("--format", "json", "--out", out)
    with open(out, "rb") as f:
        check(f.read() == base.stdout, "--out FILE holds the same bytes")


def test_tender(e, base):
    tender = os.path.join(e.src, "examples/award/tender.json")
    if not os.path.exists(tender):
        print("note: examples/award/tender.json absent; tender checks "
              "skipped")
        return
    a = e.show("--format", "json", "--tender", tender)
    if a.returncode != 0:
        check(False, f"--tender is read ({a.stderr[-300:]!r})")
        return
    check(printed_hash(a) == hashlib.sha256(a.stdout).hexdigest() and
          printed_hash(a) != printed_hash(base),
          "the tender's method is part of the hash")
    doc = json.loads(a.stdout)
    check(doc["tender"] and doc["tender"]["method"] in
          ("additive", "division", "technical-only"),
          "the tender's method part is in the document")
    with open(tender, encoding="utf-8") as f:
        t = json.load(f)
    for bid in t.get("bids", []):
        bid["price"] = bid["price"] + 1000
    if "ceiling" in t:
        t["ceiling"] = t["ceiling"] + 5000
    path = os.path.join(e.tmp, "tender-priced.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False)
    b = e.show("--format", "json", "--tender", path)
    check(b.returncode == 0 and b.stdout == a.stdout,
          "other prices and 予定価格: the same bytes and hash")
    check(str(t.get("ceiling", "x")).encode() not in b.stdout,
          "the 予定価格 is not in the method")
    p = e.show("--tender", os.path.join(e.tmp, "missing.json"))
    check(p.returncode == 4, f"an unreadable tender file: exit 4 "
          f"({p.returncode})")


def main():
    cloudvet, src = sys.argv[1], os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="cloudvet-method-") as tmp:
        e = Env(cloudvet, src, tmp)
        base = test_json_canonical(e)
        test_weight_change(e, base)
        test_human_formats(e, base)
        test_tender(e, base)
    print(f"{PASSED} passed, {FAILED} failed")
    return 1 if FAILED or PASSED == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
