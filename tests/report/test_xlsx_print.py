# SPDX-License-Identifier: MIT
"""report.xlsx on paper (issue 15, item 6): ten bids, made from samples/01
with their names changed and every third without the availability bonus
(so scores and ranks differ), are written to a workbook, which
LibreOffice prints to PDF (soffice --headless --convert-to pdf, with a
fresh user profile). Read back with pdftotext and pdfinfo:

  - the first page is the summary "一覧", landscape, naming the tender,
    its bids in ranking order (highest score first);
  - the comparison "比較" is printed landscape, in pages of five bids:
    every bid's name, verdict and score appear on the comparison pages,
    and no page holds bids of two groups (a bid's status and points are
    never split from each other across pages);
  - the criterion column is repeated on every comparison page.

Skipped (exit 77, saying why) when soffice or pdftotext is absent.

usage: test_xlsx_print.py CLOUDVET SOURCE_DIR"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Failures, evaluate  # noqa: E402

NBIDS = 10
PRINT_BIDS = 5  # report_xlsx.c: CMP_PRINT_BIDS


def vendor(i):
    return f"試験社{i + 1:02d}"


def write_bids(src, directory):
    with open(os.path.join(src, "samples", "01-qualified-sakura.json"),
              encoding="utf-8") as f:
        base = json.load(f)
    files = []
    for i in range(NBIDS):
        doc = json.loads(json.dumps(base))
        doc["vendor"]["name"] = vendor(i)
        doc["service"]["name"] = f"S{i + 1:02d}"
        if i % 3 == 2:
            doc["sla"]["availability_percent"] = 99.9
        path = os.path.join(directory, f"bid{i + 1:02d}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        files.append(path)
    return files


def shown(points):
    """A score as the number format "0.0#" shows it."""
    text = f"{round(points, 2):.2f}"
    return text[:-1] if text.endswith("0") else text


def pdf_pages(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def page_sizes(pdf):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", pdf],
                          capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    cloudvet, src = sys.argv[1], sys.argv[2]
    for tool in ("soffice", "pdftotext", "pdfinfo"):
        if not shutil.which(tool):
            print(f"skipped: {tool} is not installed (LibreOffice and "
                  f"poppler-utils render the workbook)")
            return 77
    t = Failures()
    with tempfile.TemporaryDirectory(prefix="cv_xlsx_print.") as tmp:
        bids = os.path.join(tmp, "bids")
        os.mkdir(bids)
        files = write_bids(src, bids)
        out = os.path.join(tmp, "out")
        code, _ = evaluate(cloudvet, src, out, "--format", "json,xlsx",
                           files=files)
        t.check(code == 0, f"evaluate exits 0 ({code})")
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        subs = report["submissions"]
        t.check(len(subs) == NBIDS, f"{NBIDS} bids evaluated")
        scores = {s["vendor"]: s["score"] for s in subs}
        t.check(len(set(scores.values())) > 1, "scores differ")
        profile = os.path.join(tmp, "lo-profile")
        proc = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}",
             "--headless", "--convert-to", "pdf", "--outdir", tmp,
             os.path.join(out, "report.xlsx")],
            capture_output=True, text=True, timeout=600)
        pdf = os.path.join(tmp, "report.pdf")
        t.check(proc.returncode == 0 and os.path.exists(pdf),
                f"LibreOffice prints the workbook ({proc.stderr[-300:]})")
        if not os.path.exists(pdf):
            return t.finish()
        pages = pdf_pages(pdf)
        sizes = page_sizes(pdf)
        first = pages[0]
        t.check(first.lstrip().startswith("一覧"), "page 1 is the summary")
        tender = subs[0].get("tender", {}).get("id") or ""
        t.check(tender != "" and tender in first,
                f"the tender {tender!r} is named on page 1")
        ranked = sorted(scores, key=lambda v: -scores[v])
        where = [first.find(v) for v in ranked]
        t.check(all(w >= 0 for w in where) and where == sorted(where),
                f"page 1 lists the bids by score, highest first ({where})")
        comparison = [i for i, p in enumerate(pages)
                      if p.lstrip().startswith("比較")]
        t.check(len(comparison) >= 2, f"the comparison takes pages "
                f"({len(comparison)})")
        for i in comparison:
            w, h = sizes[i] if i < len(sizes) else (0, 0)
            t.check(w > h, f"comparison page {i + 1} is landscape ({w}x{h})")
            t.check("評価項目" in pages[i],
                    f"comparison page {i + 1} repeats the criterion column")
        text = "\n".join(pages[i] for i in comparison)
        for k, name in enumerate(vendor(i) for i in range(NBIDS)):
            t.check(f"{k + 1}. {name}" in text,
                    f"bid {k + 1} ({name}) is named on the comparison pages")
            t.check(shown(scores[name]) in text,
                    f"its score {shown(scores[name])} is printed")
        t.check("適格" in text, "the verdicts are printed")
        for i in comparison:
            groups = {k // PRINT_BIDS for k in range(NBIDS)
                      if f"{k + 1}. {vendor(k)}" in pages[i]}
            t.check(len(groups) == 1, f"comparison page {i + 1} holds one "
                    f"group of {PRINT_BIDS} bids (groups {sorted(groups)})")
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
