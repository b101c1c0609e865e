# SPDX-License-Identifier: MIT
"""report.html laid out for a committee (issue 15): 3, 10 and 40 bids
rendered in headless Chromium, driven through the DevTools protocol
(--remote-debugging-pipe), at 1 366 and 1 920 px, and printed to PDF.

On screen: the page is full width; the comparison table scrolls in its
own box, header row and criterion column sticky, and every bid's column
header (name, verdict, score) can be scrolled into that box and is then
visible, not hidden under the sticky column. The table of contents links
every section and every bid; the ranking table is in rank order.

In print (Page.printToPDF with the page's own @page sizes, read back with
pdfinfo and pdftotext): the comparison is on landscape pages of at most 8
bids, each page saying which bids it holds, and every bid's name and score
is on the pages of its part; every bid's section starts a page whose
running header names it.

Screenshots: the comparison at 1 920 x 1 080 for each size is compared,
coarsely, with the reviewed references in tests/report/html-layout/: the
share of dark ("ink": text, rules, frames) pixels per 16 x 16 block, so
that the pale status colours (which change with the verdicts) weigh
nothing and the layout (where text and rules are) weighs everything.
CV_UPDATE_SCREENSHOTS=1 rewrites them (look at them before committing).
The screenshots of a run are kept in the test's working directory as
html-layout-N.png.

usage: test_html_layout.py CLOUDVET SRC_DIR"""
import base64
import fcntl
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib

import common

SIZES = (3, 10, 40)
WIDTHS = (1366, 1920)
PAGE_BIDS = 8
SHOT_W, SHOT_H = 1920, 1080
BLOCK = 16
INK = 150            # luminance below which a pixel is ink
# A block differs when its share of ink differs by more than BLOCK_DIFF;
# font rendering moves a few blocks, a layout change (a cap on the width,
# a lost column, another table) most of them.
BLOCK_DIFF = 0.12
MAX_MEAN_DIFF = 0.03
MAX_BLOCK_SHARE = 0.08


# ---- the DevTools protocol over a pipe ------------------------------------

class Chromium:
    """Headless Chromium, one page, spoken to over fds 3 and 4."""

    def __init__(self, profile_dir):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # Moved above 4 first, so that dup2 onto 3 and 4 cannot clobber.
        child_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
        child_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
        os.close(to_child_r)
        os.close(from_child_w)

        def fds():
            os.dup2(child_r, 3)
            os.dup2(child_w, 4)

        exe = os.environ.get("CHROMIUM", "chromium")
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars",
             "--remote-debugging-pipe", f"--user-data-dir={profile_dir}",
             "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(child_r)
        os.close(child_w)
        self._w = os.fdopen(self._to_child, "wb")
        self._r = os.fdopen(self._from_child, "rb")
        self._buf = b""
        self._id = 0
        self.events = []
        target = self.call("Target.createTarget", url="about:blank")
        self.session = self.call("Target.attachToTarget",
                                 targetId=target["targetId"],
                                 flatten=True)["sessionId"]
        self.page("Page.enable")

    def _recv(self, deadline):
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = self._r.read1(1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=None, timeout=120, **params):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self._w.write(json.dumps(msg).encode() + b"\0")
        self._w.flush()
        deadline = time.monotonic() + timeout
        while True:
            m = self._recv(deadline)
            if m.get("id") == self._id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def page(self, method, **params):
        return self.call(method, session=self.session, **params)

    def wait_event(self, name, timeout=120):
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    del self.events[i]
                    return e
            self.events.append(self._recv(deadline))

    def open(self, url, width, height):
        self.page("Emulation.setDeviceMetricsOverride", width=width,
                  height=height, deviceScaleFactor=1, mobile=False)
        self.events.clear()
        self.page("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")

    def js(self, expr):
        """Evaluates `expr` in the page (DevTools evaluation is not bound
        by the page's CSP, which forbids every script of its own)."""
        r = self.page("Runtime.evaluate", expression=expr,
                      returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expr[:60]}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._w.close()
        self._r.close()


# ---- the batches -----------------------------------------------------------

def _rename_json(text, vendor, service):
    doc = json.loads(text)
    doc["vendor"]["name"] = vendor
    doc["service"]["name"] = service
    return json.dumps(doc, ensure_ascii=False, indent=1)


