# SPDX-License-Identifier: MIT
"""Fills cloudvet's questionnaire workbook the way a vendor would.

Takes the workbook `cloudvet template --format xlsx` wrote and a
questionnaire (JSON, or XML converted to the JSON model as
tests/rules/forms.py reads it) and writes the filled workbook: every
value of the questionnaire into the cell the template's key row and key
column give it, with the template's cell style kept. Standard library
only (zipfile + xml.etree), so it is a second implementation of the
layout (docs/workbook.md), not cloudvet's own.

  - numbers go into number cells as numeric cells, written as Excel
    stores floats (17 significant digits: 99.95 -> 99.950000000000003);
    a number the vendor wrote with its unit ("4時間以内") stays text;
  - dates as date serials (--dates serial, what Excel stores when a date
    is typed into a date cell) or as text (--dates text);
  - enum values and booleans as the drop-down words of workbook.json in
    --words ja|en|value (value: the schema's own values, "yes", "true");
  - strings as inline strings (--strings inline) or through the shared
    string table (--strings shared), as Excel and LibreOffice save them;
  - a table with more items than the template's blank rows grows, with
    the style of its last row; a string list longer than the template
    offers is an error (the template must be generous enough).
Every scalar of the questionnaire must land in a cell (except `format`
and an answer's `question`): one that does not is an error, so a field
the workbook cannot carry fails the test instead of vanishing.

usage: fill.py TEMPLATE.xlsx QUESTIONNAIRE OUT.xlsx CRITERIA_DIR
               [--dates serial|text] [--words ja|en|value]
               [--strings inline|shared] [--set PATH=TEXT]...
               [--num PATH=NUMBER]...
--set PATH=TEXT overrides one value of the fields sheet (a dotted path,
"sla.availability_percent=たくさん"), written as a string cell; --num
writes a numeric cell, stored as Excel stores the float. Each prints the
cell it wrote ("基本情報!C28").
"""
import datetime
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "rules"))
import forms  # noqa: E402  (the JSON model of XML questionnaires)

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"
ET.register_namespace("", NS)
ET.register_namespace("r", RNS)
Q = "{%s}" % NS
REF = re.compile(r"([A-Z]+)(\d+)$")


class FillError(Exception):
    pass


