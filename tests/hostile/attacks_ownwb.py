# SPDX-License-Identifier: MIT
# attacks_ownwb.py: cloudvet's own questionnaire workbook, returned by a
# vendor who edited more than the yellow cells (issue 14, docs/workbook.md).
# Exec'd into test_hostile.py's namespace: attack, Case, AS_OF ... are its.
#
# The workbook says where a value is (its hidden key rows), never what a
# word means: the drop-down words come from criteria/data/workbook.json
# only, so a vendor who rewrites the hidden lists sheet changes nothing.
# A layout cloudvet does not know, or a key that cannot be placed, is a
# located diagnostic; nothing costs more than the cells hold.
import re as _ownwb_re
import zipfile as _ownwb_zip


def _ownwb_filled(case, name, *opts):
    """samples/01 filled into the template by tests/workbook/fill.py."""
    tpl = case.path("template.xlsx")
    if not os.path.exists(tpl):
        # libxlsxwriter 1.1.4's own leak, under the sanitizers only
        # (tests/workbook/lsan.supp)
        env = dict(case.env, LSAN_OPTIONS="suppressions=" + os.path.join(
            case.src, "tests", "workbook", "lsan.supp"))
        with open(tpl, "wb") as f:
            subprocess.run([case.cloudvet, "template", "--format", "xlsx"],
                           stdout=f, env=env, check=True, timeout=120)
    out = case.path(name)
    subprocess.run([sys.executable,
                    os.path.join(case.src, "tests", "workbook", "fill.py"),
                    tpl, os.path.join(case.src, "samples",
                                      "01-qualified-sakura.json"),
                    out, os.path.join(case.src, "criteria")] + list(opts),
                   check=True, timeout=120, capture_output=True)
    return out


def _ownwb_rewrite(path, edit):
    """Applies edit(name, text) -> text to every XML part of the zip."""
    with _ownwb_zip.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with _ownwb_zip.ZipFile(path, "w") as z:
        for n, b in parts.items():
            if n.endswith(".xml"):
                b = edit(n, b.decode("utf-8")).encode("utf-8")
            z.writestr(n, b)


def _ownwb_diags(s):
    return [(d.get("severity"), d.get("path") or "", d.get("message") or "")
            for d in s.get("diagnostics") or []]


@attack
def own_workbook_lists_sheet_redefines_words(case):
    # The vendor writes "○" in every answer and rewrites the hidden lists
    # sheet so that "○" is the first word of the response list: the words'
    # meaning is workbook.json's, so "○" is no answer.
    path = _ownwb_filled(case, "circles.xlsx", "--words", "ja")

    def edit(name, text):
        return text.replace(">はい<", ">○<")
    _ownwb_rewrite(path, edit)
    run = case.run([case.good, path])
    case.check(run.report is not None, "the report was written")
    if run.report is None:
        return
    s = run.sub("circles.xlsx")
    case.check(s is not None, "the workbook is in the report")
    if s is None:
        return
    bad = [d for d in _ownwb_diags(s)
           if d[0] == "error" and "○" in d[2] and
           _ownwb_re.fullmatch(r"回答![A-Z]+\d+", d[1])]
    case.check(len(bad) >= 10,
               f"each '○' answer is an error at its cell ({len(bad)})")
    case.check(s["verdict"] != "qualified",
               f"'○' was not read as yes: the bid does not qualify "
               f"({s['verdict']})")
    case.expect_good_evaluated(run)
    case.expect_no_escape(run)


@attack
def own_workbook_unknown_layout(case):
    # A marker that claims a layout this cloudvet does not know: refused at
    # the marker's cell, never read with the wrong layout.
    path = _ownwb_filled(case, "layout.xlsx")

    def edit(name, text):
        return text.replace("cloudvet-workbook/1", "cloudvet-workbook/99")
    _ownwb_rewrite(path, edit)
    run = case.run([case.good, path])
    case.expect_invalid(run, "layout.xlsx", "cloudvet-workbook/99")
    s = run.sub("layout.xlsx")
    if s is not None:
        case.check(any(d[1] == "_cloudvet!A2" for d in _ownwb_diags(s)),
                   f"located at the marker's cell ({_ownwb_diags(s)[:2]})")
    case.expect_good_evaluated(run)


@attack
def own_workbook_key_row_far_index(case):
    # A key row rewritten to place a value at item 9999 of a list, and a
    # key the schema does not know: warnings at the cells, nothing else.
    path = _ownwb_filled(case, "keys.xlsx")

    def edit(name, text):
        text = text.replace(">holder<", ">evidence[9999].title<")
        return text.replace(">issuer<", ">constructor.prototype<")
    _ownwb_rewrite(path, edit)
    run = case.run([case.good, path], trace=False)
    case.check(run.report is not None, "the report was written")
    if run.report is None:
        return
    s = run.sub("keys.xlsx")
    case.check(s is not None and s["verdict"] != "invalid",
               "the workbook is still read")
    if s is None:
        return
    warn = [d for d in _ownwb_diags(s) if d[0] == "warning" and
            d[1].startswith("認証!")]
    case.check(any("constructor.prototype" in d[2] for d in warn),
               f"an unknown key is a warning at its cell ({warn[:2]})")
    # evidence[9999] is renumbered as the row's next evidence item: no
    # gap, no 10 000 items.
    case.check(all(len(d[2]) < 1000 for d in _ownwb_diags(s)),
               "no diagnostic is out of proportion")
    case.expect_good_evaluated(run)
    slack = 8 if os.environ.get("ASAN_OPTIONS") else 1
    case.expect_fast(run, 5.0 * slack)
