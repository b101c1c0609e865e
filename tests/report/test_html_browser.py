# SPDX-License-Identifier: MIT
"""report.html rendered in headless Chromium (Debian's chromium, Japanese
fonts from fonts-noto-cjk): the DOM after rendering, a screenshot and the
printed PDF are checked, for the samples plus a hostile submission, checked
against an ISMAP list (one of its rows hostile text); the registry note and
every registry check are compared with report.json. The English run has no
registry (the page must say so), and a run with --online (the hostile
bid's host pinned to loopback: no network) shows its link checks.

usage: test_html_browser.py CLOUDVET SRC_DIR"""
import json
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


def check_dom(t, dom, files, report):
    nbids = len(files)
    want = sum(s["verdict"] == "disqualified" for s in report["submissions"])
    table = dom.find("table", id="comparison-table")
    t.check(table is not None, "the comparison table is rendered")
    if table is None:
        return
    head = table.find("thead")
    bids = list(head.find_all("th", cls="bid"))
    t.check(len(bids) == nbids,
            f"one bid column per input: {len(bids)} == {nbids}")
    disq = [b for b in bids if "v-disqualified" in b.classes()]
    t.check(want > 0 and len(disq) == want,
            f"{want} disqualified bid columns as in report.json, got "
            f"{len(disq)}")
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


def text_of(node):
    return node.text() if node is not None else None


def check_registry_note(t, dom, report, lang):
    reg = report["registry"]
    note = dom.find("dd", id="registry-note")
    t.check(note is not None, f"{lang}: the summary has the registry note")
    if note is None:
        return
    text = note.text()
    t.check(common.display(reg["message"]) in text,
            f"{lang}: the registry note says report.json's message")
    if not reg["checked"]:
        t.check("reg-unchecked" in note.classes() and
                "reg-warn" in note.classes(),
                f"{lang}: a registry not checked is boxed as a warning")
        word = "未照合" if lang == "ja" else "not checked"
        t.check(note.find("strong") is not None and
                word in note.find("strong").text(),
                f"{lang}: 'not checked' is said in so many words")
    else:
        want = "reg-stale" if reg["stale"] else "reg-checked"
        t.check(want in note.classes(), f"{lang}: the note is {want}")
        t.check(("reg-warn" in note.classes()) == reg["stale"],
                f"{lang}: a stale list, and only that, is boxed")
        t.check(reg["snapshot"] in text and reg["as_of"] in text,
                f"{lang}: the note names the snapshot and its date")
    online = dom.find("dd", id="online-note")
    t.check(online is not None and
            ("online" if report["online"] else "offline") in
            online.classes(), f"{lang}: the summary says whether links "
            "were checked online")


def check_registry_checks(t, dom, report, lang):
    """Each bid's section shows each of its registry checks, as in the
    JSON: the claim, the outcome (word and symbol), the list's row."""
    words = common.REG_WORDS[lang]
    shown = 0
    for i, s in enumerate(report["submissions"], 1):
        section = dom.find("section", id=f"bid-{i}")
        if section is None:
            t.check(False, f"{lang}: section bid-{i}")
            continue
        table = section.find("table", cls="regchecks")
        rows = list(table.find_all("tr", cls="regcheck")) if table else []
        checks = s["registry_checks"]
        if s["results"]:
            t.check(section.find("h3", id=f"b{i}-registry") is not None,
                    f"{lang}: bid {i} has its registry check heading")
        t.check(len(rows) == len(checks),
                f"{lang}: bid {i}: {len(rows)} registry rows == "
                f"{len(checks)} checks")
        if not checks and s["results"]:
            t.check(section.find("p", cls="regchecks-none") is not None,
                    f"{lang}: bid {i} says it claims no ISMAP registration")
        for row, c in zip(rows, checks):
            what = f"{lang}: bid {i} certification {c['certification']}"
            t.check(row.attrs.get("data-outcome") == c["outcome"],
                    f"{what}: outcome {c['outcome']}")
            t.check(row.attrs.get("id") ==
                    f"b{i}-reg-{c['certification']}", f"{what}: its id")
            claim = text_of(row.find("span", cls="claim-id"))
            t.check(claim == common.display(f"{c['scheme']} "
                                            f"{c['number'] or '–'}"),
                    f"{what}: the claim is shown ({claim!r})")
            out = row.find("td", cls="out")
            t.check(out is not None and words[c["outcome"]] in out.text()
                    and out.find("span", cls="sym") is not None and
                    out.find("span", cls="sym").text().strip() != "",
                    f"{what}: the outcome in words with a symbol")
            t.check(common.display(c["message"]) ==
                    text_of(row.find("td", cls="message")),
                    f"{what}: the finding as in report.json")
            r = c["registry_row"]
            if r is None:
                t.check(row.find("td", cls="rr-none") is not None,
                        f"{what}: no list row, a dash")
                continue
            t.check(text_of(row.find("dd", cls="rr-row")) == str(r["row"]),
                    f"{what}: the list's row number")
            for key in ("number", "service", "provider", "scheme",
                        "registered", "expires"):
                got = text_of(row.find("dd", cls=f"rr-{key}"))
                t.check(got == common.display(r[key] or "–"),
                        f"{what}: the list's {key} ({got!r})")
            shown += 1
    return shown