def col_letters(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def parse_ref(ref):
    m = REF.match(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col - 1


# ---- the workbook ------------------------------------------------------------

class Workbook:
    def __init__(self, path):
        self.zin = zipfile.ZipFile(path)
        self.parts = {n: self.zin.read(n) for n in self.zin.namelist()}
        self.shared = []
        if "xl/sharedStrings.xml" in self.parts:
            root = ET.fromstring(self.parts["xl/sharedStrings.xml"])
            for si in root.findall(Q + "si"):
                self.shared.append("".join(t.text or ""
                                           for t in si.iter(Q + "t")))
        wb = ET.fromstring(self.parts["xl/workbook.xml"])
        rels = ET.fromstring(self.parts["xl/_rels/workbook.xml.rels"])
        target = {r.get("Id"): r.get("Target")
                  for r in rels.findall("{%s}Relationship" % PNS)}
        self.sheets = []            # (name, part name, tree)
        for s in wb.iter(Q + "sheet"):
            t = target[s.get("{%s}id" % RNS)].lstrip("/")
            part = t if t.startswith("xl/") else "xl/" + t
            self.sheets.append(Sheet(self, s.get("name"), part,
                                     ET.fromstring(self.parts[part])))
        self.new_shared = list(self.shared)

    def sheet(self, name):
        for s in self.sheets:
            if s.name == name:
                return s
        return None

    def save(self, out, shared):
        parts = dict(self.parts)
        for s in self.sheets:
            parts[s.part] = ET.tostring(s.root, xml_declaration=True,
                                        encoding="UTF-8")
        if shared and len(self.new_shared) != len(self.shared):
            sst = ET.Element(Q + "sst", count=str(len(self.new_shared)),
                             uniqueCount=str(len(self.new_shared)))
            for text in self.new_shared:
                si = ET.SubElement(sst, Q + "si")
                t = ET.SubElement(si, Q + "t")
                t.text = text
                t.set("{http://www.w3.org/XML/1998/namespace}space",
                      "preserve")
            parts["xl/sharedStrings.xml"] = ET.tostring(
                sst, xml_declaration=True, encoding="UTF-8")
            if "xl/sharedStrings.xml" not in self.parts:
                raise FillError("the template has no shared string table")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name in self.zin.namelist():
                z.writestr(name, parts[name])


class Sheet:
    def __init__(self, wb, name, part, root):
        self.wb, self.name, self.part, self.root = wb, name, part, root
        self.data = root.find(Q + "sheetData")

    def rows(self):
        return {int(r.get("r")): r for r in self.data.findall(Q + "row")}

    def text(self, c):
        t = c.get("t")
        if t == "inlineStr":
            return "".join(x.text or "" for x in c.iter(Q + "t"))
        v = c.find(Q + "v")
        if v is None:
            return None
        if t == "s":
            return self.wb.shared[int(v.text)]
        return v.text

    def cells(self, rownum):
        r = self.rows().get(rownum)
        out = {}
        if r is None:
            return out
        for c in r.findall(Q + "c"):
            _, col = parse_ref(c.get("r"))
            out[col] = c
        return out

    def row_el(self, rownum, like=None):
        rows = self.rows()
        if rownum in rows:
            return rows[rownum]
        r = ET.Element(Q + "row", r=str(rownum))
        if like is not None:
            for a in ("ht", "customHeight", "s", "customFormat"):
                if like.get(a):
                    r.set(a, like.get(a))
        after = [n for n in rows if n < rownum]
        kids = list(self.data)
        pos = kids.index(rows[max(after)]) + 1 if after else 0
        self.data.insert(pos, r)
        return r

    def cell_el(self, rownum, col, style=None):
        r = self.row_el(rownum)
        ref = col_letters(col) + str(rownum)
        later = None
        for c in r.findall(Q + "c"):
            if c.get("r") == ref:
                return c
            if parse_ref(c.get("r"))[1] > col and later is None:
                later = c
        c = ET.Element(Q + "c", r=ref)
        if style:
            c.set("s", style)
        if later is not None:
            r.insert(list(r).index(later), c)
        else:
            r.append(c)
        return c

    def put(self, rownum, col, value, shared):
        """value: ("s", text) | ("n", number text)."""
        c = self.cell_el(rownum, col)
        style = c.get("s")
        c.clear()
        c.set("r", col_letters(col) + str(rownum))
        if style:
            c.set("s", style)
        kind, text = value
        if kind == "n":
            ET.SubElement(c, Q + "v").text = text
        elif shared:
            c.set("t", "s")
            self.wb.new_shared.append(text)
            ET.SubElement(c, Q + "v").text = str(len(self.wb.new_shared) - 1)
        else:
            c.set("t", "inlineStr")
            t = ET.SubElement(ET.SubElement(c, Q + "is"), Q + "t")
            t.text = text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def grow_like(self, rownum, model_row):
        """Row `rownum` with the cells (styles) of row `model_row`."""
        src = self.rows()[model_row]
        r = self.row_el(rownum, like=src)
        for c in src.findall(Q + "c"):
            _, col = parse_ref(c.get("r"))
            self.cell_el(rownum, col, c.get("s"))
        return r


# ---- values ------------------------------------------------------------------

class Words:
    def __init__(self, criteria, lang):
        with open(os.path.join(criteria, "data", "workbook.json"),
                  encoding="utf-8") as f:
            self.doc = json.load(f)
        self.lang = lang

    def word(self, field, value):
        if self.lang == "value":
            if isinstance(value, bool):
                return "true" if value else "false"
            return value
        if isinstance(value, bool):
            for b in self.doc["booleans"]:
                if b["value"] is value:
                    return b["word"][self.lang]
        for v in self.doc["values"]:
            if v["field"] == field and v["value"] == value:
                return v["word"][self.lang]
        return value


class Filler:
    def __init__(self, schema, words, dates, shared):
        self.sc, self.words, self.dates = schema, words, dates
        self.shared = shared
        self.placed = set()

    def schema_at(self, dotted):
        s = self.sc.doc
        for step in dotted.split("."):
            s = self.sc.member(s, step)
            if s is None:
                return None
            while s.get("type") == "array":
                s = self.sc.resolve(s["items"])
        return s

    def cell_value(self, dotted, v):
        s = self.schema_at(dotted) or {}
        if isinstance(v, bool) or "enum" in s:
            return ("s", self.words.word(dotted, v))
        if isinstance(v, forms.Num):
            if s.get("type") in ("number", "integer"):
                return ("n", excel_float(v))
            return ("s", str(v))
        if s.get("format") == "date" and self.dates == "serial":
            try:
                d = datetime.date.fromisoformat(v)
                return ("n", str((d - datetime.date(1899, 12, 30)).days))
            except (TypeError, ValueError):
                pass
        return ("s", str(v))


def get_path(model, path):
    """The value at "a.b[2].c" (indices) or None."""
    cur = model
    for step in path.split("."):
        m = re.fullmatch(r"([a-z_]+)(?:\[(\d+)\])?", step)
        if not isinstance(cur, dict) or m.group(1) not in cur:
            return None
        cur = cur[m.group(1)]
        if m.group(2) is not None:
            i = int(m.group(2))
            if not isinstance(cur, list) or i >= len(cur):
                return None
            cur = cur[i]
    return cur


def leaves(v, path=""):
    if isinstance(v, dict):
        for k, x in v.items():
            yield from leaves(x, f"{path}.{k}" if path else k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from leaves(x, f"{path}[{i}]")
    elif v is not None:
        yield path, v


def strip_indices(path):
    return re.sub(r"\[\d+\]", "", path)


def fill_fields(f, sh, model):
    seen = {}
    keys = sh.cells(1)
    vcol = next(c for c, el in keys.items() if sh.text(el) == "#value")
    for rownum in sorted(sh.rows()):
        if rownum < 3:
            continue
        cells = sh.cells(rownum)
        path = sh.text(cells[0]) if 0 in cells else None
        if not path or path.startswith("#"):
            continue
        if path.endswith("[]"):
            k = seen.get(path, 0)
            seen[path] = k + 1
            path = f"{path[:-2]}[{k}]"
        v = get_path(model, path)
        if v is None or isinstance(v, (dict, list)):
            continue
        sh.put(rownum, vcol, f.cell_value(strip_indices(path), v), f.shared)
        f.placed.add(path)


def table_columns(sh):
    """[(col, key)] of the key row, "#" columns left out."""
    out = []
    for col, el in sorted(sh.cells(1).items()):
        k = sh.text(el)
        if col > 0 and k and not k.startswith("#"):
            out.append((col, k))
    return out


def fill_item(f, sh, rownum, array, index, item, cols):
    seen = {}
    for col, key in cols:
        if key.endswith("[]"):
            k = seen.get(key, 0)
            seen[key] = k + 1
            path = f"{key[:-2]}[{k}]"
        else:
            path = key
        v = get_path(item, path)
        if v is None or isinstance(v, (dict, list)):
            continue
        full = f"{array}[{index}].{path}"
        sh.put(rownum, col, f.cell_value(strip_indices(full), v), f.shared)
        f.placed.add(full)


def fill_table(f, sh, array, model):
    items = get_path(model, array) or []
    cols = table_columns(sh)
    rows = sorted(n for n in sh.rows() if n >= 3)
    idcol = next((c for c, k in cols if k == "id"), None)
    if array == "answers":
        by_id = {}
        for n in rows:
            cells = sh.cells(n)
            if idcol in cells:
                by_id.setdefault(sh.text(cells[idcol]), n)
        spare = (max(rows) if rows else 2) + 1
        for i, a in enumerate(items):
            n = by_id.pop(a.get("id"), None)
            if n is None:
                n = spare
                spare += 1
                sh.grow_like(n, rows[-1])
            fill_item(f, sh, n, array, i, a, cols)
        return
    for i, item in enumerate(items):
        n = 3 + i
        if n not in sh.rows():
            sh.grow_like(n, max(sh.rows()))
        fill_item(f, sh, n, array, i, item, cols)


def excel_float(text):
    """A number as Excel stores it: the float's 17 significant digits."""
    f = float(text)
    return str(int(f)) if f.is_integer() and abs(f) < 1e15 else "%.17g" % f


def set_override(wb, f, model, path, value):
    """Writes `value` (("s", text) or ("n", number)) where `path` goes."""
    for sh in wb.sheets:
        keys = sh.cells(1)
        a1 = sh.text(keys[0]) if 0 in keys else None
        if a1 == "#path":
            vcol = next(c for c, el in keys.items() if sh.text(el) ==
                        "#value")
            for n in sorted(sh.rows()):
                cells = sh.cells(n)
                if n >= 3 and 0 in cells and sh.text(cells[0]) == path:
                    sh.put(n, vcol, value, f.shared)
                    return f"{sh.name}!{col_letters(vcol)}{n}"
    raise FillError(f"--set: no cell for {path}")


def main(argv):
    args, opts, sets = [], {"--dates": "text", "--words": "ja",
                            "--strings": "inline"}, []
    it = iter(argv[1:])
    for a in it:
        if a in ("--set", "--num"):
            sets.append((a, next(it)))
        elif a in opts:
            opts[a] = next(it)
        else:
            args.append(a)
    if len(args) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    template, src, out, criteria = args
    with open(os.path.join(criteria, "schema",
                           "questionnaire-v1.schema.json"),
              encoding="utf-8") as fh:
        sc = forms.Schema(json.load(fh))
    model = forms.read_model(sc, src)
    if model is None:
        raise FillError(f"{src}: not a readable questionnaire")
    wb = Workbook(template)
    f = Filler(sc, Words(criteria, opts["--words"]), opts["--dates"],
               opts["--strings"] == "shared")
    for sh in wb.sheets:
        keys = sh.cells(1)
        a1 = sh.text(keys[0]) if 0 in keys else None
        if a1 == "#path":
            fill_fields(f, sh, model)
        elif a1 and a1.endswith("[]"):
            fill_table(f, sh, a1[:-2], model)
    for opt, s in sets:
        path, _, text = s.partition("=")
        value = ("n", excel_float(text)) if opt == "--num" else ("s", text)
        print(set_override(wb, f, model, path, value))
        f.placed.add(path)
    missing = [p for p, _ in leaves(model)
               if p != "format" and not re.fullmatch(r"answers\[\d+\]\.question", p)
               and p not in f.placed]
    if missing:
        raise FillError(f"{src}: no cell for " + ", ".join(missing[:10]))
    wb.save(out, f.shared)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except FillError as e:
        print(f"fill.py: {e}", file=sys.stderr)
        sys.exit(1)
