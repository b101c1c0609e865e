#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The 審査記入 sheet of report.xlsx round trip (docs/decisions.md):

evaluate -> report.xlsx -> the committee fills in the sheet (here: the
sheet's XML edited with zipfile, as Excel would store it: inline strings,
the date as a serial under the cell's date format) -> evaluate
--decisions report.xlsx applies them with the same result as the
equivalent decisions file (JSON) -> the new report.xlsx carries the
decided rows filled in, and fed back again gives the same result.

  test_roundtrip.py CLOUDVET HASH_HELPER REPO
"""
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


def check(ok, what):
    global PASSED, FAILED
    if ok:
        PASSED += 1
        print(f"ok   {what}")
    else:
        FAILED += 1
        print(f"FAIL {what}")
    return ok


def run(cmd, want=None):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if want is not None and p.returncode != want:
        print(f"     {' '.join(cmd)} exited {p.returncode}, want {want}\n"
              f"     stderr: {p.stderr[:2000]}")
    return p


def sheet_part(z):
    """The part name of the 審査記入 sheet."""
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    m = re.search(r'<sheet name="審査記入" sheetId="\d+" r:id="(rId\d+)"', wb)
    if not m:
        return None
    t = re.search(r'<Relationship Id="%s"[^>]*Target="([^"]+)"' % m.group(1),
                  rels) or re.search(
        r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="%s"' % m.group(1), rels)
    target = t.group(1)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def cell_text(row_xml, col, n):
    m = re.search(r'<c r="%s%d"[^>]*><is><t[^>]*>([^<]*)</t></is></c>'
                  % (col, n), row_xml)
    return m.group(1) if m else None


def rows_of(xml):
    """{row number: (file, criterion, tool status)} of the data rows."""
    out = {}
    for m in re.finditer(r'<row r="(\d+)"[^>]*>(.*?)</row>', xml, re.S):
        n = int(m.group(1))
        if n <= 4:
            continue
        out[n] = (cell_text(m.group(2), "A", n), cell_text(m.group(2), "D", n),
                  cell_text(m.group(2), "G", n))
    return out


def fill(xml, n, col, inner_string=None, serial=None):
    pat = re.compile(r'<c r="%s%d" s="(\d+)"/>' % (col, n))
    if serial is not None:
        new = r'<c r="%s%d" s="\1"><v>%d</v></c>' % (col, n, serial)
    else:
        new = (r'<c r="%s%d" s="\1" t="inlineStr"><is><t>%s</t></is></c>'
               % (col, n, inner_string))
    xml2, k = pat.subn(new, xml)
    if k != 1:
        raise RuntimeError(f"cell {col}{n} is not an empty committee cell")
    return xml2


def rewrite(src, dst, part, xml):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(
            dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = xml.encode() if item.filename == part else zin.read(item)
            zout.writestr(item, data)


def summary(report_json):
    r = json.load(open(report_json, encoding="utf-8"))
    out = {}
    for s in r["submissions"]:
        out[os.path.basename(s["file"])] = (
            s["verdict"], s.get("conditional"), s["score"],
            [(c["id"], c["status"], c["points"], c["reason"])
             for c in s["results"]])
    return out


# What the committee decides on sample 07's claimed items: the words as a
# person picks them from the drop-down (Japanese run), one typed in English.
CHOICES = {
    "CLOUD-CERT": ("適合", "met"),
    "CLOUD-REGION": ("met", "met"),
    "CLOUD-RECOVERY": ("一部適合", "partial"),
    "CLOUD-THREATS": ("不適合", "not_met"),
    "ACCESS-MFA": ("適合", "met"),
}
BY = "委員 山田"
SERIAL = 46351  # 2026-11-25 in Excel's 1900 system
ON = "2026-11-25"
REASON = "ヒアリングで確認した"


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    cloudvet, helper, repo = argv[1:]
    tmp = tempfile.mkdtemp(prefix="cv-decisions-")
    try:
        return roundtrip(cloudvet, helper, repo, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def evaluate(cloudvet, repo, tmp, out, bids, decisions=None, want=0):
    cmd = [cloudvet, "--criteria", os.path.join(repo, "criteria"),
           "evaluate", "--as-of", "2026-11-21", "--no-registry", "--quiet",
           "--format", "json,xlsx", "--out", os.path.join(tmp, out)]
    if decisions:
        cmd += ["--decisions", decisions]
    return run(cmd + bids, want)


def roundtrip(cloudvet, helper, repo, tmp):
    bids = []
    for name in ("01-qualified-sakura.json", "07-answers-only.json"):
        shutil.copy(os.path.join(repo, "samples", name), tmp)
        bids.append(os.path.join(tmp, name))
    p = evaluate(cloudvet, repo, tmp, "r1", bids)
    if not check(p.returncode == 0, "evaluate writes report.xlsx"):
        return 1
    xlsx = os.path.join(tmp, "r1", "report.xlsx")
    with zipfile.ZipFile(xlsx) as z:
        part = sheet_part(z)
        if not check(part is not None, "report.xlsx has the 審査記入 sheet"):
            return 1
        xml = z.read(part).decode()
    rows = rows_of(xml)
    report = json.load(open(os.path.join(tmp, "r1", "report.json"),
                            encoding="utf-8"))
    want = sorted((os.path.basename(s["file"]), c["id"])
                  for s in report["submissions"] for c in s["results"]
                  if c["status"] not in ("met", "not_applicable"))
    got = sorted((os.path.basename(f), c) for f, c, _ in rows.values())
    check(got == want, f"one row per bid x criterion not met ({len(got)} "
          f"rows, want {len(want)})")
    check("<sheetProtection" in xml and 'type="list"' in xml,
          "the sheet is protected and the decision column is a drop-down")

    # The committee fills in five rows; the rest stay empty (skipped).
    filled = dict(xml=xml)
    decided = {}
    for n, (f, crit, _) in rows.items():
        if crit not in CHOICES or os.path.basename(f) != os.path.basename(bids[1]):
            continue
        x = filled["xml"]
        x = fill(x, n, "I", CHOICES[crit][0])
        x = fill(x, n, "J", BY)
        x = fill(x, n, "K", serial=SERIAL)
        filled["xml"] = fill(x, n, "L", REASON)
        decided[crit] = n
    check(len(decided) == len(CHOICES), "the rows to decide are on the sheet")
    filled_xlsx = os.path.join(tmp, "filled.xlsx")
    rewrite(xlsx, filled_xlsx, part, filled["xml"])
    p = evaluate(cloudvet, repo, tmp, "r2", bids, filled_xlsx)
    if not check(p.returncode == 0, "evaluate --decisions report.xlsx"):
        return 1

    # The same decisions as a decisions file, with the helper's hashes.
    hashes = subprocess.run([helper, os.path.join(repo, "criteria"), bids[1]],
                            check=True, capture_output=True,
                            text=True).stdout
    items = []
    for line in hashes.splitlines():
        h = json.loads(line)
        if h["criterion"] in CHOICES:
            items.append({"file": "07-answers-only.json",
                          "submission_sha256": h["submission_sha256"],
                          "criterion": h["criterion"],
                          "criterion_sha256": h["criterion_sha256"],
                          "decision": CHOICES[h["criterion"]][1],
                          "by": BY, "on": ON, "reason": REASON})
    dfile = os.path.join(tmp, "decisions.json")
    with open(dfile, "w", encoding="utf-8") as f:
        json.dump({"format": "cloudvet-decisions/1", "decisions": items}, f,
                  ensure_ascii=False)
    p = evaluate(cloudvet, repo, tmp, "r3", bids, dfile)
    check(p.returncode == 0, "evaluate --decisions decisions.json")
    r1 = summary(os.path.join(tmp, "r1", "report.json"))
    r2 = summary(os.path.join(tmp, "r2", "report.json"))
    r3 = summary(os.path.join(tmp, "r3", "report.json"))
    check(r2 == r3, "the filled sheet and the JSON file give the same report")
    s07 = dict((c[0], c) for c in r2["07-answers-only.json"][3])
    check(s07["CLOUD-RECOVERY"][1] == "partial" and
          s07["CLOUD-THREATS"][1] == "not_met" and
          s07["CLOUD-CERT"][1] == "met" and s07["CLOUD-REGION"][1] == "met",
          "the decisions are the results' statuses (ja and en words read)")
    check(r1["07-answers-only.json"][2] != r2["07-answers-only.json"][2],
          "the score follows the decisions")
    check(r1["01-qualified-sakura.json"] == r2["01-qualified-sakura.json"],
          "a bid without decisions is unchanged")

    # Fed back again: the decided rows come filled in, nothing changes.
    p = evaluate(cloudvet, repo, tmp, "r4", bids,
                 os.path.join(tmp, "r2", "report.xlsx"))
    check(p.returncode == 0 and
          summary(os.path.join(tmp, "r4", "report.json")) == r2,
          "the new report.xlsx, fed back, gives the same result")

    # A word the sheet does not know is a located error, nothing written.
    first = min(rows)
    bad_xml = fill(xml, first, "I", "たぶん適合")
    bad_xml = fill(bad_xml, first, "J", BY)
    bad_xml = fill(bad_xml, first, "K", serial=SERIAL)
    bad_xml = fill(bad_xml, first, "L", REASON)
    bad = os.path.join(tmp, "bad.xlsx")
    rewrite(xlsx, bad, part, bad_xml)
    p = evaluate(cloudvet, repo, tmp, "r5", bids, bad, want=None)
    check(p.returncode != 0 and f"審査記入!I{min(rows)}" in p.stderr and
          not os.path.exists(os.path.join(tmp, "r5", "report.json")),
          "an unknown decision word is an error at its cell")
    bad2 = os.path.join(tmp, "bad2.xlsx")
    # A decided row without its hash is an error (hash columns required).
    nohash = re.sub(r'(<c r="C%d" s="\d+") t="inlineStr"><is><t>[0-9a-f]+'
                    r'</t></is></c>' % first, r'\1/>', bad_xml)
    nohash = nohash.replace("たぶん適合", "適合")
    rewrite(xlsx, bad2, part, nohash)
    p = evaluate(cloudvet, repo, tmp, "r6", bids, bad2, want=None)
    check(p.returncode != 0 and f"審査記入!C{first}" in p.stderr,
          "a decision without the submission's SHA-256 is an error there")
    print(f"{PASSED} passed, {FAILED} failed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
