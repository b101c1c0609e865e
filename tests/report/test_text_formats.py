# SPDX-License-Identifier: MIT
"""report.csv and report.md parsed back and compared with report.json, for
the samples plus a hostile submission (formula prefixes, quotes, new
lines, markup, bidi overrides).

usage: test_text_formats.py CLOUDVET SRC_DIR"""
import csv
import io
import json
import os
import re
import sys

import common

COLUMNS = ["file", "sha256", "vendor", "service", "verdict", "score",
           "max_score", "rank", "needs_review", "id", "title", "category",
           "mandatory", "status", "points", "max_points", "reason",
           "response", "explanation", "evidence", "citations"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def check_csv(t, raw, report):
    t.check(raw.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 BOM")
    text = raw.decode("utf-8-sig")
    t.check(text.endswith("\r\n"), "CSV records end with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    t.check(rows[0] == COLUMNS, "CSV header carries the report's columns")
    body = rows[1:]
    expected = sum(max(1, len(s["results"])) for s in report["submissions"])
    t.check(len(body) == expected, f"one row per bid x criterion "
            f"({len(body)} == {expected})")
    t.check(all(len(r) == len(COLUMNS) for r in body),
            "every row has every column")
    by_key = {(r[0], r[9]): dict(zip(COLUMNS, r)) for r in body}
    for s in report["submissions"]:
        for res in s["results"]:
            row = by_key.get((s["file"], res["id"]))
            if row is None:
                t.check(False, f"row for {s['file']} {res['id']}")
                continue
            t.check(row["status"] == res["status"] and
                    abs(float(row["points"]) - res["points"]) < 0.006,
                    f"{s['file']} {res['id']}: status and points as in JSON")
            t.check(row["verdict"] == s["verdict"] and
                    abs(float(row["score"]) - s["score"]) < 0.006,
                    f"{s['file']}: verdict and score as in JSON")
        if not s["results"]:
            row = by_key.get((s["file"], ""))
            t.check(row is not None and row["verdict"] == "invalid" and
                    row["reason"] != "",
                    "an unreadable bid has one row with its error")
    # No cell may start a formula.
    bad = [c for r in body for c in r if c.startswith(FORMULA_START)]
    t.check(not bad, f"no cell starts like a formula ({bad[:3]})")
    hostile = [dict(zip(COLUMNS, r)) for r in body
               if r[0].endswith("injection.json")]
    t.check(len(hostile) == 23, "the hostile bid is in the CSV")
    if hostile:
        h = hostile[0]
        t.check(h["service"].startswith("'=HYPERLINK("),
                "a formula in a name is neutralised with an apostrophe")
        t.check("[U+202E]" in h["service"] and "\u202e" not in text,
                "U+202E is shown, not passed through")
        t.check("\u0007" not in text and "\u001b" not in text,
                "control characters are not in the CSV")
        expl = {r["id"]: r["explanation"] for r in hostile}
        t.check(any(e.startswith("'+cmd") for e in expl.values()),
                "'+cmd' is neutralised")
        t.check(any(e == "'-2+3" for e in expl.values()),
                "'-2+3' is neutralised")
        t.check(any(e.startswith("'@SUM") for e in expl.values()),
                "'@SUM' is neutralised")
        t.check(any(e.startswith("'\tTAB") for e in expl.values()),
                "a leading tab is neutralised")
        t.check(any(e.startswith("'＝１＋１") for e in expl.values()),
                "a full-width ＝ is neutralised")
        t.check(any(e == '"quoted", comma, and\nnew line'
                    for e in expl.values()),
                "quotes, commas and new lines survive RFC 4180 quoting")


def unescaped_pipes(line):
    return len(re.findall(r"(?<!\\)\|", line))


def check_md(t, md, report):
    t.check(md.startswith("# "), "Markdown starts with a title")
    t.check(report["profile"]["sha256"] in md, "Markdown names the profile hash")
    lines = md.splitlines()
    tables, cur = [], []
    for ln in lines + [""]:
        if ln.startswith("|"):
            cur.append(ln)
        elif cur:
            tables.append(cur)
            cur = []
    t.check(len(tables) == 2, f"a results and a comparison table "
            f"({len(tables)})")
    for tab in tables:
        widths = {unescaped_pipes(ln) for ln in tab}
        t.check(len(widths) == 1, "no vendor text breaks a table row: " +
                tab[0][:40])
    nbids = len(report["submissions"])
    t.check(len(tables[0]) == 2 + nbids, "one results row per bid")
    t.check(unescaped_pipes(tables[1][0]) == nbids + 2,
            "one comparison column per bid")
    t.check(not re.search(r"(?<!\\)<(script|img)", md),
            "no raw HTML from the vendor")
    t.check("\\<script\\>" in md, "the vendor's markup is escaped")
    t.check("](http://evil" not in md, "no Markdown link from the vendor")


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    t = common.Failures()
    with common.temp_dir() as tmp:
        code, files = common.evaluate(cloudvet, src, tmp, "--format",
                                      "json,csv,md")
        t.check(code == 3, f"exit 3 (one input is unreadable), got {code}")
        with open(os.path.join(tmp, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        t.check(len(report["submissions"]) == len(files), "all bids kept")
        with open(os.path.join(tmp, "report.csv"), "rb") as f:
            check_csv(t, f.read(), report)
        with open(os.path.join(tmp, "report.md"), encoding="utf-8") as f:
            check_md(t, f.read(), report)
        t.check(sorted(os.listdir(tmp)) ==
                ["report.csv", "report.json", "report.md"],
                "only the asked formats, no temporary file left")
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
