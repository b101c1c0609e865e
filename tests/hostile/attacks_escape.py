# SPDX-License-Identifier: MIT
"""One escaping for every human format (src/lib/report/escape.c).
Exec'd into test_hostile.py's namespace (see its end): @attack and the
Case helpers are in scope.

report.html, the 評価基準書 page and the diff page escape HTML through
the same function, report.md and the 評価基準書 in Markdown through the
same cell escaping. The same hostile string must therefore come out as
the same bytes in each of them: a copy that drifted (one format
forgetting the apostrophe, or '|') fails here, whichever it is."""
import json as _ejson

# Every HTML special, every Markdown cell special, and the three GFM
# autolink triggers; one line, no control character (cleaning leaves it
# as it is, so what is checked is the escaping alone).
_E_TEXT = ('a<b>&c"d\'e |f| *g* _h_ \\i `j` [k](l) ~m~ !n #o $p '
           'www.example.jp q@r.example http://s.example/')
_E_MD_SPECIALS = "\\`*_[]()<>|~&!#$"


def _e_html(s):
    """The five specials, as escape.c writes them."""
    out = []
    for c in s:
        out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                    "'": "&#39;"}.get(c, c))
    return "".join(out)


def _e_md(s):
    """Markdown cell escaping, autolinks kept (the profile's own text)."""
    return "".join("\\" + c if c in _E_MD_SPECIALS else c for c in s)


def _e_profile(case):
    with open(case.src + "/criteria/profiles/default.json",
              encoding="utf-8") as f:
        prof = _ejson.load(f)
    name = next(iter(prof["parameters"]))
    prof["parameters"][name]["source"] = _E_TEXT
    return case.write("escape-profile.json",
                      _ejson.dumps(prof, ensure_ascii=False))


def _e_show(case, prof, fmt):
    run = case.run([], "show", "--profile", prof, "--format", fmt,
                   command="criteria", trace=False)
    case.check(run.code == 0, f"criteria show --format {fmt} writes "
               f"({run.stderr[-300:]!r})")
    return run.stdout.decode("utf-8")


def _e_read(run, name):
    with open(os.path.join(run.out_dir, name), encoding="utf-8") as f:
        return f.read()


@attack
def escape_html_same_in_every_page(case):
    prof = _e_profile(case)
    doc = _ejson.load(open(case.good, encoding="utf-8"))
    doc["answers"][0]["explanation"] = _E_TEXT
    new = case.write("round2.json", _ejson.dumps(doc, ensure_ascii=False))
    want = _e_html(_E_TEXT)

    run = case.run([new], "--profile", prof, formats="html", trace=False)
    case.check(run.code in (0, 1), f"evaluate ran ({run.stderr[-300:]!r})")
    report = _e_read(run, "report.html")
    case.check(report.count(want) >= 2,
               "report.html: the explanation and the profile's source "
               "are escaped alike")
    method = _e_show(case, prof, "html")
    case.check(want in method, "the 評価基準書 page escapes the source "
               "the same way")
    proc = subprocess.run([case.cloudvet, "--lang", "en", "diff", "--as-of",
                           AS_OF, "--format", "html", case.good, new],
                          env=case.env, capture_output=True, timeout=120)
    diff = proc.stdout.decode("utf-8", "replace")
    case.check(want in diff, "the diff page escapes the explanation the "
               "same way")
    for page, text in (("report.html", report), ("method", method),
                       ("diff", diff)):
        case.check("<b>&c" not in text and "e |f|" in text.replace(
            "&#39;", "'"), f"{page}: the text is escaped, not markup")


@attack
def escape_md_same_in_every_document(case):
    prof = _e_profile(case)
    want = _e_md(_E_TEXT)
    run = case.run([case.good], "--profile", prof, formats="md",
                   trace=False)
    case.check(run.code in (0, 1), f"evaluate ran ({run.stderr[-300:]!r})")
    report = _e_read(run, "report.md")
    method = _e_show(case, prof, "md")
    case.check(want in report, "report.md: the profile's source is "
               "cell-escaped")
    case.check(want in method, "the 評価基準書 in Markdown escapes the "
               "source the same way")
    for page, text in (("report.md", report), ("method", method)):
        rows = [ln for ln in text.split("\n") if want in ln]
        case.check(rows and all(ln.startswith("| ") and ln.endswith(" |")
                                for ln in rows),
                   f"{page}: the source stays inside its table row")
