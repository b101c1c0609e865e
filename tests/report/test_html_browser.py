# SPDX-License-Identifier: MIT
"""report.html rendered in headless Chromium (Debian's chromium, Japanese
fonts from fonts-noto-cjk): the DOM after rendering, a screenshot and the
printed PDF are checked, for the samples plus a hostile submission.

usage: test_html_browser.py CLOUDVET SRC_DIR"""
import os
import re
import struct
import subprocess
import sys

import common

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-quic", "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--run-all-compositor-stages-before-draw"]


def chromium(profile_dir, *args):
    exe = os.environ.get("CHROMIUM", "chromium")
    proc = subprocess.run([exe, *CHROMIUM_FLAGS,
                           f"--user-data-dir={profile_dir}", *args],
                          capture_output=True, text=True, timeout=180)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-2000:])
    return proc


def check_dom(t, dom, files):
    nbids = len(files)
    table = dom.find("table", id="comparison-table")
    t.check(table is not None, "the comparison table is rendered")
    if table is None:
        return
    head = table.find("thead")
    bids = list(head.find_all("th", cls="bid"))
    t.check(len(bids) == nbids,
            f"one bid column per input: {len(bids)} == {nbids}")
    disq = [b for b in bids if "v-disqualified" in b.classes()]
    t.check(len(disq) == 7, f"7 disqualified bid columns, got {len(disq)}")
    t.check(all("失格" in b.text() for b in disq),
            "every disqualified column says 失格")
    t.check(all(b.find(cls="badge") is not None for b in bids),
            "every bid column carries a verdict badge")
    failed = table.find("tr", cls="row-failed")
    cells = list(failed.find_all("td")) if failed else []
    t.check(len(cells) == nbids and all(
        (c.find("a") is not None) == ("v-disqualified" in b.classes())
        for c, b in zip(cells, bids)),
        "the comparison names the failed mandatory criteria of exactly the "
        "disqualified bids")
    rows = list(table.find_all("tr"))
    crit_rows = [r for r in rows if "data-criterion" in r.attrs]
    t.check(len(crit_rows) == 23, f"23 criterion rows, got {len(crit_rows)}")
    # Every disqualified bid names the mandatory criteria that failed.
    results = dom.find("table", id="results-table")
    for row in results.find_all("tr", cls="r-disqualified"):
        links = [a for a in row.find_all("a") if
                 a.attrs.get("href", "").startswith("#b")]
        t.check(len(links) >= 1, "a disqualified bid links its failed "
                "mandatory criteria: " + row.text()[:60])
    # Each bid has its detail section, each result a row with a reason
    # and a cited clause.
    sections = list(dom.find_all("section", cls="bid"))
    t.check(len(sections) == nbids, f"{nbids} bid sections")
    cites = list(dom.find_all("p", cls="cite"))
    t.check(len(cites) == 23 * (nbids - 1),
            f"every result of a readable bid cites its clauses ({len(cites)})")
    # Every in-page link resolves.
    ids = {n.attrs["id"] for n in dom.walk() if "id" in n.attrs}
    hrefs = [a.attrs["href"] for a in dom.find_all("a")
             if a.attrs.get("href", "").startswith("#")]
    missing = [h for h in hrefs if h[1:] not in ids]
    t.check(hrefs and not missing, f"in-page links resolve ({missing[:3]})")


def check_injection(t, dom, raw):
    # The injected <script> and onerror handlers must not exist as elements
    # or attributes: the page itself has no script at all.
    t.check(dom.find("script") is None, "no <script> element in the DOM")
    handlers = [n.tag for n in dom.walk()
                if any(k.startswith("on") for k in n.attrs)]
    t.check(not handlers, f"no on* handler attributes ({handlers[:3]})")
    t.check(dom.find("body").attrs.get("data-pwned") is None,
            "the injected onerror did not run")
    title = dom.find("title").text()
    t.check("PWNED" not in title, "the injected script did not run")
    # The vendor's text is shown as text.
    t.check("<script>document.title='PWNED'</script>" in dom.text(),
            "the vendor's markup is visible as text")
    # Direction overrides are made visible, never passed through.
    t.check("\u202e" not in raw and "[U+202E]" in dom.text(),
            "U+202E is shown as [U+202E]")
    t.check("\u0007" not in raw and "\u001b" not in raw,
            "control characters are not in the page")
    # A javascript: URL is never a link.
    bad = [a.attrs.get("href") for a in dom.find_all("a")
           if not a.attrs.get("href", "#").startswith(("#", "http://",
                                                        "https://"))]
    t.check(not bad, f"only http(s) and in-page links ({bad[:2]})")
    t.check("javascript:alert(document.cookie)" in dom.text(),
            "the javascript: URL is shown as text")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def check_pdf(t, pdf, nbids):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True,
                          text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    t.check(pages > nbids, f"the print has more pages than bids ({pages})")
    t.check("A4" in info, "the print is A4")
    # Chromium embeds Type 3 fonts without names, so check that the page's
    # first font family is the one fontconfig gives it.
    match = subprocess.run(["fc-match", "Noto Sans CJK JP"],
                           capture_output=True, text=True).stdout
    t.check("Noto Sans CJK" in match,
            f"the page's Japanese font is installed ({match.strip()})")
    # Page breaks between bids: each bid's heading starts a page.
    starts = []
    for p in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l",
                               str(p), pdf, "-"], capture_output=True,
                              text=True).stdout
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()),
                     "")
        starts.append(first)
    for i in range(1, nbids + 1):
        t.check(any(s.startswith(f"{i}. ") for s in starts),
                f"bid {i}'s detail starts a printed page")
    t.check(any("クラウドサービス評価報告書" in s for s in starts[:1]),
            "the first page starts with the report title")


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    t = common.Failures()
    with common.temp_dir() as tmp:
        out = os.path.join(tmp, "ja")
        code, files = common.evaluate(cloudvet, src, out, "--format", "html")
        t.check(code == 3, f"exit 3 (one input is unreadable), got {code}")
        page = "file://" + os.path.join(out, "report.html")
        with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
            raw = f.read()
        proc = chromium(os.path.join(tmp, "profile"), "--dump-dom", page)
        dom = common.parse_html(proc.stdout)
        t.check(dom.find("html") is not None and
                dom.find("html").attrs.get("lang") == "ja",
                "Chromium rendered a Japanese page")
        check_dom(t, dom, files)
        check_injection(t, dom, raw)
        shot = os.path.join(tmp, "page.png")
        chromium(os.path.join(tmp, "profile"), "--window-size=1400,2000",
                 f"--screenshot={shot}", page)
        t.check(png_size(shot) == (1400, 2000),
                f"a 1400x2000 screenshot was taken ({png_size(shot)})")
        pdf = os.path.join(tmp, "page.pdf")
        chromium(os.path.join(tmp, "profile"), "--no-pdf-header-footer",
                 f"--print-to-pdf={pdf}", page)
        check_pdf(t, pdf, len(files))
        # English
        out_en = os.path.join(tmp, "en")
        common.evaluate(cloudvet, src, out_en, "--format", "html",
                        "--lang", "en")
        proc = chromium(os.path.join(tmp, "profile"), "--dump-dom",
                        "file://" + os.path.join(out_en, "report.html"))
        dom = common.parse_html(proc.stdout)
        t.check(dom.find("html").attrs.get("lang") == "en",
                "--lang en renders an English page")
        t.check("disqualified" in dom.find("table", id="comparison-table")
                .text(), "the English comparison says disqualified")
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
