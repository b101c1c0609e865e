#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_tables.py: the workbook reader against workbooks written here.

    test_tables.py CV_DUMP_TABLE [CASE...]
    test_tables.py CV_DUMP_TABLE --libreoffice

Each case writes a workbook with workbook.py (or alters its parts, for
hostile ones), reads it with cv_dump_table (tests/registry/dump_table.c:
cv_load_xlsx / cv_load_csv, printed as JSON lines) and compares the sheets,
rows and cells, or the status and diagnostic, with what it expects.
Prints "N passed, N failed" (the ctest log's last line). With
--libreoffice it checks instead that LibreOffice (soffice) opens a
workbook.py workbook and that the copy it saves reads the same (exit 77,
a skip, without soffice).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workbook  # noqa: E402

DUMP = None
TMP = None
CASES = []

NS_MAIN = workbook.NS_MAIN


def case(fn):
    CASES.append(fn)
    return fn


class Result:
    def __init__(self, lines):
        self.sheets = []      # [(name, nrows)]
        self.hidden = []      # names of hidden sheets
        self.rows = {}        # sheet name -> {row: cells}
        self.diags = []
        self.status = None
        for line in lines:
            obj = json.loads(line)
            if "status" in obj:
                self.status = obj["status"]
            elif "diag" in obj:
                self.diags.append(obj["diag"])
            elif "nrows" in obj:
                self.sheets.append((obj["sheet"], obj["nrows"]))
                if obj.get("hidden"):
                    self.hidden.append(obj["sheet"])
                self.rows[obj["sheet"]] = {}
            else:
                self.rows[obj["sheet"]][obj["row"]] = obj["cells"]

    def text(self):
        """Every cell and message, for "never appears" checks."""
        return json.dumps([self.rows, self.diags], ensure_ascii=False)


def dump(path, *args):
    proc = subprocess.run([DUMP, *args, path], capture_output=True,
                          timeout=120)
    if proc.returncode not in (0, 1):
        raise AssertionError("cv_dump_table exited %d: %s"
                             % (proc.returncode, proc.stderr.decode()))
    out = proc.stdout.decode("utf-8")
    res = Result(out.splitlines())
    if (proc.returncode == 0) != (res.status == "ok"):
        raise AssertionError("exit %d but status %s" % (proc.returncode,
                                                        res.status))
    return res


def xlsx(name, sheets, **options):
    path = os.path.join(TMP, name + ".xlsx")
    workbook.write_xlsx(path, sheets, **options)
    return path


def parts_file(name, parts):
    path = os.path.join(TMP, name + ".xlsx")
    workbook.write_parts(path, parts)
    return path


def read(name, sheets, *args, **options):
    res = dump(xlsx(name, sheets, **options), *args)
    if res.status != "ok":
        raise AssertionError("status %s: %s" % (res.status, res.diags))
    return res


def eq(got, want, what=""):
    if got != want:
        raise AssertionError("%s\n  got:  %r\n  want: %r" % (what, got, want))


def one_row_values(cells, *args, **options):
    """The display text of each cell, written as row 1 of one sheet."""
    res = read("values", [{"name": "S", "rows": [cells]}], *args, **options)
    return res.rows["S"][1]


def expect_failure(res, status, path_part=None, message_part=None):
    eq(res.status, status, "status")
    errors = [d for d in res.diags if d["severity"] == "error"]
    if not errors:
        raise AssertionError("no error diagnostic")
    d = errors[0]
    if path_part is not None and path_part not in d["path"]:
        raise AssertionError("path %r lacks %r" % (d["path"], path_part))
    if message_part is not None and message_part not in d["message"]:
        raise AssertionError("message %r lacks %r" % (d["message"],
                                                     message_part))
    return d


# ---- layouts ---------------------------------------------------------------

@case
def header_on_row_1():
    res = read("header1", [{"name": "ISMAPクラウドサービスリスト", "rows": [
        ["登録番号", "サービス名", "事業者名", "登録日", "有効期限"],
        ["C22-0001-1", "サクラクラウド", "さくら株式会社",
         {"date": "2022-03-31"}, {"date": "2027-03-30",
                                  "fmt": "yyyy/m/d"}],
        ["C22-0002-1", "Example IaaS", "Example KK", None,
         {"date": "2027-09-30", "fmt": "yyyy\"年\"m\"月\"d\"日\""}],
    ]}])
    eq(res.sheets, [("ISMAPクラウドサービスリスト", 3)])
    eq(res.rows["ISMAPクラウドサービスリスト"], {
        1: ["登録番号", "サービス名", "事業者名", "登録日", "有効期限"],
        2: ["C22-0001-1", "サクラクラウド", "さくら株式会社", "2022-03-31",
            "2027-03-30"],
        3: ["C22-0002-1", "Example IaaS", "Example KK", None, "2027-09-30"],
    })


@case
def title_and_two_row_merged_header():
    rows = [
        ["ISMAPクラウドサービスリスト (2027年10月1日時点)"],
        ["登録番号", "サービス名", "有効期間", None, "事業者名", "備考"],
        [None, None, "登録日", "有効期限", None, None],
        ["C23-0100-2", "クラウドA", {"date": "2023-04-01"},
         {"date": "2028-03-31"}, "A社", None],
        [],
        ["※注記"],
    ]
    res = read("merged", [{"name": "一覧", "rows": rows, "merges": [
        "A1:F1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3"]}])
    title = "ISMAPクラウドサービスリスト (2027年10月1日時点)"
    eq(res.rows["一覧"], {
        1: [title] * 6,
        2: ["登録番号", "サービス名", "有効期間", "有効期間", "事業者名",
            "備考"],
        3: ["登録番号", "サービス名", "登録日", "有効期限", "事業者名",
            "備考"],
        4: ["C23-0100-2", "クラウドA", "2023-04-01", "2028-03-31", "A社"],
        6: ["※注記"],
    })
    eq(res.diags, [], "no diagnostics")


@case
def merge_hides_a_value_with_a_warning():
    res = read("hidden", [{"name": "S", "rows": [["top", "hidden"],
                                                  ["x", None]],
                           "merges": ["A1:B1"]}])
    eq(res.rows["S"], {1: ["top", "top"], 2: ["x"]})
    eq(len(res.diags), 1)
    eq(res.diags[0]["severity"], "warning")
    eq(res.diags[0]["path"], "S!B1")
    if "hidden" not in res.diags[0]["message"]:
        raise AssertionError(res.diags[0])


@case
def merge_with_empty_top_left_is_empty():
    res = read("emptymerge", [{"name": "S", "rows": [[None, None, "c"]],
                               "merges": ["A1:B2"]}])
    eq(res.rows["S"], {1: [None, None, "c"]})


@case
def cells_by_position_without_r():
    res = read("norefs", [{"name": "S", "rows": [
        ["a", None, "c"], [], [1, 2.5, None, {"inline": "d"}]]}],
        cell_refs=False)
    eq(res.rows["S"], {1: ["a", None, "c"], 3: ["1", "2.5", None, "d"]})


@case
def sheets_in_workbook_order():
    res = read("sheets", [
        {"name": "表紙", "rows": [["ISMAP"]]},
        {"name": "R&D <一覧>", "rows": [["x", "y"], ["z"]]},
        {"name": "空", "rows": [], "hidden": True},
        {"name": "Sheet 4", "rows": [[None, None, 4]]},
    ])
    eq(res.sheets, [("表紙", 1), ("R&D <一覧>", 2), ("空", 0),
                    ("Sheet 4", 1)])
    eq(res.hidden, ["空"])
    eq(res.rows["R&D <一覧>"], {1: ["x", "y"], 2: ["z"]})
    eq(res.rows["Sheet 4"], {1: [None, None, "4"]})


@case
def absolute_relationship_targets():
    res = read("absolute", [{"name": "S", "rows": [["a", 1.5]]},
                            {"name": "T", "rows": [[{"n": 3, "fmt": "0.00"}]]}],
               absolute_targets=True)
    eq(res.rows["S"], {1: ["a", "1.5"]})
    eq(res.rows["T"], {1: ["3.00"]})


@case
def strict_ooxml_namespaces():
    def strict(p):
        for name in list(p):
            p[name] = (p[name]
                       .replace(NS_MAIN.encode(),
                                b"http://purl.oclc.org/ooxml/spreadsheetml/"
                                b"main")
                       .replace(workbook.NS_REL.encode(),
                                b"http://purl.oclc.org/ooxml/officeDocument/"
                                b"relationships"))
    eq(altered("strict", strict).rows["S"], {1: ["a", "1"]})
    # an element outside SpreadsheetML is not SpreadsheetML's
    expect_failure(altered("foreign", lambda p: p.update({
        "xl/workbook.xml": p["xl/workbook.xml"].replace(
            NS_MAIN.encode(), b"urn:other")})), "parse error",
        "xl/workbook.xml", "<workbook>")


@case
def no_shared_strings_and_no_styles():
    path = xlsx("bare", [{"name": "S", "rows": [[{"inline": "i"}, 5.5]]}],
                styles=False)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    if "xl/styles.xml" in names or "xl/sharedStrings.xml" in names:
        raise AssertionError(names)
    eq(dump(path).rows["S"], {1: ["i", "5.5"]})


# ---- values ----------------------------------------------------------------

@case
def general_numbers():
    eq(one_row_values([5.0999999999999996, 0.1 + 0.2, 1e21, 12, 12.0, -0.5,
                       1234567.891, 0.000123, 1e-10, 123456789012345678,
                       1234567890123, 100.0, -0.0, 1 / 3, 2 ** 53]),
       ["5.1", "0.3", "1E+21", "12", "12", "-0.5", "1234567.891",
        "0.000123", "1E-10", "1.23456789012346E+17", "1234567890123", "100",
        "0", "0.333333333333333", "9.00719925474099E+15"])


@case
def number_formats():
    eq(one_row_values([
        {"n": 5.0999999999999996, "fmt": "0.0"},
        {"n": 1234, "fmt": "#,##0"},
        {"n": 1234567.891, "fmt": 4},
        {"n": 2.675, "fmt": 2},
        {"n": 0.125, "fmt": 9},
        {"n": 0.12345, "fmt": 10},
        {"n": -1234.5, "fmt": "#,##0.0"},
        {"n": 3, "fmt": "0.0#"},
        {"n": 3.14159, "fmt": "0.0#"},
        {"n": 42, "fmt": 49},
        {"n": 1.5, "fmt": "0.00E+00"},
        {"n": 7, "fmt": "\"件数\"0"},
        {"n": 1234, "fmt": "[$¥-411]#,##0"},
        {"n": 0.5, "fmt": "# ?/?"},
        {"n": 999.996, "fmt": "0.00"},
        {"n": -0.001, "fmt": "0.0"},
        {"n": 1, "fmt": 1},
        {"n": 1234.5, "fmt": 3},
    ]), ["5.1", "1,234", "1,234,567.89", "2.68", "13%", "12.35%",
         "-1,234.5", "3.0", "3.14", "42", "1.5", "7", "1,234", "0.5",
         "1000.00", "0.0", "1", "1,235"])


@case
def dates_through_formats():
    eq(one_row_values([
        {"date": "2027-09-30"},
        {"date": "2027-09-30", "fmt": "yyyy/m/d"},
        {"date": "2027-09-30", "fmt": "yyyy\"年\"m\"月\"d\"日\""},
        {"date": "2027-09-30", "fmt": "[$-411]ggge\"年\"m\"月\"d\"日\""},
        {"date": "2027-09-30", "fmt": 28},
        {"date": "2027-09-30", "fmt": 17},
        {"date": "2027-09-30T13:45:00", "fmt": "yyyy/mm/dd hh:mm"},
        {"date": "2027-09-30", "fmt": "yyyy/mm/dd hh:mm"},
        {"date": "2027-09-30T13:45:00", "fmt": 22},
        {"date": "2027-09-30T13:45:00", "fmt": 14},
        {"n": 0.5, "fmt": "h:mm"},
        {"n": 0.75, "fmt": 33},
        {"date": "1900-01-01"},
        {"date": "1900-02-28"},
        {"n": 60, "fmt": 14},
        {"date": "1900-03-01"},
        {"n": 0, "fmt": 14},
        {"n": -1, "fmt": 14},
        {"n": 2958465, "fmt": 14},
        {"n": 2958466, "fmt": 14},
        {"n": 46295.99999999999, "fmt": 14},
        {"date": "2027-09-30", "fmt": "dd\\-mmm\\-yyyy"},
    ]), ["2027-09-30", "2027-09-30", "2027-09-30", "2027-09-30",
         "2027-09-30", "2027-09-30", "2027-09-30 13:45:00", "2027-09-30",
         "2027-09-30 13:45:00", "2027-09-30", "12:00:00", "18:00:00",
         "1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "0", "-1",
         "9999-12-31", "2958466", "2026-10-01", "2027-09-30"])


@case
def dates_1904_system():
    eq(one_row_values([{"date": "2027-09-30"}, {"n": 0, "fmt": 14},
                       {"date": "1904-03-01", "fmt": "yyyy/m/d"}],
                      date1904=True),
       ["2027-09-30", "1904-01-01", "1904-03-01"])


@case
def strings_of_every_kind():
    eq(one_row_values([
        "shared", {"inline": "インライン"}, {"bool": True}, False,
        {"str": "計算結果"}, {"error": "#N/A"},
        {"rich": ["登録", "番号"], "phonetic": "トウロクバンゴウ"},
        "a\x07b\x1b", "_x0041_ stays", "line1\r\nline2\tTab",
        "  blanks  ", "<&>\"'", "🍣 U+1F363",
    ]), ["shared", "インライン", "TRUE", "FALSE", "計算結果", "#N/A",
         "登録番号", "a\x07b\x1b", "_x0041_ stays", "line1\r\nline2\tTab",
         "  blanks  ", "<&>\"'", "🍣 U+1F363"])


@case
def phonetic_runs_never_shown():
    res = read("furigana", [{"name": "S", "rows": [
        [{"rich": ["登録番号"], "phonetic": "トウロクバンゴウ"},
         {"rich": ["事業者", "名"], "phonetic": "ジギョウシャメイ"}]]}])
    eq(res.rows["S"], {1: ["登録番号", "事業者名"]})
    for kana in ("トウロク", "ジギョウ"):
        if kana in res.text():
            raise AssertionError("phonetic text %s shown" % kana)


@case
def utf16_and_shift_jis_parts():
    parts = workbook.workbook_parts([{"name": "S", "rows": [["日本語", 1]]}])
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    sst = parts["xl/sharedStrings.xml"].decode("utf-8")
    parts["xl/sharedStrings.xml"] = sst.replace(
        'encoding="UTF-8"', 'encoding="Shift_JIS"').encode("shift_jis")
    eq(dump(parts_file("encodings", parts)).rows["S"], {1: ["日本語", "1"]})


# ---- limits ------------------------------------------------------------------

@case
def limit_columns():
    row = ["x"] * 4
    res = dump(xlsx("cols", [{"name": "S", "rows": [row]}]),
               "--limit", "max_columns=3")
    d = expect_failure(res, "limit exceeded", "S!D1", "max_columns")
    eq(d["line"] > 0, True, "line known")
    wide = [None] * 1100 + ["far"]
    expect_failure(dump(xlsx("wide", [{"name": "S", "rows": [wide]}])),
                   "limit exceeded", "S!API1", "max_columns (1024)")


@case
def limit_cells_and_slots():
    rows = [[1, 2, 3], [4, 5, 6]]
    expect_failure(dump(xlsx("cells", [{"name": "S", "rows": rows}]),
                        "--limit", "max_cells=5"),
                   "limit exceeded", "S!C2", "max_cells")
    # one value far right costs its row's slots
    rows = [[None] * 9 + ["x"]]
    expect_failure(dump(xlsx("slots", [{"name": "S", "rows": rows}]),
                        "--limit", "max_cells=5"),
                   "limit exceeded", "S!J1", "max_cells")


@case
def limit_merge_over_the_whole_sheet():
    res = dump(xlsx("bigmerge", [{"name": "S", "rows": [["all"]],
                                  "merges": ["A1:XFD1048576"]}]))
    expect_failure(res, "limit exceeded", "S!A1:XFD1048576", "max_cells")


@case
def limit_cell_bytes():
    expect_failure(dump(xlsx("longcell", [{"name": "S", "rows": [
        ["x" * 40000]]}])), "limit exceeded", "xl/sharedStrings.xml",
        "max_cell_bytes (32768)")
    expect_failure(dump(xlsx("longinline", [{"name": "S", "rows": [
        [None, {"inline": "y" * 101}]]}]), "--limit", "max_cell_bytes=100"),
        "limit exceeded", "S!B1", "max_cell_bytes")


@case
def limit_sheets():
    sheets = [{"name": "S%d" % i, "rows": [[i]]} for i in range(3)]
    expect_failure(dump(xlsx("sheets3", sheets), "--limit", "max_sheets=2"),
                   "limit exceeded", "xl/workbook.xml", "max_sheets")


@case
def limit_part_bytes_counted_while_inflating():
    # 4 MiB of blanks inside the sheet data: 4 KiB compressed
    parts = workbook.workbook_parts([{"name": "S", "rows": [["a"]]}])
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"<sheetData>", b"<sheetData>" + b" " * (4 << 20))
    path = parts_file("bomb", parts)
    expect_failure(dump(path, "--limit", "max_part_bytes=1048576"),
                   "limit exceeded", "xl/worksheets/sheet1.xml",
                   "max_part_bytes")
    expect_failure(dump(path, "--limit", "max_total_bytes=2097152"),
                   "limit exceeded", "xl/worksheets/sheet1.xml",
                   "max_total_bytes")
    eq(dump(path).rows["S"], {1: ["a"]})


