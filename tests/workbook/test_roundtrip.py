# SPDX-License-Identifier: MIT
"""cloudvet's own workbook, both ways (docs/workbook.md).

`cloudvet template --format xlsx` writes the workbook; tests/workbook/
fill.py fills it from a questionnaire as a vendor would; `evaluate` and
`check` read it back. Checks, one per CTest test:

  roundtrip    every sample (JSON and XML; not the deliberately malformed
               one) filled into the workbook gets the same results as the
               sample itself: verdict, score, rank, needs_review, the
               count of errors and warnings, and per criterion status,
               points and reason (locations masked). Dates are written
               as date serials for some samples and as text for the
               others, strings inline or shared, the drop-down words in
               Japanese, in English (a ja workbook filled by an English
               vendor) or as the schema's values; all mixed in one
               evaluate with JSON and XML files.
  libreoffice  the same after `soffice --headless --convert-to xlsx`
               saved every filled workbook again (skipped, saying so,
               when LibreOffice is not installed).
  located      a value the normaliser cannot read ("たくさん" as the
               availability) is an error at its cell, file:Sheet!C12, in
               `check` and in report.json; a key row typo is a warning at
               the key's cell; an empty answers row is no answer.
  numbers      a number cell holds the float Excel stores (99.999 is
               99.998999999999995) and reads back as typed (99.999, 99.95,
               5.1, 99.9, which meets the 99.9 % threshold exactly).
  languages    the ja and the en template both read back.
  dropdowns    the template's drop-downs: the response column's list is
               はい/いいえ/一部/該当なし, the scheme list holds the schemes of
               criteria/data/schemes.json, on a hidden lists sheet; every
               text is a string cell (no formula anywhere).
  lint         `criteria lint` holds criteria/data/workbook.json to the
               schema: keys, enum values, unambiguous words, sheet names,
               unknown members.
  terminal     `template --format xlsx` refuses a terminal.

usage: test_roundtrip.py CLOUDVET SRC_DIR CHECK [--criteria DIR]
Prints one line per check and "N passed, N failed"; exit 77: skipped."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
FILL = os.path.join(HERE, "fill.py")
AS_OF = "2026-11-21"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SKIP = 77


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
            print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what)
        return cond

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed or not self.passed else 0


def template_env(env):
    """libxlsxwriter 1.1.4's own leak suppressed for the template command
    when it runs under the sanitizers (tests/workbook/lsan.supp says
    which); nothing else reads LSAN_OPTIONS."""
    env = dict(env)
    supp = "suppressions=" + os.path.join(HERE, "lsan.supp")
    env["LSAN_OPTIONS"] = ":".join(x for x in (env.get("LSAN_OPTIONS"),
                                               supp) if x)
    return env


class Env:
    def __init__(self, cloudvet, src, criteria):
        self.cloudvet, self.src, self.criteria = cloudvet, src, criteria
        self.tmp = tempfile.mkdtemp(prefix="cv-workbook-")

    def run(self, *args, lang="en", **kw):
        return subprocess.run([self.cloudvet, "--lang", lang, "--criteria",
                               self.criteria] + list(args),
                              capture_output=True, timeout=300, **kw)

    def template(self, lang):
        path = os.path.join(self.tmp, f"template-{lang}.xlsx")
        if not os.path.exists(path):
            with open(path, "wb") as f:
                p = subprocess.run([self.cloudvet, "--lang", lang,
                                    "--criteria", self.criteria, "template",
                                    "--format", "xlsx"], stdout=f,
                                   stderr=subprocess.PIPE, timeout=120,
                                   env=template_env(os.environ))
            if p.returncode != 0:
                raise RuntimeError(f"template --format xlsx exited "
                                   f"{p.returncode}: {p.stderr.decode()}")
        return path

    def fill(self, template, src, out, *opts):
        p = subprocess.run([sys.executable, FILL, template, src, out,
                            self.criteria] + list(opts),
                           capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            raise RuntimeError(f"fill.py {src}: {p.stderr}")
        return p.stdout

    def evaluate(self, directory):
        p = self.run("evaluate", "--format", "json", "--no-registry",
                     "--as-of", AS_OF, "--out", "-", directory, text=True)
        if p.returncode not in (0, 3):
            raise RuntimeError(f"evaluate exited {p.returncode}: {p.stderr}")
        out = {}
        for s in json.loads(p.stdout)["submissions"]:
            out[os.path.splitext(os.path.basename(s["file"]))[0]] = s
        return out

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def samples(src):
    paths = sorted(glob.glob(os.path.join(src, "samples", "*.json")) +
                   glob.glob(os.path.join(src, "samples", "*.xml")))
    # A questionnaire round-trips through cloudvet's workbook; an OSCAL
    # system security plan is another model (its own reader), and the
    # malformed sample has no facts to carry.
    return [p for p in paths
            if "09-malformed" not in p and "-oscal-" not in p]


# A JSON Pointer, an XPath or a cell reference, with line:column: all name
# the same member in their own form.
LOCATION = re.compile(r"(/questionnaire)?(/[A-Za-z0-9_~\-]+(\[\d+\])?)+"
                      r"( \(\d+(:\d+)?\))?|('[^']*'|[^\s'!:;,()]+)![A-Z]+\d+")


def masked(text):
    return LOCATION.sub("<loc>", text or "")


def summary(s):
    diags = {}
    for d in s.get("diagnostics") or []:
        if d.get("severity") in ("error", "warning"):
            diags[d["severity"]] = diags.get(d["severity"], 0) + 1
    return {
        "verdict": s["verdict"], "score": s["score"], "rank": s["rank"],
        "needs_review": s["needs_review"], "diagnostics": diags,
        "results": [(r["id"], r["status"], r["points"], masked(r["reason"]))
                    for r in s["results"]],
    }


def first_difference(a, b):
    for k in a:
        if a[k] != b[k]:
            if k == "results":
                for x, y in zip(a[k], b[k]):
                    if x != y:
                        return f"{x} vs {y}"
            return f"{k}: {a[k]} vs {b[k]}"
    return ""


# How each sample is filled: dates, drop-down words, strings. Every
# option is used by some sample.
VARIANTS = [("serial", "ja", "inline"), ("text", "en", "shared"),
            ("serial", "value", "shared"), ("text", "ja", "inline")]


def fill_all(e, template, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    stems = []
    for i, path in enumerate(samples(e.src)):
        stem = os.path.splitext(os.path.basename(path))[0]
        dates, words, strings = VARIANTS[i % len(VARIANTS)]
        e.fill(template, path, os.path.join(out_dir, stem + ".xlsx"),
               "--dates", dates, "--words", words, "--strings", strings)
        stems.append(stem)
    return stems


def compare(t, base, got, stems, what):
    for stem in stems:
        b, g = base.get(stem), got.get(stem)
        if not t.check(b is not None and g is not None,
                       f"{stem}: evaluated in both forms ({what})"):
            continue
        sb, sg = summary(b), summary(g)
        t.check(sb == sg, f"{stem}: the {what} gets the same results as "
                f"the sample ({sb['verdict']}, {sb['score']})"
                + ("" if sb == sg else " (" + first_difference(sb, sg) + ")"))


def originals(e):
    d = os.path.join(e.tmp, "orig")
    os.makedirs(d, exist_ok=True)
    for p in samples(e.src):
        shutil.copy(p, d)
    return e.evaluate(d)


def test_roundtrip(e, t):
    base = originals(e)
    d = os.path.join(e.tmp, "filled")
    stems = fill_all(e, e.template("ja"), d)
    t.check(len(stems) >= 9, f"{len(stems)} samples filled")
    compare(t, base, e.evaluate(d), stems, "filled workbook")
    # One evaluate of a mixed batch: workbooks beside JSON and XML files.
    mixed = os.path.join(e.tmp, "mixed")
    os.makedirs(mixed)
    for i, p in enumerate(samples(e.src)):
        stem = os.path.splitext(os.path.basename(p))[0]
        if i % 2:
            shutil.copy(p, mixed)
        else:
            shutil.copy(os.path.join(d, stem + ".xlsx"), mixed)
    compare(t, base, e.evaluate(mixed), stems, "mixed batch")


def soffice_convert(e, files, outdir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    profile = tempfile.mkdtemp(prefix="cv-lo-profile-")
    try:
        p = subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless",
             "--calc", "--convert-to", "xlsx", "--outdir", outdir] + files,
            capture_output=True, text=True, timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return p


def test_libreoffice(e, t):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        print("skipped: LibreOffice (soffice) is not installed; CI installs "
              "libreoffice-calc-nogui")
        return SKIP
    base = originals(e)
    d = os.path.join(e.tmp, "filled")
    stems = fill_all(e, e.template("ja"), d)
    saved = os.path.join(e.tmp, "saved")
    os.makedirs(saved)
    p = soffice_convert(e, sorted(glob.glob(os.path.join(d, "*.xlsx"))),
                        saved)
    t.check(p.returncode == 0, f"soffice converted the workbooks "
            f"({p.returncode}: {p.stderr.strip()[:200]})")
    t.check(len(glob.glob(os.path.join(saved, "*.xlsx"))) == len(stems),
            "every workbook was saved again by LibreOffice")
    for f in glob.glob(os.path.join(saved, "*.xlsx")):
        same = zipfile.ZipFile(f).read("xl/workbook.xml") != \
            zipfile.ZipFile(os.path.join(d, os.path.basename(f))).read(
                "xl/workbook.xml")
        t.check(same, f"{os.path.basename(f)}: rewritten by LibreOffice, "
                "not copied")
    compare(t, base, e.evaluate(saved), stems, "workbook saved by "
            "LibreOffice")
    # The blank template saved by LibreOffice is still cloudvet's workbook.
    blank = os.path.join(e.tmp, "blank")
    os.makedirs(blank)
    soffice_convert(e, [e.template("en")], blank)
    r = e.run("check", "--as-of", AS_OF, "--no-registry",
              os.path.join(blank, "template-en.xlsx"), text=True)
    t.check("not know how to read" not in r.stderr + r.stdout and
            r.returncode in (0, 1, 6),
            f"the blank template saved by LibreOffice reads "
            f"(exit {r.returncode})")
    return 0


def cell_of(stdout):
    return stdout.strip().splitlines()[-1]


def test_located(e, t):
    tpl = e.template("ja")
    src = os.path.join(e.src, "samples", "01-qualified-sakura.json")
    bad = os.path.join(e.tmp, "bad.xlsx")
    cell = cell_of(e.fill(tpl, src, bad, "--set",
                          "sla.availability_percent=たくさん"))
    t.check(re.fullmatch(r"基本情報!C\d+", cell) is not None,
            f"the availability is written at {cell}")
    r = e.run("check", "--as-of", AS_OF, "--no-registry", bad, lang="ja",
              text=True)
    out = r.stdout + r.stderr
    t.check(f"{bad}:{cell}" in out or f"bad.xlsx:{cell}" in out,
            f"check names the cell: {bad}:{cell}")
    t.check("たくさん" in out, "check quotes the value")
    d = os.path.join(e.tmp, "located")
    os.makedirs(d)
    shutil.copy(bad, d)
    s = e.evaluate(d)["bad"]
    hits = [x for x in s.get("diagnostics") or []
            if x.get("path") == cell and x.get("severity") == "error"]
    t.check(len(hits) == 1, f"report.json has the error at path {cell}")
    # A key row typo: a warning at the key's cell, the column not read.
    wb = zipfile.ZipFile(bad)
    parts = {n: wb.read(n) for n in wb.namelist()}
    sheet = sheet_part(parts, "認証")
    xml = parts[sheet].decode("utf-8")
    shared = shared_strings(parts)
    idx = shared.index("scheme") if "scheme" in shared else None
    t.check(idx is not None, "the certifications key row holds 'scheme'")
    xml2 = xml.replace(f"<v>{idx}</v>", "<v>999999</v>", 1) \
        if idx is not None else xml
    # an inline typo in place of the shared string "scheme"
    xml2 = re.sub(r'<c r="([A-Z]+1)"([^>]*) t="s"><v>999999</v></c>',
                  r'<c r="\1"\2 t="inlineStr"><is><t>schem</t></is></c>',
                  xml2, count=1)
    parts[sheet] = xml2.encode("utf-8")
    typo = os.path.join(e.tmp, "typo.xlsx")
    with zipfile.ZipFile(typo, "w") as z:
        for n in wb.namelist():
            z.writestr(n, parts[n])
    r = e.run("check", "--as-of", AS_OF, "--no-registry", typo, text=True)
    out = r.stdout + r.stderr
    t.check(re.search(r"typo\.xlsx:認証![A-Z]+1\b.*schem", out) is not None,
            "a key the schema does not know is a warning at its cell")
    # check prints the status in the run's words (the shared vocabulary
    # of view.c: "not met", "claimed (check)"), never a raw token.
    t.check(re.search(r"CLOUD-CERT \[(not met|claimed \(check\))\]", out)
            is not None,
            "and the certifications lose their scheme (CLOUD-CERT is no "
            "longer met)")
    # An empty answers row is no answer: the blank template answers
    # nothing.
    d2 = os.path.join(e.tmp, "answers")
    os.makedirs(d2)
    shutil.copy(e.template("ja"), os.path.join(d2, "empty.xlsx"))
    s = e.evaluate(d2)["empty"]
    t.check(all(r["status"] == "unanswered" for r in s["results"]) and
            s["verdict"] == "disqualified",
            "the blank template is read as unanswered "
            f"({s['verdict']})")
    t.check(any("ファイル名" in (x.get("message") or "") or
                "file name" in (x.get("message") or "")
                for x in s.get("diagnostics") or []),
            "a workbook without a vendor name is named after its file")


def test_numbers(e, t):
    """Excel stores 99.999 as 99.998999999999995: it reads back as typed."""
    src = os.path.join(e.src, "samples", "01-qualified-sakura.json")
    d = os.path.join(e.tmp, "numbers")
    os.makedirs(d)
    cases = {"a99999": ("sla.availability_percent", "99.999", "99.999"),
             "a9995": ("sla.availability_percent", "99.95", "99.95"),
             "rto51": ("sla.rto_hours", "5.1", "5.1"),
             "a999": ("sla.availability_percent", "99.9", "99.9")}
    for stem, (path, num, _) in cases.items():
        e.fill(e.template("ja"), src, os.path.join(d, stem + ".xlsx"),
               "--num", f"{path}={num}")
    with zipfile.ZipFile(os.path.join(d, "a99999.xlsx")) as z:
        stored = b"99.998999999999995" in z.read(sheet_part(
            {n: z.read(n) for n in z.namelist()}, "基本情報"))
    t.check(stored, "the cell holds the float as Excel stores it "
            "(99.998999999999995)")
    got = e.evaluate(d)
    for stem, (path, _, shown) in cases.items():
        r = next(x for x in got[stem]["results"]
                 if x["id"] == "CLOUD-SLA-METRICS")
        t.check(re.search(r"(?<![0-9.])" + re.escape(shown) +
                          r"(?![0-9])", r["reason"]) is not None and
                r["status"] in ("met", "claimed"),
                f"{path} typed {shown} reads back as {shown} "
                f"({r['status']}: {r['reason'][:80]})")


def sheet_part(parts, name):
    wbx = ET.fromstring(parts["xl/workbook.xml"])
    rels = ET.fromstring(parts["xl/_rels/workbook.xml.rels"])
    rid = None
    for s in wbx.iter(NS + "sheet"):
        if s.get("name") == name:
            rid = s.get("{http://schemas.openxmlformats.org/"
                        "officeDocument/2006/relationships}id")
    for r in rels:
        if r.get("Id") == rid:
            return "xl/" + r.get("Target").lstrip("/").replace("xl/", "", 1)
    return None


def shared_strings(parts):
    if "xl/sharedStrings.xml" not in parts:
        return []
    root = ET.fromstring(parts["xl/sharedStrings.xml"])
    return ["".join(x.text or "" for x in si.iter(NS + "t"))
            for si in root.findall(NS + "si")]


def test_languages(e, t):
    src = os.path.join(e.src, "samples", "01-qualified-sakura.json")
    base = originals(e)
    d = os.path.join(e.tmp, "langs")
    os.makedirs(d)
    for lang in ("ja", "en"):
        for words in ("ja", "en"):
            e.fill(e.template(lang), src,
                   os.path.join(d, f"{lang}-{words}.xlsx"), "--words", words)
    got = e.evaluate(d)
    want = summary(base["01-qualified-sakura"])
    for stem in sorted(got):
        g = summary(got[stem])
        t.check(g == want, f"the {stem[:2]} template filled with "
                f"{stem[3:]} words reads back"
                + ("" if g == want else " (" + first_difference(want, g)
                   + ")"))
    t.check(len(got) == 4, "four workbooks evaluated")


def col_range(sqref):
    m = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", sqref.split()[0])
    return m.group(1), int(m.group(2)), int(m.group(4))


def list_words(parts, formula):
    """(sheet, words) of a list validation: an inline list ("a,b") or a
    range of the lists sheet."""
    if formula.startswith('"'):
        return None, formula.strip('"').split(",")
    m = re.fullmatch(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)",
                     formula)
    if not m:
        return None, []
    name, col, lo, hi = m.group(1), m.group(2), int(m.group(3)), \
        int(m.group(4))
    part = sheet_part(parts, name)
    shared = shared_strings(parts)
    root = ET.fromstring(parts[part])
    out = []
    for c in root.iter(NS + "c"):
        mm = re.fullmatch(r"([A-Z]+)(\d+)", c.get("r"))
        if mm.group(1) == col and lo <= int(mm.group(2)) <= hi:
            v = c.find(NS + "v")
            if c.get("t") == "s":
                out.append(shared[int(v.text)])
            elif c.get("t") == "inlineStr":
                out.append("".join(x.text or "" for x in c.iter(NS + "t")))
    return name, out


def test_dropdowns(e, t):
    parts = {}
    with zipfile.ZipFile(e.template("ja")) as z:
        for n in z.namelist():
            parts[n] = z.read(n)
    wbx = ET.fromstring(parts["xl/workbook.xml"])
    states = {s.get("name"): s.get("state") for s in wbx.iter(NS + "sheet")}
    t.check(states.get("_cloudvet") == "hidden" and
            states.get("_lists") == "hidden",
            "the marker and lists sheets are hidden")
    answers = ET.fromstring(parts[sheet_part(parts, "回答")])
    dvs = list(answers.iter(NS + "dataValidation"))
    shared = shared_strings(parts)
    # The response column: the key row's "response".
    resp_col = None
    for c in answers.iter(NS + "c"):
        if c.get("r").endswith("1") and re.fullmatch(r"[A-Z]+1",
                                                      c.get("r")):
            v = c.find(NS + "v")
            if v is not None and c.get("t") == "s" and \
                    shared[int(v.text)] == "response":
                resp_col = c.get("r")[:-1]
    t.check(resp_col is not None, f"the answers key row has 'response' "
            f"(column {resp_col})")
    found = None
    for dv in dvs:
        col, lo, hi = col_range(dv.get("sqref"))
        if col == resp_col:
            found = (dv, lo, hi)
    t.check(found is not None, "the response column has a dataValidation")
    if found:
        dv, lo, hi = found
        t.check(dv.get("type") == "list" and lo == 3,
                f"a list from row 3 (rows {lo}-{hi})")
        name, words = list_words(parts, dv.find(NS + "formula1").text)
        t.check(words == ["はい", "いいえ", "一部", "該当なし"],
                f"the list is はい/いいえ/一部/該当なし ({name}: {words})")
        t.check(dv.get("errorStyle") in (None, "stop"),
                "and nothing else may be typed")
    # The long lists are ranges of the hidden lists sheet: the countries.
    storage = ET.fromstring(parts[sheet_part(parts, "保管場所")])
    ranges = [list_words(parts, dv.find(NS + "formula1").text)
              for dv in storage.iter(NS + "dataValidation")]
    t.check(any(n == "_lists" and "日本" in w and len(w) > 200
                for n, w in ranges),
            "the country drop-down is a range of the lists sheet holding "
            "every country")
    t.check(any(dv.get("errorStyle") == "warning"
                for dv in storage.iter(NS + "dataValidation")),
            "a table-backed list warns but lets another value through")
    with open(os.path.join(e.criteria, "data", "schemes.json"),
              encoding="utf-8") as f:
        schemes = json.load(f)
    ids = [x.get("id") or x.get("scheme") for x in schemes["entries"]]
    certs = ET.fromstring(parts[sheet_part(parts, "認証")])
    lists = []
    for dv in certs.iter(NS + "dataValidation"):
        lists.append(list_words(parts, dv.find(NS + "formula1").text)[1])
    t.check(any(ids and ids[0] in w and "ISMAP" in w for w in lists),
            f"the scheme drop-down lists the schemes of schemes.json "
            f"({ids[:3]})")
    formulas = [n for n, b in parts.items()
                if n.startswith("xl/worksheets/") and b"<f>" in b]
    t.check(not formulas, "no cell holds a formula")


def test_lint(e, t):
    """workbook.json is held strictly by `criteria lint` (and by every
    command that loads the criteria)."""
    r = e.run("criteria", "lint", text=True)
    t.check(r.returncode == 0, f"the criteria as they are pass lint "
            f"({r.stderr.strip()[:200]})")

    def col(d, sheet, key):
        sh = next(x for x in d["sheets"] if x["id"] == sheet)
        return next(c for c in sh.get("columns", sh.get("rows", []))
                    if c.get("key") == key)

    def typo_key(d):
        col(d, "certifications", "scheme")["key"] = "schem"

    def unknown_member(d):
        d["values"][0]["colour"] = "red"

    def not_an_enum_value(d):
        d["values"][0]["value"] = "maybe"

    def ambiguous_word(d):
        d["values"][1]["word"]["en"] = "YES"   # "yes" is already a word

    def bad_sheet_name(d):
        d["sheets"][0]["name"]["ja"] = "回答:1"

    def repeat_without_list(d):
        col(d, "certifications", "holder")["repeat"] = 3

    def unknown_list(d):
        col(d, "certifications", "scheme")["list"] = "regions"

    cases = [typo_key, unknown_member, not_an_enum_value, ambiguous_word,
             bad_sheet_name, repeat_without_list, unknown_list]
    with open(os.path.join(e.criteria, "data", "workbook.json"),
              encoding="utf-8") as f:
        doc = json.load(f)
    for case in cases:
        crit = os.path.join(e.tmp, "crit-" + case.__name__)
        shutil.copytree(e.criteria, crit)
        d = json.loads(json.dumps(doc))
        case(d)
        with open(os.path.join(crit, "data", "workbook.json"), "w",
                  encoding="utf-8") as f:
            json.dump(d, f, ensure_ascii=False)
        r = subprocess.run([e.cloudvet, "--lang", "en", "--criteria", crit,
                            "criteria", "lint"], capture_output=True,
                           text=True, timeout=120)
        t.check(r.returncode == 4 and "workbook.json" in r.stderr,
                f"lint refuses workbook.json with {case.__name__} "
                f"({r.returncode}: {r.stderr.strip().splitlines()[:1]})")


def test_terminal(e, t):
    if not os.path.exists("/dev/ptmx"):
        print("skipped: no pseudo-terminal")
        return SKIP
    import pty
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(e.cloudvet, [e.cloudvet, "--lang", "en", "--criteria",
                               e.criteria, "template", "--format", "xlsx"],
                  template_env(os.environ))
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    t.check(code == 2, f"a terminal is refused with a usage error ({code})")
    t.check(b"redirect" in out and b"PK" not in out,
            "saying to redirect, and no workbook bytes")


CHECKS = {"roundtrip": test_roundtrip, "libreoffice": test_libreoffice,
          "located": test_located, "numbers": test_numbers,
          "languages": test_languages,
          "dropdowns": test_dropdowns, "lint": test_lint,
          "terminal": test_terminal}


def main(argv):
    if len(argv) not in (4, 6) or argv[3] not in CHECKS:
        print(__doc__, file=sys.stderr)
        return 2
    criteria = argv[5] if len(argv) == 6 else os.path.join(argv[2],
                                                           "criteria")
    e = Env(os.path.abspath(argv[1]), argv[2], criteria)
    t = Checks()
    try:
        if CHECKS[argv[3]](e, t) == SKIP:
            return SKIP
    finally:
        e.cleanup()
    return t.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
