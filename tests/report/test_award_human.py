#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_award_human.py: the committee's formats (HTML, Markdown, XLSX)
show the award, the review decisions and the sensitivity as report.json
records them (docs/report.md).

One `evaluate --tender examples/award/tender.json --decisions D` over the
samples, where D is examples/award/decisions.json with the reason of its
first decision replaced by hostile text (markup, a spreadsheet formula,
Markdown pipes, a bidi override). Each of report.html, report.md and
report.xlsx must:
  - show the method SHA-256 equal to report.json's;
  - list the award rows in award order (ranked bids by rank, then the
    unranked ones), with the totals of report.json;
  - show the fragile-ranking flag exactly when report.json says fragile;
  - list every decision of report.json;
  - keep the hostile reason inert (escaped, never markup, never a
    formula, the bidi control made visible).

A second run, with the example's tender but bid 07's price cut so that
its total comes within 23 points of the first, must be fragile in
report.json and show the flag in all three formats (and no decisions
table or sheet, there being no decisions).

Skipped (exit 0, said on stdout) while the example files are absent.

usage: test_award_human.py CLOUDVET SRC_DIR   (standard library only)
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

HOSTILE = ("<script>alert(1)</script> =cmd|'/C calc'!A0 | x | "
           "**bold** \u202eevil\u202c")
FRAGILE = "順位は不安定"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/"
           "relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def find_key(obj, key):
    """The first value of `key` anywhere in `obj` (breadth first)."""
    todo = [obj]
    while todo:
        o = todo.pop(0)
        if isinstance(o, dict):
            if key in o:
                return o[key]
            todo.extend(o.values())
        elif isinstance(o, list):
            todo.extend(o)
    return None


def award_order(subs):
    """Input indexes in award order: ranked by rank (input order within
    a rank), then the others in the order the report chose (checked
    apart: only that they come after)."""
    ranked = [(s["award"]["rank"], i) for i, s in enumerate(subs)
              if s.get("award", {}).get("rank")]
    return [i for _, i in sorted(ranked)]


def decisions_of(subs):
    return [(i, d) for i, s in enumerate(subs)
            for d in s.get("decisions", [])]


