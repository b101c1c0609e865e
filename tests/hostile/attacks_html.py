# SPDX-License-Identifier: MIT
"""Hostile names in the new places of report.html (issue 15). Exec'd into
test_hostile.py's namespace (see its end): @attack, the Case helpers and
report_bytes are in scope.

The page's style sheet now carries vendor text: each bid's printed pages
have a running header naming the bid, a CSS string in an @page rule (a
named page per bid). A name that closes the string, the rule or the
<style> element would restyle the print or open a script. The tender's id
and title (from the submissions) head the page and its <title>, and a
mixed-tender warning names the files."""
import json as _hjson
import re as _hre

_H_VENDOR = ('x"}@page{size:1px}#summary{display:none}</style><script>'
             'alert(1)</script>\\\n*/ /* \u202e')
_H_TENDER = '"></title><script>alert(2)</script>'


def _h_bid(case, name, vendor, tender):
    doc = _hjson.load(open(case.good, encoding="utf-8"))
    doc["vendor"]["name"] = vendor
    doc["tender"]["id"] = tender
    doc["tender"]["title"] = tender + " title"
    return case.write(name, _hjson.dumps(doc, ensure_ascii=False))


def _h_style(html):
    m = _hre.search(r"<style>(.*?)</style>", html, _hre.S)
    return m.group(1) if m else ""


_H_RULE = _hre.compile(r'@page bid(\d+)\{@top-left\{content:"((?:[^"\\]|'
                       r'\\[0-9a-f]{1,6} )*)";font-size:8pt;color:#444\}\}'
                       r'#bid-\1\{page:bid\1\}')


@attack
def report_html_running_header_injection(case):
    f = _h_bid(case, "hostile-name.json", _H_VENDOR, "R8-DX-0217")
    run = case.run([case.good, f], formats="json,html", trace=False)
    case.check(run.report is not None, "the report was written")
    if run.report is None:
        return
    html = report_bytes(run, "report.html").decode("utf-8")
    case.check(html.count("<style>") == 1 and html.count("</style>") == 1,
               "one style element, not closed by the vendor's name")
    case.check("<script" not in html.lower(), "no <script> in the page")
    style = _h_style(html)
    case.check("<" not in style and "@page{size:1px}" not in style and
               "#summary{display:none}" not in style,
               "the name adds no rule to the style sheet")
    rules = _H_RULE.findall(style)
    case.check([int(n) for n, _ in rules] == [1, 2],
               f"one well-formed running-header rule per bid ({len(rules)})")
    text = dict(rules).get("2", "")
    case.check("\n" not in text and "\u202e" not in text and
               "x\\22 \\7d \\40 page\\7b size" in text,
               "the name is in the header as escaped text, its bidi "
               "override made visible")
    case.check("\\5b U\\2b 202E\\5d " in text,
               "U+202E shown as [U+202E] in the header")
    case.expect_good_evaluated(run)


@attack
def report_html_tender_injection(case):
    a = _h_bid(case, "tender-a.json", "株式会社あおば", _H_TENDER)
    b = _h_bid(case, "tender-b.json", "株式会社ミライ", "OTHER-2026-01")
    run = case.run([a, b], "--allow-mixed-tenders", formats="json,html",
                   trace=False)
    case.check(run.report is not None, "mixed tenders, allowed: the report "
               f"was written ({run.stderr[-300:]!r})")
    if run.report is None:
        return
    html = report_bytes(run, "report.html").decode("utf-8")
    case.check("<script" not in html.lower(), "no <script> in the page")
    title = _hre.search(r"<title>(.*?)</title>", html, _hre.S)
    case.check(title is not None and "&lt;/title&gt;&lt;script&gt;" in
               title.group(1), "the tender id is escaped in the <title>")
    head = _hre.search(r'<p class="tender" id="tender">(.*?)</p>', html,
                       _hre.S)
    case.check(head is not None and "&lt;script&gt;alert(2)" in head.group(1),
               "the page's first line names the tender, as text")
    warn = _hre.search(r'<div class="warn-box" id="mixed-tenders">(.*?)'
                       r'</div>', html, _hre.S)
    case.check(warn is not None and "tender-b.json" in warn.group(1) and
               "OTHER-2026-01" in warn.group(1) and
               "tender-a.json" not in warn.group(1),
               "the mixed-tender warning names the file of the other tender")
