# SPDX-License-Identifier: MIT
"""report.csv and report.md parsed back and compared with report.json, for
the samples plus a hostile submission (formula prefixes, quotes, new
lines, markup, bidi overrides), checked against an ISMAP list with a row of
hostile text; then the hostile submission alone with --online (its host
pinned to loopback: no network) and no registry.

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
           "response", "explanation", "evidence", "citations",
           "conditional", "pending", "tender_id", "tender_title",
           "verdict_word", "status_word", "detail"]
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
            t.check(row["conditional"] == str(s["conditional"]).lower() and
                    row["pending"] == ", ".join(s["pending"]),
                    f"{s['file']}: conditional and pending as in JSON")
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


def md_tables(lines):
    tables, cur = [], []
    for ln in lines + [""]:
        if ln.startswith("|"):
            cur.append(ln)
        elif cur:
            tables.append(cur)
            cur = []
    return tables


def md_unescape(text):
    """CommonMark's backslash escapes and the empty comments that break
    autolinks undone: the text a reader sees."""
    text = text.replace("<!---->", "")
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def md_cells(line):
    """The cells of a table row, split on unescaped pipes, unescaped."""
    inner = line.strip()[1:-1]
    return [md_unescape(c.strip()) for c in re.split(r"(?<!\\)\|", inner)]


def md_section(md, heading):
    """The lines of the `## heading` section."""
    lines = md.splitlines()
    try:
        start = lines.index("## " + heading)
    except ValueError:
        return []
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].startswith("## ")), len(lines))
    return lines[start + 1:end]


def check_md_registry_note(t, md, report, lang):
    label = "ISMAP 登録簿" if lang == "ja" else "ISMAP registry"
    note = [ln for ln in md.splitlines() if ln.startswith(f"- {label}: ")]
    t.check(len(note) == 1, f"{lang}: the summary has the registry line")
    if not note:
        return
    reg = report["registry"]
    shown = md_unescape(note[0])
    t.check(common.display(reg["message"]) in shown,
            f"{lang}: the registry line says report.json's message")
    if not reg["checked"]:
        word = "未照合" if lang == "ja" else "not checked"
        t.check(f"**! {word}**" in note[0],
                f"{lang}: 'not checked' in bold words")
    else:
        t.check(reg["snapshot"] in shown, f"{lang}: the snapshot is named")


def check_md_registry(t, md, report, lang):
    """One table per bid with ISMAP claims, one row per registry check,
    each cell as in report.json."""
    words = common.REG_WORDS[lang]
    title = "ISMAP 登録簿との照合" if lang == "ja" else "ISMAP registry check"
    section = md_section(md, title)
    t.check(section, f"{lang}: a registry check section")
    tables = md_tables(section)
    subs = [s for s in report["submissions"] if s["registry_checks"]]
    t.check(len(tables) == len(subs),
            f"{lang}: one registry table per bid with claims "
            f"({len(tables)} == {len(subs)})")
    for tab, s in zip(tables, subs):
        rows = tab[2:]
        t.check(len(rows) == len(s["registry_checks"]),
                f"{lang}: {s['file']}: one row per registry check")
        for ln, c in zip(rows, s["registry_checks"]):
            cells = md_cells(ln)
            what = f"{lang}: {s['file']} {c['number']}"
            t.check(len(cells) == 11, f"{what}: 11 cells ({len(cells)})")
            if len(cells) != 11:
                continue
            t.check(cells[0] == common.display(f"{c['scheme']} "
                                               f"{c['number'] or '–'}"),
                    f"{what}: the claim")
            t.check(cells[2].endswith(words[c["outcome"]]) and
                    len(cells[2]) > len(words[c["outcome"]]),
                    f"{what}: the outcome with its symbol ({cells[2]})")
            r = c["registry_row"]
            if r:
                want = [str(r["row"])] + [common.display(r[k] or "–") for k in
                                          ("number", "service", "provider",
                                           "scheme", "registered",
                                           "expires")]
                t.check(cells[3:10] == want, f"{what}: the list's row "
                        f"{cells[3:10]}")
            else:
                t.check(cells[3] == "—", f"{what}: no list row")
            t.check(cells[10] == common.display(c["message"]),
                    f"{what}: the finding")


def check_md(t, md, report):
    t.check(md.startswith("# "), "Markdown starts with a title")
    t.check(report["profile"]["sha256"] in md, "Markdown names the profile hash")
    lines = md.splitlines()
    tables = md_tables(lines)
    nreg = sum(1 for s in report["submissions"] if s["registry_checks"])
    t.check(len(tables) == 3 + nreg, f"a ranking, a parameters and a "
            f"comparison table, and {nreg} registry tables ({len(tables)})")
    for tab in tables:
        widths = {unescaped_pipes(ln) for ln in tab}
        t.check(len(widths) == 1, "no vendor text breaks a table row: " +
                tab[0][:40])
    nbids = len(report["submissions"])
    ranking = md_tables(md_section(md, "判定と順位"))
    t.check(ranking and len(ranking[0]) == 2 + nbids,
            "one ranking row per bid")
    params = md_tables(md_section(md, "評価基準のパラメータ"))
    t.check(params and len(params[0]) == 2 + len(report["profile"]
                                                  ["parameters"]),
            "one row per profile parameter")
    comparison = md_tables(md_section(md, "比較表"))
    t.check(comparison and unescaped_pipes(comparison[0][0]) == nbids + 2,
            "one comparison column per bid")
    t.check(not re.search(r"(?<!\\)<(script|img)", md),
            "no raw HTML from the vendor")
    t.check("\\<script\\>" in md, "the vendor's markup is escaped")
    t.check("](http://evil" not in md, "no Markdown link from the vendor")
    check_md_registry_note(t, md, report, "ja")
    check_md_registry(t, md, report, "ja")
    t.check(not md_section(md, "リンクの確認"), "no link section offline")
    # The hostile registry row: markup, formula, pipe and U+202E.
    t.check("\\<script\\>alert\\('reg'\\)" in md,
            "the registry row's markup is escaped")
    t.check("\u202e" not in md and "[U+202E]gnp.exe" in md_unescape(md),
            "the registry row's U+202E is made visible")
    t.check("\\|\\*\\*bold\\*\\*" in md,
            "the registry row's pipe and emphasis are escaped")


def check_md_online(t, md, report):
    """--online without a registry: 'not checked' in the summary, and the
    link table as in report.json, its URLs never autolinks."""
    check_md_registry_note(t, md, report, "ja")
    check_md_registry(t, md, report, "ja")
    section = md_section(md, "リンクの確認")
    tables = md_tables(section)
    t.check(len(tables) == 1, f"one link table ({len(tables)})")
    if not tables:
        return
    links = report["submissions"][0]["link_checks"] or []
    rows = tables[0][2:]
    t.check(links and len(rows) == len(links),
            f"one row per link check ({len(rows)} == {len(links)})")
    widths = {unescaped_pipes(ln) for ln in tables[0]}
    t.check(len(widths) == 1, "no link text breaks the table")
    for ln, c in zip(rows, links):
        cells = md_cells(ln)
        t.check(cells[0] == common.display(c["url"]), f"{c['url']}: shown")
        t.check(cells[2] == (str(c["http_status"]) if c.get("http_status")
                             else "–"), f"{c['url']}: HTTP status")
        t.check(cells[6] == common.display(c["message"]),
                f"{c['url']}: the finding")
    t.check(not any(re.search(r"^\| (https?|javascript):", ln)
                    for ln in rows), "no URL cell can become an autolink")


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    t = common.Failures()
    with common.temp_dir() as tmp:
        out = os.path.join(tmp, "out")
        registry = common.write_registry(os.path.join(tmp, "registry"))
        code, files = common.evaluate(cloudvet, src, out, "--format",
                                      "json,csv,md", registry=registry)
        t.check(code == 3, f"exit 3 (one input is unreadable), got {code}")
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        t.check(len(report["submissions"]) == len(files), "all bids kept")
        t.check(report["registry"]["checked"], "the test list was used")
        with open(os.path.join(out, "report.csv"), "rb") as f:
            check_csv(t, f.read(), report)
        with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
            check_md(t, f.read(), report)
        t.check(sorted(os.listdir(out)) ==
                ["record.json", "report.csv", "report.json", "report.md"],
                "only the asked formats (and the record), no temporary "
                "file left")
        out_on = os.path.join(tmp, "online")
        common.evaluate(cloudvet, src, out_on, "--format", "json,csv,md",
                        *common.ONLINE_OFFLINE,
                        files=[common.hostile_input(src)])
        with open(os.path.join(out_on, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        t.check(report["online"] and not report["registry"]["checked"],
                "--online --no-registry in report.json")
        with open(os.path.join(out_on, "report.csv"), "rb") as f:
            header = f.read().decode("utf-8-sig").split("\r\n", 1)[0]
        t.check(header.split(",") == COLUMNS,
                "--online leaves the CSV columns unchanged")
        with open(os.path.join(out_on, "report.md"), encoding="utf-8") as f:
            check_md_online(t, f.read(), report)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
