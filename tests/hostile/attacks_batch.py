# SPDX-License-Identifier: MIT
"""Batches of any size (issue 13, item 4). Exec'd into test_hostile.py's
namespace (see its end): @attack, the Case helpers, FORMATS and AS_OF are
in scope.

A bid had two columns of the comparison sheet, so 8,190 bids or more ran
past Excel's 16,384 columns and the run wrote no report at all; 20,000
small submissions held 3.4 GB before the reports were written (a 64 KiB
arena block per bid, report.json built as one tree). Now report.xlsx has a
summary sheet of one row per bid, the comparison continues on further
sheets, and every format is written for 20,000 submissions in bounded
memory.

The large runs call cloudvet directly (not Case.run: no strace, and a
longer time limit), with --quiet. The batch size of the 20,000 run adapts
to the build: a sanitizer or a Debug build evaluates several times slower,
so it gets fewer submissions, and the output says so."""
import json as _json
import os as _os
import re as _re
import subprocess as _subprocess
import threading as _threading
import time as _time
import xml.etree.ElementTree as _etree
import zipfile as _zipfile

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELNS = ("{http://schemas.openxmlformats.org/officeDocument/2006/"
          "relationships}id")
_XL_ROWS = 1048576
_XL_COLS = 16384
_SUMMARY_HEAD = 8      # the summary's header row (1-based)
_SUMMARY_RANK = "A"    # rank, bid number, vendor (report_xlsx.c)
_SUMMARY_BID = "B"
_SUMMARY_VENDOR = "C"


