#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_residual_report.py: every report format lists the residual
obligations of each bid (docs/report.md).

A small bid marks ACCESS-ID-LIFECYCLE CSC-owned (`responsibility`
"customer") with a hostile customer text (markup, a spreadsheet formula,
Markdown pipes and emphasis, a link), CLOUD-THREATS "shared_customer" and
CLOUD-TERMS "third_party"; a second bid (XML) states nothing. Each format
must name the two criteria as the customer's responsibility
("この項目は利用者側の責任です"), the outsourced one not, with the
provider's text escaped for the format; the status of each result is what
it is without the members; a report without any residual has none of it.

usage: test_residual_report.py CLOUDVET SRC_DIR   (standard library only)
"""
import csv
import io
import json
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

NOTE = {"ja": "この項目は利用者側の責任です",
        "en": "this item is the customer's responsibility"}
TITLE = {"ja": "利用者側の責任 (残存義務)",
         "en": "Customer responsibilities (residual obligations)"}
SHEET = {"ja": "利用者側の責任", "en": "Customer duties"}
HOSTILE = ("=cmd|' /C calc'!A0 <script>alert(1)</script> | a | b | "
           "**bold** [x](http://evil.example/)")
RESIDUAL = ["CLOUD-THREATS", "ACCESS-ID-LIFECYCLE"]  # in profile order

BID = {
    "format": "cloudvet-questionnaire/1",
    "vendor": {"name": "株式会社責任分担テスト"},
    "service": {"name": "分担クラウド"},
    "access_control": {"id_lifecycle": True},
    "answers": [
        {"id": "ACCESS-ID-LIFECYCLE", "response": "yes",
         "responsibility": "customer", "customer_responsibilities": HOSTILE},
        {"id": "CLOUD-THREATS", "response": "yes",
         "responsibility": "shared_customer"},
        {"id": "CLOUD-TERMS", "response": "yes",
         "responsibility": "third_party"},
    ],
}

PLAIN_XML = """<?xml version="1.0"?>
<questionnaire xmlns="urn:cloudvet:questionnaire:1">
<vendor><name>株式会社分担なし</name></vendor>
<service><name>分担なしクラウド</name></service>
<answers><answer><id>CLOUD-THREATS</id><response>yes</response></answer>
</answers>
</questionnaire>
"""


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def check_json(t, report, plain):
    bid, other = report["submissions"]
    t.check(bid.get("residual_obligations") == RESIDUAL,
            f"report.json residual_obligations {bid.get('residual_obligations')}")
    t.check("residual_obligations" not in other,
            "no residual_obligations for a bid without any")
    by_id = {r["id"]: r for r in bid["results"]}
    plain_by_id = {r["id"]: r for r in plain["submissions"][0]["results"]}
    idl = by_id["ACCESS-ID-LIFECYCLE"]
    t.check(idl.get("responsibility") == "customer" and
            idl.get("residual") is True and
            idl.get("customer_responsibilities") == HOSTILE,
            "report.json: ACCESS-ID-LIFECYCLE customer, residual, text whole")
    t.check(by_id["CLOUD-THREATS"].get("residual") is True,
            "report.json: shared_customer is residual")
    t.check(by_id["CLOUD-TERMS"].get("responsibility") == "third_party" and
            by_id["CLOUD-TERMS"].get("residual") is False,
            "report.json: third_party recorded, not residual")
    t.check(not any(k in by_id["CLOUD-REGION"] for k in
                    ("responsibility", "customer_responsibilities",
                     "residual")),
            "report.json: a result whose answer says nothing has no member")
    for cid, r in by_id.items():
        p = plain_by_id[cid]
        t.check((r["status"], r["points"]) == (p["status"], p["points"]),
                f"{cid}: status and points as without the members "
                f"({r['status']} vs {p['status']})")
    t.check(bid["verdict"] == plain["submissions"][0]["verdict"],
            "the verdict is as without the members")
    t.check(all(k not in json.dumps(r) for r in other["results"]
                for k in ("\"residual\"", "\"responsibility\"")),
            "the plain bid's results carry no responsibility member")


def check_ndjson(t, line):
    t.check(line.get("residual_obligations") == RESIDUAL,
            "report.ndjson carries residual_obligations")


def check_html(t, text, lang):
    dom = common.parse_html(text)
    t.check("<script>" not in text and "&lt;script&gt;" in text,
            "HTML: the customer text's markup is escaped")
    sect = dom.find("section", id="residual")
    t.check(sect is not None and TITLE[lang] in sect.text() and
            "ACCESS-ID-LIFECYCLE" in sect.text() and
            "CLOUD-THREATS" in sect.text() and
            "CLOUD-TERMS" not in sect.text(),
            "HTML: #residual lists the bid's residual criteria only")
    table = dom.find("table", cls="residual")
    rows = list(table.find_all("tr", cls="residual")) if table else []
    t.check([r.attrs.get("data-criterion") for r in rows] == RESIDUAL,
            "HTML: #b1-residual has a row per residual criterion")
    for r in rows:
        t.check(NOTE[lang] in r.text(),
                f"HTML: {r.attrs.get('data-criterion')} says {NOTE[lang]}")
    idl = next((r for r in rows
                if r.attrs.get("data-criterion") == "ACCESS-ID-LIFECYCLE"),
               None)
    t.check(idl is not None and common.display(HOSTILE) in idl.text(),
            "HTML: the provider's text is quoted (as text)")
    t.check(idl is not None and "5(2)①" in idl.text(),
            "HTML: the row cites the clause")
    t.check(dom.find("section", id="bid-2") is not None and
            dom.find(id="b2-residual") is None,
            "HTML: no residual list for the bid without any")
    t.check(not any("http://evil.example/" == a.attrs.get("href")
                    for a in dom.find_all("a")),
            "HTML: the customer text makes no link")


def md_cells(line):
    """Cells of a Markdown table row, split at unescaped pipes."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    return [c.strip() for c in cells[1:-1]]