# ---- hostile and broken workbooks ------------------------------------------

def altered(name, edit, sheets=None):
    parts = workbook.workbook_parts(sheets or [{"name": "S",
                                                "rows": [["a", 1]]}])
    edit(parts)
    return dump(parts_file(name, parts))


def replace_in(parts, part, old, new):
    text = parts[part].decode("utf-8")
    if old not in text:
        raise AssertionError("%s has no %r" % (part, old))
    parts[part] = text.replace(old, new, 1).encode("utf-8")


@case
def doctype_refused_in_every_part():
    xxe = ('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    for part, root in (("xl/worksheets/sheet1.xml", "<worksheet"),
                       ("xl/workbook.xml", "<workbook"),
                       ("xl/sharedStrings.xml", "<sst"),
                       ("xl/styles.xml", "<styleSheet"),
                       ("_rels/.rels", "<Relationships"),
                       ("xl/_rels/workbook.xml.rels", "<Relationships")):
        res = altered("xxe", lambda p: replace_in(p, part, root,
                                                  xxe + root))
        expect_failure(res, "parse error", part, "DOCTYPE")
        if "root:" in res.text():
            raise AssertionError("/etc/passwd was read")


@case
def billion_laughs_refused():
    lol = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)
                                                    if i else "&lol;") * 10)
                     for i in range(10))
           + "]>")

    def edit(p):
        replace_in(p, "xl/sharedStrings.xml", "<sst", lol + "<sst")
        replace_in(p, "xl/sharedStrings.xml", "<t>a</t>", "<t>&lol9;</t>")
    expect_failure(altered("lol", edit), "parse error",
                   "xl/sharedStrings.xml", "DOCTYPE")