def hostile_decisions(src, tmp):
    """The example's decisions with a hostile first reason, or None."""
    with open(os.path.join(src, "examples/award/decisions.json"),
              encoding="utf-8") as f:
        doc = json.load(f)
    items = doc.get("decisions") if isinstance(doc, dict) else None
    if not items:
        return None
    items[0]["reason"] = HOSTILE
    path = os.path.join(tmp, "decisions.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path


def close(a, b):
    return a is not None and b is not None and abs(float(a) - float(b)) < 0.01


def number(text):
    m = re.search(r"-?[0-9][0-9,]*(?:\.[0-9]+)?", text or "")
    return float(m.group(0).replace(",", "")) if m else None


# ---- HTML ----

def check_html(t, text, report, method, fragile, hostile):
    dom = common.parse_html(text)
    subs = report["submissions"]
    node = dom.find(id="method-sha256")
    t.check(node is not None and node.text().strip() == method,
            f"HTML: #method-sha256 is report.json's ({method})")
    table = dom.find("table", id="award-table")
    t.check(table is not None, "HTML: the award table")
    rows = list(table.find_all("tr", cls="aw-ranked")) if table else []
    order = [int(r.attrs["data-bid"]) - 1 for r in rows]
    t.check(order == award_order(subs),
            f"HTML: award rows in award order ({order})")
    for r in rows:
        i = int(r.attrs["data-bid"]) - 1
        cell = r.find("td", cls="total")
        t.check(cell is not None and
                close(number(cell.text()), subs[i]["award"]["total"]),
                f"HTML: bid {i + 1}'s total is report.json's")
    if table:
        all_rows = [int(r.attrs["data-bid"]) - 1
                    for r in table.find_all("tr") if "data-bid" in r.attrs]
        t.check(all_rows[:len(order)] == order and
                len(all_rows) == len(subs),
                "HTML: every bid in the award table, ranked ones first")
    t.check((dom.find(id="fragile-flag") is not None) == bool(fragile),
            f"HTML: the fragile flag iff fragile ({fragile})")
    dec = dom.find("table", id="decisions-table")
    rows = list(dec.find("tbody").find_all("tr")) if dec else []
    expected = decisions_of(subs)
    t.check(len(rows) == len(expected),
            f"HTML: every decision listed ({len(rows)} of {len(expected)})")
    texts = [r.text() for r in rows]
    for i, d in expected:
        t.check(any(d["criterion"] in x and (d.get("by") or "") in x
                    for x in texts),
                f"HTML: decision {d['criterion']} of bid {i + 1} listed")
    t.check(dec is not None or not expected,
            "HTML: the decisions table when there are decisions")
    t.check("<script>" not in text, "HTML: no markup from the inputs")
    if hostile:
        t.check("&lt;script&gt;" in text,
                "HTML: the hostile reason's markup is escaped")
        t.check("\u202e" not in text and "[U+202E]" in text,
                "HTML: the bidi override is made visible")


# ---- Markdown ----

def md_table_after(text, heading):
    """Rows (lists of cells) of the first table after `heading`."""
    at = text.find(heading)
    if at < 0:
        return []
    rows, started = [], False
    for line in text[at:].splitlines()[1:]:
        if line.startswith("|"):
            started = True
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not all(set(c) <= set("-:") for c in cells):
                rows.append(cells)
        elif started:
            break
    return rows[1:]  # the header row off


def check_md(t, text, report, method, fragile, hostile):
    subs = report["submissions"]
    t.check(f"`{method}`" in text, "Markdown: the method SHA-256 shown")
    rows = md_table_after(text, "## 落札者決定")
    ranked = [r for r in rows if r and r[0] != "–"]
    order = [int(r[1]) - 1 for r in ranked]
    t.check(order == award_order(subs),
            f"Markdown: award rows in award order ({order})")
    t.check(len(rows) == len(subs) and rows[:len(ranked)] == ranked,
            "Markdown: every bid in the award table, ranked ones first")
    for r in ranked:
        i = int(r[1]) - 1
        t.check(len(r) > 6 and close(number(r[6]), subs[i]["award"]["total"]),
                f"Markdown: bid {i + 1}'s total is report.json's")
    t.check((FRAGILE in text) == bool(fragile),
            f"Markdown: the fragile flag iff fragile ({fragile})")
    expected = decisions_of(subs)
    rows = md_table_after(text, "## 審査委員会の判断")
    t.check(len(rows) == len(expected),
            f"Markdown: every decision listed ({len(rows)} of "
            f"{len(expected)})")
    t.check("<script>" not in text, "Markdown: no raw markup")
    if hostile:
        t.check("\u202e" not in text and "\\[U+202E\\]" in text,
                "Markdown: the bidi override is made visible (and escaped)")


# ---- XLSX ----

def sheets(path):
    """{sheet name: {row number: {column letters: text}}}, and whether
    any cell holds a formula."""
    out, formula = {}, False
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target")
                  for r in rels.findall("p:Relationship", NS)}
        for s in wb.find("m:sheets", NS).findall("m:sheet", NS):
            rid = s.get("{%s}id" % NS["r"])
            name = target[rid].lstrip("/")
            name = name if name.startswith("xl/") else "xl/" + name
            root = ET.fromstring(z.read(name))
            rows = {}
            for row in root.iter("{%s}row" % NS["m"]):
                cells = {}
                for c in row.findall("m:c", NS):
                    if c.find("m:f", NS) is not None:
                        formula = True
                    col = re.match(r"[A-Z]+", c.get("r")).group(0)
                    if c.get("t") == "inlineStr":
                        cells[col] = "".join(x.text or "" for x in
                                             c.iter("{%s}t" % NS["m"]))
                    else:
                        v = c.find("m:v", NS)
                        cells[col] = v.text if v is not None else ""
                rows[int(row.get("r"))] = cells
            out[s.get("name")] = rows
    return out, formula


def check_xlsx(t, path, report, method, fragile, hostile):
    subs = report["submissions"]
    book, formula = sheets(path)
    summary = book.get("一覧", {})
    flat = "\n".join(v for r in summary.values() for v in r.values())
    t.check(method in flat, "XLSX: the method SHA-256 on the summary")
    t.check((FRAGILE in flat) == bool(fragile),
            f"XLSX: the fragile flag iff fragile ({fragile})")
    award = book.get("総合評価")
    t.check(award is not None, f"XLSX: an award sheet ({list(book)})")
    if award:
        head = next((n for n, r in sorted(award.items())
                     if r.get("A") == "総合順位"), None)
        rows = [r for n, r in sorted(award.items()) if head and n > head]
        ranked = [r for r in rows if r.get("A")]
        order = [int(float(r["B"])) - 1 for r in ranked]
        t.check(order == award_order(subs),
                f"XLSX: award rows in award order ({order})")
        t.check(len(rows) == len(subs), "XLSX: every bid on the award sheet")
        for r in ranked:
            i = int(float(r["B"])) - 1
            t.check(close(r.get("K"), subs[i]["award"]["total"]),
                    f"XLSX: bid {i + 1}'s total is report.json's (a number)")
    rows = [r for n, r in sorted(summary.items()) if n > 8]
    order = [int(float(r["B"])) - 1 for r in rows][:len(award_order(subs))]
    t.check(order == award_order(subs),
            f"XLSX: 一覧 in award order ({order})")
    audit = book.get("審査委員会の判断")
    expected = decisions_of(subs)
    if expected:
        t.check(audit is not None and
                len([n for n in audit if n > 3]) == len(expected),
                f"XLSX: every decision on the audit sheet ({len(expected)})")
    else:
        t.check(audit is None, "XLSX: no audit sheet without decisions")
    t.check(not formula, "XLSX: no cell is a formula")
    everything = "\n".join(v for s in book.values() for r in s.values()
                           for v in r.values())
    t.check("\u202e" not in everything, "XLSX: no raw bidi override")
    if hostile:
        t.check("=cmd|" in everything and "[U+202E]" in everything,
                "XLSX: the hostile reason is text, the bidi override visible")