def check_md(t, text, lang):
    t.check(f"## {TITLE[lang]}" in text, "Markdown: the residual section")
    part = text.split(f"## {TITLE[lang]}", 1)[-1].split("\n## ", 1)[0]
    rows = [ln for ln in part.splitlines() if ln.startswith("| ") and
            ("ACCESS-" in ln or "CLOUD-" in ln)]
    t.check([md_cells(r)[0].split()[0] for r in rows] == RESIDUAL,
            "Markdown: one row per residual criterion")
    for r in rows:
        cells = md_cells(r)
        t.check(len(cells) == 4,
                f"Markdown: the row keeps its 4 cells ({len(cells)})")
        t.check(NOTE[lang] in r, f"Markdown: {cells[0]} says {NOTE[lang]}")
    idl = next((r for r in rows if "ACCESS-ID-LIFECYCLE" in r), "")
    t.check("\\<script\\>" in idl and "\\|" in idl and "\\*\\*bold" in idl,
            "Markdown: the customer text is escaped (<, |, *)")
    t.check("http://evil" not in idl,
            "Markdown: the customer text's URL cannot autolink")
    t.check("### 1. " in part and "### 2." not in part,
            "Markdown: the bid without any residual is not listed")


def check_csv(t, data):
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    head = rows[0]
    t.check(head[-4:] == ["responsibility", "customer_responsibilities",
                          "residual", "residual_obligations"],
            f"CSV: the responsibility columns come last ({head[-4:]})")
    t.check(all(len(r) == len(head) for r in rows),
            "CSV: every row has every column")
    recs = [dict(zip(head, r)) for r in rows[1:]]
    idl = next(r for r in recs if r["id"] == "ACCESS-ID-LIFECYCLE" and
               r["vendor"] == BID["vendor"]["name"])
    t.check(idl["responsibility"] == "customer" and idl["residual"] == "true",
            "CSV: ACCESS-ID-LIFECYCLE customer, residual")
    t.check(idl["customer_responsibilities"].startswith("'="),
            "CSV: the formula in the customer text is neutralised")
    t.check(idl["residual_obligations"] == ", ".join(RESIDUAL),
            "CSV: the bid's residual obligations by id")
    terms = next(r for r in recs if r["id"] == "CLOUD-TERMS" and
                 r["vendor"] == BID["vendor"]["name"])
    t.check(terms["responsibility"] == "third_party" and
            terms["residual"] == "false", "CSV: third_party not residual")
    plain = [r for r in recs if r["vendor"] != BID["vendor"]["name"]]
    t.check(plain and all(r["responsibility"] == r["residual"] ==
                          r["residual_obligations"] == "" for r in plain),
            "CSV: the bid without any has empty cells")