@case
def missing_parts():
    def drop(name):
        return lambda p: p.pop(name)
    expect_failure(altered("nowb", drop("xl/workbook.xml")), "parse error",
                   "xl/workbook.xml", "no part")
    expect_failure(altered("norels", drop("xl/_rels/workbook.xml.rels")),
                   "parse error", "workbook.xml.rels", "no part")
    expect_failure(altered("nosheet", drop("xl/worksheets/sheet1.xml")),
                   "parse error", "sheet1.xml", "no part")
    # without _rels/.rels the workbook is looked for where Excel puts it
    res = altered("norootrels", drop("_rels/.rels"))
    eq(res.rows["S"], {1: ["a", "1"]})


@case
def workbook_found_through_root_relationships():
    def move(p):
        for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            p[name.replace("workbook.xml", "book.xml")] = p.pop(name)
        replace_in(p, "_rels/.rels", "xl/workbook.xml", "/xl/book.xml")
    eq(altered("moved", move).rows["S"], {1: ["a", "1"]})


@case
def references_outside_the_sheet():
    expect_failure(altered("xfd", lambda p: replace_in(
        p, "xl/worksheets/sheet1.xml", 'r="B1"', 'r="XFD1048577"')),
        "parse error", "S!XFD1048577", "outside the sheet")
    expect_failure(altered("xfe", lambda p: replace_in(
        p, "xl/worksheets/sheet1.xml", 'r="B1"', 'r="XFE1"')),
        "parse error", "S!XFE1")
    expect_failure(altered("row0", lambda p: replace_in(
        p, "xl/worksheets/sheet1.xml", '<row r="1"', '<row r="0"')),
        "parse error")
    expect_failure(altered("badref", lambda p: replace_in(
        p, "xl/worksheets/sheet1.xml", 'r="B1"', 'r="1B"')),
        "parse error", "S!1B")


