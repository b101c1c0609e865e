#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""workbook.py: a small .xlsx writer (standard library only) for tests.

It writes the Office Open XML parts Excel writes -- [Content_Types].xml,
_rels/.rels, xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml
(numFmts + cellXfs), xl/sharedStrings.xml and one xl/worksheets/sheetN.xml
per sheet -- so that Excel and LibreOffice open the result, and cloudvet's
reader (src/lib/load/load_xlsx.c) can be tested against known content.

As a module (the API is kept stable; other tests import it):

    sys.path.insert(0, "tests/registry"); import workbook
    workbook.write_xlsx(path, sheets, date1904=False)

    sheets = [{"name": "一覧",
               "rows": [[cell, ...], ...],   # rows[0] is row 1, cells[0] A
               "merges": ["A1:F1", "A2:A3"],  # optional
               "hidden": True}]                 # optional: a hidden tab

A cell is one of
    None                          empty (no <c> written)
    "text"                        a shared string
    {"inline": "text"}            an inline string (t="inlineStr")
    12, 5.0999999999999996        a number in General format; floats are
                                  written with 17 significant digits, as
                                  Excel writes them ("5.0999999999999996")
    {"n": 1234, "fmt": "#,##0"}   a number with a format: a format code
                                  (str) or a builtin numFmtId (int)
    {"date": "2027-09-30", "fmt": "yyyy/m/d"}
                                  a date serial ("YYYY-MM-DD" or
                                  "YYYY-MM-DDTHH:MM:SS"); fmt defaults to
                                  the builtin 14
    {"bool": True}  (or True)     a boolean (t="b")
    {"str": "x"}                  a formula's string result (t="str")
    {"error": "#N/A"}             an error value (t="e")
    {"rich": ["登録", "番号"], "phonetic": "トウロクバンゴウ"}
                                  a shared string of rich-text runs, with
                                  an optional phonetic (<rPh>) run, as a
                                  Japanese Excel stores furigana
Text is escaped as Excel does: XML's own characters as entities, control
characters as _xHHHH_, and a literal "_xHHHH_" as "_x005F_xHHHH_".

Keyword options of write_xlsx / workbook_parts, for reader tests:
    date1904=True        the 1904 date system (<workbookPr date1904="1"/>)
    absolute_targets     relationship targets as "/xl/worksheets/..."
    styles=False         no xl/styles.xml (only General numbers then)
    cell_refs=False      no r attributes on <row> and <c> (by position)
workbook_parts() returns the parts as {name: bytes} (in zip order), so a
test can alter one before write_parts(path, parts) zips them.

