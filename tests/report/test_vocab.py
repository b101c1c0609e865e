# SPDX-License-Identifier: MIT
"""One vocabulary and one table of report writers (issue 15, items 1 and
7), held against the source: the status words and symbols of
src/lib/report/view.c are the ones `check`, the terminal summary,
report.csv, report.md, report.html and report.xlsx use, and no raw status
token ("[not_met]") is shown in Japanese output; the formats of
src/lib/report/writers.c are the ones --help lists, --format accepts and
names when it refuses, the default set writes, and --out - takes.

usage: test_vocab.py CLOUDVET SRC_DIR"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import common

AS_OF = common.AS_OF
TOKENS = ("met", "claimed", "partial", "not_met", "contradicted",
          "unanswered", "not_applicable")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def status_table(src):
    """{token: (symbol, ja, en)} from view.c's status_vocab."""
    text = read(os.path.join(src, "src/lib/report/view.c"))
    body = text.split("status_vocab[] = {", 1)[1].split("};", 1)[0]
    rows = re.findall(r'\[CV_STATUS_(\w+)\]\s*=\s*\{\s*"([^"]*)",\s*'
                      r'"([^"]*)",\s*"([^"]*)"\s*\}', body)
    return {name.lower(): (sym, ja, en) for name, sym, ja, en in rows}


def writer_table(src):
    """[(name, ext, by_default, per_submission, file_only)] in order."""
    text = read(os.path.join(src, "src/lib/report/writers.c"))
    body = text.split("writers[] = {", 1)[1].split("};", 1)[0]
    rows = re.findall(r'\{\s*CV_REPORT_\w+,\s*"(\w+)",\s*"(\w+)",\s*'
                      r'"\w+",\s*(true|false),\s*(true|false),\s*(\w+),\s*(\w+)\s*\}',
                      body)
    return [(n, e, d == "true", p == "true", s == "NULL")
            for n, e, d, p, s, _ in rows]


def run(cloudvet, *args, cwd=None):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    return subprocess.run([cloudvet, *args], capture_output=True, text=True,
                          env=env, cwd=cwd)


def check_writers(t, cloudvet, src, tmp, writers):
    names = [w[0] for w in writers]
    t.check(len(names) >= 6 and len(set(names)) == len(names),
            f"writers.c has one row per format: {names}")
    listed = ",".join(names)
    for lang in ("ja", "en"):
        p = run(cloudvet, "--lang", lang, "help", "evaluate")
        t.check(listed in p.stdout,
                f"{lang}: --help lists the table's formats ({listed})")
    p = run(cloudvet, "--lang", "en", "evaluate", "--format", "pdf",
            os.path.join(src, "samples"))
    t.check(p.returncode == 2 and ", ".join(names) in p.stderr,
            f"an unknown format is refused naming the table's: {p.stderr}")
    one = os.path.join(src, "samples/01-qualified-sakura.json")
    out = os.path.join(tmp, "default")
    run(cloudvet, "evaluate", "--as-of", AS_OF, "--no-registry", "--out",
        out, one)
    want = {f"report.{w[1]}" for w in writers if w[2]} | {"record.json"}
    t.check(set(os.listdir(out)) == want,
            f"the default set is the table's ({sorted(os.listdir(out))})")
    for name, ext, _, _, file_only in writers:
        out = os.path.join(tmp, "one-" + name)
        p = run(cloudvet, "evaluate", "--as-of", AS_OF, "--no-registry",
                "--format", name, "--out", out, one)
        t.check(p.returncode == 0 and
                os.path.exists(os.path.join(out, f"report.{ext}")),
                f"--format {name} writes report.{ext} ({p.stderr})")
        p = run(cloudvet, "--lang", "en", "evaluate", "--as-of", AS_OF,
                "--no-registry", "--format", name, "--out", "-", one)
        t.check((p.returncode == 2) == file_only,
                f"--out - takes {name} unless it is file-only "
                f"({p.returncode})")


def pairs(table, lang):
    col = 1 if lang == "ja" else 2
    return {f"{v[0]} {v[col]}" for v in table.values()}


def check_check(t, cloudvet, src, table):
    """`check` writes each status as the table's symbol and word."""
    samples = os.path.join(src, "samples")
    raw = re.compile(r"\[(%s)\]" % "|".join(TOKENS))
    line = re.compile(r"^  (\S+) \S+ \[([^\]]+)\] ")
    seen = 0
    for lang in ("ja", "en"):
        col = 1 if lang == "ja" else 2
        words = {v[col]: v[0] for v in table.values()}
        for name in sorted(os.listdir(samples)):
            p = run(cloudvet, "--lang", lang, "check", "--as-of", AS_OF,
                    "--no-registry", os.path.join(samples, name))
            # English words may equal a token ("partial"); Japanese
            # output has none.
            t.check(lang == "en" or not raw.search(p.stdout),
                    f"{lang} check {name}: no raw status token")
            for ln in p.stdout.splitlines():
                m = line.match(ln)
                if not m:
                    continue
                seen += 1
                t.check(words.get(m.group(2)) == m.group(1),
                        f"{lang} check {name}: '{m.group(1)} "
                        f"[{m.group(2)}]' is a pair of the table")
    t.check(seen > 20, f"check lists results ({seen})")