@case
def malformed_cells():
    sheet = "xl/worksheets/sheet1.xml"
    expect_failure(altered("dup", lambda p: replace_in(
        p, sheet, 'r="B1"', 'r="A1"')), "parse error", "S!A1", "twice")
    expect_failure(altered("type", lambda p: replace_in(
        p, sheet, '<c r="B1">', '<c r="B1" t="zz">')), "parse error", "S!B1",
        "zz")
    expect_failure(altered("notnum", lambda p: replace_in(
        p, sheet, "<v>1</v>", "<v>1,5</v>")), "parse error", "S!B1", "1,5")
    expect_failure(altered("inf", lambda p: replace_in(
        p, sheet, "<v>1</v>", "<v>1e999</v>")), "parse error", "S!B1")
    expect_failure(altered("sst", lambda p: replace_in(
        p, sheet, "<v>0</v>", "<v>7</v>")), "parse error", "S!A1",
        "shared string")
    expect_failure(altered("nul", lambda p: replace_in(
        p, "xl/sharedStrings.xml", "<t>a</t>", "<t>a_x0000_</t>")),
        "parse error", "xl/sharedStrings.xml")
    expect_failure(altered("surrogate", lambda p: replace_in(
        p, "xl/sharedStrings.xml", "<t>a</t>", "<t>_xD83D_</t>")),
        "parse error", "xl/sharedStrings.xml", "surrogate")
    # a pair is one character
    eq(altered("pair", lambda p: replace_in(
        p, "xl/sharedStrings.xml", "<t>a</t>", "<t>_xD83C__xDF63_</t>"))
       .rows["S"], {1: ["🍣", "1"]})
    expect_failure(altered("notwf", lambda p: replace_in(
        p, sheet, "</sheetData>", "</sheetdata>")), "parse error", sheet,
        "not well-formed")
    expect_failure(altered("badutf8", lambda p: p.update({
        sheet: p[sheet].replace(b"<sheetData>", b"<sheetData>\xff")})),
        "parse error", sheet)

    def rename_root(p):
        replace_in(p, sheet, "<worksheet", "<worksheet2")
        replace_in(p, sheet, "</worksheet>", "</worksheet2>")
    expect_failure(altered("root", rename_root), "parse error", sheet,
                   "root element")