As a command:  workbook.py OUT.xlsx SPEC.json   (or - for stdin), where
SPEC is {"sheets": [...], "date1904": false} in the form above.
"""

import datetime
import json
import re
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = NS_REL + "/"
CT_SHEET = ("application/vnd.openxmlformats-officedocument."
            "spreadsheetml.worksheet+xml")
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_XESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")


def col_letters(col):
    """0-based column -> "A", "B", ..., "AA"."""
    s = ""
    col += 1
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(ord("A") + r) + s
    return s


def _xstring(text):
    """Text for <t>/<v>: _xHHHH_ escapes, then XML escapes."""
    text = _XESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    out = []
    for ch in text:
        o = ord(ch)
        if (o < 0x20 and ch not in "\t\n") or o in (0xFFFE, 0xFFFF) or \
                0xD800 <= o <= 0xDFFF:
            out.append("_x%04X_" % o)
        else:
            out.append(ch)
    return escape("".join(out))


def _t(text):
    """A <t> element, keeping leading/trailing blanks."""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return "<t%s>%s</t>" % (space, _xstring(text))


def _number(v):
    if isinstance(v, int):
        return str(v)
    if v != v or v in (float("inf"), float("-inf")):
        raise ValueError("Excel has no NaN or infinity")
    return format(v, ".17g")


def date_serial(text, date1904=False):
    """'YYYY-MM-DD[THH:MM:SS]' -> the Excel serial (int when no time)."""
    if "T" in text:
        dt = datetime.datetime.fromisoformat(text)
    else:
        dt = datetime.datetime.fromisoformat(text + "T00:00:00")
    if date1904:
        base = datetime.datetime(1904, 1, 1)
    elif dt < datetime.datetime(1900, 3, 1):
        # before Excel's invented 1900-02-29 (serial 60)
        base = datetime.datetime(1899, 12, 31)
    else:
        base = datetime.datetime(1899, 12, 30)
    delta = dt - base
    if delta.seconds == 0:
        return delta.days
    return delta.days + delta.seconds / 86400.0


class _Book:
    def __init__(self, date1904):
        self.date1904 = date1904
        self.strings = []      # <si> bodies
        self.string_ids = {}
        self.fmts = [0]        # cellXfs: numFmtId per style index
        self.custom = {}       # code -> numFmtId
        self.style_ids = {}

    def shared(self, body):
        if body not in self.string_ids:
            self.string_ids[body] = len(self.strings)
            self.strings.append(body)
        return self.string_ids[body]

    def style(self, fmt):
        """Style index for a format code (str) or builtin id (int)."""
        if isinstance(fmt, str):
            if fmt not in self.custom:
                self.custom[fmt] = 164 + len(self.custom)
            fmt_id = self.custom[fmt]
        else:
            fmt_id = int(fmt)
        if fmt_id == 0:
            return 0
        if fmt_id not in self.style_ids:
            self.style_ids[fmt_id] = len(self.fmts)
            self.fmts.append(fmt_id)
        return self.style_ids[fmt_id]

    def cell(self, ref, value):
        """The <c> element for one cell ('' when empty)."""
        r = ' r="%s"' % ref if ref else ""
        if value is None:
            return ""
        if isinstance(value, bool):
            value = {"bool": value}
        if isinstance(value, str):
            return '<c%s t="s"><v>%d</v></c>' % (
                r, self.shared(_t(value)))
        if isinstance(value, (int, float)):
            return "<c%s><v>%s</v></c>" % (r, _number(value))
        if not isinstance(value, dict):
            raise TypeError("unknown cell %r" % (value,))
        if "inline" in value:
            return '<c%s t="inlineStr"><is>%s</is></c>' % (
                r, _t(value["inline"]))
        if "n" in value:
            s = self.style(value.get("fmt", 0))
            return "<c%s%s><v>%s</v></c>" % (
                r, ' s="%d"' % s if s else "", _number(value["n"]))
        if "date" in value:
            s = self.style(value.get("fmt", 14))
            serial = date_serial(value["date"], self.date1904)
            return '<c%s s="%d"><v>%s</v></c>' % (r, s, _number(serial))
        if "bool" in value:
            return '<c%s t="b"><v>%d</v></c>' % (r, 1 if value["bool"] else 0)
        if "str" in value:
            formula = value.get(
                "formula", '"%s"' % value["str"].replace('"', '""'))
            return '<c%s t="str"><f>%s</f><v>%s</v></c>' % (
                r, escape(formula), _xstring(value["str"]))
        if "error" in value:
            return '<c%s t="e"><v>%s</v></c>' % (r, escape(value["error"]))
        if "rich" in value:
            runs = "".join("<r>%s</r>" % _t(run) for run in value["rich"])
            if value.get("phonetic"):
                n = sum(len(run) for run in value["rich"])
                runs += '<rPh sb="0" eb="%d">%s</rPh>' % (
                    n, _t(value["phonetic"]))
                runs += '<phoneticPr fontId="0" type="noConversion"/>'
            return '<c%s t="s"><v>%d</v></c>' % (r, self.shared(runs))
        raise TypeError("unknown cell %r" % (value,))


def _sheet_xml(book, sheet, cell_refs):
    rows = sheet.get("rows", [])
    out = [XML_DECL, '<worksheet xmlns="%s" xmlns:r="%s">' % (NS_MAIN, NS_REL)]
    width = max([len(row) for row in rows] + [1])
    out.append('<dimension ref="A1:%s%d"/>' % (col_letters(width - 1),
                                               max(len(rows), 1)))
    out.append("<sheetData>")
    for i, row in enumerate(rows):
        if cell_refs:
            cells = "".join(book.cell("%s%d" % (col_letters(j), i + 1), v)
                            for j, v in enumerate(row))
            out.append('<row r="%d">%s</row>' % (i + 1, cells))
        else:
            # by position: an empty cell must still take its place
            cells = "".join(
                book.cell(None, v) if v is not None else "<c/>"
                for v in row)
            out.append("<row>%s</row>" % cells)
    out.append("</sheetData>")
    merges = sheet.get("merges", [])
    if merges:
        out.append('<mergeCells count="%d">' % len(merges))
        out.extend('<mergeCell ref="%s"/>' % m for m in merges)
        out.append("</mergeCells>")
    out.append("</worksheet>")
    return "".join(out)


def _styles_xml(book):
    numfmts = "".join(
        '<numFmt numFmtId="%d" formatCode=%s/>' % (fid, quoteattr(code))
        for code, fid in book.custom.items())
    xfs = "".join(
        '<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0"%s/>'
        % (fid, ' applyNumberFormat="1"' if fid else "")
        for fid in book.fmts)
    return "".join([
        XML_DECL, '<styleSheet xmlns="%s">' % NS_MAIN,
        '<numFmts count="%d">%s</numFmts>' % (len(book.custom), numfmts)
        if book.custom else "",
        '<fonts count="1"><font><sz val="11"/><name val="游ゴシック"/>'
        '<family val="3"/><charset val="128"/><scheme val="minor"/>'
        "</font></fonts>",
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>',
        '<borders count="1"><border><left/><right/><top/><bottom/>'
        "<diagonal/></border></borders>",
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs>',
        '<cellXfs count="%d">%s</cellXfs>' % (len(book.fmts), xfs),
        '<cellStyles count="1"><cellStyle name="標準" xfId="0" '
        'builtinId="0"/></cellStyles>',
        "</styleSheet>"])


def workbook_parts(sheets, date1904=False, absolute_targets=False,
                   styles=True, cell_refs=True):
    """The parts of the workbook as {zip member name: bytes}."""
    book = _Book(date1904)
    sheet_xml = [_sheet_xml(book, s, cell_refs) for s in sheets]
    if not styles and len(book.fmts) > 1:
        raise ValueError("formats need styles=True")
    prefix = "/xl/" if absolute_targets else ""
    rels = []
    for i in range(len(sheets)):
        rels.append((REL_TYPE + "worksheet",
                     "%sworksheets/sheet%d.xml" % (prefix, i + 1)))
    if styles:
        rels.append((REL_TYPE + "styles", prefix + "styles.xml"))
    if book.strings:
        rels.append((REL_TYPE + "sharedStrings", prefix + "sharedStrings.xml"))

    overrides = [("/xl/workbook.xml", "application/vnd.openxmlformats-"
                  "officedocument.spreadsheetml.sheet.main+xml")]
    overrides += [("/xl/worksheets/sheet%d.xml" % (i + 1), CT_SHEET)
                  for i in range(len(sheets))]
    if styles:
        overrides.append(("/xl/styles.xml", "application/vnd.openxmlformats-"
                          "officedocument.spreadsheetml.styles+xml"))
    if book.strings:
        overrides.append(("/xl/sharedStrings.xml",
                          "application/vnd.openxmlformats-officedocument."
                          "spreadsheetml.sharedStrings+xml"))
    parts = {}
    parts["[Content_Types].xml"] = "".join(
        [XML_DECL, '<Types xmlns="%s">' % NS_CT,
         '<Default Extension="rels" ContentType="application/vnd.'
         'openxmlformats-package.relationships+xml"/>',
         '<Default Extension="xml" ContentType="application/xml"/>']
        + ['<Override PartName="%s" ContentType="%s"/>' % o
           for o in overrides] + ["</Types>"])
    parts["_rels/.rels"] = "".join(
        [XML_DECL, '<Relationships xmlns="%s">' % NS_PKG,
         '<Relationship Id="rId1" Type="%sofficeDocument" '
         'Target="xl/workbook.xml"/>' % REL_TYPE, "</Relationships>"])
    parts["xl/workbook.xml"] = "".join(
        [XML_DECL, '<workbook xmlns="%s" xmlns:r="%s">' % (NS_MAIN, NS_REL),
         '<workbookPr%s/>' % (' date1904="1"' if date1904 else ""),
         '<bookViews><workbookView activeTab="0"/></bookViews><sheets>']
        + ['<sheet name=%s sheetId="%d"%s r:id="rId%d"/>'
           % (quoteattr(s["name"]), i + 1,
              ' state="hidden"' if s.get("hidden") else "", i + 1)
           for i, s in enumerate(sheets)]
        + ["</sheets></workbook>"])
    parts["xl/_rels/workbook.xml.rels"] = "".join(
        [XML_DECL, '<Relationships xmlns="%s">' % NS_PKG]
        + ['<Relationship Id="rId%d" Type="%s" Target="%s"/>'
           % (i + 1, t, target) for i, (t, target) in enumerate(rels)]
        + ["</Relationships>"])
    for i, xml in enumerate(sheet_xml):
        parts["xl/worksheets/sheet%d.xml" % (i + 1)] = xml
    if styles:
        parts["xl/styles.xml"] = _styles_xml(book)
    if book.strings:
        parts["xl/sharedStrings.xml"] = "".join(
            [XML_DECL, '<sst xmlns="%s" count="%d" uniqueCount="%d">'
             % (NS_MAIN, len(book.strings), len(book.strings))]
            + ["<si>%s</si>" % body for body in book.strings] + ["</sst>"])
    return {name: text.encode("utf-8") for name, text in parts.items()}


def write_parts(path, parts):
    """Zips {name: bytes} (deflated, in the given order) into path."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def write_xlsx(path, sheets, date1904=False, **options):
    """Writes the workbook described by `sheets` (see the module doc)."""
    write_parts(path, workbook_parts(sheets, date1904=date1904, **options))


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: workbook.py OUT.xlsx SPEC.json|-\n")
        return 2
    if argv[2] == "-":
        spec = json.load(sys.stdin)
    else:
        with open(argv[2], encoding="utf-8") as f:
            spec = json.load(f)
    write_xlsx(argv[1], spec["sheets"], date1904=spec.get("date1904", False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
