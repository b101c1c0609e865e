# SPDX-License-Identifier: MIT
"""Hostile text in the 評価基準書 (`cloudvet criteria show`, issue 16).
Exec'd into test_hostile.py's namespace (see its end): @attack and the
Case helpers are in scope.

A profile can be a municipality's own file, edited by anyone: its title
and a parameter's source and note reach the HTML, the Markdown and the
workbook. Each is cleaned and escaped like a vendor's text, so a title
cannot open a script, end a table cell or a row, hide behind a bidi
override, or turn into other characters in Excel."""
import json as _mjson
import re as _mre
import zipfile as _mzip

_M_TITLE = ('</title><script>alert(1)</script>| x | `y` [l](javascript:1)'
            '\n| --- |\n<img src=x onerror=alert(2)>\u202e_x0041_ & "q\'')
_M_SOURCE = '</td></tr></table><script>alert(3)</script>|\n# heading'


def _m_profile(case):
    with open(case.src + "/criteria/profiles/default.json",
              encoding="utf-8") as f:
        prof = _mjson.load(f)
    prof["title"] = {"ja": _M_TITLE, "en": _M_TITLE}
    name = next(iter(prof["parameters"]))
    prof["parameters"][name]["source"] = _M_SOURCE
    prof["parameters"][name]["note"] = _M_SOURCE
    return case.write("hostile-profile.json",
                      _mjson.dumps(prof, ensure_ascii=False))


def _m_show(case, *args):
    return case.run([], "show", *args, command="criteria", trace=False)


@attack
def method_profile_text_escaped(case):
    prof = _m_profile(case)
    run = _m_show(case, "--profile", prof, "--format", "html")
    case.check(run.code == 0, f"the page is written ({run.stderr[-300:]!r})")
    html = run.stdout.decode("utf-8")
    low = html.lower()
    case.check("<script" not in low and "<img" not in low and
               "</title><" not in low,
               "no element of the title or the source reaches the page")
    case.check("&lt;/title&gt;&lt;script&gt;" in html and
               "&lt;/td&gt;&lt;/tr&gt;" in html,
               "the title and the source are shown as escaped text")
    case.check("\u202e" not in html and "[U+202E]" in html,
               "the bidi override is made visible")
    case.check(html.count("<title>") == 1 and html.count("</title>") == 1,
               "one title element")

    run = _m_show(case, "--profile", prof, "--format", "md")
    case.check(run.code == 0, "the Markdown is written")
    md = run.stdout.decode("utf-8")
    raw = _mre.findall(r"(?<!\\)<(?!br>)", md)
    case.check(not raw, f"no raw HTML in the Markdown ({len(raw)} '<' "
               f"unescaped)")
    case.check("\\<script\\>" in md and "\\| x \\|" in md,
               "the title's specials are backslash-escaped")
    case.check("\n| --- |\n<img" not in md and "\n# heading" not in md,
               "a line break in the data starts no row and no heading")
    title = [ln for ln in md.split("\n") if ln.startswith("- Profile: ")]
    case.check(len(title) == 1 and "\\[U+202E\\]" in title[0] and
               "alert\\(2\\)" in title[0],
               "the whole title stays on its one line, its bidi override "
               "made visible")

    out = case.path("hostile.xlsx")
    run = _m_show(case, "--profile", prof, "--format", "xlsx", "--out", out)
    case.check(run.code == 0, f"the workbook is written "
               f"({run.stderr[-300:]!r})")
    with _mzip.ZipFile(out) as z:
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    case.check("_x005F_x0041_" in strings,
               "Excel's own escape in the title is escaped in turn")
    case.check("<script>" not in strings and "&lt;script&gt;" in strings,
               "the workbook holds the text, XML-escaped")