@case
def relationships_that_point_elsewhere():
    rels = "xl/_rels/workbook.xml.rels"
    expect_failure(altered("external", lambda p: replace_in(
        p, rels, 'Target="worksheets/sheet1.xml"',
        'Target="http://example.com/x.xml" TargetMode="External"')),
        "parse error", rels, "outside")
    expect_failure(altered("climb", lambda p: replace_in(
        p, rels, 'Target="worksheets/sheet1.xml"',
        'Target="../../../etc/passwd"')), "parse error", rels, "climbs")
    eq(altered("dotdot", lambda p: replace_in(
        p, rels, 'Target="worksheets/sheet1.xml"',
        'Target="../xl/./worksheets/sheet1.xml"')).rows["S"],
       {1: ["a", "1"]})

    def twice(p):
        replace_in(p, "xl/workbook.xml", "</sheets>",
                   '<sheet name="T" sheetId="2" r:id="rId9"/></sheets>')
        replace_in(p, rels, "</Relationships>",
                   '<Relationship Id="rId9" Type="%sworksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>'
                   % workbook.REL_TYPE)
    expect_failure(altered("same", twice), "parse error", "xl/workbook.xml",
                   "same part")


@case
def not_a_workbook():
    path = os.path.join(TMP, "plain.xlsx")
    with open(path, "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    expect_failure(dump(path, "--xlsx"), "parse error", "", "password")
    with open(path, "wb") as f:
        f.write(b"PK\x03\x04 truncated")
    expect_failure(dump(path), "parse error", "", "zip")
    with open(path, "wb") as f:
        f.write("登録番号,名前\n".encode("utf-8"))
    expect_failure(dump(path, "--xlsx"), "parse error", "", "zip")


@case
def japanese_diagnostics():
    res = dump(xlsx("ja", [{"name": "S", "rows": [["x"] * 4]}]),
               "--lang", "ja", "--limit", "max_columns=3")
    expect_failure(res, "limit exceeded", "S!D1", "上限を超えました")


# ---- CSV through the same dumper ------------------------------------------

@case
def csv_file():
    path = os.path.join(TMP, "ismap.csv")
    with open(path, "wb") as f:
        f.write("\ufeff登録番号,サービス名\r\n"
                "C22-0001-1,\"さくら, \"\"クラウド\"\"\"\r\n".encode("utf-8"))
    res = dump(path)
    eq(res.sheets, [("ismap.csv", 2)])
    eq(res.rows["ismap.csv"][2], ["C22-0001-1", 'さくら, "クラウド"'])
    with open(path, "wb") as f:
        f.write("登録番号,名前\nC1,さくら\n".encode("shift_jis"))
    expect_failure(dump(path), "parse error", None, "UTF-8")


# ---- a real writer ---------------------------------------------------------

ISMAP_LIKE = [
    {"name": "一覧", "merges": ["A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3"],
     "rows": [
         ["ISMAPクラウドサービスリスト"],
         ["登録番号", "サービス名", "有効期間", None, "事業者名"],
         [None, None, "登録日", "有効期限", None],
         ["C23-0100-2", {"rich": ["クラウド", "A"], "phonetic": "クラウドエー"},
          {"date": "2023-04-01"},
          {"date": "2028-03-31", "fmt": "[$-411]ggge\"年\"m\"月\"d\"日\""},
          {"inline": "A社"}],
         [5.0999999999999996, {"n": 1234.5, "fmt": "#,##0.0"},
          {"n": 0.125, "fmt": 10}, {"bool": True},
          {"date": "2027-09-30T13:45:00", "fmt": "yyyy/m/d h:mm"}]]},
    {"name": "R&D", "rows": [["x", 1e21]], "hidden": True},
]


def libreoffice():
    """workbook.py's output opens in LibreOffice, and the workbook
    LibreOffice saves from it reads the same. 77 (skipped) without
    soffice."""
    soffice = shutil.which("soffice")
    if not soffice:
        print("skipped: LibreOffice (soffice) is not installed; this optional "
              "check opens the workbooks in it")
        return 77
    with tempfile.TemporaryDirectory(prefix="cv-tables-lo.") as tmp:
        src = os.path.join(tmp, "ismap.xlsx")
        out = os.path.join(tmp, "out")
        workbook.write_xlsx(src, ISMAP_LIKE)
        subprocess.run([soffice, "-env:UserInstallation=file://" + tmp
                        + "/profile", "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", out, src],
                       capture_output=True, timeout=300, check=True)
        ours, theirs = dump(src), dump(os.path.join(out, "ismap.xlsx"))
        eq(theirs.status, "ok")
        eq((theirs.sheets, theirs.hidden, theirs.rows),
           (ours.sheets, ours.hidden, ours.rows), "LibreOffice's copy")
        eq(ours.rows["一覧"][5], ["5.1", "1,234.5", "12.50%", "TRUE",
                                 "2027-09-30 13:45:00"])
    print("1 passed, 0 failed")
    return 0


def main(argv):
    global DUMP, TMP
    if len(argv) < 2:
        sys.stderr.write("usage: test_tables.py CV_DUMP_TABLE "
                         "[--libreoffice | CASE...]\n")
        return 2
    DUMP = argv[1]
    if argv[2:] == ["--libreoffice"]:
        return libreoffice()
    wanted = set(argv[2:])
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="cv-tables.") as tmp:
        TMP = tmp
        for fn in CASES:
            if wanted and fn.__name__ not in wanted:
                continue
            try:
                fn()
                passed += 1
            except Exception:  # noqa: BLE001 -- report and go on
                failed += 1
                sys.stderr.write("FAIL %s\n" % fn.__name__)
                traceback.print_exc()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
