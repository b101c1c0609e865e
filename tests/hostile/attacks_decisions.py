# SPDX-License-Identifier: MIT
"""Hostile decisions files (`evaluate --decisions`, docs/decisions.md).
Exec'd into test_hostile.py's namespace (see its end): @attack and the
Case helpers are in scope.

A decisions file turns a claim into `met` and can disqualify a bid, and
--decisions may name any file: one nested beyond any profile, ten
thousand decisions, a workbook whose sheet inflates far beyond its size,
and text made to look like something else are each refused (or read)
quickly with a located error, and never decide a bid they were not made
on."""
import json as _djson
import os as _dos
import zipfile as _dzip

_D_SLOW = 30.0 if _dos.environ.get("ASAN_OPTIONS") else 5.0
_D_H64 = "a" * 64


def _d_timing(case, run, what):
    if _dos.environ.get("ASAN_OPTIONS"):
        print(f"note: {what}: timing relaxed to {_D_SLOW} s under the "
              f"sanitizers")
    case.check(run.seconds < _D_SLOW,
               f"{what}: took {run.seconds:.2f} s (at most {_D_SLOW} s)")


def _d_refused(case, run, where, what):
    err = run.stderr.decode("utf-8", "replace")
    case.check(run.code == 4, f"{what}: exit 4 ({run.code}, {err[-300:]!r})")
    case.check(where in err, f"{what}: the error names {where} "
               f"({err[-300:]!r})")
    case.check(run.report is None, f"{what}: no report was written")


def _d_decision(file, criterion="CLOUD-CERT", sha=_D_H64, word="met"):
    return {"file": file, "submission_sha256": sha, "criterion": criterion,
            "criterion_sha256": _D_H64, "decision": word, "by": "x",
            "on": "2026-11-25", "reason": "r"}


@attack
def decisions_nested_beyond_any_file(case):
    """100,000 nested arrays: the reader's depth limit, located."""
    text = ('{"format": "cloudvet-decisions/1", "decisions": ' +
            "[" * 100000 + "]" * 100000 + "}")
    path = case.write("deep.json", text)
    run = case.run([case.good], "--decisions", path, trace=False)
    _d_refused(case, run, "deep.json", "100,000 nested arrays")
    _d_timing(case, run, "100,000 nested arrays")


@attack
def decisions_ten_thousand_on_one_criterion(case):
    """20,000 decisions, none on a bid of the run except a stale one, and
    a duplicate at the very end: read in time (not one comparison per
    pair), the duplicate named, and once removed nothing is applied to a
    bid whose bytes they were not made on."""
    items = [_d_decision(f"bid-{i}.json") for i in range(20000)]
    items.append(_d_decision("good.json"))         # wrong hashes: stale
    items.append(_d_decision("dir/bid-7.json"))    # bid-7.json twice
    doc = {"format": "cloudvet-decisions/1", "decisions": items}
    path = case.write("many.json", _djson.dumps(doc))
    run = case.run([case.good], "--decisions", path, trace=False)
    _d_refused(case, run, "/decisions/20001", "a duplicate at the end")
    _d_timing(case, run, "20,000 decisions and a duplicate")
    doc["decisions"].pop()
    path = case.write("many2.json", _djson.dumps(doc))
    run = case.run([case.good], "--decisions", path, trace=False)
    _d_timing(case, run, "20,000 decisions")
    case.expect_good_evaluated(run)
    s = run.sub("good.json") if run.report else None
    fates = [d.get("fate") for d in (s or {}).get("decisions", [])]
    case.check(fates == ["stale_submission"],
               f"the one decision naming good.json is stale ({fates})")


@attack
def decisions_workbook_sheet_bomb(case):
    """A report.xlsx whose 審査記入 sheet inflates to 200 MB of blanks from
    a few hundred kilobytes: the workbook reader's part limit, not the
    memory, stops it."""
    path = case.path("bomb.xlsx")
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
             '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>' + " " * (200 << 20) + '</sheetData></worksheet>')
    with _dzip.ZipFile(path, "w", _dzip.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="'
                   'http://schemas.openxmlformats.org/package/2006/'
                   'content-types"/>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="'
                   'http://schemas.openxmlformats.org/spreadsheetml/2006/'
                   'main" xmlns:r="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships"><sheets><sheet name='
                   '"審査記入" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://'
                   'schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/worksheet" Target="worksheets/sheet1.xml"'
                   '/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    del sheet
    run = case.run([case.good], "--decisions", path, trace=False)
    _d_refused(case, run, "bomb.xlsx", "a 200 MB sheet")
    _d_timing(case, run, "a 200 MB sheet")


@attack
def decisions_lookalike_words_and_names(case):
    """A decision word in full-width letters or with a zero-width space is
    not a decision; a file name that only looks like the bid's
    (good.json with a Cyrillic о) concerns no bid."""
    for word, what in (("ｍｅｔ", "full-width 'met'"),
                       ("met\u200b", "'met' with a zero-width space")):
        doc = {"format": "cloudvet-decisions/1",
               "decisions": [_d_decision("good.json", word=word)]}
        path = case.write("look.json", _djson.dumps(doc, ensure_ascii=False))
        run = case.run([case.good], "--decisions", path, trace=False)
        _d_refused(case, run, "/decisions/0/decision", what)
    doc = {"format": "cloudvet-decisions/1",
           "decisions": [_d_decision("g\u043e\u043ed.json")]}
    path = case.write("look2.json", _djson.dumps(doc, ensure_ascii=False))
    run = case.run([case.good], "--decisions", path, trace=False)
    case.expect_good_evaluated(run)
    s = run.sub("good.json") if run.report else None
    case.check(s is not None and not s.get("decisions"),
               "a look-alike file name concerns no bid")