def check_hostile_registry_row(t, dom, raw):
    cells = [n for n in dom.find_all("dd", cls="rr-service")
             if "alert('reg')" in n.text()]
    t.check(len(cells) == 1, "the hostile registry row is shown")
    if cells:
        text = cells[0].text()
        t.check(text == common.display(common.HOSTILE_SERVICE),
                "its markup and formula are text, its U+202E visible")
        t.check(cells[0].find("script") is None, "no element from it")
    t.check("&lt;script&gt;alert(&#39;reg&#39;)&lt;/script&gt;" in raw,
            "the registry row's markup is escaped in the file")
    t.check("<script>alert('reg')" not in raw, "and never raw")


def check_link_checks(t, dom, report):
    """--online: the summary says so, and each bid's link table has one
    row per link check of report.json; a blocked URL is never a link."""
    check_registry_note(t, dom, report, "ja")
    for i, s in enumerate(report["submissions"], 1):
        links = s["link_checks"]
        t.check(links is not None, f"bid {i}: link_checks given")
        table = dom.find("section", id=f"bid-{i}").find("table", cls="links")
        t.check(dom.find("h3", id=f"b{i}-links") is not None,
                f"bid {i}: a link check heading")
        rows = list(table.find_all("tr", cls="link")) if table else []
        t.check(len(rows) == len(links or []) and rows,
                f"bid {i}: {len(rows)} link rows == {len(links or [])}")
        for row, c in zip(rows, links or []):
            outcome = c["outcome"] if c["checked"] else "not_checked"
            t.check(row.attrs.get("data-outcome") == outcome,
                    f"{c['url']}: outcome {outcome}")
            first = row.find("td")
            t.check(common.display(c["url"]) in first.text(),
                    f"{c['url']}: the URL is shown")
            a = first.find("a")
            if outcome == "blocked" or not c["url"].startswith(
                    ("http://", "https://")):
                t.check(a is None, f"{c['url']}: not a link ({outcome})")
            status = row.find("td", cls="http").text()
            t.check(status == (str(c["http_status"])
                               if c.get("http_status") else "–"),
                    f"{c['url']}: HTTP status {status}")
            t.check(text_of(row.find("td", cls="message")) ==
                    common.display(c["message"]),
                    f"{c['url']}: the finding as in report.json")
    blocked = [r for r in dom.find_all("tr", cls="link")
               if r.attrs.get("data-outcome") == "blocked"]
    t.check(blocked, "the loopback-pinned links are blocked, not fetched")
    final = [a for r in dom.find_all("td", cls="final")
             for a in r.find_all("a")]
    t.check(not final, "a final URL is never a link")


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
        registry = common.write_registry(os.path.join(tmp, "registry"))
        code, files = common.evaluate(cloudvet, src, out, "--format",
                                      "html,json", registry=registry)
        t.check(code == 3, f"exit 3 (one input is unreadable), got {code}")
        page = "file://" + os.path.join(out, "report.html")
        with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
            raw = f.read()
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        proc = chromium(os.path.join(tmp, "profile"), "--dump-dom", page)
        dom = common.parse_html(proc.stdout)
        t.check(dom.find("html") is not None and
                dom.find("html").attrs.get("lang") == "ja",
                "Chromium rendered a Japanese page")
        check_dom(t, dom, files, report)
        check_injection(t, dom, raw)
        t.check(report["registry"]["checked"], "the test list was used")
        check_registry_note(t, dom, report, "ja")
        shown = check_registry_checks(t, dom, report, "ja")
        t.check(shown >= 5, f"the registry rows are shown ({shown})")
        outcomes = {o["outcome"] for s in report["submissions"]
                    for o in s["registry_checks"]}
        t.check({"registered", "other_service", "expired",
                 "scheme_mismatch"} <= outcomes,
                f"the test list gives varied outcomes ({sorted(outcomes)})")
        check_hostile_registry_row(t, dom, raw)
        t.check(dom.find("table", cls="links") is None,
                "no link table without --online")
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
        # English, without a registry: the page says it was not checked.
        out_en = os.path.join(tmp, "en")
        common.evaluate(cloudvet, src, out_en, "--format", "html,json",
                        "--lang", "en")
        with open(os.path.join(out_en, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        proc = chromium(os.path.join(tmp, "profile"), "--dump-dom",
                        "file://" + os.path.join(out_en, "report.html"))
        dom = common.parse_html(proc.stdout)
        t.check(dom.find("html").attrs.get("lang") == "en",
                "--lang en renders an English page")
        t.check("disqualified" in dom.find("table", id="comparison-table")
                .text(), "the English comparison says disqualified")
        t.check(not report["registry"]["checked"],
                "--no-registry: the registry was not checked")
        check_registry_note(t, dom, report, "en")
        check_registry_checks(t, dom, report, "en")
        t.check(all(o["outcome"] == "not_checked"
                    for s in report["submissions"]
                    for o in s["registry_checks"]),
                "without a list every claim is not_checked")
        # --online, the hostile bid alone (no network: see ONLINE_OFFLINE),
        # against the list, which is 20 days old: past a limit of 5.
        out_on = os.path.join(tmp, "online")
        common.evaluate(cloudvet, src, out_on, "--format", "html,json",
                        "--registry-max-age", "5", *common.ONLINE_OFFLINE,
                        files=[common.hostile_input(src)], registry=registry)
        with open(os.path.join(out_on, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        with open(os.path.join(out_on, "report.html"), encoding="utf-8") as f:
            raw = f.read()
        t.check(report["online"], "--online is in report.json")
        t.check(report["registry"]["stale"], "the list is stale at 5 days")
        dom = common.parse_html(raw)
        check_link_checks(t, dom, report)
        t.check("javascript:alert(document.cookie)" in dom.text() and
                not any(a.attrs.get("href", "").startswith("javascript")
                        for a in dom.find_all("a")),
                "the javascript: URL is listed as text")
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