def sheet_xml(z, name):
    """The XML of the sheet called `name`, or None."""
    wb = z.read("xl/workbook.xml").decode("utf-8")
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    m = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"'
                  % re.escape(name), wb)
    if not m:
        return None
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % m.group(1), rels) or \
        re.search(r'Target="([^"]+)"[^>]*Id="%s"' % m.group(1), rels)
    return z.read("xl/" + target.group(1)).decode("utf-8") if target else None


def check_xlsx(t, path, lang):
    with zipfile.ZipFile(path) as z:
        xml = sheet_xml(z, SHEET[lang])
        t.check(xml is not None, f"XLSX: a sheet {SHEET[lang]}")
        if xml is None:
            return
        texts = [re.sub(r"&amp;", "&", re.sub(r"&lt;", "<", s))
                 for s in re.findall(r"<t[^>]*>([^<]*)</t>", xml)]
        t.check(texts.count(NOTE[lang]) == len(RESIDUAL),
                f"XLSX: {NOTE[lang]} once per residual criterion")
        t.check(all(cid in texts for cid in RESIDUAL) and
                "CLOUD-TERMS" not in texts,
                "XLSX: the residual criteria, not the outsourced one")
        t.check(any(s.startswith("=cmd|") for s in texts),
                "XLSX: the customer text is a string cell")
        t.check("<f>" not in xml and "<f " not in xml,
                "XLSX: no formula on the sheet")


def check_none(t, out):
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    t.check("residual_obligations" not in report["submissions"][0],
            "no residual: no residual_obligations")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        text = f.read()
    t.check('id="residual"' not in text and "class=\"residual" not in text,
            "no residual: no HTML section")
    with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
        t.check(TITLE["ja"] not in f.read(), "no residual: no Markdown section")
    with open(os.path.join(out, "report.csv"), "rb") as f:
        head = f.read().decode("utf-8-sig").split("\r\n", 1)[0]
    t.check(not head.endswith("residual_obligations"),
            "no residual: the CSV columns of before")
    with zipfile.ZipFile(os.path.join(out, "report.xlsx")) as z:
        t.check(sheet_xml(z, SHEET["ja"]) is None, "no residual: no sheet")


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    t = common.Failures()
    with common.temp_dir() as tmp:
        bid = write(os.path.join(tmp, "a-split.json"),
                    json.dumps(BID, ensure_ascii=False))
        plain_bid = dict(BID, answers=[{k: v for k, v in a.items()
                                        if k in ("id", "response")}
                                       for a in BID["answers"]])
        plain = write(os.path.join(tmp, "plain.json"),
                      json.dumps(plain_bid, ensure_ascii=False))
        other = write(os.path.join(tmp, "b-plain.xml"), PLAIN_XML)
        runs = {}
        for lang in ("ja", "en"):
            out = os.path.join(tmp, "out-" + lang)
            code, _ = common.evaluate(cloudvet, src, out, "--lang", lang,
                                      "--format", "json,html,md,csv,xlsx",
                                      files=[bid, other])
            t.check(code == 0, f"evaluate --lang {lang}: exit {code}")
            runs[lang] = out
        out_plain = os.path.join(tmp, "out-plain")
        common.evaluate(cloudvet, src, out_plain, "--format", "json",
                        files=[plain, other])
        with open(os.path.join(runs["ja"], "report.json"),
                  encoding="utf-8") as f:
            report = json.load(f)
        with open(os.path.join(out_plain, "report.json"),
                  encoding="utf-8") as f:
            check_json(t, report, json.load(f))
        out_nd = os.path.join(tmp, "out-nd")
        common.evaluate(cloudvet, src, out_nd, "--format", "ndjson",
                        files=[bid])
        with open(os.path.join(out_nd, "report.ndjson"),
                  encoding="utf-8") as f:
            check_ndjson(t, json.loads(f.readline()))
        for lang, out in runs.items():
            with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
                check_html(t, f.read(), lang)
            with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
                check_md(t, f.read(), lang)
            check_xlsx(t, os.path.join(out, "report.xlsx"), lang)
        with open(os.path.join(runs["ja"], "report.csv"), "rb") as f:
            check_csv(t, f.read())
        out_none = os.path.join(tmp, "out-none")
        common.evaluate(cloudvet, src, out_none,
                        "--format", "json,html,md,csv,xlsx", files=[other])
        check_none(t, out_none)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