def check_reports(t, cloudvet, src, tmp, table):
    out = os.path.join(tmp, "ja")
    p = run(cloudvet, "evaluate", "--as-of", AS_OF, "--no-registry",
            "--out", out, os.path.join(src, "samples"))
    t.check(p.returncode == 3, f"evaluate samples/ ({p.returncode})")
    rep = json.loads(read(os.path.join(out, "report.json")))
    used = {r["status"] for s in rep["submissions"] for r in s["results"]}
    t.check(len(used) >= 5, f"the samples use most statuses ({used})")
    # The summary line: the verdict words of the reports.
    t.check("適格 " in p.stderr and "条件付き適格 " in p.stderr and
            "失格 " in p.stderr, f"summary in the table's words: {p.stderr}")
    # CSV: status_word is the table's symbol and word of `status`.
    text = read(os.path.join(out, "report.csv")).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    bad = [(r["status"], r["status_word"]) for r in rows if r["status"] and
           r["status_word"] != " ".join(table[r["status"]][:2])]
    t.check(rows and not bad, f"CSV status_word from the table ({bad[:3]})")
    # Markdown: every symbol+word pair of its tables is the table's, and
    # no token of report.json is left where people read.
    md = read(os.path.join(out, "report.md"))
    reasons = md.split("## 入札ごとの評価の理由", 1)
    t.check(len(reasons) == 2, "Markdown has the reasons section")
    words = pairs(table, "ja")
    for tok in used:
        sym, ja, _ = table[tok]
        t.check(f"{sym} {ja}" in md, f"Markdown says {tok} as '{sym} {ja}'")
    for tok in TOKENS:
        t.check(not re.search(r"(?<![\w/])%s(?![\w/])" % tok,
                              md.split("## 評価基準のパラメータ")[0]),
                f"Markdown's ranking has no token '{tok}'")
    found = re.findall(r"— ([^,|]+), [\d.]+/[\d.]+", reasons[-1])
    t.check(found and all(f in {v[1] for v in table.values()}
                          for f in found),
            f"Markdown reasons: status words from the table "
            f"({sorted(set(found))})")
    # The tender (item 5) in Markdown and CSV; the ranking in rank order
    # (item 3): ranks ascending, then the unranked, disqualified by score.
    # (An OSCAL system security plan names no tender: left out.)
    tenders = {r["tender_id"] for r in rows if r["status"] and
               "oscal-ssp" not in r.get("file", "")}
    t.check(len(tenders) == 1 and "" not in tenders and
            f"- 入札案件: {tenders.pop()}" in md,
            "the tender id is in report.csv and report.md's summary")
    ranking = [ln for ln in md.split("## 判定と順位", 1)[1]
               .split("## ", 1)[0].splitlines() if ln.startswith("| ")][1:]
    ranks = [ln.split(" | ")[0][2:].rstrip("※") for ln in ranking]
    ranked = [int(x) for x in ranks if x != "–"]
    t.check(ranked == sorted(ranked) and
            ranks == [str(x) for x in ranked] + ["–"] * (len(ranks) -
                                                         len(ranked)),
            f"report.md ranks in rank order ({ranks})")
    # HTML and XLSX (their own engineers' layout): each status used is
    # written in the table's word, and no raw token in brackets.
    html = read(os.path.join(out, "report.html"))
    with zipfile.ZipFile(os.path.join(out, "report.xlsx")) as z:
        strings = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                          if n.startswith("xl/") and n.endswith(".xml"))
    for tok in used:
        ja = table[tok][1]
        t.check(ja in html, f"HTML writes {tok} as {ja}")
        t.check(ja in strings, f"XLSX writes {tok} as {ja}")
    raw = re.compile(r"\[(%s)\]" % "|".join(TOKENS))
    t.check(not raw.search(md) and not raw.search(html),
            "no [token] in report.md or report.html")
    _ = words


def check_mixed(t, cloudvet, src, tmp):
    """--allow-mixed-tenders: report.md says so and names the bid whose
    tender differs."""
    bids = os.path.join(tmp, "mixed")
    os.makedirs(bids)
    with open(os.path.join(src, "samples/01-qualified-sakura.json"),
              encoding="utf-8") as f:
        doc = json.load(f)
    for name, tid in (("a.json", "R8-DX-0217"), ("b.json", "R8-OTHER-1")):
        doc["tender"]["id"] = tid
        with open(os.path.join(bids, name), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
    p = run(cloudvet, "--lang", "en", "evaluate", "--as-of", AS_OF,
            "--no-registry", "--allow-mixed-tenders", "--format", "md",
            "--out", "-", bids)
    t.check("different tenders are ranked together" in p.stdout and
            re.search(r"^  - 2\. .*b\.json: R8-OTHER-1$", p.stdout, re.M),
            f"report.md warns of mixed tenders, naming b.json "
            f"({p.stdout[:600]})")


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    cloudvet, src = sys.argv[1], sys.argv[2]
    t = common.Failures()
    table = status_table(src)
    t.check(set(table) == set(TOKENS),
            f"view.c has a row for every status ({sorted(table)})")
    writers = writer_table(src)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = os.path.join(tmp, "xdg")
        check_writers(t, cloudvet, src, tmp, writers)
        check_check(t, cloudvet, src, table)
        check_reports(t, cloudvet, src, tmp, table)
        check_mixed(t, cloudvet, src, tmp)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
