# SPDX-License-Identifier: MIT
# attacks_parse.py: hostile inputs for the parsers and the Markdown report
# (issue 13: autolinks from vendor text, a shared-string index that wraps).
# Exec'd into test_hostile.py's namespace: attack, Case, AS_OF ... are its.
import re as _re
import shutil as _shutil
import subprocess as _subprocess

# Vendor text holding every GFM extended-autolink form: bare http(s)/ftp
# URLs, www., an e-mail address, mailto: and xmpp:, in two cases.
_LINK_BAIT = ("See http://attacker.example/x, www.attacker.example, "
              "HTTPS://UP.attacker.example ftp://f.attacker.example "
              "sales@attacker.example mailto:x@attacker.example "
              "xmpp:u@attacker.example WWW.Attacker.example")


def _gfm_links(md):
    """The href of every link a GFM renderer makes of `md`: cmark-gfm with
    its autolink extension when installed, else the extended-autolink
    triggers of the GFM spec (6.9) looked for in the Markdown source: a
    scheme's ':' or the '.' of "www." or an e-mail's '@' with nothing
    between it and the letters around it."""
    exe = _shutil.which("cmark-gfm")
    if exe:
        html = _subprocess.run([exe, "-e", "autolink", "-e", "table"],
                               input=md.encode("utf-8"), capture_output=True,
                               timeout=60, check=True).stdout.decode("utf-8")
        return _re.findall(r'<a href="([^"]*)"', html)
    plain = _re.sub(r"\\(.)", r"\1", md)  # escapes do not stop autolinks
    found = _re.findall(r"\b(?:https?|ftp|mailto|xmpp):[^\s<]+|"
                        r"\bwww\.[^\s<]+|"
                        r"[\w.+-]+@[\w-]+\.[\w.-]+", plain, _re.I)
    return ["(source) " + u for u in found]


@attack
def report_md_vendor_autolinks(case):
    doc = json.load(open(case.good, encoding="utf-8"))
    doc["vendor"]["name"] = _LINK_BAIT
    doc["service"]["name"] = "support@attacker.example"
    f = case.write("autolinks.json", json.dumps(doc, ensure_ascii=False))
    run = case.run([case.good, f], formats="json,md", trace=False)
    md = report_bytes(run, "report.md").decode("utf-8")
    links = _gfm_links(md)
    bad = [u for u in links if "attacker" in u.lower()]
    case.check(not bad, f"no vendor text becomes a link ({bad[:4]})")
    shown = _re.sub(r"\\(.)", r"\1", md.replace("<!---->", ""))
    case.check(_LINK_BAIT in shown and "support@attacker.example" in shown,
               "the vendor text still reads as written")
    case.expect_good_evaluated(run)


_WRAP = 2 ** 64  # an index this much too big wraps to the small one


def _ismap_parts(case):
    """The parts of the test ISMAP list (tests/checks/ismap_fixture.py)."""
    sys.path.insert(0, os.path.join(case.src, "tests", "checks"))
    sys.path.insert(0, os.path.join(case.src, "tests", "registry"))
    import ismap_fixture
    import workbook
    return workbook.workbook_parts([
        {"name": "クラウドサービスリスト",
         "rows": ismap_fixture.rows_for_sheet(),
         "merges": ismap_fixture.SHEET_MERGES}]), workbook


def _import(case, parts, workbook, name, wrap):
    """Imports the list with the first shared-string cell's index plus
    `wrap`; the CompletedProcess and where the snapshot would be."""
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    m = _re.search(r'(<c [^>]*t="s"[^>]*><v>)(\d+)(</v>)', sheet)
    case.check(m is not None, "the list has a shared-string cell")
    if m is None:
        return None, None
    sheet = (sheet[:m.start()] + m.group(1) + str(int(m.group(2)) + wrap)
             + m.group(3) + sheet[m.end():])
    altered = dict(parts)
    altered["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    path = case.path(name + ".xlsx")
    workbook.write_parts(path, altered)
    reg = case.path(name + "-reg")
    proc = _subprocess.run([case.cloudvet, "--lang", "en", "registry",
                            "import", "ismap", path, "--registry", reg,
                            "--list-date", "2026-11-01"],
                           env=case.env, capture_output=True, timeout=120)
    return proc, os.path.join(reg, "ismap-2026-11-01.json")


@attack
def xlsx_shared_string_index_wraps(case):
    parts, workbook = _ismap_parts(case)
    proc, snap = _import(case, parts, workbook, "honest", 0)
    if proc is None:
        return
    case.check(proc.returncode == 0 and os.path.isfile(snap),
               f"the honest list imports ({proc.stderr.decode()[:300]})")
    for wrap in (_WRAP, 2 * _WRAP, _WRAP * 10 ** 6):
        proc, snap = _import(case, parts, workbook, f"wrap{wrap}", wrap)
        err = proc.stderr.decode("utf-8", "replace")
        case.check(proc.returncode != 0,
                   f"index +{wrap}: the import fails ({proc.returncode})")
        case.check("shared string index" in err,
                   f"index +{wrap}: a diagnostic names the index ({err[:300]})")
        case.check(not os.path.exists(snap),
                   f"index +{wrap}: no snapshot is written")