def _rename_xml(text, vendor, service):
    text = re.sub(r"(<vendor>\s*<name>)[^<]*(</name>)",
                  lambda m: m.group(1) + vendor + m.group(2), text, count=1)
    return re.sub(r"(<service>\s*<name>)[^<]*(</name>)",
                  lambda m: m.group(1) + service + m.group(2), text, count=1)


def write_batch(src, directory, n):
    """n bids made from the ten samples in turn, each named for its place
    ("B07 株式会社…"), so each name can be found in the print; the
    malformed sample stays malformed (an invalid file, named by its
    file). Returns [(file, token)]."""
    samples = os.path.join(src, "samples")
    # (OSCAL system security plans are no questionnaires to rename.)
    names = sorted(f for f in os.listdir(samples)
                   if f.endswith((".json", ".xml")) and "oscal-ssp" not in f)
    os.makedirs(directory)
    out = []
    for i in range(n):
        name = names[i % len(names)]
        with open(os.path.join(samples, name), encoding="utf-8") as f:
            text = f.read()
        token = f"B{i + 1:02d}"
        base, ext = os.path.splitext(name)
        if "malformed" in name:
            path = os.path.join(directory, f"{i + 1:03d}-{token}-malformed"
                                           f"{ext}")
        else:
            m = re.search(r"<vendor>\s*<name>([^<]*)", text) if \
                ext == ".xml" else None
            vendor = m.group(1) if m else json.loads(text)["vendor"]["name"]
            vendor = f"{token} {vendor}"
            service = f"{token} 評価用オンライン申請クラウド サービス{i + 1}"
            text = (_rename_xml if ext == ".xml" else _rename_json)(
                text, vendor, service)
            path = os.path.join(directory, f"{i + 1:03d}-{base}{ext}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        out.append((path, token))
    return out


def squash(s):
    return re.sub(r"[\s\u202f\u00a0]+", "", s)


def score_text(s):
    """The score as the page prints it ("82.4 / 100", spaces dropped)."""
    def pts(x):
        t = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
        return t or "0"
    return f"{pts(s['score'])}/{pts(s['max_score'])}"


# ---- on screen -------------------------------------------------------------

GEOMETRY = r"""(() => {
  const table = document.getElementById('comparison-table');
  const own = document.getElementById('comparison-scroll');
  const box = own || table.parentElement;
  const corner = table.querySelector('thead th.corner') ||
      table.querySelector('thead th');
  const heads = [...table.querySelectorAll('thead th.bid')];
  const out = {viewport: innerWidth, ownBox: !!own,
               pageScrollWidth: document.documentElement.scrollWidth,
               box: box.getBoundingClientRect().toJSON(),
               boxClient: box.clientWidth, boxScroll: box.scrollWidth,
               boxClientH: box.clientHeight, boxScrollH: box.scrollHeight,
               bids: []};
  box.scrollIntoView();
  for (const th of heads) {
    box.scrollLeft = 0;
    box.scrollTop = 0;
    const b = box.getBoundingClientRect();
    const c = corner.getBoundingClientRect();
    // Where the column is in the scrolled content, and scrolled so that
    // it starts just right of the sticky column.
    const at = th.getBoundingClientRect().left - b.left - box.clientLeft;
    box.scrollLeft = at - (c.right - b.left - box.clientLeft);
    const r = th.getBoundingClientRect();
    const hit = document.elementFromPoint((r.left + r.right) / 2,
                                          (r.top + r.bottom) / 2);
    out.bids.push({bid: +th.dataset.bid, text: th.innerText,
                   left: r.left, right: r.right, top: r.top,
                   cornerRight: c.right, boxLeft: b.left,
                   boxRight: b.left + box.clientLeft + box.clientWidth,
                   reachable: at + r.width <= box.scrollWidth + 1,
                   hit: !!hit && th.contains(hit)});
  }
  // Sticky: scrolled to the far bottom right, the header row is still at
  // the top of the box and the criterion column at its left.
  box.scrollLeft = box.scrollWidth;
  box.scrollTop = box.scrollHeight;
  const last = [...table.querySelectorAll('tbody tr[data-criterion] th')]
      .pop().getBoundingClientRect();
  const b = box.getBoundingClientRect();
  const lastHead = heads[heads.length - 1].getBoundingClientRect();
  out.stickyHeadTop = lastHead.top - b.top;
  out.stickyColLeft = last.left - b.left;
  out.lastHeadRight = b.right - lastHead.right;
  box.scrollLeft = 0;
  box.scrollTop = 0;
  out.toc = [...document.querySelectorAll('nav#toc ol.toc-bids a')]
      .map(a => a.getAttribute('href'));
  out.ranking = [...document.querySelectorAll('#results-table tbody tr')]
      .map(tr => +tr.dataset.bid);
  return out;
})()"""


def check_screen(t, geo, report, tokens, width, n):
    what = f"{n} bids at {width} px"
    t.check(geo["ownBox"], f"{what}: the comparison has its scrolling box")
    t.check(geo["pageScrollWidth"] <= width + 1,
            f"{what}: the page itself does not scroll sideways "
            f"({geo['pageScrollWidth']})")
    if geo["boxScroll"] > geo["boxClient"] + 1:
        t.check(geo["box"]["width"] >= width - 80,
                f"{what}: a comparison wider than the screen gets the full "
                f"width ({geo['box']['width']:.0f})")
    if width >= 1920 and n <= 10:
        t.check(geo["boxScroll"] <= geo["boxClient"] + 1,
                f"{what}: every bid fits side by side "
                f"({geo['boxScroll']} > {geo['boxClient']})")
    bids = geo["bids"]
    t.check([b["bid"] for b in bids] == list(range(1, n + 1)),
            f"{what}: a column header per bid")
    for b, sub, token in zip(bids, report["submissions"], tokens):
        name = f"bid {b['bid']}"
        t.check(b["reachable"], f"{what}: {name} is inside the scrollable "
                "area")
        t.check(b["left"] >= b["cornerRight"] - 1 and
                b["right"] <= b["boxRight"] + 1,
                f"{what}: {name} scrolled into view is visible beside the "
                f"criterion column ({b['left']:.0f}..{b['right']:.0f}, "
                f"column ends {b['cornerRight']:.0f}, box ends "
                f"{b['boxRight']:.0f})")
        t.check(b["hit"], f"{what}: {name}'s header is on top (not under "
                "the sticky column)")
        text = squash(b["text"])
        word = VERDICT_JA[sub["verdict"]]
        if sub["verdict"] == "qualified" and sub["conditional"]:
            word = "条件付き適格"
        t.check(token in text and word in text,
                f"{what}: {name}'s header names it and its verdict "
                f"({b['text'][:60]!r})")
        if sub["verdict"] != "invalid":
            t.check(score_text(sub) in text,
                    f"{what}: {name}'s header gives its score "
                    f"{score_text(sub)}")
    t.check(abs(geo["stickyHeadTop"]) <= 2,
            f"{what}: scrolled down, the header row stays at the top "
            f"({geo['stickyHeadTop']:.0f})")
    t.check(abs(geo["stickyColLeft"]) <= 2,
            f"{what}: scrolled right, the criterion column stays at the "
            f"left ({geo['stickyColLeft']:.0f})")
    t.check(geo["lastHeadRight"] >= -2,
            f"{what}: scrolled right, the last bid is in the box")
    t.check(geo["toc"] == [f"#bid-{i}" for i in range(1, n + 1)],
            f"{what}: the table of contents links every bid")
    t.check(sorted(geo["ranking"]) == list(range(1, n + 1)),
            f"{what}: the ranking has every bid once")
    t.check(geo["ranking"] == expected_order(report),
            f"{what}: the ranking is in rank order ({geo['ranking'][:8]})")


VERDICT_JA = {"qualified": "適格", "disqualified": "失格", "invalid": "無効"}


def expected_order(report):
    """Qualified by rank, then conditional by rank, then disqualified by
    score, then invalid; input order within a tie."""
    def key(item):
        i, s = item
        if s["verdict"] == "qualified":
            return (1 if s["conditional"] else 0, s["rank"] or 0, i)
        if s["verdict"] == "disqualified":
            return (2, -s["score"], i)
        return (3, 0, i)
    subs = list(enumerate(report["submissions"], 1))
    return [i for i, _ in sorted(subs, key=key)]


# ---- in print --------------------------------------------------------------

def pdf_pages(pdf):
    """[(width, height, text)] per page."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", pdf],
                          capture_output=True, text=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(
        r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                          capture_output=True, text=True).stdout
    pages = text.split("\f")
    return [(w, h, pages[i] if i < len(pages) else "")
            for i, (w, h) in enumerate(sizes)]


LABEL = re.compile(r"比較表\s*—\s*入札\s*(\d+)(?:\s*〜\s*(\d+))?\s*/\s*(\d+)")


TENDER_ID = "R8-DX-0217"  # the tender the samples answer


def check_detail_lines(t, raw, report, n):
    """A result's technical line (report.json's `detail`, where the facts
    are in the vendor's file), when it has one, is the smaller second line
    under its reason."""
    dom = common.parse_html(raw)
    shown = 0
    for i, sub in enumerate(report["submissions"], 1):
        for r in sub["results"]:
            if not r.get("detail"):
                continue
            row = dom.find("tr", id=f"b{i}-{r['id']}")
            line = row.find("div", cls="detail") if row else None
            t.check(line is not None and
                    line.text() == common.display(r["detail"]),
                    f"{n} bids: bid {i} {r['id']}: the detail line under "
                    f"the reason")
            shown += 1
    if not shown:
        print(f"note: {n} bids: no result has a detail line yet")
    t.check(dom.find("p", id="tie-rule") is not None,
            f"{n} bids: the ranking says how ties are broken")
    tender = dom.find("p", id="tender")
    t.check(tender is not None and TENDER_ID in tender.text(),
            f"{n} bids: the heading names the tender")


def check_print(t, pages, report, tokens, n):
    what = f"{n} bids, printed"
    t.check(len(pages) > n, f"{what}: {len(pages)} pages")
    parts = {}
    for no, (w, h, text) in enumerate(pages, 1):
        m = LABEL.search(text)
        if not m:
            continue
        first = int(m.group(1))
        last = int(m.group(2) or first)
        t.check(w > h, f"{what}: comparison page {no} is landscape "
                f"({w:.0f} x {h:.0f})")
        t.check(int(m.group(3)) == n, f"{what}: page {no} says of {n}")
        parts.setdefault((first, last), []).append(text)
    want = [(f, min(f + PAGE_BIDS - 1, n)) for f in range(1, n + 1,
                                                           PAGE_BIDS)]
    first_cmp = min((no for no, (_, _, text) in enumerate(pages)
                     if LABEL.search(text)), default=len(pages))
    front = squash(pages[0][2]) if pages else ""
    t.check(TENDER_ID in front and
            squash(report["profile"]["title"]) in front,
            f"{what}: the first page names the tender and the profile")
    t.check(any("評価基準のパラメータ" in text for _, _, text in
                pages[:first_cmp]),
            f"{what}: the profile's parameters come before the comparison")
    t.check(sorted(parts) == want,
            f"{what}: the comparison in parts of at most {PAGE_BIDS} bids "
            f"({sorted(parts)})")
    for (first, last), texts in parts.items():
        text = squash("".join(texts))
        for i in range(first, last + 1):
            sub = report["submissions"][i - 1]
            t.check(tokens[i - 1] in text,
                    f"{what}: bid {i}'s name is on the pages of part "
                    f"{first}-{last}")
            if sub["verdict"] != "invalid":
                t.check(score_text(sub) in text,
                        f"{what}: bid {i}'s score {score_text(sub)} is on "
                        f"the pages of part {first}-{last}")
    # Every bid's section starts a (portrait) page, and the running
    # header of its pages names it (the top margin: the page's first
    # line; the section's heading is the line after it).
    lines = [[ln.strip() for ln in text.splitlines() if ln.strip()][:2]
             for _, _, text in pages]
    for i in range(1, n + 1):
        token = tokens[i - 1]
        named = [no for no, ls in enumerate(lines) if ls and
                 ls[0].startswith(f"{i}. ") and token in squash(ls[0])]
        t.check(named, f"{what}: a page's running header names bid {i}")
        t.check(any(len(lines[no]) > 1 and lines[no][1].startswith(f"{i}. ")
                    for no in named),
                f"{what}: bid {i}'s section starts a page")
        t.check(all(pages[no][0] < pages[no][1] for no in named),
                f"{what}: bid {i}'s pages are portrait")


# ---- screenshots -----------------------------------------------------------

def png_luma(data):
    """(width, height, [luminance per pixel]) of an 8-bit RGB(A) or grey
    PNG, non-interlaced (what Chromium writes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, head = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = head
    if depth != 8 or interlace or ctype not in (0, 2, 4, 6):
        raise ValueError(f"unsupported PNG {head}")
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    luma = []
    pos = 0
    for _ in range(h):
        f = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if f == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif f == 2:
            for x in range(stride):
                line[x] = (line[x] + prev[x]) & 255
        elif f == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        if bpp >= 3:
            luma.extend((line[x] * 3 + line[x + 1] * 6 + line[x + 2]) // 10
                        for x in range(0, stride, bpp))
        else:
            luma.extend(line[0:stride:bpp])
        prev = line
    return w, h, luma


def blocks(w, h, luma):
    """The share of ink pixels in each BLOCK x BLOCK block."""
    ink = bytes(1 if v < INK else 0 for v in luma)
    out = []
    for by in range(0, h - BLOCK + 1, BLOCK):
        for bx in range(0, w - BLOCK + 1, BLOCK):
            n = 0
            for y in range(by, by + BLOCK):
                row = y * w + bx
                n += sum(ink[row:row + BLOCK])
            out.append(n / (BLOCK * BLOCK))
    return out


def compare_png(got, ref):
    """(same size, mean block difference, share of blocks that differ)."""
    gw, gh, gl = png_luma(got)
    rw, rh, rl = png_luma(ref)
    if (gw, gh) != (rw, rh):
        return False, 1.0, 1.0
    a, b = blocks(gw, gh, gl), blocks(rw, rh, rl)
    diffs = [abs(x - y) for x, y in zip(a, b)]
    return (True, sum(diffs) / len(diffs),
            sum(d > BLOCK_DIFF for d in diffs) / len(diffs))


def screenshot(browser, url):
    """The comparison at 1 920 x 1 080: the page scrolled to its section,
    the box at its start."""
    browser.open(url, SHOT_W, SHOT_H)
    browser.js("document.getElementById('comparison').scrollIntoView()")
    shot = browser.page("Page.captureScreenshot", format="png")
    return base64.b64decode(shot["data"])


def check_screenshot(t, png, n, src):
    ref_dir = os.path.join(src, "tests", "report", "html-layout")
    ref = os.path.join(ref_dir, f"comparison-{n}.png")
    keep = os.path.abspath(f"html-layout-{n}.png")
    with open(keep, "wb") as f:
        f.write(png)
    if os.environ.get("CV_UPDATE_SCREENSHOTS") == "1":
        os.makedirs(ref_dir, exist_ok=True)
        shutil.copyfile(keep, ref)
        print(f"wrote the reference {ref}: look at it before committing")
    if not os.path.exists(ref):
        t.check(False, f"{n} bids: the reference screenshot {ref} exists "
                "(CV_UPDATE_SCREENSHOTS=1 writes it)")
        return
    with open(ref, "rb") as f:
        same, mean, share = compare_png(png, f.read())
    t.check(same, f"{n} bids: the screenshot is {SHOT_W}x{SHOT_H} like its "
            "reference")
    t.check(mean <= MAX_MEAN_DIFF and share <= MAX_BLOCK_SHARE,
            f"{n} bids: the screenshot matches its reference (mean ink "
            f"difference {mean:.3f} <= {MAX_MEAN_DIFF}, blocks differing "
            f"{share:.3f} <= {MAX_BLOCK_SHARE}; this run's is {keep})")


# ---- main ------------------------------------------------------------------

def run_size(t, browser, cloudvet, src, tmp, n):
    batch = write_batch(src, os.path.join(tmp, f"in-{n}"), n)
    files = [f for f, _ in batch]
    tokens = [tok for _, tok in batch]
    out = os.path.join(tmp, f"out-{n}")
    code, _ = common.evaluate(cloudvet, src, out, "--format", "html,json",
                              files=files)
    want = 3 if any("malformed" in f for f in files) else 0
    t.check(code == want, f"{n} bids: evaluated, exit {want}, got {code}")
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    url = "file://" + os.path.join(out, "report.html")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        check_detail_lines(t, f.read(), report, n)
    for width in WIDTHS:
        browser.open(url, width, 900)
        try:
            geo = browser.js(GEOMETRY)
        except RuntimeError as e:
            t.check(False, f"{n} bids at {width} px: the page measured ({e})")
            continue
        check_screen(t, geo, report, tokens, width, n)
    browser.open(url, 1366, 900)
    pdf = base64.b64decode(browser.page(
        "Page.printToPDF", preferCSSPageSize=True, printBackground=True,
        displayHeaderFooter=False, transferMode="ReturnAsBase64")["data"])
    path = os.path.join(tmp, f"print-{n}.pdf")
    with open(path, "wb") as f:
        f.write(pdf)
    check_print(t, pdf_pages(path), report, tokens, n)
    check_screenshot(t, screenshot(browser, url), n, src)


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    t = common.Failures()
    with common.temp_dir() as tmp:
        browser = Chromium(os.path.join(tmp, "profile"))
        try:
            for n in SIZES:
                run_size(t, browser, cloudvet, src, tmp, n)
        finally:
            browser.close()
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