def run(cloudvet, src, out, tender, decisions=None):
    """`evaluate` over the samples from the source directory, as the
    example's decisions name the bids ("samples/07-answers-only.json");
    report.json, or None."""
    env = dict(os.environ, CLOUDVET_CRITERIA=os.path.join(src, "criteria"))
    extra = ["--decisions", decisions] if decisions else []
    proc = subprocess.run(
        [os.path.abspath(cloudvet), "evaluate", "--as-of", common.AS_OF,
         "--no-registry", "--out", out, "--format", "json,html,md,xlsx",
         "--tender", tender, *extra, "samples/"],
        cwd=src, env=env, capture_output=True, text=True)
    path = os.path.join(out, "report.json")
    # 3: a sample is unreadable on purpose (09-malformed.json)
    if proc.returncode not in (0, 1, 2, 3) or not os.path.exists(path):
        print(f"evaluate failed ({proc.returncode}): {proc.stderr[-500:]}",
              file=sys.stderr)
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def method_of(report):
    m = report.get("method")
    m = m.get("sha256") if isinstance(m, dict) else None
    return m or find_key(report, "method_sha256")


def check_all(t, out, report, hostile):
    method = method_of(report)
    fragile = find_key(report, "fragile")
    t.check(isinstance(method, str) and len(method) == 64,
            f"report.json has the method hash ({method})")
    t.check(any("award" in s for s in report["submissions"]),
            "report.json has the award")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        check_html(t, f.read(), report, method, fragile, hostile)
    with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
        check_md(t, f.read(), report, method, fragile, hostile)
    check_xlsx(t, os.path.join(out, "report.xlsx"), report, method, fragile,
               hostile)


def fragile_tender(src, tmp):
    """The example's tender with 07's price cut to 12,000,000 yen: its
    価格点 450 × (1 − 12/48) = 337 brings its total (450 + 337 = 787)
    within 23 points of bid 10's (742 + 22 = 764), so a ±10 % move of
    the 技術点:価格点 split changes first place."""
    with open(os.path.join(src, "examples/award/tender.json"),
              encoding="utf-8") as f:
        doc = json.load(f)
    for b in doc["bids"]:
        if b.get("file", "").startswith("07-"):
            b["price"] = 12000000
    path = os.path.join(tmp, "tender-close.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    t = common.Failures()
    ex = os.path.join(src, "examples/award")
    need = [os.path.join(ex, f) for f in ("tender.json", "decisions.json")]
    missing = [p for p in need if not os.path.exists(p)]
    if missing:
        print(f"skipped: the example files are absent ({missing})")
        return 0
    with common.temp_dir() as tmp:
        decisions = hostile_decisions(src, tmp)
        if decisions is None:
            print("skipped: examples/award/decisions.json has no decisions")
            return 0
        out = os.path.join(tmp, "out")
        report = run(cloudvet, src, out, need[0], decisions)
        t.check(report is not None, "evaluate with --tender --decisions")
        if report is None:
            return t.finish()
        t.check(decisions_of(report["submissions"]) != [],
                "report.json lists decisions")
        check_all(t, out, report, True)
        # A ranking close enough to flip: the flag must show.
        out = os.path.join(tmp, "out-fragile")
        report = run(cloudvet, src, out, fragile_tender(src, tmp))
        t.check(report is not None, "evaluate with the close tender")
        if report is None:
            return t.finish()
        t.check(find_key(report, "fragile") is True,
                "report.json: the close ranking is fragile")
        check_all(t, out, report, False)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