def _build_of(cloudvet):
    """(CMAKE_BUILD_TYPE, sanitizer) of the build tree the binary is in,
    from its CMakeCache.txt; a sanitizer also when ASAN_OPTIONS is set
    (CI sets it for the sanitizer run)."""
    build, sanitize = "", ""
    d = _os.path.dirname(_os.path.abspath(cloudvet))
    for _ in range(4):
        cache = _os.path.join(d, "CMakeCache.txt")
        if _os.path.isfile(cache):
            with open(cache, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("CMAKE_BUILD_TYPE:"):
                        build = line.split("=", 1)[1].strip()
                    elif line.startswith("CV_SANITIZE:"):
                        sanitize = line.split("=", 1)[1].strip()
            break
        d = _os.path.dirname(d)
    if _os.environ.get("ASAN_OPTIONS") and not sanitize:
        sanitize = "address"
    return build, sanitize


def _one_page(case):
    """samples/01 as a one-page questionnaire: the same facts, each answer
    with its first sentence and first evidence item only."""
    doc = _json.load(open(case.good, encoding="utf-8"))
    for ans in doc["answers"]:
        text = ans.get("explanation")
        if text and "。" in text:
            ans["explanation"] = text[:text.index("。") + 1]
        if ans.get("evidence"):
            ans["evidence"] = ans["evidence"][:1]
    return doc


def _vendor(i):
    return f"株式会社バッチ試験{i:05d}"


def _write_batch(case, n):
    """n one-page submissions, each its own vendor; every third one
    without the availability bonus, so scores and ranks differ."""
    d = case.path(f"batch-{n}")
    _os.mkdir(d)
    doc = _one_page(case)
    # Serialised once, the two values put in per file (20,000 json.dump
    # calls would take longer than evaluating them).
    doc["vendor"]["name"] = "@VENDOR@"
    doc["sla"]["availability_percent"] = 12.5
    text = _json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    head, rest = text.split("@VENDOR@")
    mid, tail = rest.split('"availability_percent":12.5')
    for i in range(n):
        avail = "99.9" if i % 3 == 2 else "99.95"
        with open(_os.path.join(d, f"{i:05d}.json"), "wb") as f:
            f.write((head + _vendor(i) + mid + '"availability_percent":' +
                     avail + tail).encode("utf-8"))
    return d


class _BigRun:
    def __init__(self, code, out, seconds, max_rss_kib, stderr):
        self.code = code
        self.out = out
        self.seconds = seconds
        self.max_rss_kib = max_rss_kib
        self.stderr = stderr


def _evaluate(case, inputs, limit):
    """Every format of `inputs`; the exit code, the time and the peak
    resident memory of this one process (wait4)."""
    out = case.path("out")
    err_path = case.path("stderr.txt")
    argv = [case.cloudvet, "--lang", "en", "evaluate", "--quiet",
            "--as-of", AS_OF, "--format", "json,html,csv,md,xlsx",
            "--out", out, inputs]
    start = _time.monotonic()
    with open(err_path, "wb") as err:
        proc = _subprocess.Popen(argv, env=case.env,
                                 stdout=_subprocess.DEVNULL, stderr=err)
        timer = _threading.Timer(limit, proc.kill)
        timer.start()
        try:
            _, status, usage = _os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = _os.waitstatus_to_exitcode(status)
    seconds = _time.monotonic() - start
    with open(err_path, "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    return _BigRun(proc.returncode, out, seconds, usage.ru_maxrss, stderr)


def _expect_every_format(case, run):
    case.check(run.code == 0, f"exit 0 ({run.code}: {run.stderr[-400:]})")
    have = _os.listdir(run.out) if _os.path.isdir(run.out) else []
    for name in FORMATS:
        case.check(name in have, f"{name} is written ({sorted(have)})")
    for name, tail in (("report.json", b"\n  ]\n}\n"),
                       ("report.html", b"</html>\n"),
                       ("report.csv", b"\r\n"), ("report.md", b"\n")):
        path = _os.path.join(run.out, name)
        if not _os.path.exists(path):
            continue
        with open(path, "rb") as f:
            f.seek(max(0, _os.path.getsize(path) - len(tail)))
            case.check(f.read() == tail, f"{name} is whole")


class _Book:
    """report.xlsx read with zipfile and ElementTree: the sheets' names
    and parts, in the workbook's order."""

    def __init__(self, path):
        self.zip = _zipfile.ZipFile(path)
        wb = _etree.fromstring(self.zip.read("xl/workbook.xml"))
        rels = _etree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = [(s.get("name"), "xl/" + target[s.get(_RELNS)])
                       for s in wb.iter(_NS + "sheet")]

    def part(self, name):
        for n, p in self.sheets:
            if n == name:
                return p
        return None

    def dimension(self, part):
        """The sheet's used range from its <dimension>, as (rows, cols)."""
        with self.zip.open(part) as f:
            head = f.read(4096).decode("utf-8", "replace")
        m = _re.search(r'<dimension ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"', head)
        if not m:
            return None
        col = 0
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
        return int(m.group(2)), col

    def rows(self, part):
        """Each row as {column letters: text}, streamed."""
        with self.zip.open(part) as f:
            for _, el in _etree.iterparse(f):
                if el.tag != _NS + "row":
                    continue
                cells = {}
                for c in el.iter(_NS + "c"):
                    col = _re.match(r"[A-Z]+", c.get("r")).group(0)
                    if c.get("t") == "inlineStr":
                        cells[col] = "".join(c.find(_NS + "is").itertext())
                    else:
                        v = c.find(_NS + "v")
                        cells[col] = v.text if v is not None else ""
                yield int(el.get("r")), cells
                el.clear()


def _expect_sheets_fit(case, book):
    names = [n for n, _ in book.sheets]
    case.check(len(set(n.lower() for n in names)) == len(names),
               f"sheet names are unique ({names[:12]})")
    case.check(all(len(n) <= 31 for n in names), "sheet names <= 31 chars")
    for name, part in book.sheets:
        dim = book.dimension(part)
        case.check(dim is not None and dim[0] <= _XL_ROWS and
                   dim[1] <= _XL_COLS,
                   f"sheet {name} fits Excel's grid ({dim})")


def _expect_summary(case, book, n):
    """Every bid on the summary sheet once, with its vendor, in ranking
    order: ranks never go down the sheet, and unranked bids (none here:
    every bid qualifies) come after the ranked ones."""
    part = book.part("Summary")
    case.check(part is not None, f"a Summary sheet ({book.sheets[:4]})")
    if part is None:
        return
    seen, last_rank = set(), 0
    for r, cells in book.rows(part):
        if r <= _SUMMARY_HEAD:
            continue
        bid = int(cells.get(_SUMMARY_BID) or 0)
        rank = int(cells.get(_SUMMARY_RANK) or 0)
        if not 1 <= bid <= n or bid in seen or \
                cells.get(_SUMMARY_VENDOR) != _vendor(bid - 1) or \
                (rank and (rank < last_rank or last_rank < 0)):
            case.check(False, f"summary row {r}: bid {bid} once, "
                       f"{_vendor(bid - 1)}, rank {rank} >= {last_rank} "
                       f"(got {cells.get(_SUMMARY_VENDOR)})")
            return
        seen.add(bid)
        last_rank = rank if rank else -1
    case.check(len(seen) == n,
               f"the summary has one row per bid ({len(seen)} of {n})")


@attack
def batch_8190_bids_workbook(case):
    """8,200 bids: past the 8,189 one comparison sheet holds. Every format
    is written; report.xlsx has every bid on its summary sheet, the
    comparison on two sheets that together name every bid once, and no
    sheet past Excel's grid."""
    n = 8200
    build, sanitize = _build_of(case.cloudvet)
    run = _evaluate(case, _write_batch(case, n), 1500)
    print(f"{n} submissions, build {build or '?'}"
          f"{', sanitizer ' + sanitize if sanitize else ''}: "
          f"{run.seconds:.1f} s, peak RSS {run.max_rss_kib // 1024} MiB")
    _expect_every_format(case, run)
    xlsx = _os.path.join(run.out, "report.xlsx")
    if not _os.path.exists(xlsx):
        return
    book = _Book(xlsx)
    names = [nm for nm, _ in book.sheets]
    case.check(names[:4] == ["Summary", "Evaluation basis", "Comparison 1",
                             "Comparison 2"],
               f"summary, evaluation basis, then the comparison on two "
               f"sheets ({names[:5]})")
    case.check("Detail" in names and not any(
        _re.match(r"\d+ ", nm) for nm in names),
        f"the detail as one table, not a sheet per bid ({len(names)} "
        f"sheets)")
    _expect_sheets_fit(case, book)
    _expect_summary(case, book, n)
    headed = []
    for name in ("Comparison 1", "Comparison 2"):
        part = book.part(name)
        for r, cells in book.rows(part) if part else []:
            if r == 1:
                headed += [int(t.split(".", 1)[0]) for col, t in
                           cells.items() if _re.match(r"\d+\. ", t or "")]
                break
    case.check(sorted(headed) == list(range(1, n + 1)),
               f"the comparison sheets name every bid once "
               f"({len(headed)} headers)")


@attack
def batch_20000_submissions_every_format(case):
    """20,000 one-page submissions: every format, in bounded memory and
    reasonable time (measured before: no report.xlsx at all, and 3.4 GB
    for the other four)."""
    build, sanitize = _build_of(case.cloudvet)
    if sanitize:
        n, why = 2000, (f"a sanitizer build ({sanitize}) evaluates about ten "
                        f"times slower: 2,000 submissions, and no memory "
                        f"bound (the sanitizer's own memory)")
    elif build in ("Release", "RelWithDebInfo", "MinSizeRel"):
        n, why = 20000, f"a {build} build: the full 20,000"
    else:
        n, why = 5000, (f"a {build or 'default'} build (unoptimised): 5,000 "
                        f"submissions; Release runs the full 20,000")
    print(f"batch size {n}: {why}")
    run = _evaluate(case, _write_batch(case, n), 1500)
    rss_mib = run.max_rss_kib // 1024
    print(f"{n} submissions, every format: {run.seconds:.1f} s, peak RSS "
          f"{rss_mib} MiB")
    _expect_every_format(case, run)
    if sanitize:
        print("the memory bound is skipped under the sanitizer")
    else:
        # About 30 KiB kept per bid until the reports are written, plus
        # the largest report file while the record hashes it.
        bound = 2048
        case.check(rss_mib < bound, f"peak memory {rss_mib} MiB stays under "
                   f"{bound} MiB")
    if build in ("Release", "RelWithDebInfo", "MinSizeRel") and not sanitize:
        case.check(run.seconds < 300, f"{n} submissions in {run.seconds:.0f} "
                   f"s (under 300 s; about 100 s on 2 cores)")
    xlsx = _os.path.join(run.out, "report.xlsx")
    if _os.path.exists(xlsx):
        book = _Book(xlsx)
        _expect_sheets_fit(case, book)
        _expect_summary(case, book, n)
